// The declarations are a hand-written copy of the formats: this test holds them to the data.
// Every golden rulebook, request and expected quote (or error body), and the shipped sample
// rulebook and doc examples, are written as typed constants of index.d.ts and type-checked
// with tsc --strict: a field the declarations lack, misname or mistype fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { here, repo, read, goldenCases } from './lib.mjs';

const tsc = path.join(here, 'node_modules/typescript/bin/tsc');
const declarations = path.join(repo, 'wasm/npm/index.js'); // resolves to index.d.ts

/** A .ts module declaring each value as a constant of its type. */
function typedModule(entries) {
  const lines = [
    `import type { Quote, RequestJson, RulebookJson, ErrorBody } from ${JSON.stringify(declarations)};`,
  ];
  entries.forEach(({ type, value, origin }, i) => {
    lines.push(`// ${origin}`, `export const v${i}: ${type} = ${JSON.stringify(value)};`);
  });
  return lines.join('\n') + '\n';
}

function typeCheck(source) {
  const dir = mkdtempSync(path.join(tmpdir(), 'taoquote-types-'));
  try {
    writeFileSync(path.join(dir, 'data.ts'), source);
    const options = ['--strict', '--noEmit', '--target', 'es2022'];
    const modules = ['--module', 'esnext', '--moduleResolution', 'bundler'];
    execFileSync('node', [tsc, ...options, ...modules, 'data.ts'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return '';
  } catch (e) {
    return `${e.stdout}${e.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cases = goldenCases();
const rulebookFiles = [
  ...readdirSync(path.join(repo, 'tests/vectors/rulebooks')).map(
    (f) => `tests/vectors/rulebooks/${f}`,
  ),
  'core/rules/sample-rulebook.json',
];

test('rulebooks and requests of the vectors and docs are RulebookJson and RequestJson', () => {
  const entries = [
    ...rulebookFiles.map((f) => ({ type: 'RulebookJson', value: JSON.parse(read(f)), origin: f })),
    ...cases.map((c) => ({ type: 'RequestJson', value: c.request, origin: c.name })),
    ...readdirSync(path.join(repo, 'docs/examples'))
      .filter((f) => /^request.*\.json$/.test(f))
      .map((f) => ({
        type: 'RequestJson',
        value: JSON.parse(read(`docs/examples/${f}`)),
        origin: f,
      })),
  ];
  assert.ok(entries.length > 100, `${entries.length} inputs`);
  assert.equal(typeCheck(typedModule(entries)), '');
});

test('every expected quote is a Quote and every expected error an ErrorBody', () => {
  let quotes = 0;
  const entries = cases.map((c) => {
    const value = JSON.parse(c.expected);
    if ('error' in value) return { type: '{ error: ErrorBody }', value, origin: c.name };
    quotes++;
    return { type: 'Quote', value, origin: c.name };
  });
  assert.ok(quotes > 50 && quotes < entries.length, `${quotes} quotes, some errors`);
  assert.equal(typeCheck(typedModule(entries)), '');
});

test('the check fails on data the declarations do not describe (it can fail)', () => {
  const quote = JSON.parse(cases.find((c) => !c.expected.includes('"error"')).expected);
  const wrong = [
    { ...quote, total: 12.5 }, // a number where an amount belongs
    { ...quote, surprise: true }, // a field the declarations lack
  ];
  const out = typeCheck(typedModule(wrong.map((value) => ({ type: 'Quote', value, origin: 'x' }))));
  assert.match(out, /TS2322/);
  assert.match(out, /surprise/);
});
