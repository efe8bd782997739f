// The JavaScript API's own contract: misuse (bad arguments, a disposed rulebook) is a
// QuoteError with the core's INVALID_ARGUMENT code, never a raw embind BindingError or
// INTERNAL; rulebooks are disposable with `using` (Symbol.dispose).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPackage, npmDir, read } from './lib.mjs';

// Engines before Symbol.dispose (Node 18): the polyfill TypeScript's `using` expects.
Symbol.dispose ??= Symbol.for('Symbol.dispose');

const { createTaoquote, QuoteError } = await loadPackage();
const tq = await createTaoquote();
const rulebookText = read('core/rules/sample-rulebook.json');
const requestText = read('docs/examples/request-de.json');

/** Asserts that `fn` throws a QuoteError INVALID_ARGUMENT for `doc` at the root. */
function assertArgumentError(fn, doc, messagePattern) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof QuoteError, `not a QuoteError: ${e && e.name}: ${e && e.message}`);
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'QuoteError');
    assert.equal(e.code, 'INVALID_ARGUMENT');
    assert.equal(e.doc, doc);
    assert.equal(e.path, '');
    assert.match(e.message, messagePattern);
    return true;
  });
}

const cyclic = {};
cyclic.self = cyclic;
const badArguments = [
  ['undefined', undefined, /not undefined/],
  ['null', null, /not null/],
  ['a number', 42, /not a number/],
  ['a boolean', true, /not a boolean/],
  ['an array', [], /not an array/],
  ['a function', () => ({}), /not a function/],
  ['a cyclic object', cyclic, /cannot be written as JSON/],
  ['an object holding a BigInt', { at: 1n }, /cannot be written as JSON/],
  ['an object whose toJSON gives nothing', { toJSON: () => undefined }, /no value/],
];

for (const [what, value, message] of badArguments) {
  test(`quote(${what}) throws QuoteError INVALID_ARGUMENT (doc request)`, () => {
    const rb = tq.loadRulebook(rulebookText);
    try {
      assertArgumentError(() => rb.quote(value), 'request', message);
      assertArgumentError(() => rb.quoteJson(value), 'request', message);
    } finally {
      rb.dispose();
    }
  });

  test(`loadRulebook(${what}) throws QuoteError INVALID_ARGUMENT (doc rulebook)`, () => {
    assertArgumentError(() => tq.loadRulebook(value), 'rulebook', message);
  });
}

test('an object argument is still checked by the core (its own code and pointer)', () => {
  const rb = tq.loadRulebook(JSON.parse(rulebookText));
  try {
    const request = JSON.parse(requestText);
    request.items[0].quantity = 0;
    assert.throws(
      () => rb.quote(request),
      (e) =>
        e instanceof QuoteError && e.code === 'INVALID_FIELD' && e.path === '/items/0/quantity',
    );
    // The module still works after every rejected call above.
    assert.match(rb.quote(JSON.parse(requestText)).fingerprint, /^sha256:[0-9a-f]{64}$/);
  } finally {
    rb.dispose();
  }
});

test('a request over 1 MiB is refused for its size, even when its last character does not fit', () => {
  // The module's input view ends one byte past 1 MiB; 3-byte characters stop the encoder
  // short of it, and the text must still reach the core as too large, not cut into bad JSON.
  const rb = tq.loadRulebook(rulebookText);
  try {
    const request = JSON.parse(requestText);
    const text = (title) => JSON.stringify({ ...request, items: [{ ...request.items[0], title }] });
    // 1,050,000 bytes of UTF-8 either way: 3-byte characters, then 1-byte ones.
    for (const big of [text('€'.repeat(350_000)), text('e'.repeat(1_050_000))])
      assert.throws(
        () => rb.quoteJson(big),
        (e) => e instanceof QuoteError && e.code === 'LIMIT_EXCEEDED' && e.path === '',
      );
    assert.match(rb.quote(requestText).fingerprint, /^sha256:[0-9a-f]{64}$/);
  } finally {
    rb.dispose();
  }
});

test('a rulebook over 4 MiB is refused for its size, even when its last character does not fit', () => {
  // Rulebooks go into the module's memory as requests do, through a view that ends one byte
  // past the core's 4 MiB limit.
  const rulebook = JSON.parse(rulebookText);
  const text = (note) =>
    JSON.stringify({ ...rulebook, warehouse: { ...rulebook.warehouse, note } });
  // 4,350,000 bytes of UTF-8 either way: 3-byte characters, then 1-byte ones.
  for (const big of [text('€'.repeat(1_450_000)), text('e'.repeat(4_350_000))])
    assert.throws(
      () => tq.loadRulebook(big),
      (e) =>
        e instanceof QuoteError &&
        e.code === 'LIMIT_EXCEEDED' &&
        e.doc === 'rulebook' &&
        e.path === '',
    );
  // Just under the limit (layout whitespace), it loads, with the digest of the text without it.
  const rb = tq.loadRulebook(rulebookText + ' '.repeat(4_000_000));
  const plain = tq.loadRulebook(rulebookText);
  try {
    assert.equal(rb.digest, plain.digest);
  } finally {
    rb.dispose();
    plain.dispose();
  }
});

test('createTaoquote(options) rejects bad options with QuoteError INVALID_ARGUMENT', async () => {
  const bad = [
    [null, ''],
    [7, ''],
    ['x', ''],
    [{ wasmBinary: 'taoquote-core.wasm' }, '/wasmBinary'],
    [{ wasmBinary: [0, 97, 115, 109] }, '/wasmBinary'],
    [{ locateFile: 'taoquote-core.wasm' }, '/locateFile'],
  ];
  for (const [options, path] of bad) {
    await assert.rejects(createTaoquote(options), (e) => {
      assert.ok(e instanceof QuoteError, `${e.name}: ${e.message}`);
      assert.equal(e.code, 'INVALID_ARGUMENT');
      assert.equal(e.path, path);
      return true;
    });
  }
});

test('createTaoquote({ wasmBinary }) accepts the module bytes as a Uint8Array', async () => {
  const bytes = readFileSync(path.join(npmDir, 'taoquote-core.wasm'));
  const other = await createTaoquote({ wasmBinary: new Uint8Array(bytes) });
  const rb = other.loadRulebook(rulebookText);
  const reference = tq.loadRulebook(rulebookText);
  try {
    assert.equal(rb.quoteJson(requestText), reference.quoteJson(requestText));
  } finally {
    rb.dispose();
    reference.dispose();
  }
});

test('a disposed rulebook throws QuoteError INVALID_ARGUMENT (doc rulebook), not INTERNAL', () => {
  const rb = tq.loadRulebook(rulebookText);
  assert.equal(typeof rb.quote(requestText).total, 'string');
  rb.dispose();
  rb.dispose(); // idempotent
  for (const call of [() => rb.quote(requestText), () => rb.quoteJson(requestText)])
    assertArgumentError(call, 'rulebook', /disposed/);
  // Checked before the argument: a disposed rulebook says so whatever it is given.
  assertArgumentError(() => rb.quote(undefined), 'rulebook', /disposed/);
});

test('rb[Symbol.dispose]() disposes the rulebook and frees its memory', () => {
  const before = tq.allocatedBytes();
  const rb = tq.loadRulebook(rulebookText);
  assert.equal(typeof rb[Symbol.dispose], 'function');
  assert.equal(rb[Symbol.dispose], rb.dispose);
  assert.ok(tq.allocatedBytes() > before, 'loading allocates inside the module');
  rb[Symbol.dispose]();
  assert.equal(tq.allocatedBytes(), before);
  assertArgumentError(() => rb.quote(requestText), 'rulebook', /disposed/);
});

test('a using-style scope (try/finally over Symbol.dispose) frees the rulebook on throw', () => {
  // What `using rb = tq.loadRulebook(...)` compiles to on engines without the syntax.
  const before = tq.allocatedBytes();
  let escaped;
  assert.throws(() => {
    const rb = tq.loadRulebook(rulebookText);
    escaped = rb;
    try {
      rb.quote({ at: 'yesterday' });
    } finally {
      rb[Symbol.dispose]();
    }
  }, QuoteError);
  assert.equal(tq.allocatedBytes(), before);
  assertArgumentError(() => escaped.quote(requestText), 'rulebook', /disposed/);
});

test('QuoteError built by hand has defaults, never undefined fields', () => {
  const e = new QuoteError({ code: 'NO_OFFER', message: 'No offer.' });
  assert.equal(e.name, 'QuoteError');
  assert.equal(e.code, 'NO_OFFER');
  assert.equal(e.path, '');
  assert.equal(e.doc, 'request');
  assert.equal(e.message, 'No offer.');
  const bare = new QuoteError();
  assert.equal(bare.code, 'INTERNAL');
});
