// End-to-end: the web demo's catalog is signed at build (web-demo/build.mjs) and the service
// checks every offer (docs/signed-offers.md). In Debian's headless Chromium, the genuine
// catalog verifies; a page that changes a price, a tier or an expiry in the catalog it
// received, or that runs on a clock two hours behind, still quotes in the browser — and the
// server refuses each, naming the code and the JSON Pointer, with the server's own total shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repo, npmDir } from './lib.mjs';
import { launchChromium } from './browser-lib.mjs';
import { startService } from './service-lib.mjs';

// Its own build of the demo, so it never races demo.test.mjs over web-demo/dist.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'taoquote-demo-signed-'));
const dist = path.join(scratch, 'dist');
const keys = path.join(scratch, 'offer-keys.json');

/** Opens the demo with an optional catalog rewrite and clock offset; resolves when settled. */
async function openDemo(browser, url, { tamper, clockOffsetMs } = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  if (tamper) {
    // The catalog is inlined in the page (web-demo/build.mjs): rewrite it in the page's bytes.
    await page.route(/\/(index\.html)?(\?.*)?$/, async (route) => {
      const res = await route.fetch({
        headers: { ...route.request().headers(), 'accept-encoding': 'identity' },
      });
      const html = await res.text();
      const re = /(<script type="application\/json" id="catalog-data">)(.*?)(<\/script>)/s;
      const catalog = JSON.parse(re.exec(html)[2].replace(/\\u003c/g, '<'));
      tamper(catalog);
      const inlined = JSON.stringify(catalog).replace(/</g, '\\u003c');
      await route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: html.replace(re, (_, open, __, close) => open + inlined + close),
      });
    });
  }
  if (clockOffsetMs) {
    await page.addInitScript((offset) => {
      const RealDate = Date;
      class ShiftedDate extends RealDate {
        constructor(...args) {
          if (args.length === 0) super(RealDate.now() + offset);
          else super(...args);
        }
        static now() {
          return RealDate.now() + offset;
        }
      }
      globalThis.Date = ShiftedDate;
    }, clockOffsetMs);
  }
  await page.goto(`${url}/`);
  await page.waitForFunction(
    () => ['match', 'mismatch', 'error', 'refused'].includes(document.body.dataset.verified),
    null,
    { timeout: 20000 },
  );
  return { page, problems };
}

const product = (catalog, id) => catalog.products.find((p) => p.id === id);

test('the signed demo catalog: tampering and a wrong clock are refused by the server', async () => {
  execFileSync('node', [path.join(repo, 'web-demo/build.mjs'), npmDir, dist, keys], {
    stdio: 'inherit',
  });
  const page = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const signed = JSON.parse(
    /<script type="application\/json" id="catalog-data">(.*?)<\/script>/s
      .exec(page)[1]
      .replace(/\\u003c/g, '<'),
  );
  for (const p of signed.products)
    for (const o of p.offers) {
      assert.equal(o.signature?.alg, 'ed25519', `${p.id}: every offer is signed`);
      assert.ok(Date.parse(o.expires_at) > Date.now(), `${p.id}: offers expire in the future`);
    }
  // The committed catalog stays unsigned; no private key is left behind by the build.
  const source = JSON.parse(readFileSync(path.join(repo, 'web-demo/catalog.json'), 'utf8'));
  assert.ok(source.products.every((p) => p.offers.every((o) => !o.signature)));
  const jwks = JSON.parse(readFileSync(keys, 'utf8'));
  assert.ok(jwks.keys.every((k) => k.kty === 'OKP' && !('d' in k)));

  const service = await startService([
    '--rulebook',
    path.join(repo, 'core/rules/sample-rulebook.json'),
    '--static-dir',
    dist,
    '--offer-keys',
    keys,
  ]);
  const browser = await launchChromium();
  try {
    // The genuine catalog: signatures pass through the WebAssembly package untouched.
    const genuine = await openDemo(browser, service.url);
    assert.equal(
      await genuine.page.evaluate(() => document.body.dataset.verified),
      'match',
      await genuine.page.textContent('#badge'),
    );
    assert.match(await genuine.page.textContent('#badge'), /Verified by server/);
    await genuine.page.close();

    // The opening cart is cardigan, phone-case, power-bank, shampoo (items 0–3).
    const cases = [
      {
        name: 'a price divided by 10',
        tamper: (c) => (product(c, 'cardigan').offers[1].unit_price = '7.90'),
        code: 'OFFER_SIGNATURE_INVALID',
        path: '/items/0/offers/1/signature',
      },
      {
        name: 'a tier moved to a smaller quantity',
        tamper: (c) => (product(c, 'cardigan').offers[0].tiers[1].min_qty = 2),
        code: 'OFFER_SIGNATURE_INVALID',
        path: '/items/0/offers/0/signature',
      },
      {
        name: 'an expiry pushed back',
        tamper: (c) => (product(c, 'phone-case').offers[0].expires_at = '2199-12-31T00:00:00Z'),
        code: 'OFFER_SIGNATURE_INVALID',
        path: '/items/1/offers/0/signature',
      },
      {
        name: 'a clock two hours behind',
        clockOffsetMs: -2 * 3600 * 1000,
        code: 'CLOCK_SKEW',
        path: '/at',
      },
    ];
    for (const c of cases) {
      const { page, problems } = await openDemo(browser, service.url, c);
      const badge = await page.textContent('#badge');
      assert.equal(await page.evaluate(() => document.body.dataset.verified), 'refused', badge);
      assert.equal(await page.evaluate(() => document.body.dataset.refusal), c.code, c.name);
      const refusal = await page.evaluate(() => window.taoquoteDemo.lastRefusal);
      assert.equal(refusal.error.path, c.path, c.name);
      assert.match(badge, new RegExp(`${c.code} at ${c.path}`));
      // The server's own total (its clock, the offers it signed) is on the page.
      assert.ok(refusal.quote, `${c.name}: the server has a quote of its own`);
      assert.ok(badge.includes(`${refusal.quote.total} ${refusal.quote.currency}`), badge);
      const local = await page.evaluate(() => window.taoquoteDemo.lastQuote);
      assert.notEqual(refusal.quote.fingerprint, local.fingerprint, c.name);
      assert.deepEqual(problems, []);
      await page.close();
    }
  } finally {
    await browser.close();
    await service.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
});
