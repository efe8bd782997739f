// Builds web-demo/dist for a fast first load: the page with its catalog, scripts and style
// inlined (the catalog is drawn from the page's own bytes, with no other request, and the
// first quote is asked while the page is parsed); the built npm package (build/wasm/npm) under
// a content-hashed vendor/taoquote-<hash>/ directory, served `immutable` (the page imports it
// by name through an import map); a preload hint for the package's display module only; and
// every text and wasm file precompressed beside itself (name.br, name.gz; Node's zlib) for
// the service to send by Accept-Encoding (docs/performance.md).
// The catalog's offers are signed at build (docs/signed-offers.md) with an Ed25519 key made for
// this build and thrown away after: only its public half is kept, in KEYS_FILE, for the
// service's --offer-keys. No private key is ever written into the repository.
//   node web-demo/build.mjs [NPM_PACKAGE_DIR [OUT_DIR [KEYS_FILE]]]
// (defaults: build/wasm/npm, web-demo/dist, build/web-demo/offer-keys.json). TAOQUOTE_CLI names
// the `taoquote` CLI that signs (default: the native-release or native-debug build, whichever
// was built last); TAOQUOTE_DEMO_OFFER_DAYS how long the signed offers stay valid (default 7).
import { createHash, generateKeyPairSync } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  existsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = path.resolve(process.argv[2] ?? path.join(here, '../build/wasm/npm'));
if (!existsSync(path.join(pkg, 'taoquote-core.wasm'))) {
  console.error(`no built package at ${pkg}: run "cmake --build --preset wasm" first`);
  process.exit(1);
}
const repo = path.join(here, '..');
const cli =
  process.env.TAOQUOTE_CLI ??
  ['native-release', 'native-debug']
    .map((p) => path.join(repo, 'build', p, 'native/cli/taoquote'))
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
if (!cli || !existsSync(cli)) {
  console.error('no taoquote CLI to sign the catalog: build the taoquote_cli target first');
  process.exit(1);
}
const dist = path.resolve(process.argv[3] ?? path.join(here, 'dist'));
const keysOut = path.resolve(process.argv[4] ?? path.join(repo, 'build/web-demo/offer-keys.json'));
rmSync(dist, { recursive: true, force: true });

/** The catalog with every offer signed by a fresh key (in a private temporary directory,
 *  removed right after); its public key set is written to keysOut. */
function signedCatalog() {
  const kid = `demo-${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '')}`;
  const secret = mkdtempSync(path.join(os.tmpdir(), 'taoquote-demo-key-'));
  try {
    const pem = path.join(secret, 'signer.pem');
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(pem, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const days = Number(process.env.TAOQUOTE_DEMO_OFFER_DAYS ?? 7);
    const signed = execFileSync(cli, [
      'offers',
      'sign',
      path.join(here, 'catalog.json'),
      '--key',
      pem,
      '--kid',
      kid,
      '--valid-for',
      String(Math.round(days * 86400)),
    ]);
    mkdirSync(path.dirname(keysOut), { recursive: true });
    writeFileSync(keysOut, execFileSync(cli, ['offers', 'public-key', '--key', pem, '--kid', kid]));
    console.log(`catalog signed with ${kid}; verify keys: ${keysOut}`);
    return signed;
  } finally {
    rmSync(secret, { recursive: true, force: true });
  }
}

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
const catalog = JSON.stringify(JSON.parse(signedCatalog()));
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
