#!/usr/bin/env bash
# Captures programs this project did not write that use Vulkan external memory, with gfxreconstruct,
# and writes each capture converted to JSON Lines and gzipped: test/fixtures/third-party/<name>.jsonl.gz
# (the corpus the tests validate; see test/fixtures/third-party/triage.json).
#
# The programs (Debian packages):
#   piglit-*   piglit's ext_external_objects Vulkan tests (package piglit): each makes a Vulkan device,
#              exports memory as OPAQUE_FD and has OpenGL import it. GL runs on zink (Mesa's GL over
#              Vulkan), so the capture holds both the test's own Vulkan calls and zink's. zink runs on
#              SwiftShader (lavapipe lacks VK_KHR_external_semaphore_fd, which the tests need), as a
#              software device (LIBGL_ALWAYS_SOFTWARE=1) with the GL version SwiftShader's features
#              fall short of forced (MESA_GL_VERSION_OVERRIDE=4.5COMPAT), under Xvfb.
#   piglit-gl-fbo-generatemipmap-formats   a plain OpenGL piglit test on zink: 60 000 Vulkan calls and
#              none about external memory (the calls a validator of a real program mostly reads past).
#   ffmpeg-*   ffmpeg's Vulkan hwcontext (package ffmpeg): frames uploaded with hwupload (host memory
#              imported with VK_EXT_external_memory_host), scaled with scale_vulkan, downloaded again;
#              on lavapipe and on SwiftShader.
# The programs abort at exit under the capture layer; GFXRECON_CAPTURE_FILE_FLUSH=true keeps every call.
#
# Usage: scripts/capture-third-party.sh [--out DIR] [NAME...]   (default: all, into the fixtures folder)
# Needs: gfxreconstruct, piglit, ffmpeg, xvfb (xvfb-run), mesa-vulkan-drivers, libgl1-mesa-dri (zink),
#        chromium (SwiftShader). Exit status 1 with the reason when one is missing or a capture fails.
set -euo pipefail

die() { echo "capture-third-party: error: $*" >&2; exit 1; }

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out_dir="$repo_root/test/fixtures/third-party"
names=()
while [ "$#" -gt 0 ]; do
    case "$1" in
        --out) out_dir=$2; shift 2 ;;
        -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) die "unknown option $1 (see --help)" ;;
        *) names+=("$1"); shift ;;
    esac
done

lavapipe=/usr/share/vulkan/icd.d/lvp_icd.x86_64.json
swiftshader=/usr/lib/chromium/vk_swiftshader_icd.json
piglit_dir=/usr/lib/x86_64-linux-gnu/piglit
piglit_tests=(buf-exchange depth-display image-display image-display-multiple-textures image-display-overwrite
    image-overwrite pix-buf-update-errors semaphores semaphores-2 stencil-display vert-buf-reuse vert-buf-update-errors)

all=()
for t in "${piglit_tests[@]}"; do all+=("piglit-vk-$t"); done
all+=(piglit-gl-fbo-generatemipmap-formats ffmpeg-hwupload-lavapipe ffmpeg-hwupload-swiftshader)
[ "${#names[@]}" -gt 0 ] || names=("${all[@]}")
for n in "${names[@]}"; do
    case " ${all[*]} " in *" $n "*) ;; *) die "unknown capture '$n' (known: ${all[*]})" ;; esac
done

command -v gfxrecon-convert >/dev/null || die "gfxrecon-convert not found (apt-get install gfxreconstruct)"
command -v xvfb-run >/dev/null || die "xvfb-run not found (apt-get install xvfb xauth)"
[ -f "$lavapipe" ] || die "lavapipe not found at $lavapipe (apt-get install mesa-vulkan-drivers)"

work=$(mktemp -d "${TMPDIR:-/tmp}/vk-extmem-third-party.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$out_dir" "$work/xdg"
chmod 700 "$work/xdg"

# Runs "$@" with the capture layer writing $work/$name.gfxr, then converts and gzips it.
capture() {
    local name=$1 icd=$2
    shift 2
    rm -f "$work/$name.gfxr"
    set +e
    (
        cd "$work"
        env -u VK_LAYER_PATH -u VK_LOADER_LAYERS_ENABLE -u VK_LOADER_LAYERS_DISABLE \
            VK_ICD_FILENAMES="$icd" NODEVICE_SELECT=1 XDG_RUNTIME_DIR="$work/xdg" \
            VK_INSTANCE_LAYERS=VK_LAYER_LUNARG_gfxreconstruct \
            GFXRECON_CAPTURE_FILE="$name.gfxr" GFXRECON_CAPTURE_FILE_TIMESTAMP=false \
            GFXRECON_CAPTURE_COMPRESSION_TYPE=NONE GFXRECON_CAPTURE_FILE_FLUSH=true GFXRECON_LOG_LEVEL=error \
            timeout 300 "$@"
    ) >"$work/$name.log" 2>&1
    local rc=$?
    set -e
    [ -s "$work/$name.gfxr" ] || { cat "$work/$name.log" >&2; die "$name: no capture was written (exit status $rc)"; }
    (cd "$work" && gfxrecon-convert --output "$name.jsonl" "$name.gfxr") >"$work/$name.convert.log" 2>&1 ||
        { cat "$work/$name.convert.log" >&2; die "$name: gfxrecon-convert failed"; }
    grep -q '"name":"vkAllocateMemory"' "$work/$name.jsonl" || die "$name: the capture has no vkAllocateMemory"
    # The program's own verdict, for the record (piglit prints PIGLIT: {"result": …}).
    local verdict
    verdict=$(grep -o '"result": "[a-z]*"' "$work/$name.log" | tail -1 || true)
    gzip -9n -c "$work/$name.jsonl" >"$out_dir/$name.jsonl.gz"
    printf '%-48s %7d lines  %s\n' "$name" "$(wc -l <"$work/$name.jsonl")" "${verdict:-exit status $rc}"
}

# A piglit test on zink over SwiftShader, as a software device, under Xvfb.
capture_piglit() {
    local name=$1 test=$2
    [ -x "$piglit_dir/bin/$test" ] || die "piglit's $test not found (apt-get install piglit)"
    [ -f "$swiftshader" ] || die "SwiftShader not found at $swiftshader (apt-get install chromium)"
    capture "$name" "$swiftshader" env PIGLIT_SOURCE_DIR="$piglit_dir" LIBGL_ALWAYS_SOFTWARE=1 \
        MESA_LOADER_DRIVER_OVERRIDE=zink MESA_GL_VERSION_OVERRIDE=4.5COMPAT MESA_GLSL_VERSION_OVERRIDE=450 \
        xvfb-run -a "$piglit_dir/bin/$test" -auto -fbo
}

for n in "${names[@]}"; do
    case "$n" in
        piglit-gl-*) capture_piglit "$n" "${n#piglit-gl-}" ;;
        piglit-vk-*) capture_piglit "$n" "ext_external_objects-vk-${n#piglit-vk-}" ;;
        ffmpeg-hwupload-*)
            command -v ffmpeg >/dev/null || die "ffmpeg not found (apt-get install ffmpeg)"
            icd=$lavapipe
            [ "$n" = ffmpeg-hwupload-swiftshader ] && icd=$swiftshader
            [ -f "$icd" ] || die "$icd not found"
            capture "$n" "$icd" ffmpeg -hide_banner -loglevel error -init_hw_device vulkan=vk:0 -filter_hw_device vk \
                -f lavfi -i testsrc=size=64x64:duration=0.2 \
                -vf format=nv12,hwupload,scale_vulkan=w=32:h=32,hwdownload,format=nv12 -f null -
            ;;
    esac
done
echo "capture-third-party: wrote ${#names[@]} capture(s) to ${out_dir#"$repo_root"/}"
