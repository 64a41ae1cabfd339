#!/usr/bin/env bash
# Builds the SPA into the folder given (the web jar's META-INF/resources, which the gateway serves at /).
# Needs Node.js 20.19+ and npm. Without them the API still works: a page saying how to get the app is packaged
# instead, unless ATELIER_WEB_REQUIRED=true (CI), which makes a missing Node.js an error.
set -euo pipefail
cd "$(dirname "$0")"
out=${1:?usage: build.sh <output folder> | --test}

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  if [ "${ATELIER_WEB_REQUIRED:-false}" = "true" ]; then
    echo "ERROR: the web app needs Node.js 20.19+ and npm (apt-get install nodejs npm)." >&2
    exit 1
  fi
  [ "$out" = "--test" ] && { echo "WARNING: Node.js/npm not found: the web app's unit tests do not run." >&2; exit 0; }
  echo "WARNING: Node.js/npm not found: the web app is not built; the gateway serves a page saying so." >&2
  mkdir -p "$out"
  cp fallback.html "$out/index.html"
  exit 0
fi

# Vite 8 needs Node.js 20.19+ (Debian 12's own nodejs is 18: use the NodeSource or a newer distribution's).
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "ERROR: the web app needs Node.js 20.19 or newer; found $(node --version)." >&2
  exit 1
fi

# npm ci only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ "$out" = "--test" ]; then
  exec npx --no-install vitest run
fi
npm run --silent check
ATELIER_WEB_OUT="$out" npx --no-install vite build --logLevel warn
