/*
 * One core's float32 FMA peak at each vector width this CPU runs: 128-bit (what wasm SIMD has),
 * 256-bit (AVX2) and 512-bit (AVX-512, what PyTorch's oneDNN/MKL kernels use here).
 * 12 independent accumulators per loop hide the FMA latency; the result is stored so nothing is
 * optimised away. Built and run by fma-peak.ts: gcc -O2 fma-peak.c (the unrolled loop keeps
 * the accumulators in registers).
 */
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

#define ITER 20000000L
#define RUNS 5
static volatile float sink;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

#define PEAK(NAME, TARGET, T, SET1, FMA, CVT)                                   \
  __attribute__((target(TARGET))) static double NAME(void) {                  \
    T a = SET1(1.0000001f), b = SET1(0.9999999f), c[12];                     \
    for (int k = 0; k < 12; k++) c[k] = SET1((float)k);                         \
    double t0 = now();                                                          \
    for (long i = 0; i < ITER; i++) {                                           \
      _Pragma("GCC unroll 12") for (int k = 0; k < 12; k++) c[k] = FMA(a, c[k], b); \
    }                                                                           \
    double t = now() - t0;                                                      \
    for (int k = 1; k < 12; k++) c[0] = FMA(a, c[0], c[k]);                     \
    sink = CVT(c[0]);                                                           \
    return 12.0 * ITER * 2 * (sizeof(T) / 4) / t / 1e9;                          \
  }

PEAK(peak128, "fma", __m128, _mm_set1_ps, _mm_fmadd_ps, _mm_cvtss_f32)
PEAK(peak256, "avx2,fma", __m256, _mm256_set1_ps, _mm256_fmadd_ps, _mm256_cvtss_f32)
PEAK(peak512, "avx512f", __m512, _mm512_set1_ps, _mm512_fmadd_ps, _mm512_cvtss_f32)

static void report(const char *name, double (*f)(void)) {
  double g[RUNS], best = 0;
  f(); /* warm-up: clocks up, pages in */
  for (int r = 0; r < RUNS; r++) g[r] = f(), best = g[r] > best ? g[r] : best;
  for (int i = 0; i < RUNS; i++) for (int j = i + 1; j < RUNS; j++) if (g[j] < g[i]) { double s = g[i]; g[i] = g[j]; g[j] = s; }
  printf("native %-8s FMA: median %6.1f GFLOP/s, best %6.1f (1 thread, %d runs)\n", name, g[RUNS / 2], best, RUNS);
}

int main(void) {
  report("128-bit", peak128);
  report("256-bit", peak256);
  if (__builtin_cpu_supports("avx512f")) report("512-bit", peak512);
  return 0;
}
