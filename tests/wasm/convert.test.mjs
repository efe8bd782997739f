// Rulebook.convert(amount, from, to): the single-amount conversion a product page needs, with
// the quote's own FX rules. Over every golden vector, each checkout charge's settled amount
// equals convert() of its source amount (the same check the native suite makes,
// tests/unit/convert_amount_test.cpp); the catalog's prices in every destination currency are
// whole minor units; every misuse is a QuoteError with its code and pointer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goldenCases, loadPackage, read } from './lib.mjs';

const { createTaoquote, QuoteError } = await loadPackage();
const tq = await createTaoquote();
const sample = tq.loadRulebook(read('core/rules/sample-rulebook.json'));

test('convert() equals the quote’s conversion of every checkout charge of the golden vectors', () => {
  const rulebooks = new Map();
  let converted = 0;
  let same = 0;
  for (const c of goldenCases()) {
    if (!rulebooks.has(c.rulebook))
      rulebooks.set(
        c.rulebook,
        tq.loadRulebook(read(`tests/vectors/rulebooks/${c.rulebook}.json`)),
      );
    const rb = rulebooks.get(c.rulebook);
    let q;
    try {
      q = rb.quote(c.request);
    } catch (e) {
      if (e instanceof QuoteError) continue;
      throw e;
    }
    for (const ch of q.charges) {
      if (ch.collect !== 'checkout' || ch.source_amount.startsWith('-')) continue;
      const got = rb.convert(ch.source_amount, ch.source_currency, q.currency);
      assert.deepEqual(got, { amount: ch.amount, currency: q.currency }, `${c.name} ${ch.code}`);
      if (ch.source_currency === q.currency) same++;
      else converted++;
    }
  }
  for (const rb of rulebooks.values()) rb.dispose();
  console.log(`checkout charges checked: ${converted} converted, ${same} same-currency`);
  assert.ok(converted >= 200, `${converted}`);
  assert.ok(same >= 20, `${same}`);
});

test('catalog prices convert into every destination currency with its minor digits', () => {
  const catalog = JSON.parse(read('web-demo/catalog.json'));
  const rulebook = JSON.parse(read('core/rules/sample-rulebook.json'));
  const digits = { JPY: 0, KRW: 0 };
  for (const currency of new Set(rulebook.destinations.map((d) => d.currency))) {
    for (const p of catalog.products)
      for (const o of p.offers)
        for (const price of o.unit_price ? [o.unit_price] : o.tiers.map((t) => t.unit_price)) {
          const got = sample.convert(price, 'CNY', currency);
          assert.equal(got.currency, currency);
          const fraction = got.amount.split('.')[1] ?? '';
          assert.equal(fraction.length, digits[currency] ?? 2, `${price} CNY → ${got.amount}`);
        }
  }
  assert.deepEqual(sample.convert('12.345', 'CNY', 'CNY'), { amount: '12.35', currency: 'CNY' });
});

test('convert() misuse is a QuoteError with the core’s code and pointer', () => {
  const cases = [
    [[1.5, 'CNY', 'EUR'], 'INVALID_AMOUNT', '/amount'],
    [['-1', 'CNY', 'EUR'], 'INVALID_AMOUNT', '/amount'],
    [['1e3', 'CNY', 'EUR'], 'INVALID_AMOUNT', '/amount'],
    [['1.00', 'XXY', 'EUR'], 'UNKNOWN_CURRENCY', '/from'],
    [['1.00', 'CNY', undefined], 'INVALID_ARGUMENT', '/to'],
    [['1.00', 'CNY', 'ZMW'], 'FX_RATE_MISSING', '/to'],
    [['999999999999999', 'CNY', 'JPY'], 'OVERFLOW', ''],
  ];
  for (const [args, code, path] of cases)
    assert.throws(
      () => sample.convert(...args),
      (e) => e instanceof QuoteError && e.code === code && e.path === path && e.doc === 'request',
      `${JSON.stringify(args)} → ${code} ${path}`,
    );
  const rb = tq.loadRulebook(read('core/rules/sample-rulebook.json'));
  rb.dispose();
  assert.throws(
    () => rb.convert('1.00', 'CNY', 'EUR'),
    (e) => e instanceof QuoteError && e.code === 'INVALID_ARGUMENT' && e.doc === 'rulebook',
  );
});
