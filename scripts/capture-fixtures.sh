#!/usr/bin/env bash
# Regenerates test/fixtures/captures/<scenario>.jsonl.
#
# Builds test/fixtures/capture/extmem_probe.c into a temporary directory, runs
# every scenario under the gfxreconstruct capture layer on lavapipe (Mesa's CPU
# Vulkan driver) and converts each capture to JSON Lines with gfxrecon-convert.
#
# Needs: gcc, the Vulkan headers and loader (libvulkan-dev), lavapipe
# (mesa-vulkan-drivers), gfxreconstruct (layer + gfxrecon-convert).
#
# Usage: scripts/capture-fixtures.sh [scenario ...]   (default: all scenarios)
# Environment: LVP_ICD overrides the lavapipe ICD manifest path; CAPTURE_OUT the output folder.
set -euo pipefail

die() {
    echo "capture-fixtures: error: $*" >&2
    exit 1
}

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src="$repo_root/test/fixtures/capture/extmem_probe.c"
out_dir="${CAPTURE_OUT:-$repo_root/test/fixtures/captures}"
lvp_icd="${LVP_ICD:-/usr/share/vulkan/icd.d/lvp_icd.x86_64.json}"

all_scenarios=(
    valid-buffer
    valid-dedicated-image
    valid-host-pointer
    misuse-import-size
    misuse-export-type
    misuse-bind-handle-types
    misuse-host-pointer-align
)
if [ "$#" -gt 0 ]; then
    scenarios=("$@")
else
    scenarios=("${all_scenarios[@]}")
fi

# --- prerequisites --------------------------------------------------------
command -v gcc >/dev/null 2>&1 || die "gcc not found (apt-get install gcc)"
command -v gfxrecon-convert >/dev/null 2>&1 ||
    die "gfxrecon-convert not found (apt-get install gfxreconstruct)"
[ -f "$lvp_icd" ] ||
    die "lavapipe ICD manifest not found at $lvp_icd (apt-get install mesa-vulkan-drivers, or set LVP_ICD)"
[ -f /usr/include/vulkan/vulkan.h ] ||
    die "Vulkan headers not found (apt-get install libvulkan-dev)"
[ -f "$src" ] || die "probe source not found: $src"

layer_found=
for d in ${VK_LAYER_PATH:+${VK_LAYER_PATH//:/ }} /usr/share/vulkan/explicit_layer.d /usr/local/share/vulkan/explicit_layer.d \
    /etc/vulkan/explicit_layer.d; do
    if [ -f "$d/VkLayer_gfxreconstruct.json" ]; then
        layer_found=$d
        break
    fi
done
[ -n "$layer_found" ] ||
    die "gfxreconstruct capture layer manifest (VkLayer_gfxreconstruct.json) not found (apt-get install gfxreconstruct)"

for s in "${scenarios[@]}"; do
    found=
    for a in "${all_scenarios[@]}"; do
        [ "$s" = "$a" ] && found=1
    done
    [ -n "$found" ] || die "unknown scenario '$s' (known: ${all_scenarios[*]})"
done

# --- build ----------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/vk-extmem-capture.XXXXXX")
trap 'rm -rf "$work"' EXIT

gcc -std=c11 -Wall -Wextra -Werror -O1 "$src" -o "$work/extmem_probe" -lvulkan ||
    die "building $src failed"

# Lavapipe must be usable on its own before we capture anything.
if ! VK_ICD_FILENAMES="$lvp_icd" "$work/extmem_probe" valid-buffer >"$work/smoke.out" 2>"$work/smoke.err"; then
    cat "$work/smoke.out" "$work/smoke.err" >&2
    die "the probe does not run on lavapipe ($lvp_icd); is mesa-vulkan-drivers installed?"
fi

mkdir -p "$out_dir"

# --- capture + convert ----------------------------------------------------
for s in "${scenarios[@]}"; do
    rm -f "$work/$s.gfxr" "$work/$s.jsonl"
    # Run inside $work with relative file names so that the JSON header's
    # source-path is just "<scenario>.gfxr" (no temp path in the fixtures).
    # NODEVICE_SELECT=1 turns off Mesa's implicit device-select layer, which
    # would otherwise sit above the capture layer and add its own
    # vkEnumeratePhysicalDevices/vkGetPhysicalDeviceProperties* calls.
    set +e
    (
        cd "$work"
        env -u VK_LAYER_PATH -u VK_LOADER_LAYERS_ENABLE -u VK_LOADER_LAYERS_DISABLE \
            VK_ICD_FILENAMES="$lvp_icd" \
            NODEVICE_SELECT=1 \
            VK_INSTANCE_LAYERS=VK_LAYER_LUNARG_gfxreconstruct \
            GFXRECON_CAPTURE_FILE="$s.gfxr" \
            GFXRECON_CAPTURE_FILE_TIMESTAMP=false \
            GFXRECON_CAPTURE_COMPRESSION_TYPE=NONE \
            ./extmem_probe "$s"
    ) >"$work/$s.stdout" 2>"$work/$s.stderr"
    rc=$?
    set -e
    summary=$(grep -E "^$s: " "$work/$s.stdout" || true)
    if [ "$rc" -ne 0 ]; then
        cat "$work/$s.stdout" "$work/$s.stderr" >&2
        die "scenario $s exited with status $rc"
    fi
    [ -n "$summary" ] || die "scenario $s printed no summary line"
    [ -s "$work/$s.gfxr" ] || die "scenario $s produced no capture file (is the gfxreconstruct layer loading?)"

    (cd "$work" && gfxrecon-convert --output "$s.jsonl" "$s.gfxr") >"$work/$s.convert.log" 2>&1 || {
        cat "$work/$s.convert.log" >&2
        die "gfxrecon-convert failed on $s.gfxr"
    }
    [ -s "$work/$s.jsonl" ] || die "gfxrecon-convert wrote nothing for $s"
    grep -q '"name":"vkCreateDevice"' "$work/$s.jsonl" || die "$s.jsonl has no vkCreateDevice call"

    cp "$work/$s.jsonl" "$out_dir/$s.jsonl"
    printf '%s  (%s bytes)\n' "$summary" "$(wc -c <"$out_dir/$s.jsonl")"
done

echo "capture-fixtures: wrote ${#scenarios[@]} capture(s) to ${out_dir#"$repo_root"/}"
