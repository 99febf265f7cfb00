#!/usr/bin/env bash
# Build the website widget's static files: install the pinned rasa-webchat (web/package-lock.json)
# with `npm ci`, then copy its self-contained UMD bundle and its licence to web/dist/, which the
# Rasa server serves at /web/widget/ (bot/rasa/channels/socketio.py).
#
# The bundle's CSS imports Google Fonts; that import is removed so a page with the widget makes
# no request outside our own server (the widget falls back to the page's sans-serif font).
# Idempotent: npm ci runs only when the lock file changed, the copy only when its inputs did.
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$self")/../web"

command -v npm >/dev/null || { echo "build-web: npm not found; install Node.js (with npm) first" >&2; exit 1; }

stamp=node_modules/.cma-advisor-ci
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "build-web: npm ci (rasa-webchat, pinned in web/package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi

src=node_modules/rasa-webchat
version=$(node -p "require('./$src/package.json').version")
[ "$version" = "1.0.1" ] || { echo "build-web: expected rasa-webchat 1.0.1, found $version" >&2; exit 1; }

mkdir -p dist
if [ ! -f dist/webchat.js ] || [ "$src/lib/index.js" -nt dist/webchat.js ] || [ "$self" -nt dist/webchat.js ]; then
  node - "$src/lib/index.js" dist/webchat.js <<'JS'
const fs = require('fs');
const [input, output] = process.argv.slice(2);
let js = fs.readFileSync(input, 'utf8');
const fontImport = /@import url\(https:\/\/fonts\.googleapis\.com\/[^)]*\);/g;
const found = (js.match(fontImport) || []).length;
if (found === 0) { console.error('build-web: no Google Fonts import found; has the bundle changed?'); process.exit(1); }
js = js.replace(fontImport, '');
if (/fonts\.(googleapis|gstatic)\.com/.test(js)) { console.error('build-web: a Google Fonts address is left in the bundle'); process.exit(1); }
fs.writeFileSync(output + '.tmp', '/*! rasa-webchat 1.0.1 (Apache-2.0, see LICENSE next to this file); Google Fonts import removed by scripts/build-web.sh */\n' + js);
fs.renameSync(output + '.tmp', output);
console.log(`build-web: ${output} written (${found} Google Fonts imports removed)`);
JS
fi
cp "$src/LICENSE" dist/LICENSE
