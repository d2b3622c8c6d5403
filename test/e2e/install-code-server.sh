#!/usr/bin/env bash
# Installs code-server (the real VS Code 1.100 server + web workbench, Node 20) into a cache folder
# OUTSIDE the repository, once. Prints the path of its binary. See CONTRIBUTING.md.
set -euo pipefail
VERSION=4.100.3
CACHE="${ISTIO_LENS_E2E_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/istio-lens-e2e}"
CS_DIR="$CACHE/code-server-$VERSION"
BIN="$CS_DIR/node_modules/.bin/code-server"
if [ ! -x "$BIN" ]; then
  command -v rg >/dev/null || { echo "ripgrep (rg) is missing: apt-get install ripgrep" >&2; exit 1; }
  # @vscode/ripgrep's postinstall downloads rg from GitHub; seed its cache with the system's rg.
  tmp="${TMPDIR:-/tmp}"
  for rgv in 1.15.11; do
    d="$tmp/vscode-ripgrep-cache-$rgv"; mkdir -p "$d" "$tmp/istio-lens-rgpkg"
    cp "$(command -v rg)" "$tmp/istio-lens-rgpkg/rg"
    tar czf "$d/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$tmp/istio-lens-rgpkg" rg
  done
  mkdir -p "$CS_DIR"
  (cd "$CS_DIR" && echo '{"private":true}' > package.json &&
    npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund --loglevel=error "code-server@$VERSION" >&2)
fi
echo "$BIN"
