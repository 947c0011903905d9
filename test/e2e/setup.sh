#!/usr/bin/env bash
# Purpose: provision everything the end-to-end tests need OUTSIDE the extension's own npm dependencies:
#   - Debian packages: chromium (the browser playwright-core drives), ripgrep (seeds code-server's rg download),
#     libkrb5-dev (headers for code-server's native `kerberos` module), plus a C/C++ toolchain and python3 for node-gyp;
#   - code-server 4.100.3 (= VS Code 1.100.3, the newest that runs on Node 20) from the npm registry, into a cache
#     folder ($SHAPELENS_E2E_CACHE, default $HOME/.cache/shapelens-e2e; code-server goes to <cache>/code-server),
#     with the offline workarounds from shared/vscode-harness.md (no GitHub, no nodejs.org downloads).
# Idempotent and cached: a second run checks and returns in about a second. Prints what it did.
# Any failure exits non-zero with a loud message: the e2e suite must never pass by skipping.
# Usage: bash test/e2e/setup.sh        (env: SHAPELENS_E2E_CACHE, SHAPELENS_E2E_SKIP_APT=1 to only check packages)
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep as pinned by code-server 4.100.3 downloads rg v13.0.0-10 into <tmpdir>/vscode-ripgrep-cache-1.15.11
RG_PKG_VERSION=1.15.11
RG_VERSION=v13.0.0-10
APT_PACKAGES=(chromium ripgrep libkrb5-dev)

CACHE="${SHAPELENS_E2E_CACHE:-${HOME:-$(node -p "require('os').homedir()")}/.cache/shapelens-e2e}"
CS_DIR="$CACHE/code-server"
MARKER="$CS_DIR/.shapelens-e2e-complete"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
T0=$SECONDS
did=()

say()  { printf '[e2e setup] %s\n' "$*"; }
fail() {
  trap - EXIT
  printf '\n' >&2
  printf '[e2e setup] ************************************************************\n' >&2
  printf '[e2e setup] SETUP FAILED: %s\n' "$*" >&2
  printf '[e2e setup] The end-to-end tests cannot run; they are NOT skipped.\n' >&2
  printf '[e2e setup] ************************************************************\n' >&2
  exit 1
}
# Any other failing command (set -e) gets the same loud banner.
trap 'rc=$?; [ $rc -eq 0 ] || fail "command failed (exit $rc): $BASH_COMMAND"' EXIT

# ---------------------------------------------------------------- 1. Debian packages
pkg_installed() { [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]; }
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do pkg_installed "$p" || missing+=("$p"); done
  # node-gyp builds code-server's native modules (argon2, kerberos, node-pty, ...)
  { command -v g++ >/dev/null && command -v make >/dev/null; } || missing+=(build-essential)
  command -v python3 >/dev/null || missing+=(python3)
else
  # Not Debian: accept the tools if they are simply there.
  command -v chromium >/dev/null || [ -n "${CHROMIUM:-}" ] || missing+=(chromium)
  command -v rg >/dev/null || missing+=(ripgrep)
  [ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
fi

if [ ${#missing[@]} -eq 0 ]; then
  say "Debian packages: ${APT_PACKAGES[*]} already installed"
else
  if [ "${SHAPELENS_E2E_SKIP_APT:-}" = 1 ] || ! command -v apt-get >/dev/null 2>&1; then
    fail "missing system packages: ${missing[*]}. Install them (Debian/Ubuntu: apt-get install -y ${missing[*]}) and run again."
  fi
  if [ "$(id -u)" = 0 ]; then SUDO=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=(sudo -n)
  else
    fail "missing system packages: ${missing[*]}, and this user is not root and has no password-less sudo. Ask an administrator to run: apt-get update && apt-get install -y ${missing[*]}"
  fi
  t=$SECONDS
  say "installing Debian packages: ${missing[*]} (apt-get update + install) ..."
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    || fail "apt-get update failed; could not install: ${missing[*]}"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || fail "apt-get install failed for: ${missing[*]}"
  did+=("installed Debian packages ${missing[*]} in $((SECONDS - t)) s")
fi

CHROMIUM_BIN="${CHROMIUM:-$(command -v chromium || true)}"
[ -n "$CHROMIUM_BIN" ] && [ -x "$CHROMIUM_BIN" ] || fail "chromium not found (set CHROMIUM=/path/to/chromium or install the Debian package chromium)"
RG_BIN="$(command -v rg || true)"
[ -n "$RG_BIN" ] || fail "rg (ripgrep) not found on PATH"

# ---------------------------------------------------------------- 2. code-server from npm, cached
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
cs_ok() {
  [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$CODE_SERVER_VERSION" ] && [ -x "$CS_BIN" ] \
    && "$CS_BIN" --version 2>/dev/null | head -n1 | grep -q "^$CODE_SERVER_VERSION "
}
mkdir -p "$CACHE"
exec 9>"$CACHE/.setup.lock"
command -v flock >/dev/null 2>&1 && flock 9   # two setups at once (parallel CI jobs) wait for each other

if cs_ok; then
  say "code-server $CODE_SERVER_VERSION: cached at $CS_DIR"
else
  t=$SECONDS
  say "installing code-server@$CODE_SERVER_VERSION into $CS_DIR (about a minute; native modules are compiled) ..."
  rm -f "$MARKER"
  # node-gyp: build against the running node's own headers instead of downloading them from nodejs.org
  nodedir="$(node -p 'require("path").resolve(process.execPath, "../..")')"
  if [ -f "$nodedir/include/node/node_api.h" ]; then export npm_config_nodedir="$nodedir"
  else say "warning: $nodedir/include/node has no headers; node-gyp will try to download them"; fi
  export npm_config_yes=true                                   # node-pty's postinstall runs `npx node-gyp`
  [ "$(id -u)" = 0 ] && export npm_config_unsafe_perm=true     # code-server's postinstall refuses root otherwise
  export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
  # @vscode/ripgrep's postinstall downloads rg from GitHub: seed its download cache with the system rg instead.
  case "$(node -p process.arch)" in
    x64) rg_target=x86_64-unknown-linux-musl ;;
    arm64) rg_target=aarch64-unknown-linux-musl ;;
    *) fail "unsupported CPU architecture for the ripgrep workaround: $(node -p process.arch)" ;;
  esac
  rg_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RG_PKG_VERSION"
  rg_tar="$rg_cache/ripgrep-$RG_VERSION-$rg_target.tar.gz"
  if [ ! -s "$rg_tar" ]; then
    mkdir -p "$rg_cache"
    tar czf "$rg_tar.tmp" -C "$(dirname "$RG_BIN")" rg && mv "$rg_tar.tmp" "$rg_tar"
    say "seeded the ripgrep download cache with $RG_BIN ($("$RG_BIN" --version | head -n1))"
  fi
  mkdir -p "$CS_DIR"
  [ -f "$CS_DIR/package.json" ] || echo '{"private":true}' > "$CS_DIR/package.json"
  log="$CACHE/npm-install.log"
  if ! ( cd "$CS_DIR" && npm install --save-exact "code-server@$CODE_SERVER_VERSION" ) >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    fail "npm install code-server@$CODE_SERVER_VERSION failed (full log: $log)"
  fi
  "$CS_BIN" --version >/dev/null 2>&1 || { tail -n 40 "$log" >&2; fail "code-server installed but '$CS_BIN --version' fails (log: $log)"; }
  # The native modules the server needs must really have been built (npm may skip install scripts).
  for f in lib/vscode/node_modules/node-pty/build/Release/pty.node lib/vscode/node_modules/kerberos/build/Release/kerberos.node; do
    [ -f "$CS_DIR/node_modules/code-server/$f" ] || fail "code-server's native module $f was not built (install scripts skipped? log: $log)"
  done
  echo "$CODE_SERVER_VERSION" > "$MARKER"
  did+=("installed code-server $CODE_SERVER_VERSION in $((SECONDS - t)) s")
fi

# ---------------------------------------------------------------- 3. the project's own test drivers
( cd "$REPO_ROOT" && node -e 'require.resolve("@vscode/test-electron"); require.resolve("playwright-core")' ) 2>/dev/null \
  || fail "@vscode/test-electron / playwright-core are missing from $REPO_ROOT/node_modules: run 'npm ci' first"

say "code-server: $("$CS_BIN" --version | head -n1) ($CS_BIN)"
say "chromium:    $("$CHROMIUM_BIN" --version 2>/dev/null | head -n1) ($CHROMIUM_BIN)"
if [ ${#did[@]} -eq 0 ]; then say "nothing to do: everything was already provisioned"
else for d in "${did[@]}"; do say "did: $d"; done; fi
say "ready in $((SECONDS - T0)) s"
