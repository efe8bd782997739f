// Benchmark (not a test): size of the wasm package, instantiate time in Node and Chromium,
// and the reference cart's quote time in wasm vs native, measured side by side in one run.
//   node tests/bench/wasm-bench.mjs   (after the wasm and native-release presets are built)
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repo, npmDir, loadPackage } from '../wasm/lib.mjs';

const rulebook = readFileSync(path.join(repo, 'core/rules/sample-rulebook.json'), 'utf8');
const request = readFileSync(path.join(repo, 'docs/examples/request-de.json'), 'utf8');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

// Sizes.
let rawTotal = 0, gzTotal = 0;
console.log('file                     raw        gzip -9');
for (const f of ['taoquote-core.wasm', 'taoquote-core.js', 'index.js', 'display.js']) {
  const bytes = readFileSync(path.join(npmDir, f));
  const gz = gzipSync(bytes, { level: 9 }).length;
  rawTotal += bytes.length; gzTotal += gz;
  console.log(`${f.padEnd(22)} ${kib(bytes.length).padStart(10)} ${kib(gz).padStart(10)}`);
}
console.log(`${'total'.padEnd(22)} ${kib(rawTotal).padStart(10)} ${kib(gzTotal).padStart(10)}  (budget 300 KiB gzip)`);

// Instantiate in Node (compile + instantiate from bytes already in memory).
const { createTaoquote } = await loadPackage();
const wasmBinary = readFileSync(path.join(npmDir, 'taoquote-core.wasm'));
const inst = [];
for (let i = 0; i < 15; ++i) {
  const t0 = performance.now();
  await createTaoquote({ wasmBinary });
  inst.push(performance.now() - t0);
}
console.log(`instantiate, Node ${process.version}: ${median(inst).toFixed(1)} ms (median of 15)`);

// Quote time: wasm and native in the same run.
const tq = await createTaoquote({ wasmBinary });
const rb = tq.loadRulebook(rulebook);
const batches = [];
for (let b = 0; b < 31; ++b) {
  const t0 = performance.now();
  for (let i = 0; i < 500; ++i) rb.quoteJson(request);
  batches.push(((performance.now() - t0) * 1000) / 500);
}
const wasmUs = median(batches);
const nativeOut = execFileSync(path.join(repo, 'build/native-release/tests/bench/taoquote_bench'), { encoding: 'utf8' });
const nativeUs = Number(nativeOut.match(/JSON in -> JSON out:\s+([0-9.]+)/)[1]);
console.log(`quote, JSON in -> JSON out: wasm ${wasmUs.toFixed(1)} us, native ${nativeUs.toFixed(1)} us, ratio ${(wasmUs / nativeUs).toFixed(2)}x`);

// Instantiate in Chromium (Debian's, headless), when available.
try {
  const { serveStatic, launchChromium } = await import('../wasm/browser-lib.mjs');
  const server = await serveStatic(npmDir);
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${server.url}package.json`);
  const times = await page.evaluate(async () => {
    const out = [];
    for (let i = 0; i < 15; ++i) {
      const t0 = performance.now();
      const m = await import(`./index.js?i=${i}`);
      await m.createTaoquote();
      out.push(performance.now() - t0);
    }
    return out;
  });
  const ua = await browser.version();
  console.log(`instantiate, Chromium ${ua}: ${median(times).toFixed(1)} ms (median of 15, fetch + compile + instantiate)`);
  await browser.close();
  server.close();
} catch (e) {
  console.log(`Chromium measurement skipped: ${e.message.split('\n')[0]}`);
}
