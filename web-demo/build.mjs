// Builds web-demo/dist for a fast first load: the page with its catalog, scripts and style
// inlined (the catalog is drawn from the page's own bytes, with no other request, and the
// first quote is asked while the page is parsed); the built npm package (build/wasm/npm) under
// a content-hashed vendor/taoquote-<hash>/ directory, served `immutable` (the page imports it
// by name through an import map); a preload hint for the package's display module only; and
// every text and wasm file precompressed beside itself (name.br, name.gz; Node's zlib) for
// the service to send by Accept-Encoding (docs/performance.md).
//   node web-demo/build.mjs [NPM_PACKAGE_DIR]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = path.resolve(process.argv[2] ?? path.join(here, '../build/wasm/npm'));
if (!existsSync(path.join(pkg, 'taoquote-core.wasm'))) {
  console.error(`no built package at ${pkg}: run "cmake --build --preset wasm" first`);
  process.exit(1);
}
const dist = path.join(here, 'dist');
rmSync(dist, { recursive: true, force: true });

const hash = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 12);
};
const write = (rel, bytes) => {
  mkdirSync(path.dirname(path.join(dist, rel)), { recursive: true });
  writeFileSync(path.join(dist, rel), bytes);
};

// The package, unchanged, in a directory named by the hash of all its files.
const vendorFiles = [
  'index.js',
  'display.js',
  'taoquote-core.js',
  'taoquote-core.wasm',
  'package.json',
];
const vendorBytes = vendorFiles.map((f) => readFileSync(path.join(pkg, f)));
const vendor = `vendor/taoquote-${hash(...vendorBytes)}`;
vendorFiles.forEach((f, i) => write(`${vendor}/${f}`, vendorBytes[i]));

const app = readFileSync(path.join(here, 'app.js'), 'utf8');
const requestJs = readFileSync(path.join(here, 'request.js'), 'utf8');
const css = readFileSync(path.join(here, 'style.css'), 'utf8');

// The catalog inlined, so the page renders it before any script or the wasm has arrived.
const catalog = JSON.stringify(JSON.parse(readFileSync(path.join(here, 'catalog.json'), 'utf8')));
let html = readFileSync(path.join(here, 'index.html'), 'utf8');
const replace = (from, to) => {
  if (!html.includes(from)) throw new Error(`index.html: "${from}" not found`);
  html = html.replace(from, () => to); // a function: no `$&` patterns in the inlined code
};
// In the head, in this order: the catalog; request.js, a classic script the parser runs at
// once, which asks the service for the first price before the rest of the page has arrived;
// the page's script (async: it runs as soon as it can and draws once the document is parsed);
// then the style.
const inline = (js) => js.replace(/<\/script/gi, '<\\/script');
replace('<link rel="stylesheet" href="./style.css">\n', '');
replace('  <!-- build: catalog -->\n', '');
replace(
  '<script src="./request.js"></script>\n  <script type="module" src="./app.js"></script>',
  [
    `<script type="application/json" id="catalog-data">${catalog.replace(/</g, '\\u003c')}</script>`,
    `<script>\n${inline(requestJs)}</script>`,
    `<script type="module" async>\n${inline(app)}</script>`,
    `<style>\n${css}</style>`,
  ].join('\n  '),
);
html = html.replaceAll('./vendor/taoquote/', `./${vendor}/`);
replace(
  '<!-- build: preload -->',
  [
    // Only what the first price needs (it formats the server's quote). The package's other
    // modules and its WebAssembly are fetched by the page once that price is in, so they do not
    // share the slow link with it; the rulebook is fetched by the page's script
    // (docs/performance.md).
    `<link rel="modulepreload" href="./${vendor}/display.js">`,
  ].join('\n  '),
);
write('index.html', html);

// Precompressed siblings of every file worth compressing.
let raw = 0,
  gz = 0,
  br = 0;
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
for (const file of walk(dist)) {
  if (!/\.(html|js|css|json|wasm|svg)$/.test(file)) continue;
  const bytes = readFileSync(file);
  const g = gzipSync(bytes, { level: 9 });
  const b = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  writeFileSync(`${file}.gz`, g);
  writeFileSync(`${file}.br`, b);
  raw += bytes.length;
  gz += g.length;
  br += b.length;
}
console.log(
  `web demo built in ${dist}: ${raw} bytes, ${gz} gzip, ${br} brotli (page, script, style, package)`,
);
