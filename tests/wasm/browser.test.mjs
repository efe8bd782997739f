// As a user would in a browser: a Vite build of a one-page app (and a module web worker)
// that imports the installed package, served on loopback and opened in Debian's headless Chromium (playwright-core).
// The page's quote must be byte-identical to the native build's; the console must be clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { here, repo, scratchProjectWithPackage, nativeQuote } from './lib.mjs';
import { serveStatic, launchChromium } from './browser-lib.mjs';

const rulebook = 'core/rules/sample-rulebook.json';
const request = 'docs/examples/request-de.json';

test('a Vite-built page quotes in headless Chromium exactly like the native build', async () => {
  const scratch = await scratchProjectWithPackage();
  cpSync(path.join(here, 'consumer/vite-app'), scratch, { recursive: true });
  mkdirSync(path.join(scratch, 'public'), { recursive: true });
  cpSync(path.join(repo, rulebook), path.join(scratch, 'public/rulebook.json'));
  cpSync(path.join(repo, request), path.join(scratch, 'public/request.json'));
  execFileSync('node', [path.join(here, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: scratch,
    stdio: 'inherit',
  });
  assert.ok(existsSync(path.join(scratch, 'dist/index.html')));

  const server = await serveStatic(path.join(scratch, 'dist'));
  let browser;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    const problems = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="yes"]', { timeout: 30000 }).catch((e) => {
      throw new Error(`page never became ready: ${problems.join(' | ')} (${e.message})`);
    });
    const text = await page.textContent('#quote');
    assert.equal(text, await nativeQuote(rulebook, request));
    assert.match(await page.textContent('#total'), /EUR · .*€/);
    assert.equal(
      await page.evaluate(() => document.body.dataset.worker),
      'match',
      'the web worker quoted different bytes',
    );
    assert.deepEqual(problems, []);
  } finally {
    await browser?.close();
    server.close();
  }
});
