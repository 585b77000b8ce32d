/*
 * Does a memory-bound pass get faster with a second core on this machine? c = a + b over float32
 * arrays the size of ResNet-20's activations at batch 128 (stage 3, 2, 1: 2, 4, 8 MiB each) and
 * one far past the L3 (64 MiB), in chunks of 16384 values as our elementwise kernels take them,
 * claimed one at a time (as the kernel threads claim calls) or split in contiguous halves.
 * Prints the wall time per pass (median of 40) and each thread's time per chunk.
 *   gcc -O3 -march=native -fopenmp -o /tmp/stream-scaling packages/backend/bench/stream-scaling.c
 *   OMP_NUM_THREADS=1 /tmp/stream-scaling; OMP_NUM_THREADS=2 /tmp/stream-scaling
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#define CHUNK 16384
#define REPS 40

static int by_value(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return (a > b) - (a < b);
}

static void pass(const float *a, const float *b, float *c, size_t chunks, int dynamic, double *busy, long *taken) {
#pragma omp parallel
  {
    int t = omp_get_thread_num();
    if (dynamic) {
#pragma omp for schedule(dynamic, 1)
      for (size_t k = 0; k < chunks; k++) {
        double t0 = omp_get_wtime();
        for (size_t i = k * CHUNK; i < (k + 1) * CHUNK; i++) c[i] = a[i] + b[i];
        busy[t] += omp_get_wtime() - t0, taken[t]++;
      }
    } else {
#pragma omp for schedule(static)
      for (size_t k = 0; k < chunks; k++) {
        double t0 = omp_get_wtime();
        for (size_t i = k * CHUNK; i < (k + 1) * CHUNK; i++) c[i] = a[i] + b[i];
        busy[t] += omp_get_wtime() - t0, taken[t]++;
      }
    }
  }
}

int main(void) {
  const size_t mib[] = {2, 4, 8, 64};
  printf("threads %d\n", omp_get_max_threads());
  for (size_t s = 0; s < sizeof mib / sizeof mib[0]; s++) {
    size_t n = mib[s] << 18; /* floats in mib[s] MiB */
    float *a = aligned_alloc(64, n * 4), *b = aligned_alloc(64, n * 4), *c = aligned_alloc(64, n * 4);
    for (size_t i = 0; i < n; i++) a[i] = (float)i, b[i] = 2.0f * i, c[i] = 0;
    for (int dynamic = 1; dynamic >= 0; dynamic--) {
      double wall[REPS], busy[64] = {0};
      long taken[64] = {0};
      for (int r = 0; r < REPS; r++) {
        double t0 = omp_get_wtime();
        pass(a, b, c, n / CHUNK, dynamic, busy, taken);
        wall[r] = omp_get_wtime() - t0;
      }
      qsort(wall, REPS, sizeof wall[0], by_value);
      printf("%3zu MiB x3, %-15s %.3f ms per pass (%.1f GB/s)", mib[s], dynamic ? "claimed chunks:" : "halves:", 1e3 * wall[REPS / 2], 3.0 * n * 4 / wall[REPS / 2] / 1e9);
      for (int t = 0; t < omp_get_max_threads() && t < 64; t++) printf("  thread %d %.2f us/chunk", t, 1e6 * busy[t] / (taken[t] ? taken[t] : 1));
      printf("  (c[1] = %g)\n", c[1]);
    }
    free(a), free(b), free(c);
  }
  return 0;
}
