// Every golden vector through the wasm package: canonical bytes and fingerprints equal the
// expected files the native suite uses; every bad input gets the native code and pointer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { goldenCases, loadPackage, read, badInputText } from './lib.mjs';

const { createTaoquote, QuoteError } = await loadPackage();
const tq = await createTaoquote();
const rulebooks = new Map();
const rulebook = (name) => {
  if (!rulebooks.has(name))
    rulebooks.set(name, tq.loadRulebook(read(`tests/vectors/rulebooks/${name}.json`)));
  return rulebooks.get(name);
};

test('golden vectors are byte-identical in wasm', () => {
  const cases = goldenCases();
  assert.ok(cases.length >= 40, `only ${cases.length} cases`);
  for (const c of cases) {
    let actual;
    try {
      actual = rulebook(c.rulebook).quoteJson(c.request);
    } catch (e) {
      assert.ok(e instanceof QuoteError, `${c.name}: ${e}`);
      const expected = JSON.parse(c.expected).error;
      assert.equal(e.code, expected.code, c.name);
      assert.equal(e.path, expected.path, c.name);
      assert.equal(e.doc, expected.doc, c.name);
      assert.equal(e.message, expected.message, c.name);
      continue;
    }
    assert.equal(actual, c.expected, c.name);
    // The fingerprint, recomputed with Node's own SHA-256 (OpenSSL), covers the bytes before it.
    const cut = actual.lastIndexOf(',"fingerprint":');
    const digest = createHash('sha256')
      .update(actual.slice(0, cut) + '}')
      .digest('hex');
    assert.equal(JSON.parse(actual).fingerprint, `sha256:${digest}`, c.name);
  }
});

test('bad-input catalogue: same code and pointer as natively', () => {
  const catalogue = JSON.parse(read('tests/bad/catalogue.json')).cases;
  const baseRulebook = read('tests/vectors/rulebooks/fixture-a.json');
  const baseRequest = read('tests/bad/base-request.json');
  const rb = tq.loadRulebook(baseRulebook);
  const before = rb.quoteJson(baseRequest);
  for (const entry of catalogue) {
    const isRulebook = entry.doc === 'rulebook';
    let text = badInputText(entry, isRulebook ? baseRulebook : baseRequest);
    if (Buffer.isBuffer(text)) text = text.toString('latin1'); // bytes reach the module as-is below
    assert.throws(
      () => (isRulebook ? tq.loadRulebook(text) : rb.quoteJson(text)),
      (e) => {
        assert.ok(e instanceof QuoteError, `${entry.name}: ${e}`);
        if (entry.generate?.kind !== 'bytes') {
          assert.equal(e.code, entry.code, entry.name);
          assert.equal(e.path, entry.path, entry.name);
        }
        assert.equal(e.doc, entry.doc, entry.name);
        return true;
      },
      entry.name,
    );
  }
  assert.equal(rb.quoteJson(baseRequest), before, 'a bad input changed the rulebook');
  assert.ok(catalogue.length >= 60);
});

test('a C++ exception inside the module is caught, not an abort', () => {
  assert.equal(tq.selfTest(), 'probe');
  assert.throws(() => rulebook('fixture-a').quote({ at: 12 }), QuoteError);
  assert.ok(rulebook('fixture-a').quote(goldenCases()[0].request).total); // still alive
});

test('amounts as JS numbers are rejected, never guessed', () => {
  const c = goldenCases()[0];
  const req = structuredClone(c.request);
  req.sellers[0].shipping = 8;
  assert.throws(
    () => rulebook(c.rulebook).quote(req),
    (e) => e.code === 'INVALID_AMOUNT' && e.path === '/sellers/0/shipping',
  );
});

test('dispose frees the rulebook; later use throws', () => {
  const rb = tq.loadRulebook(read('tests/vectors/rulebooks/fixture-a.json'));
  rb.dispose();
  rb.dispose();
  assert.throws(() => rb.quote(goldenCases()[0].request), QuoteError);
});
