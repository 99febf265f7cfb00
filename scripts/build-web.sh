#!/usr/bin/env bash
# Build the website widget's static files into web/dist/, which the Rasa server serves at
# /web/widget/ (bot/rasa/channels/socketio.py, bot/rasa/channels/widget_files.py):
#
#   webchat.js              web/src/loader.js: the file a school's snippet names; it loads the rest
#                           once the page has loaded
#   widget.<hash>.js        socket.io-client's browser build (pinned in web/package-lock.json)
#                           followed by web/src/widget.js
#   widget.<hash>.css       web/src/widget.css
#   *.br, *.gz              each of those compressed (brotli, gzip), sent to browsers that take them
#   manifest.json, LICENSE  which files those are; the licences of what the widget bundles
#
# No bundler and no minifier of our own: socket.io-client ships a minified build, and our files
# are small enough as they are once compressed. `npm ci` also installs axe-core, which only the
# browser test uses (tests/test_widget_browser.py). Idempotent: npm ci runs only when the lock file
# changed, the build only when one of its inputs did.
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$self")/../web"

command -v npm >/dev/null || { echo "build-web: npm not found; install Node.js (with npm) first" >&2; exit 1; }

stamp=node_modules/.cma-advisor-ci
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "build-web: npm ci (socket.io-client and axe-core, pinned in web/package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi

inputs=("$self" src/loader.js src/widget.js src/widget.css node_modules/socket.io-client/dist/socket.io.min.js "$stamp")
if [ -f dist/manifest.json ]; then
  stale=0
  for input in "${inputs[@]}"; do [ "$input" -nt dist/manifest.json ] && stale=1; done
  [ "$stale" = 0 ] && exit 0
fi

node - <<'JS'
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const zlib = require('zlib');

const expected = require('./package.json').dependencies['socket.io-client'];
const client = require('./node_modules/socket.io-client/package.json');
if (client.version !== expected) {
  console.error(`build-web: expected socket.io-client ${expected}, found ${client.version}`);
  process.exit(1);
}
const read = (file) => fs.readFileSync(file, 'utf8');
const hash = (text) => crypto.createHash('sha256').update(text).digest('hex').slice(0, 12);

const io = read('node_modules/socket.io-client/dist/socket.io.min.js').replace(/\/\/# sourceMappingURL=.*$/m, '');
const script = io.trimEnd() + '\n' + read('src/widget.js');
const style = read('src/widget.css');
const names = { script: `widget.${hash(script)}.js`, style: `widget.${hash(style)}.css`, loader: 'webchat.js' };
const loader = read('src/loader.js').replace('__WIDGET_SCRIPT__', names.script).replace('__WIDGET_STYLE__', names.style);
if (/__WIDGET_/.test(loader)) { console.error('build-web: a placeholder is left in the loader'); process.exit(1); }
const outside = /https?:\/\/(?!www\.w3\.org\/2000\/svg)[a-z0-9.-]+\.[a-z]{2,}\//i;
for (const [name, text] of [['loader', loader], ['widget', read('src/widget.js')], ['style', style]]) {
  if (outside.test(text.replace(/\/\*[\s\S]*?\*\//g, ''))) { console.error(`build-web: the ${name} names an outside address`); process.exit(1); }
}

const licence = [
  'The cma-advisor website widget (widget.*.js, widget.*.css, webchat.js) is part of cma-advisor.',
  `It bundles socket.io-client ${client.version} (with engine.io-client, engine.io-parser, socket.io-parser`,
  'and @socket.io/component-emitter, all by the Socket.IO contributors under the MIT licence):',
  '',
  read('node_modules/socket.io-client/LICENSE').trim(),
  '',
].join('\n');

const tmp = 'dist.tmp';
fs.rmSync(tmp, { recursive: true, force: true });
fs.mkdirSync(tmp);
const write = (name, text, compress) => {
  fs.writeFileSync(path.join(tmp, name), text);
  if (!compress) return;
  const body = Buffer.from(text);
  fs.writeFileSync(path.join(tmp, name + '.gz'), zlib.gzipSync(body, { level: 9 }));
  fs.writeFileSync(path.join(tmp, name + '.br'), zlib.brotliCompressSync(body, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  }));
};
write(names.loader, loader, true);
write(names.script, script, true);
write(names.style, style, true);
write('LICENSE', licence, false);
write('manifest.json', JSON.stringify(names, null, 2) + '\n', false);
fs.rmSync('dist', { recursive: true, force: true });
fs.renameSync(tmp, 'dist');

const size = (name, ext = '') => fs.statSync(path.join('dist', name + ext)).size;
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
const total = (ext) => kb([names.loader, names.script, names.style].reduce((sum, n) => sum + size(n, ext), 0));
console.log(`build-web: dist/${names.script}, dist/${names.style}, dist/webchat.js written; ` +
            `${total('')} in all, ${total('.gz')} gzipped, ${total('.br')} with brotli`);
JS
