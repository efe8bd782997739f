// display.js must format amounts exactly on every engine. Engines whose Intl takes decimal
// strings (NumberFormat v3) are the oracle for the BigInt path that older engines (Debian's
// Node 18) use: the same module is loaded with the v3 detection forced off and compared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { npmDir } from './lib.mjs';

const source = readFileSync(path.join(npmDir, 'display.js'), 'utf8');
const native = await import(`data:text/javascript,${encodeURIComponent(source)}`);
const forced = await import(
  `data:text/javascript,${encodeURIComponent(source.replace('const exactStrings = (() => {', 'const exactStrings = false && (() => {'))}`
);

const LOCALES = [
  'en-US',
  'de-DE',
  'fr-FR',
  'ja-JP',
  'de-CH',
  'ar-EG',
  'hi-IN',
  'zh-CN',
  'pt-BR',
  'nb-NO',
  'en-IN',
  'fa-IR',
  'th-TH-u-nu-thai',
];
const AMOUNTS = {
  EUR: ['0.00', '0.05', '-0.05', '12.50', '-1234.56', '999999999999999.99', '123456789012345.67'],
  JPY: ['0', '1', '-7', '123456789012345678'],
  KWD: ['0.125', '-12345678901234.567'],
  CLF: ['1.2345'],
  USD: ['1000000.01', '0.10'],
};

test('the BigInt path formats settled amounts exactly like Intl with decimal strings', (t) => {
  if (!native.intlFormatsDecimalStrings)
    return t.skip(
      `this engine's Intl has no decimal strings (Node ${process.version}); the parity test covers it`,
    );
  let n = 0;
  for (const locale of LOCALES)
    for (const [currency, amounts] of Object.entries(AMOUNTS))
      for (const amount of amounts) {
        assert.equal(
          forced.formatMoney(amount, currency, locale),
          native.formatMoney(amount, currency, locale),
          `${locale} ${currency} ${amount}`,
        );
        ++n;
      }
  assert.ok(n > 150);
});

test('a double would have lost these digits; the package does not', () => {
  const text = forced.formatMoney('123456789012345678', 'JPY', 'en-US');
  assert.match(text, /123,456,789,012,345,678/);
  assert.match(forced.formatMoney('999999999999999.99', 'EUR', 'en-US'), /999,999,999,999,999\.99/);
});
