#!/usr/bin/env bash
# A WebGPU adapter for machines without a GPU: Mesa 25 lavapipe (Vulkan on the CPU) from Debian's
# bookworm-backports, unpacked into a git-ignored cache. Dawn rejects Debian 12's own lavapipe
# (Mesa 22.3 lacks the dynamic indexing it requires); Mesa 25's passes. Correct and slow: for tests.
#
#   tools/software-adapter.sh            fetch it once (cached), then print the adapter Dawn sees
#   tools/software-adapter.sh env        print the exports that select it: eval "$(tools/software-adapter.sh env)"
#   tools/software-adapter.sh run CMD..  run CMD with it selected
#
# Nothing of the system changes except the Vulkan loader (libvulkan1), installed with apt-get where
# it is missing. The packages come through a private APT_CONFIG (its own sources list, lists and
# archives under the cache), `apt-get download` and `dpkg -x`; the ICD json names the unpacked
# libvulkan_lvp.so by absolute path, and VK_ICD_FILENAMES makes it the only driver the loader sees.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${SOFTWARE_ADAPTER_CACHE:-$root/.cache/software-adapter}"
icd="$cache/lvp_icd.json"
# shellcheck source=tools/private-apt.sh
. "$root/tools/private-apt.sh"

say() { echo "software-adapter: $*" >&2; }
die() { say "$*"; exit 1; }

exports() {
  echo "export VK_ICD_FILENAMES='$icd'"
  # lavapipe's window-system code complains on stderr when this is unset (CI, containers); it draws nothing.
  [ -n "${XDG_RUNTIME_DIR:-}" ] || echo "export XDG_RUNTIME_DIR='$cache/xdg-runtime'"
}

ensure_vulkan_loader() {
  # ldconfig lives in /sbin, off a plain user's PATH.
  if { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libvulkan\.so\.1 '; then return; fi
  say "the Vulkan loader (libvulkan1) is missing: installing it with apt-get"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="$(command -v sudo || true)"
  [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ] || die "libvulkan1 is missing and this user cannot install it: run 'apt-get install libvulkan1' as root, then again"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends libvulkan1 >/dev/null ||
    die "apt-get install libvulkan1 failed: install the Vulkan loader by hand, then run this again"
}

# Unpacked libraries are not on the dynamic linker's path: where lavapipe needs one the system lacks,
# every unpacked library gets RUNPATH=$ORIGIN so that they find each other (patchelf, fetched the same way).
link_unpacked() {
  local lib="$1" apt="$2" patchelf
  patchelf="$(command -v patchelf || true)"
  if [ -z "$patchelf" ]; then
    in_private_apt "$apt" apt-get download -qq patchelf || die "apt-get download patchelf failed"
    dpkg -x "$apt"/patchelf_*.deb "$apt/patchelf"
    patchelf="$apt/patchelf/usr/bin/patchelf"
  fi
  find "$lib" -maxdepth 1 -type f -name '*.so*' -exec "$patchelf" --set-rpath '$ORIGIN' {} \;
}

install_adapter() {
  command -v apt-get >/dev/null || die "needs apt-get and dpkg (Debian 12 or a derivative); elsewhere install Mesa >= 24 lavapipe and set VK_ICD_FILENAMES"
  local work="$cache.partial"
  rm -rf "$work" && mkdir -p "$work/root"
  say "fetching Mesa 25 lavapipe from bookworm-backports into $cache"
  private_apt "$work/apt" || die "cannot fetch from bookworm-backports (see above)"
  # What installing it would bring here: lavapipe, newer libdrm, and any library this machine lacks.
  local packages
  packages="$(in_private_apt "$work/apt" apt-get -s install mesa-vulkan-drivers/bookworm-backports 2>/dev/null |
    sed -nE 's/^Inst ([^ ]+) (\[[^]]*\] )?\(([^ ]+) .*/\1=\3/p' | grep -v '^libvulkan1=' || true)"
  [ -n "$packages" ] || die "apt-get found no mesa-vulkan-drivers in bookworm-backports"
  # shellcheck disable=SC2086 # one package per word
  in_private_apt "$work/apt" apt-get download -qq $packages || die "apt-get download failed: $packages"
  for deb in "$work"/apt/*.deb; do dpkg -x "$deb" "$work/root"; done
  local lvp
  lvp="$(find "$work/root" -name libvulkan_lvp.so | head -n 1)"
  [ -n "$lvp" ] || die "the unpacked mesa-vulkan-drivers holds no libvulkan_lvp.so"
  if [ "$(echo "$packages" | grep -cvE '^(mesa-vulkan-drivers|libdrm[^=]*)=')" -gt 0 ]; then link_unpacked "$(dirname "$lvp")" "$work/apt"; fi
  if ldd "$lvp" | grep -q 'not found'; then die "lavapipe still misses libraries: $(ldd "$lvp" | grep 'not found' | tr -s ' \t\n' ' ')"; fi
  local final_lvp="$cache${lvp#"$work"}"
  sed "s#\"library_path\": *\"[^\"]*\"#\"library_path\": \"$final_lvp\"#" "$(find "$work/root" -name lvp_icd.json | head -n 1)" >"$work/lvp_icd.json"
  mkdir -p "$work/xdg-runtime" && chmod 700 "$work/xdg-runtime"
  # Only lavapipe is wanted; the hardware drivers of the same package are most of its size.
  find "$work/root" \( -name 'libvulkan_*.so' ! -name libvulkan_lvp.so \) -delete
  rm -rf "$work/root/usr/share/vulkan" "$work/apt/lists" "$work/apt/archives" "$work"/apt/*.deb
  rm -rf "$cache" && mv "$work" "$cache" # whole or not at all: a half-fetched cache is never used
}

# Fetched, and still where the ICD says (a moved checkout fetches again).
installed() { [ -f "$icd" ] && [ -f "$(sed -n 's/.*"library_path": *"\([^"]*\)".*/\1/p' "$icd")" ]; }

case "${1:-install}" in
  install)
    ensure_vulkan_loader
    installed || install_adapter
    if [ -d "$root/node_modules/webgpu" ]; then
      eval "$(exports)"
      node --import tsx "$root/tools/webgpu-adapter.ts" || die "Dawn does not accept the software adapter in $cache (delete the folder to fetch it again)"
    else
      say "ready in $cache (npm ci, then run this again to see the adapter Dawn reports)"
    fi
    ;;
  env)
    installed || die "not fetched yet: run tools/software-adapter.sh first"
    exports
    ;;
  run)
    shift
    installed || die "not fetched yet: run tools/software-adapter.sh first"
    [ "$#" -gt 0 ] || die "usage: tools/software-adapter.sh run COMMAND [ARGS...]"
    eval "$(exports)"
    exec "$@"
    ;;
  -h | --help)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  *) die "unknown command '$1' (install, env, run, --help)" ;;
esac
