// The package as a user gets it: `npm pack`, installed into a scratch project outside the
// repository, imported by name from a Node ESM script, and type-checked with tsc --strict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { here, repo, npmDir, scratchProjectWithPackage, nativeQuote } from './lib.mjs';

const scratch = await scratchProjectWithPackage();
const rulebook = 'core/rules/sample-rulebook.json';
const request = 'docs/examples/request-de.json';

test('a Node ESM script imports the installed package and quotes like the native build', async () => {
  cpSync(path.join(here, 'consumer/quote.mjs'), path.join(scratch, 'quote.mjs'));
  const out = JSON.parse(
    execFileSync('node', ['quote.mjs', path.join(repo, rulebook), path.join(repo, request)], {
      cwd: scratch,
      encoding: 'utf8',
    }),
  );
  assert.equal(out.canonical, await nativeQuote(rulebook, request));
  assert.match(out.display, /€/);
});

test('the declarations type-check a TypeScript user under --strict', () => {
  cpSync(path.join(here, 'consumer/usage.ts'), path.join(scratch, 'usage.ts'));
  cpSync(path.join(here, 'consumer/tsconfig.json'), path.join(scratch, 'tsconfig.json'));
  const tsc = path.join(here, 'node_modules/typescript/bin/tsc');
  execFileSync('node', [tsc, '-p', path.join(scratch, 'tsconfig.json')], { stdio: 'inherit' });
});

test('package.json version matches the CMake project version and exports resolve', () => {
  const pkg = JSON.parse(readFileSync(path.join(npmDir, 'package.json'), 'utf8'));
  const cmake = readFileSync(path.join(repo, 'CMakeLists.txt'), 'utf8').match(
    /project\(taoquote VERSION ([0-9.]+)/,
  )[1];
  assert.equal(pkg.version, cmake);
  for (const target of ['./index.js', './display.js', './index.d.ts', './taoquote-core.wasm'])
    assert.ok(readFileSync(path.join(scratch, 'node_modules/taoquote', target)).length > 0, target);
});
