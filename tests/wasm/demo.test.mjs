// End-to-end: the web demo served by the native service, driven in Debian's headless
// Chromium. The total on the page must equal the service's /v1/quote total for the same
// cart, the badge must show a server match, ineligible lines and below-MOQ quantities must
// be explained, and the console must stay clean. Screenshots at 390 and 1280 px are saved
// to tests/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repo, npmDir } from './lib.mjs';
import { launchChromium } from './browser-lib.mjs';
import { startService } from './service-lib.mjs';

const artifacts = path.join(repo, 'tests/artifacts');

async function serverTotal(url, request) {
  const res = await fetch(`${url}/v1/quote`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  return body;
}

async function settled(page) {
  await page.waitForFunction(
    () =>
      ['match', 'mismatch', 'error'].includes(document.body.dataset.verified) ||
      document.body.dataset.state === 'error',
    null,
    { timeout: 20000 },
  );
}

async function assertMatchesServer(page, url) {
  await settled(page);
  assert.equal(
    await page.evaluate(() => document.body.dataset.verified),
    'match',
    await page.textContent('#badge'),
  );
  const request = await page.evaluate(() => window.taoquoteDemo.lastRequest);
  const shown = await page.evaluate(() => ({
    amount: document.getElementById('total').dataset.amount,
    currency: document.getElementById('total').dataset.currency,
    text: document.getElementById('total').textContent,
  }));
  const server = await serverTotal(url, request);
  assert.equal(shown.amount, server.total);
  assert.equal(shown.currency, server.currency);
  assert.doesNotMatch(shown.text, /NaN|undefined|^\s*$/);
  assert.match(await page.textContent('#badge'), /Verified by server/);
  return server;
}

test('the demo quotes in the browser and the service verifies every quote', async () => {
  execFileSync('node', [path.join(repo, 'web-demo/build.mjs'), npmDir], { stdio: 'inherit' });
  const service = await startService([
    '--rulebook',
    path.join(repo, 'core/rules/sample-rulebook.json'),
    '--static-dir',
    path.join(repo, 'web-demo/dist'),
  ]);
  const browser = await launchChromium();
  mkdirSync(artifacts, { recursive: true });
  try {
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const problems = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(String(e)));
      await page.goto(`${service.url}/`);

      // The opening cart (Germany, EUR).
      const first = await assertMatchesServer(page, service.url);
      assert.equal(first.currency, 'EUR');
      // An ineligible line shows its reason (the cart holds a battery and a liquid).
      const reasons = await page.$$eval('.option.ineligible', (els) =>
        els.map((e) => [e.dataset.reason, e.textContent]),
      );
      assert.ok(reasons.length > 0, 'expected an ineligible line');
      for (const [code, text] of reasons) {
        assert.ok(code);
        assert.match(text, /cannot|too|does not/);
      }

      // Change a quantity.
      await page.click('[data-inc="phone-case"]');
      await assertMatchesServer(page, service.url);
      // Change destination and currency.
      await page.selectOption('#country', 'JP');
      await assertMatchesServer(page, service.url);
      await page.selectOption('#currency', 'USD');
      const usd = await assertMatchesServer(page, service.url);
      assert.equal(usd.currency, 'USD');
      await page.selectOption('#locale', 'ja-JP');
      await assertMatchesServer(page, service.url);
      await page.screenshot({ path: path.join(artifacts, `demo-${width}.png`), fullPage: true });

      // A below-MOQ quantity shows an error, never a blank or NaN.
      await page.click('[data-add="chopsticks"]');
      await page.waitForFunction(() => document.body.dataset.state === 'error');
      assert.equal(await page.evaluate(() => document.body.dataset.error), 'BELOW_MOQ');
      assert.match(
        await page.textContent('#message'),
        /Bamboo chopsticks.*minimum order quantity/s,
      );
      assert.equal(await page.textContent('#total'), '—');
      await page.screenshot({
        path: path.join(artifacts, `demo-${width}-below-moq.png`),
        fullPage: true,
      });
      // Fixing the quantity brings the quote back.
      await page.fill('[data-qty="chopsticks"]', '5');
      await page.dispatchEvent('[data-qty="chopsticks"]', 'change');
      await assertMatchesServer(page, service.url);

      assert.deepEqual(problems, []);
      await page.close();
    }
  } finally {
    await browser.close();
    await service.stop();
  }
});
