// End-to-end, the shopper's side of the demo (issue 15) in Debian's headless Chromium, against
// the native service: axe-core (WCAG 2.0/2.1 A and AA rules) reports no violation in every
// state visited; every tap target is at least 44 × 44 px; a keyboard-only checkout works (Enter
// on "+" three times adds three, focus stays put, arrow keys move the shipping choice); the
// polite live region reads out the total and the server's verdict; locale, currency and the
// catalog's prices follow the destination; refused lines name the items; the service going
// away and coming back updates the badge; a rulebook changed on the server replaces the
// page's total with the server's; and the first load under slow 4G with a 4× slower CPU is
// measured through CDP (printed, recorded in docs/performance.md; no timed assertion).
// Screenshots at 1280 and 390 px go to tests/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { here, repo, npmDir } from './lib.mjs';
import { launchChromium } from './browser-lib.mjs';
import { startDemoService, startService } from './service-lib.mjs';

const artifacts = path.join(repo, 'tests/artifacts');
const axeSource = readFileSync(path.join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page (WCAG 2.0/2.1 A and AA) and asserts no violation. */
async function assertAccessible(page, state) {
  if (!(await page.evaluate(() => typeof window.axe === 'object')))
    await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  });
  assert.deepEqual(
    violations,
    [],
    `axe in state "${state}": ${JSON.stringify(violations, null, 1)}`,
  );
}

/** Every visible control a finger hits (buttons, fields, options, the details toggle) is at
 *  least 44 × 44 CSS px. */
async function assertTapTargets(page, state) {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('button, select, input[type=number], label.option, summary')]
      .filter((e) => e.getClientRects().length > 0)
      .map((e) => {
        const r = e.getBoundingClientRect();
        return {
          what: e.dataset.key ?? e.id ?? e.textContent.trim().slice(0, 30),
          w: r.width,
          h: r.height,
        };
      })
      .filter((t) => t.w < 44 || t.h < 44),
  );
  assert.deepEqual(small, [], `tap targets under 44 px in state "${state}"`);
}

async function checked(page, state) {
  await assertAccessible(page, state);
  await assertTapTargets(page, state);
}

async function settled(page) {
  await page.waitForFunction(
    () =>
      ['match', 'mismatch'].includes(document.body.dataset.verified) ||
      document.body.dataset.state === 'error',
    null,
    { timeout: 20000 },
  );
}

async function serverQuote(url, request) {
  const res = await fetch(`${url}/v1/quote`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  assert.equal(res.status, 200);
  return res.json();
}

const focusedKey = (page) => page.evaluate(() => document.activeElement?.dataset?.key ?? null);

/** Tabs forward until the focused element satisfies `pred` (at most 200 presses). */
async function tabUntil(page, pred, arg) {
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(pred, arg)) return;
  }
  assert.fail('never reached by Tab');
}

function buildDemo() {
  execFileSync('node', [path.join(repo, 'web-demo/build.mjs'), npmDir], { stdio: 'inherit' });
}

test('the demo is accessible, works by keyboard, follows the destination and recovers', async () => {
  buildDemo();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taoquote-demo-'));
  const rulebookPath = path.join(dir, 'rulebook.json');
  copyFileSync(path.join(repo, 'core/rules/sample-rulebook.json'), rulebookPath);
  const args = [
    '--rulebook',
    rulebookPath,
    '--static-dir',
    path.join(repo, 'web-demo/dist'),
    '--reload-poll-ms',
    '100',
  ];
  let service = await startService(args);
  const port = new URL(service.url).port;
  const browser = await launchChromium();
  mkdirSync(artifacts, { recursive: true });
  try {
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const problems = [];
      page.on('pageerror', (e) => problems.push(String(e)));
      await page.goto(`${service.url}/`);
      await settled(page);
      assert.equal(await page.evaluate(() => document.body.dataset.verified), 'match');
      assert.equal(await page.textContent('h1'), 'TQ Haitao Checkout');
      await checked(page, `opening cart, ${width} px`);
      // The polite region read out the total and the verification.
      assert.equal(await page.getAttribute('#announce', 'aria-live'), 'polite');
      const total = await page.textContent('#total');
      await page.waitForFunction(() =>
        /Verified by the server/.test(document.getElementById('announce').textContent),
      );
      assert.ok((await page.textContent('#announce')).includes(total));
      // Shopper language: no rule id or fingerprint in the main view; they are in <details>.
      const main = await page.evaluate(() => {
        const c = document.getElementById('checkout').cloneNode(true);
        c.querySelector('#how').remove();
        c.querySelector('#badge').remove();
        return c.textContent;
      });
      assert.doesNotMatch(main, /sha256|eu-flat|ioss|valuation|CIF|FOB/i);
      assert.match(await page.textContent('#how'), /sha256:[0-9a-f]{64}/);
      assert.match(await page.textContent('#summary'), /Arrives .*Price valid until/s);
      // Refused lines name the items that stop them.
      const refused = await page.$$eval(
        '.unavailable [data-reason="PROHIBITED_ATTRIBUTE"]',
        (els) => els.map((e) => e.textContent),
      );
      assert.ok(refused.length > 0);
      for (const t of refused) assert.match(t, /power bank|shampoo/i);
      // The default line is the least landed total among the eligible ones.
      const landed = await page.$$eval('.option:not(.ineligible)', (els) =>
        els.map((e) => ({
          line: e.dataset.line,
          checked: e.querySelector('input').checked,
          landed: e.querySelector('[data-landed]').dataset.landed,
        })),
      );
      const least = [...landed].sort((a, b) => Number(a.landed) - Number(b.landed))[0];
      assert.equal(landed.find((o) => o.checked).line, least.line);

      // Keyboard only: Tab to "+" of the phone case, Enter three times adds three.
      const before = Number(await page.inputValue('[data-qty="phone-case"]'));
      await tabUntil(page, () => document.activeElement?.dataset?.key === 'inc:phone-case');
      for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
      assert.equal(Number(await page.inputValue('[data-qty="phone-case"]')), before + 3);
      assert.equal(await focusedKey(page), 'inc:phone-case');
      await settled(page);
      // The shipping options are a radio group: Tab reaches the chosen one, arrows move it.
      await tabUntil(page, () => document.activeElement?.name === 'line');
      const from = await page.evaluate(() => document.activeElement.value);
      await page.keyboard.press('ArrowUp');
      await page.waitForFunction((f) => window.taoquoteDemo.lastQuote?.selected !== f, from);
      const to = await page.evaluate(() => window.taoquoteDemo.lastQuote.selected);
      assert.notEqual(to, from);
      assert.equal(await focusedKey(page), `line:${to}`);
      assert.equal(
        await page.evaluate(() => document.querySelector('input[name=line]:checked').value),
        to,
      );
      await settled(page);
      await checked(page, `keyboard, another line, ${width} px`);
      // The explanation opens by keyboard.
      await tabUntil(page, () => document.activeElement?.tagName === 'SUMMARY');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.getElementById('how').open), true);
      await checked(page, `details open, ${width} px`);

      // Locale and currency follow the destination; catalog prices too.
      for (const [country, currency, symbol, name] of [
        ['US', 'USD', '$', 'United States'],
        ['GB', 'GBP', '£', 'United Kingdom'],
        ['JP', 'JPY', '￥', 'Japan'],
      ]) {
        await page.selectOption('#country', country);
        await settled(page);
        const shown = await page.evaluate(() => ({
          currency: document.getElementById('total').dataset.currency,
          text: document.getElementById('total').textContent,
          request: window.taoquoteDemo.lastRequest,
          option: document.querySelector('#country option:checked').textContent,
          price: document.querySelector('[data-price]').textContent,
        }));
        assert.equal(shown.currency, currency);
        assert.equal(shown.option, name);
        assert.ok(shown.text.includes(symbol) || shown.text.includes('¥'), shown.text);
        assert.ok(shown.price.includes(symbol) || shown.price.includes('¥'), shown.price);
        const server = await serverQuote(service.url, shown.request);
        assert.equal(
          await page.evaluate(() => document.getElementById('total').dataset.amount),
          server.total,
        );
      }
      const us = await page.evaluate(() => window.taoquoteDemo.lastRequest.locale);
      assert.equal(us, 'ja-JP');
      // Overridden: another currency and format stay while the destination is kept.
      await page.selectOption('#currency', 'EUR');
      await page.selectOption('#locale', 'en-GB');
      await settled(page);
      assert.equal(
        await page.evaluate(() => document.getElementById('total').dataset.currency),
        'EUR',
      );
      assert.match(await page.textContent('#total'), /^€/);
      await page.selectOption('#currency', '');
      await page.selectOption('#locale', '');
      await page.selectOption('#country', 'DE');
      await settled(page);
      await page.screenshot({
        path: path.join(artifacts, `demo-a11y-${width}.png`),
        fullPage: true,
      });

      // One unquotable item is shown inline, the rest still priced.
      await page.click('[data-add="chopsticks"]');
      await settled(page);
      assert.match(await page.textContent('.cart-line[data-id="chopsticks"]'), /Not in this order/);
      await checked(page, `partial quote, ${width} px`);
      await page.fill('[data-qty="chopsticks"]', '0');
      await page.dispatchEvent('[data-qty="chopsticks"]', 'change');
      await settled(page);

      if (width === 1280) {
        // The service goes away: the page says so and keeps retrying; once it is back (same
        // port), the badge updates by itself.
        await service.stop();
        await page.click('[data-inc="cardigan"]');
        await page.waitForFunction(() => document.body.dataset.verified === 'error');
        assert.match(await page.textContent('#badge'), /unavailable.*retrying/i);
        await checked(page, 'service down');
        service = await startService([...args, '--port', port]);
        await page.waitForFunction(() => document.body.dataset.verified === 'match', null, {
          timeout: 20000,
        });
        assert.match(await page.textContent('#badge'), /Verified by server/);

        // The server's rules change under the page (a higher service fee): the next quote
        // disagrees, and the server's total replaces the page's.
        const changed = JSON.parse(readFileSync(rulebookPath, 'utf8'));
        changed.service_fee.rate = '0.2';
        changed.service_fee.max = '9999.00';
        writeFileSync(rulebookPath, JSON.stringify(changed));
        await new Promise((r) => setTimeout(r, 600));
        await page.click('[data-inc="cardigan"]');
        await page.waitForFunction(() => document.body.dataset.verified === 'mismatch', null, {
          timeout: 20000,
        });
        const request = await page.evaluate(() => window.taoquoteDemo.lastRequest);
        const server = await serverQuote(service.url, request);
        const shown = await page.evaluate(() => ({
          amount: document.getElementById('total').dataset.amount,
          page: window.taoquoteDemo.pageQuote.total,
        }));
        assert.equal(shown.amount, server.total);
        assert.notEqual(shown.page, server.total);
        assert.match(await page.textContent('#badge'), /updated by the server/);
        assert.match(await page.textContent('#announce'), /updated by the server/);
        await checked(page, 'mismatch');
        await page.screenshot({
          path: path.join(artifacts, `demo-a11y-mismatch-${width}.png`),
          fullPage: true,
        });
        copyFileSync(path.join(repo, 'core/rules/sample-rulebook.json'), rulebookPath);
        await new Promise((r) => setTimeout(r, 600));
      }
      assert.deepEqual(problems, []);
      await page.close();
    }
  } finally {
    await browser.close();
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a tampered catalog is explained in the page, never a crash or a silent price', async () => {
  buildDemo();
  // A copy of the built page whose inlined catalog has a JSON number for a price and an
  // unknown seller: the core refuses them with its code and pointer; the page says so.
  const dist = mkdtempSync(path.join(os.tmpdir(), 'taoquote-tampered-'));
  cpSync(path.join(repo, 'web-demo/dist'), dist, { recursive: true });
  for (const f of ['index.html.br', 'index.html.gz']) rmSync(path.join(dist, f));
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const m = /(<script type="application\/json" id="catalog-data">)(.*?)(<\/script>)/s.exec(html);
  assert.ok(m, 'the built page inlines its catalog');
  const catalog = JSON.parse(m[2]);
  const card = catalog.products.find((p) => p.id === 'cardigan');
  card.offers = card.offers.map((o) => ({ ...o, unit_price: 7.15, tiers: undefined }));
  writeFileSync(
    path.join(dist, 'index.html'),
    html.replace(m[0], () => m[1] + JSON.stringify(catalog) + m[3]),
  );
  const service = await startDemoService(dist);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${service.url}/`);
    await page.waitForFunction(() => document.body.dataset.error === 'INVALID_AMOUNT', null, {
      timeout: 20000,
    });
    assert.match(await page.textContent('#message'), /amount.*INVALID_AMOUNT at \/items\/0/s);
    assert.equal(await page.textContent('#total'), '—');
    await checked(page, 'tampered catalog');
    // Without the tampered item the rest of the cart is quoted and verified.
    await page.fill('[data-qty="cardigan"]', '0');
    await page.dispatchEvent('[data-qty="cardigan"]', 'change');
    await settled(page);
    assert.equal(await page.evaluate(() => document.body.dataset.verified), 'match');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await service.stop();
    rmSync(dist, { recursive: true, force: true });
  }
});

test('a cart no line takes whole ships as parcels, each listed with its line, price and dates', async () => {
  buildDemo();
  const service = await startDemoService(path.join(repo, 'web-demo/dist'));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${service.url}/`);
    await settled(page);
    // Sixteen tea sets stack too high for any line as one parcel (docs/parcels.md).
    await page.click('[data-add="tea-set"]');
    await page.fill('[data-qty="tea-set"]', '16');
    await page.dispatchEvent('[data-qty="tea-set"]', 'change');
    await page.waitForFunction(() => !document.querySelector('#parcels').hidden, null, {
      timeout: 20000,
    });
    await settled(page);
    assert.equal(await page.evaluate(() => document.body.dataset.verified), 'match');
    const parcels = await page.$$eval('#parcels .parcel', (ps) =>
      ps.map((p) => ({ line: p.dataset.line, units: p.dataset.units, text: p.textContent })),
    );
    assert.ok(parcels.length >= 2, JSON.stringify(parcels));
    const teaSets = parcels
      .flatMap((p) => p.units.split(','))
      .filter((u) => u.startsWith('tea-set:'))
      .reduce((sum, u) => sum + Number(u.split(':')[1]), 0);
    assert.equal(teaSets, 16, `every tea set is in some parcel: ${JSON.stringify(parcels)}`);
    for (const p of parcels) assert.match(p.text, /kg · .+ · shipping .+ · arrives /);
    const labels = await page.$$eval('#breakdown .label', (ls) => ls.map((l) => l.textContent));
    assert.ok(
      labels.some((l) => /\(parcel 2\)/.test(l)),
      labels.join(' | '),
    );
    assert.match(await page.textContent('#summary'), /with \d parcels/);
    await checked(page, 'split into parcels');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'demo-1280-parcels.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await service.stop();
  }
});

test('first load under slow 4G and a 4× slower CPU (CDP), measured', async () => {
  buildDemo();
  const service = await startDemoService();
  const browser = await launchChromium();
  // Slow 4G at 1.6 Mbit/s down, 750 kbit/s up (× 0.9), with the latency DevTools adds to every
  // request (150 ms RTT × 3.75 = 562.5 ms) and with Lighthouse's plain 150 ms RTT.
  const profiles = [
    ['DevTools slow 4G (562.5 ms per request)', 562.5],
    ['slow 4G at 150 ms RTT', 150],
  ];
  try {
    for (const [name, latency] of profiles) {
      const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency,
        downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
        uploadThroughput: ((750 * 1000) / 8) * 0.9,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      let bytes = 0;
      cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
      await page.goto(`${service.url}/`);
      await page.waitForFunction(() => window.taoquoteDemo?.timing?.pageQuote, null, {
        timeout: 60000,
      });
      const timing = await page.evaluate(() => window.taoquoteDemo.timing);
      console.log(
        `${name} + 4x CPU: catalog at ${timing.catalog} ms, first quote at ` +
          `${timing.firstQuote} ms (${timing.serverQuote ? "the service's" : "the page's"}), the ` +
          `page's own quote at ${timing.pageQuote} ms, ${bytes} bytes transferred`,
      );
      assert.ok(timing.catalog < timing.firstQuote, 'the catalog is drawn before the first quote');
      // A repeat visit with the cache on: hashed assets come from the cache, the page and the
      // rulebook revalidate (304).
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
      await page.goto(`${service.url}/`);
      await page.waitForFunction(() => window.taoquoteDemo?.timing?.firstQuote);
      bytes = 0;
      await page.goto(`${service.url}/`);
      await page.waitForFunction(() => window.taoquoteDemo?.timing?.firstQuote, null, {
        timeout: 60000,
      });
      const again = await page.evaluate(() => window.taoquoteDemo.timing.firstQuote);
      await page.waitForTimeout(300);
      console.log(`${name}, repeat visit: first quote at ${again} ms, ${bytes} bytes transferred`);
      await context.close();
    }
  } finally {
    await browser.close();
    await service.stop();
  }
});
