// End-to-end: the web demo served by the native service, driven in Debian's headless
// Chromium. The total on the page must equal the service's /v1/quote total for the same
// cart, each shipping option must show the service's landed total (with what is due on
// delivery beside it when there is any), the badge must show a server match, ineligible
// lines must be explained, an item below its MOQ must be left out of a partial quote with
// its reason beside it (the rest still quoted), a cart of only such items must be explained,
// after a quantity change "what changed since your last quote" must show a total change equal
// to the difference of the service's two totals with charge changes that add up to it, and the
// console must stay clean. Screenshots at 390 and 1280 px are saved to
// tests/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repo, npmDir } from './lib.mjs';
import { launchChromium } from './browser-lib.mjs';
import { startDemoService } from './service-lib.mjs';

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

/** A decimal string as a BigInt of 10^-12 units (amounts have ≤ 12 fraction digits). */
function units(amount) {
  const m = /^(-?)(\d+)(?:\.(\d{1,12}))?$/.exec(amount);
  assert.ok(m, `not a decimal amount: ${amount}`);
  const n = BigInt(m[2]) * 10n ** 12n + BigInt((m[3] ?? '').padEnd(12, '0'));
  return m[1] ? -n : n;
}

/** The "what changed" region: shown, with a total change equal to after − before (the two
 *  service quotes' totals), charge changes at checkout that add up to it, causes that add up
 *  to their charge's change, and readable amounts. */
async function assertChangesShown(page, before, after) {
  assert.equal(after.currency, before.currency);
  const shown = await page.evaluate(() => {
    const region = document.getElementById('changes');
    const total = region.querySelector('[data-total-delta]');
    return {
      hidden: region.hidden,
      label: document.getElementById(region.getAttribute('aria-labelledby'))?.textContent,
      live: region.closest('[aria-live]')?.getAttribute('aria-live'),
      text: region.textContent,
      total: total?.dataset.totalDelta,
      currency: total?.dataset.currency,
      totalText: total?.querySelector('strong')?.textContent,
      rows: [...region.querySelectorAll('li[data-delta]')].map((li) => ({
        code: li.dataset.code,
        collect: li.dataset.collect,
        delta: li.dataset.delta,
        text: li.textContent,
        causes: [...li.querySelectorAll('[data-amount]')].map((c) => c.dataset.amount),
      })),
    };
  });
  assert.equal(shown.hidden, false, 'the "what changed" region is shown');
  assert.match(shown.label, /What changed since your last quote/);
  assert.equal(shown.live, 'polite');
  const change = units(after.total) - units(before.total);
  assert.notEqual(change, 0n, 'the quantity change moved the total');
  assert.equal(shown.currency, after.currency);
  assert.equal(units(shown.total), change, `total change shown ${shown.total}`);
  assert.match(shown.totalText, change > 0n ? /^\+.*\d/ : /^−.*\d/);
  const atCheckout = shown.rows.filter((r) => r.collect === 'checkout');
  assert.ok(atCheckout.length > 0, 'at least one charge change listed');
  assert.equal(
    atCheckout.reduce((sum, r) => sum + units(r.delta), 0n),
    change,
    `charge changes ${atCheckout.map((r) => `${r.code} ${r.delta}`).join(', ')} add up to the total's`,
  );
  for (const r of shown.rows) {
    assert.ok(r.causes.length > 0, `${r.code} has a cause`);
    assert.equal(
      r.causes.reduce((sum, a) => sum + units(a), 0n),
      units(r.delta),
      `${r.code}: causes add up`,
    );
    assert.match(r.text, /\d/);
    assert.doesNotMatch(r.text, /NaN|undefined|null/);
  }
  assert.doesNotMatch(shown.text, /NaN|undefined|null/);
  return shown;
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

/** Each eligible option shows the server's landed total, and its due on delivery iff non-zero. */
async function assertLandedFigures(page, server) {
  const shown = await page.$$eval('.option:not(.ineligible)', (els) =>
    els.map((e) => ({
      line: e.dataset.line,
      landed: e.querySelector('[data-landed]')?.dataset.landed,
      landedText: e.querySelector('[data-landed]')?.textContent,
      due: e.querySelector('[data-due]')?.dataset.due ?? null,
      dueText: e.querySelector('[data-due]')?.textContent ?? null,
    })),
  );
  const eligible = server.options.filter((o) => o.eligible);
  assert.deepEqual(
    shown.map((o) => o.line),
    eligible.map((o) => o.line),
  );
  let withDue = 0;
  for (const [i, o] of eligible.entries()) {
    assert.equal(shown[i].landed, o.landed_total, o.line);
    assert.match(shown[i].landedText, /\d/, o.line);
    assert.doesNotMatch(shown[i].landedText, /NaN|undefined/, o.line);
    const due = /^0(\.0+)?$/.test(o.due_on_delivery.amount) ? null : o.due_on_delivery.amount;
    assert.equal(shown[i].due, due, `${o.line}: due on delivery shown iff non-zero`);
    if (due) {
      assert.match(shown[i].dueText, /on delivery/);
      withDue++;
    }
  }
  return withDue;
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
  server.optionsWithDue = await assertLandedFigures(page, server);
  return server;
}

test('the demo quotes in the browser and the service verifies every quote', async () => {
  execFileSync('node', [path.join(repo, 'web-demo/build.mjs'), npmDir], { stdio: 'inherit' });
  const service = await startDemoService();
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

      // The opening cart (Germany, EUR): no earlier quote, so nothing "changed".
      const first = await assertMatchesServer(page, service.url);
      assert.equal(first.currency, 'EUR');
      assert.equal(await page.evaluate(() => document.getElementById('changes').hidden), true);
      // An ineligible line shows its reason (the cart holds a battery and a liquid).
      const reasons = await page.$$eval('.option.ineligible', (els) =>
        els.map((e) => [e.dataset.reason, e.textContent]),
      );
      assert.ok(reasons.length > 0, 'expected an ineligible line');
      for (const [code, text] of reasons) {
        assert.ok(code);
        assert.match(text, /cannot|too|does not/);
      }

      // Change a quantity: what changed, against the service's quotes before and after.
      await page.click('[data-inc="phone-case"]');
      const more = await assertMatchesServer(page, service.url);
      const changes = await assertChangesShown(page, first, more);
      assert.ok(
        changes.rows.some((r) => r.code === 'GOODS' && /Phone/i.test(r.text)),
        'the goods change names the item whose quantity changed',
      );
      // Change destination and currency: another currency is not compared item by item.
      await page.selectOption('#country', 'JP');
      const jp = await assertMatchesServer(page, service.url);
      const moved = await page.evaluate(() => ({
        hidden: document.getElementById('changes').hidden,
        text: document.getElementById('changes').textContent,
        place: document.querySelector('#changes [data-to]')?.dataset,
        total: document.querySelector('#changes [data-total-delta]')?.dataset.totalDelta,
      }));
      assert.equal(moved.hidden, false);
      assert.deepEqual({ ...moved.place }, { from: 'DE', to: 'JP' });
      assert.equal(moved.total, '', 'no total change across currencies');
      assert.match(moved.text, /instead of.*Total now.*was/s);
      assert.doesNotMatch(moved.text, /NaN|undefined|null/);
      // Japan collects duty, tax and the carrier's clearance fee on delivery on some lines.
      assert.ok(jp.optionsWithDue > 0, 'expected an option with an amount due on delivery');
      await page.selectOption('#currency', 'USD');
      const usd = await assertMatchesServer(page, service.url);
      assert.equal(usd.currency, 'USD');
      await page.selectOption('#locale', 'ja-JP');
      const ja = await assertMatchesServer(page, service.url);
      await page.screenshot({ path: path.join(artifacts, `demo-${width}.png`), fullPage: true });

      // A below-MOQ quantity leaves that item out, with its reason beside it; the rest of the
      // cart is still quoted (a partial quote), never blanked.
      await page.click('[data-add="chopsticks"]');
      const partial = await assertMatchesServer(page, service.url);
      assert.equal((await page.evaluate(() => window.taoquoteDemo.lastRequest)).partial, true);
      assert.deepEqual(
        partial.excluded.map((x) => [x.item, x.code]),
        [['chopsticks', 'BELOW_MOQ']],
      );
      assert.equal(await page.evaluate(() => document.body.dataset.state), 'quoted');
      // The cart changed but its price did not: the change region says so.
      assert.equal(partial.total, ja.total);
      const unchanged = await page.evaluate(() => ({
        hidden: document.getElementById('changes').hidden,
        total: document.querySelector('#changes [data-total-delta]')?.dataset.totalDelta,
        text: document.getElementById('changes').textContent,
      }));
      assert.equal(unchanged.hidden, false);
      assert.equal(units(unchanged.total), 0n);
      assert.match(unchanged.text, /did not change/);
      const row = '.cart-line[data-id="chopsticks"]';
      assert.equal(await page.getAttribute(row, 'data-excluded'), 'BELOW_MOQ');
      assert.match(await page.textContent(row), /Bamboo chopsticks.*minimum order quantity/s);
      assert.equal(await page.textContent('[data-amount="chopsticks"]'), '—');
      for (const item of partial.items) {
        assert.notEqual(item.id, 'chopsticks');
        const amount = await page.textContent(`[data-amount="${item.id}"]`);
        assert.match(amount, /\d/, `${item.id} still priced`);
        assert.equal(
          await page.getAttribute(`.cart-line[data-id="${item.id}"]`, 'data-excluded'),
          null,
        );
      }
      await page.screenshot({
        path: path.join(artifacts, `demo-${width}-below-moq.png`),
        fullPage: true,
      });
      // A cart of only that item cannot be quoted: the error is explained, never a blank or NaN.
      for (const item of partial.items) {
        await page.fill(`[data-qty="${item.id}"]`, '0');
        await page.dispatchEvent(`[data-qty="${item.id}"]`, 'change');
      }
      await page.waitForFunction(() => document.body.dataset.state === 'error');
      assert.equal(await page.evaluate(() => document.body.dataset.error), 'BELOW_MOQ');
      assert.match(
        await page.textContent('#message'),
        /Bamboo chopsticks.*minimum order quantity/s,
      );
      assert.equal(await page.textContent('#total'), '—');
      // Fixing the quantity brings the quote back, with nothing left out.
      await page.fill('[data-qty="chopsticks"]', '5');
      await page.dispatchEvent('[data-qty="chopsticks"]', 'change');
      const fixed = await assertMatchesServer(page, service.url);
      assert.deepEqual(fixed.excluded, []);
      assert.equal(await page.getAttribute(row, 'data-excluded'), null);

      assert.deepEqual(problems, []);
      await page.close();
    }
  } finally {
    await browser.close();
    await service.stop();
  }
});
