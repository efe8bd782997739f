// Builds web-demo/dist: the page, its catalog, and the built npm package (build/wasm/npm)
// under vendor/taoquote — the page imports it by name through an import map.
//   node web-demo/build.mjs [NPM_PACKAGE_DIR]
import { cpSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = path.resolve(process.argv[2] ?? path.join(here, '../build/wasm/npm'));
if (!existsSync(path.join(pkg, 'taoquote-core.wasm'))) {
  console.error(`no built package at ${pkg}: run "cmake --build --preset wasm" first`);
  process.exit(1);
}
const dist = path.join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(path.join(dist, 'vendor/taoquote'), { recursive: true });
for (const f of ['index.html', 'app.js', 'style.css', 'catalog.json'])
  cpSync(path.join(here, f), path.join(dist, f));
for (const f of [
  'index.js',
  'display.js',
  'taoquote-core.js',
  'taoquote-core.wasm',
  'package.json',
])
  cpSync(path.join(pkg, f), path.join(dist, 'vendor/taoquote', f));
console.log(`web demo built in ${dist}`);
