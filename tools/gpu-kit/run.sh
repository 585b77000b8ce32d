#!/usr/bin/env bash
# The GPU benchmark kit's entry point (built by tools/gpu-kit/build.sh; needs bash, coreutils and
# xz or python3, nothing else): neon's cifar10_msra table on this machine's GPU, this project on
# webgpu beside PyTorch on CUDA and neon's TITAN X figures.
#
#   run.sh OUTDIR [--depths 3,5,9,18] [--batch-size 128] [--steps 5] [--budget 450]
#
# Prints the GPU (nvidia-smi), the Vulkan drivers and the WebGPU adapter; times each depth on
# webgpu in a process of its own (median of --steps, memory per nvidia-smi and tfjs's GPU buffers),
# then PyTorch on CUDA where python3 has it; writes OUTDIR/benchmark.json, benchmark.md and run.log.
# Each part that cannot run says why in one line and the others still run; the whole stays within
# --budget seconds (each depth gets a share by its size, PyTorch and the table keep 90 s).
# Exit 0 when every part ran, 1 when one did not (what was measured is still written), 2 on bad usage.
set -uo pipefail

usage="usage: run.sh OUTDIR [--depths 3,5,9,18] [--batch-size 128] [--steps 5] [--budget 450]"
[ $# -ge 1 ] && [ "${1#-}" = "$1" ] || { echo "$usage" >&2; exit 2; }
out="$1"
shift
depths=3,5,9,18 batch=128 steps=5 budget=450
while [ $# -gt 0 ]; do
  case "$1" in
    --depths | --batch-size | --steps | --budget)
      [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "run.sh: $1 needs a number (--depths: a list, e.g. 3,5)" >&2; exit 2; }
      case "$1" in --depths) depths="$2" ;; --batch-size) batch="$2" ;; --steps) steps="$2" ;; --budget) budget="$2" ;; esac
      shift 2 ;;
    *) echo "run.sh: unknown option '$1'; $usage" >&2; exit 2 ;;
  esac
done
kit="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$out" && out="$(cd "$out" && pwd)" || { echo "run.sh: cannot create $out" >&2; exit 2; }
exec > >(tee "$out/run.log") 2>&1
started=$(date +%s)
elapsed() { echo $(($(date +%s) - started)); }
section() { printf '\n== %s (%s s)\n' "$*" "$(elapsed)"; }

section "kit"
cat "$kit/VERSION"
# A scratch copy, so that the kit itself is never written to (it may sit on a read-only tree).
work="$(mktemp -d "${TMPDIR:-/tmp}/gpu-kit.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -R "$kit/." "$work/"
unxz_to() {
  if command -v xz >/dev/null; then xz -dc "$1" >"$2"
  else python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"; fi
}
mkdir -p "$work/bin"
unxz_to "$work/node.xz" "$work/bin/node" && chmod +x "$work/bin/node" || { echo "run.sh: cannot unpack Node (needs xz or python3)"; exit 1; }
unxz_to "$work/node_modules/webgpu/dist/linux-x64/dawn.node.xz" "$work/node_modules/webgpu/dist/linux-x64/dawn.node" || { echo "run.sh: cannot unpack dawn.node"; exit 1; }
node="$work/bin/node"
app="$work/apps/benchmark-app/src/main.mjs"
data="$work/data/cifar10-records"
# The kit's Vulkan loader serves where the system has none; a system one comes first.
export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$work/lib"
echo "node $("$node" --version) at $node"

section "GPU (nvidia-smi)"
if command -v nvidia-smi >/dev/null; then nvidia-smi; else echo "nvidia-smi: not found (no NVIDIA driver here)"; fi

section "Vulkan drivers"
icds=$(ls /usr/share/vulkan/icd.d/*.json /etc/vulkan/icd.d/*.json /usr/local/share/vulkan/icd.d/*.json 2>/dev/null)
echo "ICD files: ${icds:-none in /usr/share, /etc, /usr/local/share}"
echo "VK_ICD_FILENAMES=${VK_ICD_FILENAMES:-} VK_DRIVER_FILES=${VK_DRIVER_FILES:-}"
if command -v vulkaninfo >/dev/null; then vulkaninfo --summary 2>&1 | sed -n '/^Devices:/,$p'; fi

section "WebGPU adapter"
cat >"$work/adapter.mjs" <<'EOF'
import { create } from 'webgpu';
const adapter = await create([]).requestAdapter({ powerPreference: 'high-performance' });
if (!adapter) { console.log('no WebGPU adapter'); process.exit(1); }
const i = adapter.info;
console.log(`${i.vendor} ${i.architecture} (${i.description || i.device})${i.isFallbackAdapter ? ', software adapter' : ''}`);
process.exit(0);
EOF
adapter() { (cd "$work" && timeout 60 "$node" adapter.mjs); }
webgpu=yes
if ! adapter; then
  nvidia_icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  if [ -z "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" ] && [ -f "$nvidia_icd" ]; then
    echo "trying NVIDIA's driver with VK_DRIVER_FILES=$nvidia_icd"
    export VK_DRIVER_FILES="$nvidia_icd"
    adapter || webgpu=no
  else
    webgpu=no
  fi
fi

# Whole-GPU memory while a command runs, minus before (nvidia-smi memory.used, MiB): the lease is
# this run's alone, and it measures where nvidia-smi lists no process (containers).
gpu_used() { nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits 2>/dev/null | head -n 1 | tr -dc 0-9; }
with_gpu_memory() {
  local label="$1"; shift
  if ! command -v nvidia-smi >/dev/null; then "$@"; return; fi
  local before samples="$work/gpu-$label.txt" sampler status
  before="$(gpu_used)"
  nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 250 >"$samples" 2>/dev/null & sampler=$!
  "$@"; status=$?
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null
  local peak
  peak="$(awk -F, '{ if ($1 + 0 > max) max = $1 + 0 } END { print max + 0 }' "$samples")"
  [ -z "$before" ] || echo "| $label | ${before} MiB | ${peak} MiB | $((peak - before)) MiB |" >>"$work/gpu-memory.md"
  return $status
}

reports=()
failed=0
section "this project on webgpu (batch $batch, $steps timed steps per depth)"
if [ "$webgpu" = no ]; then
  echo "webgpu: no WebGPU adapter here (see above); skipped"
  failed=1
else
  left=0
  for n in ${depths//,/ }; do left=$((left + n)); done
  for n in ${depths//,/ }; do
    # What is left of the budget, less 90 s for PyTorch and the table, shared by depth.
    share=$(((budget - $(elapsed) - 90) * n / left))
    left=$((left - n))
    if [ "$share" -lt 20 ]; then echo "n=$n: skipped, the --budget of $budget s is spent"; failed=1; continue; fi
    echo "n=$n: at most $share s"
    with_gpu_memory "webgpu n=$n" timeout -k 10 "$share" "$node" "$app" --backend=webgpu --depths="$n" --batch-size="$batch" \
      --steps="$steps" --warmup=1 --bare-steps=2 --forward-steps=2 --data-dir="$data" --out="$out/webgpu-n$n"
    status=$?
    [ "$status" -eq 0 ] || failed=1
    [ "$status" -ne 124 ] && [ "$status" -ne 137 ] || echo "n=$n: timed out after $share s"
    [ ! -f "$out/webgpu-n$n/benchmark.json" ] || reports+=("$out/webgpu-n$n/benchmark.json")
  done
fi

section "PyTorch on CUDA"
if command -v python3 >/dev/null; then
  with_gpu_memory "PyTorch" timeout -k 10 $((budget - $(elapsed) - 15 > 30 ? budget - $(elapsed) - 15 : 30)) "$node" "$app" --pytorch-only \
    --pytorch-device=cuda --pytorch-threads=1 --python=python3 --depths="$depths" --batch-size="$batch" --steps="$steps" --out="$out/pytorch" ||
    failed=1
  [ ! -f "$out/pytorch/benchmark.json" ] || reports+=("$out/pytorch/benchmark.json")
else
  echo "PyTorch: python3 not found; skipped"
  failed=1
fi

section "table"
if [ "${#reports[@]}" -eq 0 ]; then
  echo "nothing was measured (see above)"
  exit 1
fi
(IFS=,; "$node" "$app" --from="${reports[*]}" --out="$out") || failed=1
if [ -f "$work/gpu-memory.md" ]; then
  {
    echo
    echo "Whole-GPU memory (nvidia-smi memory.used, sampled every 250 ms; this run had the GPU to itself):"
    echo
    echo "| part | before | peak | peak - before |"
    echo "|---|---:|---:|---:|"
    cat "$work/gpu-memory.md"
  } | tee -a "$out/benchmark.md"
fi
echo "wrote $out/benchmark.json, $out/benchmark.md, $out/run.log in $(elapsed) s"
exit "$failed"
