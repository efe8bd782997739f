// The package as a user gets it: `npm pack`, installed into a scratch project outside the
// repository, imported by name from a Node ESM script, and type-checked by TypeScript three
// ways: a NodeNext tsconfig, a bare `tsc --strict` with no tsconfig (tsc's defaults), and the
// tsconfig `tsc --init` writes, with a `using` declaration that is then compiled and run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { here, repo, npmDir, scratchProjectWithPackage, nativeQuote } from './lib.mjs';

const scratch = await scratchProjectWithPackage();
const installed = path.join(scratch, 'node_modules/taoquote');
const rulebook = 'core/rules/sample-rulebook.json';
const request = 'docs/examples/request-de.json';
const tsc = path.join(here, 'node_modules/typescript/bin/tsc');

/** A fresh folder of the scratch project holding the given consumer files. */
function workspace(name, files) {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const f of files) cpSync(path.join(here, 'consumer', f), path.join(dir, f));
  return dir;
}

/** Runs tsc; on failure the assertion shows its diagnostics. */
function typeCheck(cwd, args) {
  try {
    execFileSync('node', [tsc, ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc ${args.join(' ')} failed in ${cwd}:\n${e.stdout}${e.stderr}`);
  }
}

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

test('the declarations type-check a TypeScript user under --strict (NodeNext, subpaths)', () => {
  const dir = workspace('nodenext', ['usage.ts', 'tsconfig.json']);
  typeCheck(dir, ['-p', path.join(dir, 'tsconfig.json')]);
});

test('a bare `tsc --strict` with no tsconfig accepts the package and taoquote/display', () => {
  const dir = workspace('plain', ['plain.ts']);
  typeCheck(dir, ['--strict', '--noEmit', 'plain.ts']);
});

test('the `tsc --init` defaults type-check `using rb = tq.loadRulebook(...)`', () => {
  const dir = workspace('init', ['using.ts']);
  typeCheck(dir, ['--init']);
  typeCheck(dir, ['-p', '.', '--noEmit']);
});

test('`using` compiled to ES2022 disposes the rulebook at scope exit', async () => {
  const dir = workspace('run', ['using.ts']);
  typeCheck(dir, [
    ...['--strict', '--target', 'es2022', '--lib', 'es2022,esnext.disposable'],
    ...['--module', 'nodenext', '--outDir', 'out', 'using.ts'],
  ]);
  const script = `
    import { readFileSync } from 'node:fs';
    import { QuoteError } from 'taoquote';
    import { quoteInScope } from './out/using.js';
    const [rb, rq] = process.argv.slice(1).map((f) => readFileSync(f, 'utf8'));
    const { total, shown, escaped } = await quoteInScope(rb, JSON.parse(rq));
    let after;
    try { escaped.quote(rq); } catch (e) { after = { isQuoteError: e instanceof QuoteError, code: e.code, doc: e.doc }; }
    process.stdout.write(JSON.stringify({ total, shown, after }));`;
  const out = JSON.parse(
    execFileSync(
      'node',
      ['--input-type=module', '-e', script, path.join(repo, rulebook), path.join(repo, request)],
      { cwd: dir, encoding: 'utf8' },
    ),
  );
  assert.equal(out.total, JSON.parse(await nativeQuote(rulebook, request)).total);
  assert.match(out.shown, /€/);
  assert.deepEqual(out.after, { isQuoteError: true, code: 'INVALID_ARGUMENT', doc: 'rulebook' });
});

test('the tarball carries LICENSE, README, every declaration, the schemas and its metadata', () => {
  const pkg = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'));
  assert.equal(pkg.license, 'MIT');
  assert.match(pkg.repository.url, /^git\+https:\/\/github\.com\/taoquote\/taoquote\.git$/);
  assert.equal(pkg.repository.directory, 'wasm/npm');
  assert.match(pkg.homepage, /^https:\/\/github\.com\/taoquote\/taoquote/);
  assert.equal(
    readFileSync(path.join(installed, 'LICENSE'), 'utf8'),
    readFileSync(path.join(repo, 'LICENSE'), 'utf8'),
  );
  assert.match(readFileSync(path.join(repo, 'LICENSE'), 'utf8'), /^MIT License/);
  assert.match(
    readFileSync(path.join(repo, 'LICENSE'), 'utf8'),
    /Copyright \(c\) 2026 the taoquote authors/,
  );
  const readme = readFileSync(path.join(installed, 'README.md'), 'utf8');
  for (const phrase of ['npm install taoquote', 'createTaoquote', 'QuoteError', 'taoquote/display'])
    assert.ok(readme.includes(phrase), `README lacks ${phrase}`);
  const shipped = readdirSync(installed).sort();
  for (const f of ['LICENSE', 'README.md', 'display.d.ts', 'display.js', 'index.d.ts', 'index.js'])
    assert.ok(shipped.includes(f), `${f} not in the tarball`);
  const schemas = readdirSync(path.join(repo, 'core/schema')).filter((f) => f.endsWith('.json'));
  assert.ok(schemas.length >= 4, 'core/schema has the JSON Schemas');
  assert.deepEqual(readdirSync(path.join(installed, 'schema')).sort(), schemas.sort());
});

test('package.json version matches the CMake project version and every export resolves', () => {
  const pkg = JSON.parse(readFileSync(path.join(npmDir, 'package.json'), 'utf8'));
  const cmake = readFileSync(path.join(repo, 'CMakeLists.txt'), 'utf8').match(
    /project\(taoquote VERSION ([0-9.]+)/,
  )[1];
  assert.equal(pkg.version, cmake);
  const specifiers = [
    'taoquote',
    'taoquote/display',
    'taoquote/taoquote-core.wasm',
    'taoquote/package.json',
    'taoquote/schema/quote.schema.json',
  ];
  const script = `process.stdout.write(JSON.stringify(${JSON.stringify(specifiers)}.map((s) => import.meta.resolve(s))))`;
  const resolved = JSON.parse(
    execFileSync('node', ['--input-type=module', '-e', script], { cwd: scratch, encoding: 'utf8' }),
  );
  for (const url of resolved) assert.ok(readFileSync(new URL(url)).length > 0, url);
  // Every `types` condition names a shipped file.
  for (const [subpath, target] of Object.entries(pkg.exports))
    if (typeof target === 'object')
      assert.ok(readFileSync(path.join(installed, target.types)).length > 0, subpath);
  const schema = JSON.parse(readFileSync(new URL(resolved[4]), 'utf8'));
  assert.ok(schema.$schema || schema.$id, 'a JSON Schema document');
});
