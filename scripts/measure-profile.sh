#!/usr/bin/env bash
# Measures a device profile from a real Vulkan driver.
#
# Builds scripts/profile-probe/profile_probe.c into a temporary directory and runs it on one physical
# device; the probe prints the profile (schemas/profile.schema.json) as JSON.
#
# Usage: scripts/measure-profile.sh [--lavapipe] [--device N] [--name NAME] [--title TEXT] [--out FILE]
#   --lavapipe   measure Mesa's CPU driver whatever else is installed (sets VK_ICD_FILENAMES)
#   --device N   the physical device's index in the loader's enumeration (default 0)
#   --name NAME  the profile's short name (default: derived from the driver, "lavapipe" for lavapipe)
#   --title TEXT the profile's one-line title (default: device name and driver info)
#   --out FILE   write the profile to FILE instead of standard output
# The built-in profiles/lavapipe.profile.json is made with: scripts/measure-profile.sh --lavapipe --out profiles/lavapipe.profile.json
#
# Needs: gcc, the Vulkan headers and loader (libvulkan-dev), and a driver (mesa-vulkan-drivers for lavapipe).
# Environment: LVP_ICD overrides the lavapipe ICD manifest path; CC the compiler.
set -euo pipefail

die() {
    echo "measure-profile: error: $*" >&2
    exit 2
}

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src="$repo_root/scripts/profile-probe/profile_probe.c"
cc="${CC:-gcc}"

probe_args=()
out=
lavapipe=
while [ "$#" -gt 0 ]; do
    case "$1" in
    --lavapipe) lavapipe=1 ;;
    --device | --name | --title)
        [ "$#" -ge 2 ] || die "$1 needs a value"
        probe_args+=("$1" "$2")
        shift
        ;;
    --out)
        [ "$#" -ge 2 ] || die "--out needs a file"
        out=$2
        shift
        ;;
    -h | --help)
        sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
done

command -v "$cc" >/dev/null 2>&1 || die "$cc not found (apt-get install gcc)"
[ -f /usr/include/vulkan/vulkan.h ] || die "Vulkan headers not found (apt-get install libvulkan-dev)"

if [ -n "$lavapipe" ]; then
    icd="${LVP_ICD:-}"
    if [ -z "$icd" ]; then
        for f in /usr/share/vulkan/icd.d/lvp_icd.*.json; do
            [ -f "$f" ] && icd=$f && break
        done
    fi
    [ -n "$icd" ] && [ -f "$icd" ] ||
        die "lavapipe ICD manifest not found in /usr/share/vulkan/icd.d (apt-get install mesa-vulkan-drivers, or set LVP_ICD)"
    export VK_ICD_FILENAMES="$icd"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cc" -std=c11 -Wall -Wextra -Werror -O1 "$src" -o "$work/profile_probe" -lvulkan || die "could not build $src"

# The probe writes to a temporary file first, so a failed run never leaves half a profile behind.
"$work/profile_probe" "${probe_args[@]}" >"$work/profile.json" || die "the probe failed (exit status $?)"
if [ -n "$out" ]; then
    cp "$work/profile.json" "$out"
    echo "measure-profile: wrote $out" >&2
else
    cat "$work/profile.json"
fi
