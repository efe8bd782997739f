// The package's diff(before, after) (docs/diff.md) on the diff vectors of tests/diff: the same
// document, byte for byte, as the native `taoquote diff --format json` (TAOQUOTE_CLI, default
// build/native-debug/native/cli/taoquote); every charge's causes sum exactly to its delta; the
// cause kinds are the vector's; misuse throws QuoteError with a pointer at the argument.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPackage, read, repo } from './lib.mjs';

const cli = process.env.TAOQUOTE_CLI ?? path.join(repo, 'build/native-debug/native/cli/taoquote');

// The document a vector side names: a fixture rulebook or a case's request, with its edits.
function build(spec, kind) {
  const s = typeof spec === 'string' ? { base: spec } : spec;
  const doc =
    kind === 'rulebook'
      ? JSON.parse(read(`tests/vectors/rulebooks/${s.base}.json`))
      : JSON.parse(read(`tests/vectors/cases/${s.case}.json`)).request;
  const edit = (pointer, value, remove) => {
    const tokens = pointer.split('/').slice(1);
    const last = tokens.pop();
    let node = doc;
    for (const t of tokens) node = node[t];
    if (remove) delete node[last];
    else node[last] = value;
  };
  for (const [pointer, value] of Object.entries(s.set ?? {})) edit(pointer, value, false);
  for (const pointer of s.delete ?? []) edit(pointer, undefined, true);
  return doc;
}

// An amount string as a BigInt of 10^-12 units, for exact sums.
function units(amount) {
  const [whole, frac = ''] = amount.replace('-', '').split('.');
  const v = BigInt(whole + frac.padEnd(12, '0'));
  return amount.startsWith('-') ? -v : v;
}

const label = (c) => c.kind + (c.ref ? `:${c.ref}` : '');
const vectors = readdirSync(path.join(repo, 'tests/diff'))
  .filter((n) => /^\d\d-.*\.json$/.test(n))
  .sort();

test('there are diff vectors', () => assert.ok(vectors.length >= 5));

for (const name of vectors) {
  test(`diff vector ${name}`, async () => {
    const tq = await (await loadPackage()).createTaoquote();
    const vector = JSON.parse(read(`tests/diff/${name}`));
    const quotes = ['before', 'after'].map((side) => {
      const rb = tq.loadRulebook(build(vector[side].rulebook, 'rulebook'));
      try {
        return rb.quoteJson(build(vector[side].request, 'request'));
      } finally {
        rb.dispose();
      }
    });
    const diff = tq.diff(quotes[0], quotes[1]);
    assert.deepEqual(tq.diff(JSON.parse(quotes[0]), JSON.parse(quotes[1])), diff);
    for (const charge of diff.charges) {
      const sum = charge.causes.reduce((s, c) => s + units(c.amount), 0n);
      assert.equal(sum, units(charge.delta), `${charge.code}: causes sum to the delta`);
    }
    const got = Object.fromEntries(
      diff.charges.map((c) => [`${c.collect}:${c.code}`, c.causes.map(label)]),
    );
    assert.deepEqual(got, vector.expect.charges);
    assert.deepEqual(diff.changes.map(label), vector.expect.changes);
    if (existsSync(cli)) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'taoquote-diff-'));
      const files = quotes.map((q, i) => {
        const f = path.join(dir, `${i}.json`);
        writeFileSync(f, q);
        return f;
      });
      const native = execFileSync(cli, ['diff', ...files, '--format', 'json'], {
        encoding: 'utf8',
      });
      assert.equal(JSON.stringify(diff), native.trimEnd(), 'same bytes as the native build');
    }
  });
}

test('diff: misuse and bad quotes throw QuoteError pointing into {before, after}', async () => {
  const { createTaoquote, QuoteError } = await loadPackage();
  const tq = await createTaoquote();
  assert.throws(
    () => tq.diff(42, '{}'),
    (e) => e instanceof QuoteError && e.code === 'INVALID_ARGUMENT' && e.path === '/before',
  );
  assert.throws(
    () => tq.diff('{"schema":"taoquote.quote/1"}', '{'),
    (e) => e instanceof QuoteError && e.code === 'INVALID_FIELD' && e.path.startsWith('/before'),
  );
  assert.throws(
    () => tq.diff({ error: { code: 'NO_OFFER' } }, null),
    (e) => e instanceof QuoteError && e.code === 'INVALID_ARGUMENT' && e.path === '/after',
  );
});
