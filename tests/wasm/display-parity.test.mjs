// ICU-vs-Intl display parity: money and dates formatted natively (taoquote::icu_display on the
// system's ICU, through taoquote_format_matrix) and in Node (the npm package's formatMoney and
// formatQuote, i.e. the platform's Intl) must be identical, except the CLDR-version
// differences listed in EXCEPTIONS and documented in docs/display.md. Each exception is
// tolerant of either side (an equal pair always passes, so a platform on the same CLDR as the
// native build agrees outright) and applies only to the locales and currencies it names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repo, loadPackage, read } from './lib.mjs';

const matrixTool =
  process.env.TAOQUOTE_FORMAT_MATRIX ??
  path.join(repo, 'build/native-debug/native/icu/taoquote_format_matrix');

const LOCALES = [
  'en-US',
  'en-GB',
  'en-IN',
  'de-DE',
  'de-CH',
  'fr-FR',
  'fr-CH',
  'it-IT',
  'es-ES',
  'es-MX',
  'pt-BR',
  'nl-NL',
  'sv-SE',
  'nb-NO',
  'pl-PL',
  'ru-RU',
  'tr-TR',
  'ja-JP',
  'ko-KR',
  'zh-CN',
  'zh-TW',
  'hi-IN',
  'th-TH',
  'ar-EG',
  'ar-SA',
  'he-IL',
];
const CURRENCIES = [
  'EUR',
  'USD',
  'CNY',
  'JPY',
  'GBP',
  'CHF',
  'KRW',
  'KWD',
  'INR',
  'SEK',
  'BRL',
  'HUF',
];
// Many digits; ties at 0, 2 and 3 fraction digits (Intl rounds half away from zero); 18
// significant digits (only exact when the decimal string is never a JS number).
const AMOUNTS = [
  '1234567.89',
  '987654321098.76',
  '0.05',
  '2.5',
  '12345.6785',
  '100',
  '123456789012345.678',
];
const DATES = ['2026-11-25', '2027-02-09', '2026-12-31'];

const money = (locale, currency, amount, digits) =>
  new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    ...(digits === undefined
      ? {}
      : { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  }).format(amount);
const civil = (locale, ymd) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${ymd}T00:00:00Z`),
  );

// "€ 1 234,50" → "1 234,50 €": a currency before the number moves after it.
const symbolLast = (s) => s.replace(/^([^\d\u0660-\u0669]+?)\u00a0(?=[\d])(.*)$/u, '$2\u00a0$1');

/**
 * The documented differences between ICU 72 / CLDR 42 (native, Debian 12) and the platform's
 * Intl: newer CLDR data (Node 20 here: ICU 78 / CLDR 48) and one V8 output patch. `normalize`
 * maps both sides to a common form; `variants` lists the forms either side may take. See
 * docs/display.md.
 */
const EXCEPTIONS = [
  {
    id: 'swiss-grouping',
    kind: 'money',
    applies: (l) => ['de-CH', 'it-CH', 'de-LI'].includes(l),
    why: "CLDR 42 groups with U+2019 ’, later CLDR with U+0027 '",
    normalize: (s) => s.replaceAll('\u2019', "'"),
  },
  {
    id: 'huf-fraction-digits',
    kind: 'money',
    applies: (l, c) => c === 'HUF',
    why: 'CLDR 42 shows forint with 2 fraction digits, later CLDR with 0',
    variants: (l, c, a) => [money(l, c, a, 0), money(l, c, a, 2)],
  },
  {
    id: 'zh-krw-symbol',
    kind: 'money',
    applies: (l, c) => l === 'zh-CN' && c === 'KRW',
    why: 'CLDR 42 writes the won sign fullwidth (U+FFE6 ￦) in Chinese, later CLDR U+20A9 ₩',
    normalize: (s) => s.replaceAll('\uffe6', '\u20a9'),
  },
  {
    id: 'nb-symbol-position',
    kind: 'money',
    applies: (l) => l === 'nb-NO',
    why: 'CLDR 42 puts the currency before the amount in Norwegian Bokmål, later CLDR after it',
    normalize: symbolLast,
  },
  {
    id: 'en-IN-date',
    kind: 'date',
    applies: (l) => l === 'en-IN',
    why: 'CLDR 42 medium date "09-Feb-2027" (dd-MMM-y), later CLDR "9 Feb 2027" (d MMM y)',
    normalize: (s) => s.replaceAll('-', ' ').replace(/^0(?=\d)/, ''),
  },
  {
    id: 'v8-date-narrow-space',
    kind: 'date',
    applies: () => true,
    why:
      "V8's Intl.DateTimeFormat turns U+202F (narrow no-break space) into a plain space, " +
      'a web-compatibility patch since ICU 72 (ru-RU "2026 г."); ICU itself keeps it',
    normalize: (s) => s.replaceAll('\u202f', ' '),
  },
  {
    id: 'ar-SA-calendar',
    kind: 'date',
    applies: (l) => l === 'ar-SA',
    why: 'CLDR 42 defaults ar-SA to the Umm al-Qura calendar, later CLDR to the Gregorian one',
    variants: (l, _c, ymd) => [
      civil(`${l}-u-ca-islamic-umalqura`, ymd),
      civil(`${l}-u-ca-gregory`, ymd),
    ],
  },
];

/** null when `native` and `intl` agree or differ only as documented; else a message. */
function compare(kind, locale, currency, value, native, intl, used) {
  if (native === intl) return null;
  const rules = EXCEPTIONS.filter((e) => e.kind === kind && e.applies(locale, currency));
  const norm = (s) => rules.reduce((t, e) => (e.normalize ? e.normalize(t) : t), s);
  let ok = norm(native) === norm(intl);
  for (const e of rules.filter((r) => r.variants)) {
    const forms = new Set(e.variants(locale, currency, value).map(norm));
    ok ||= forms.has(norm(native)) && forms.has(norm(intl));
  }
  if (!ok)
    return `${kind} ${locale} ${currency ?? ''} ${value}: native ${JSON.stringify(native)} vs Intl ${JSON.stringify(intl)}`;
  const matters = (e) => e.variants || e.normalize(native) !== native || e.normalize(intl) !== intl;
  for (const e of rules.filter(matters)) used.set(e.id, (used.get(e.id) ?? 0) + 1);
  return null;
}

function nativeMatrix() {
  const input = JSON.stringify({
    locales: LOCALES,
    currencies: CURRENCIES,
    amounts: AMOUNTS,
    dates: DATES,
  });
  const p = spawnSync(matrixTool, [], { input, maxBuffer: 1 << 26 });
  assert.equal(
    p.status,
    0,
    `${matrixTool} failed (build the native-debug preset or set TAOQUOTE_FORMAT_MATRIX): ${p.error ?? p.stderr}`,
  );
  return JSON.parse(p.stdout.toString('utf8'));
}

// Node < 20 (V8 < 10.6) turns the string into a JS number first: at most 17 significant
// digits survive. The package then formats settled amounts (no more fraction digits than the
// currency has) exactly through BigInt; other amounts are compared only where a double
// carries them exactly.
const intlIsExact = money('en-US', 'USD', '123456789012345.678', 3) === '$123,456,789,012,345.678';
const minorDigits = (currency) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
const comparable = (amount, currency) =>
  intlIsExact ||
  (amount.split('.')[1] ?? '').length <= minorDigits(currency) ||
  String(Number(amount)) === amount;

test(`money: ${LOCALES.length} locales × ${CURRENCIES.length} currencies × ${AMOUNTS.length} amounts, ICU vs Intl`, async (t) => {
  assert.ok(LOCALES.length >= 15 && CURRENCIES.length >= 8);
  const { formatMoney } = await loadPackage();
  const native = nativeMatrix();
  t.diagnostic(
    `native ICU ${native.icu} / CLDR ${native.cldr}; Node ${process.versions.node} Intl ICU ${process.versions.icu} / CLDR ${process.versions.cldr}; Intl formats decimal strings exactly: ${intlIsExact}`,
  );
  assert.equal(native.money.length, LOCALES.length * CURRENCIES.length * AMOUNTS.length);
  const failures = [],
    used = new Map();
  let same = 0,
    skipped = 0;
  for (const m of native.money) {
    assert.equal(
      typeof m.text,
      'string',
      `native error for ${m.locale} ${m.currency}: ${JSON.stringify(m.text)}`,
    );
    if (!comparable(m.amount, m.currency)) {
      ++skipped;
      continue;
    }
    const intl = formatMoney(m.amount, m.currency, m.locale);
    if (intl === m.text) ++same;
    const problem = compare('money', m.locale, m.currency, m.amount, m.text, intl, used);
    if (problem) failures.push(problem);
  }
  const differ = native.money.length - same - skipped;
  t.diagnostic(
    `${same} identical, ${differ} differ as documented (strings per exception: ${JSON.stringify(Object.fromEntries(used))}), ${skipped} skipped (inexact Intl)`,
  );
  assert.deepEqual(failures, [], `undocumented differences:\n${failures.join('\n')}`);
});

test(`dates: ${LOCALES.length} locales × ${DATES.length} medium dates, ICU vs Intl`, (t) => {
  const native = nativeMatrix();
  const failures = [],
    used = new Map();
  for (const d of native.dates) {
    const problem = compare(
      'date',
      d.locale,
      undefined,
      d.date,
      d.text,
      civil(d.locale, d.date),
      used,
    );
    if (problem) failures.push(problem);
  }
  t.diagnostic(`documented differences ${JSON.stringify(Object.fromEntries(used))}`);
  assert.deepEqual(failures, [], `undocumented differences:\n${failures.join('\n')}`);
});

test('formatQuote (display.js) and format_quote (ICU) give the same strings for the same quote', async () => {
  const { createTaoquote, formatQuote, formatMoney } = await loadPackage();
  const tq = await createTaoquote();
  const rulebookPath = 'core/rules/sample-rulebook.json';
  const rulebook = tq.loadRulebook(read(rulebookPath));
  const locales = ['en-US', 'de-DE', 'fr-FR', 'ja-JP', 'zh-TW', 'hi-IN', 'ar-EG', 'de-CH'];
  // A split quote too: the DE example's cart six times over, to the US, split when cheaper.
  const splitCart = JSON.parse(read('docs/examples/request-de.json'));
  splitCart.destination = { country: 'US' };
  delete splitCart.currency;
  delete splitCart.locale;
  splitCart.split = 'when_cheaper';
  for (const item of splitCart.items) item.quantity *= 6;
  const scratch = mkdtempSync(path.join(tmpdir(), 'taoquote-display-'));
  const splitPath = path.join(scratch, 'request-split-us.json');
  writeFileSync(splitPath, JSON.stringify(splitCart));
  let splits = 0;
  for (const request of [
    path.join(repo, 'docs/examples/request-de.json'),
    path.join(repo, 'docs/examples/request-jp.json'),
    splitPath,
  ]) {
    const p = spawnSync(matrixTool, [
      '--quote',
      path.join(repo, rulebookPath),
      request,
      ...locales,
    ]);
    assert.equal(p.status, 0, String(p.stderr));
    const native = JSON.parse(p.stdout.toString('utf8'));
    assert.equal(
      native.quote,
      rulebook.quoteJson(readFileSync(request, 'utf8')),
      'the same quote natively and in wasm',
    );
    const quote = JSON.parse(native.quote);
    if (quote.parcels) splits += 1;
    // What the buyer pays in all: the split quote's own figure, else the selected option's.
    const landed =
      quote.landed_total ?? quote.options.find((o) => o.line === quote.selected).landed_total;
    for (const [i, locale] of locales.entries()) {
      const intl = formatQuote(quote, locale);
      const mine = native.display[i];
      const failures = [],
        used = new Map();
      const check = (kind, currency, value, a, b) => {
        const problem = compare(kind, locale, currency, value, a, b, used);
        if (problem) failures.push(problem);
      };
      assert.equal(mine.locale, intl.locale);
      check('money', quote.currency, quote.total, mine.total, intl.total);
      check(
        'money',
        quote.due_on_delivery.currency,
        quote.due_on_delivery.amount,
        mine.due_on_delivery,
        intl.due_on_delivery,
      );
      assert.deepEqual(
        mine.charges.map((c) => c.code),
        intl.charges.map((c) => c.code),
      );
      quote.charges.forEach((c, k) =>
        check('money', c.currency, c.amount, mine.charges[k].text, intl.charges[k].text),
      );
      assert.deepEqual(
        mine.options.map((o) => [o.line, o.price === null, o.eta === null]),
        intl.options.map((o) => [o.line, o.price === null, o.eta === null]),
      );
      // Each new string formats its own amount in its own currency (then native = Intl).
      const as = (amount, currency) => formatMoney(amount, currency, locale);
      assert.equal(intl.landed_total, as(landed, quote.currency));
      quote.options.forEach((o, k) =>
        assert.equal(
          intl.options[k].landed_total,
          o.eligible ? as(o.landed_total, quote.currency) : null,
        ),
      );
      (quote.parcels ?? []).forEach((x, k) => {
        assert.equal(intl.parcels[k].price, as(x.price, quote.currency));
        assert.equal(intl.parcels[k].duty, as(x.duty, quote.customs.currency));
        x.taxes.forEach((t, j) =>
          assert.equal(intl.parcels[k].taxes[j].text, as(t.amount, quote.customs.currency)),
        );
      });
      check('money', quote.currency, landed, mine.landed_total, intl.landed_total);
      quote.options.forEach((o, k) => {
        if (!o.eligible) return;
        check('money', quote.currency, o.price, mine.options[k].price, intl.options[k].price);
        check(
          'money',
          quote.currency,
          o.landed_total,
          mine.options[k].landed_total,
          intl.options[k].landed_total,
        );
        check(
          'date',
          undefined,
          o.eta.earliest,
          mine.options[k].eta.earliest,
          intl.options[k].eta.earliest,
        );
        check(
          'date',
          undefined,
          o.eta.latest,
          mine.options[k].eta.latest,
          intl.options[k].eta.latest,
        );
      });
      const parcels = quote.parcels ?? [];
      assert.deepEqual(
        mine.parcels.map((x) => [x.line, x.taxes.map((t) => t.code)]),
        parcels.map((x) => [x.line, x.taxes.map((t) => t.code)]),
      );
      assert.deepEqual(
        intl.parcels.map((x) => [x.line, x.taxes.map((t) => t.code)]),
        parcels.map((x) => [x.line, x.taxes.map((t) => t.code)]),
      );
      parcels.forEach((x, k) => {
        const [a, b] = [mine.parcels[k], intl.parcels[k]];
        check('money', quote.currency, x.price, a.price, b.price);
        check('money', quote.customs.currency, x.duty, a.duty, b.duty);
        x.taxes.forEach((t, j) =>
          check('money', quote.customs.currency, t.amount, a.taxes[j].text, b.taxes[j].text),
        );
        check('date', undefined, x.eta.earliest, a.eta.earliest, b.eta.earliest);
        check('date', undefined, x.eta.latest, a.eta.latest, b.eta.latest);
      });
      assert.deepEqual(failures, [], `${request} in ${locale}:\n${failures.join('\n')}`);
    }
  }
  assert.equal(splits, 1, 'one of the quotes splits: the parcels are compared');
  rmSync(scratch, { recursive: true, force: true });
  rulebook.dispose();
});
