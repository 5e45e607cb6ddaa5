#!/usr/bin/env bash
# A second, much newer lavapipe for the conformance tests: Mesa's Vulkan drivers from bookworm-backports,
# extracted into .cache/lavapipe-backports/ and never installed over the system's. apt-get runs with an
# apt configuration of its own (its source list, lists and cache live under the same folder), so the
# system's sources and package state are untouched. The driver is then loaded through its own ICD JSON
# (absolute path) with the extracted libraries first on LD_LIBRARY_PATH:
#
#   LD_LIBRARY_PATH=.cache/lavapipe-backports/root/usr/lib/x86_64-linux-gnu \
#   VK_ICD_FILENAMES=.cache/lavapipe-backports/lvp_icd.json vk-extmem conform
#
# The versions are pinned: the conformance data under test/fixtures/drivers/ is per driver version.
set -euo pipefail
cd "$(dirname "$0")/.."

MESA=25.0.7-2~bpo12+1
DRM=2.4.123-1~bpo12+1
dir=.cache/lavapipe-backports
icd="$dir/lvp_icd.json"
lib="$PWD/$dir/root/usr/lib/x86_64-linux-gnu"

if [ -f "$icd" ] && [ -f "$lib/libvulkan_lvp.so" ] && grep -q "$MESA" "$dir/version" 2>/dev/null; then
  echo "lavapipe-backports: $MESA already in $dir"
  exit 0
fi
rm -rf "$dir"
mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial" "$dir/debs" "$dir/root"
echo "deb http://deb.debian.org/debian bookworm-backports main" > "$dir/apt/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$PWD/$dir/apt/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$PWD/$dir/apt/lists" -o "Dir::Cache=$PWD/$dir/apt/cache")
# As root, apt would hand the downloads to its sandbox user, who cannot write into this folder.
if [ "$(id -u)" = 0 ]; then apt_opts+=(-o "APT::Sandbox::User=root"); fi
apt-get "${apt_opts[@]}" update -qq
(cd "$dir/debs" && apt-get "${apt_opts[@]}" download -qq "mesa-vulkan-drivers=$MESA" "libdrm2=$DRM" "libdrm-amdgpu1=$DRM") || {
  echo "lavapipe-backports: could not download mesa-vulkan-drivers $MESA (and libdrm $DRM) from bookworm-backports;" \
       "if backports moved on, update the versions here and the conformance data in test/fixtures/drivers/" >&2
  exit 1
}
for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
[ -f "$lib/libvulkan_lvp.so" ] || { echo "lavapipe-backports: libvulkan_lvp.so is not in the extracted package" >&2; exit 1; }
# The package's ICD JSON names the library by file name only; ours names the extracted one.
api=$(sed -n 's/.*"api_version": *"\([^"]*\)".*/\1/p' "$dir/root/usr/share/vulkan/icd.d/lvp_icd.json")
printf '{\n    "file_format_version": "1.0.0",\n    "ICD": {\n        "library_path": "%s",\n        "api_version": "%s"\n    }\n}\n' "$lib/libvulkan_lvp.so" "$api" > "$icd"
echo "$MESA" > "$dir/version"
echo "lavapipe-backports: mesa-vulkan-drivers $MESA extracted into $dir"
