// Differential test: seeded random rulebooks and carts (and corruptions of them) through the
// native driver and through wasm; every quote must be byte-identical and every error must
// carry the same code, pointer and message. A difference prints a minimal reproducer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { driver, loadPackage } from './lib.mjs';
import { rng, randomRulebook, randomRequest, corrupt } from './generator.mjs';
import { shrinkRequest } from './shrink.mjs';

const CASES = Number(process.env.DIFF_CASES ?? 10000);
const SEED = Number(process.env.DIFF_SEED ?? 20261125);

test(`native and wasm agree on ${CASES} generated cases (seed ${SEED})`, async () => {
  const { createTaoquote } = await loadPackage();
  const tq = await createTaoquote();
  const r = rng(SEED);
  const pairs = [];
  let rb = null;
  for (let i = 0; i < CASES; ++i) {
    if (i % 25 === 0) rb = randomRulebook(r);
    const request = randomRequest(r, rb);
    pairs.push([JSON.stringify(rb), JSON.stringify(i % 5 === 4 ? corrupt(r, request) : request)]);
  }
  const native = spawnSync(driver, ['--pairs'], {
    input: pairs.map((p) => p.join('\t')).join('\n') + '\n',
    maxBuffer: 1 << 30,
  });
  assert.equal(native.status, 0, `driver failed: ${native.stderr}`);
  const nativeLines = native.stdout.toString('utf8').split('\n');
  let quotes = 0,
    errors = 0,
    lastRulebookText = null,
    rulebook = null,
    rulebookError = null;
  for (let i = 0; i < pairs.length; ++i) {
    const [rbText, reqText] = pairs[i];
    if (rbText !== lastRulebookText) {
      rulebook?.dispose();
      rulebook = null;
      rulebookError = null;
      try {
        rulebook = tq.loadRulebook(rbText);
      } catch (e) {
        rulebookError = e;
      }
      lastRulebookText = rbText;
    }
    let wasm;
    try {
      if (rulebookError) throw rulebookError;
      wasm = rulebook.quoteJson(reqText);
      ++quotes;
    } catch (e) {
      if (e.name !== 'QuoteError') throw e;
      wasm = JSON.stringify({
        error: {
          code: e.code,
          doc: e.doc,
          path: e.path,
          message: e.message,
          ...(e.detail ? { detail: e.detail } : {}),
        },
      });
      ++errors;
    }
    if (wasm !== nativeLines[i]) {
      // Reduce the request to the smallest one that still differs, then write it out.
      const probe = tq.loadRulebook(rbText);
      const differs = (req) => {
        const text = JSON.stringify(req);
        const n = spawnSync(driver, ['--pairs'], { input: `${rbText}\t${text}\n` })
          .stdout.toString('utf8')
          .trim();
        let w;
        try {
          w = probe.quoteJson(text);
        } catch (e) {
          w = JSON.stringify({
            error: {
              code: e.code,
              doc: e.doc,
              path: e.path,
              message: e.message,
              ...(e.detail ? { detail: e.detail } : {}),
            },
          });
        }
        return n !== w;
      };
      let minimal = JSON.parse(reqText);
      try {
        minimal = shrinkRequest(minimal, differs);
      } catch {
        /* an unparsable request is already minimal */
      }
      probe.dispose();
      const dir = mkdtempSync(path.join(tmpdir(), 'taoquote-diff-'));
      writeFileSync(path.join(dir, 'rulebook.json'), rbText);
      writeFileSync(path.join(dir, 'request.json'), JSON.stringify(minimal, null, 1));
      assert.fail(
        `case ${i} differs; reproduce with: quote_driver ${dir}/rulebook.json ${dir}/request.json\n` +
          `native: ${nativeLines[i].slice(0, 400)}\nwasm:   ${wasm.slice(0, 400)}`,
      );
    }
  }
  console.log(`${pairs.length} cases: ${quotes} quotes byte-identical, ${errors} errors identical`);
  assert.ok(quotes > CASES / 3, 'too few valid quotes to be meaningful');
  assert.ok(errors > CASES / 10, 'too few errors to be meaningful');
});
