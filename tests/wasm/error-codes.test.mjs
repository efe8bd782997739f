// The `ErrorCode` union of the package's declarations is a copy of the core's error-name table:
// this test reads both (the C++ source and index.d.ts) and fails when they drift apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { repo, read } from './lib.mjs';

/**
 * Codes only the JavaScript wrapper throws, each with the reason it is not in the core's table.
 * None today: misuse from JavaScript (a missing or non-JSON argument, a disposed rulebook) is
 * the core's INVALID_ARGUMENT, as in the C ABI. A code added here must say why.
 */
const jsOnly = {};

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(cpp|hpp|inc|h)$/.test(name) ? [full] : [];
  });
}

/** The core's table: `case ErrorCode::x: return "X";` or `{ErrorCode::x, "X"}` rows. */
function coreTable() {
  const shapes = [
    /case\s+ErrorCode::(\w+)\s*:\s*return\s+"([A-Z0-9_]+)"\s*;/g,
    /\{\s*ErrorCode::(\w+)\s*,\s*"([A-Z0-9_]+)"\s*\}/g,
  ];
  const names = new Map();
  for (const file of sourceFiles(path.join(repo, 'core/src'))) {
    const text = readFileSync(file, 'utf8');
    for (const shape of shapes)
      for (const [, enumerator, name] of text.matchAll(shape)) {
        const rel = path.relative(repo, file);
        assert.ok(
          !names.has(enumerator) || names.get(enumerator) === name,
          `${rel}: ErrorCode::${enumerator} named twice`,
        );
        names.set(enumerator, name);
      }
  }
  return names;
}

/** The enumerators of `enum class ErrorCode` in the public header. */
function coreEnumerators() {
  const header = read('core/include/taoquote/error.hpp');
  const body = header.match(/enum\s+class\s+ErrorCode\b[^{]*\{([^}]*)\}/);
  assert.ok(body, 'enum class ErrorCode not found in core/include/taoquote/error.hpp');
  return body[1]
    .replace(/\/\/[^\n]*/g, '')
    .split(',')
    .map((e) => e.trim().split(/\s|=/)[0])
    .filter(Boolean);
}

/** The string literals of `export type ErrorCode = ...` in the package's index.d.ts. */
function declaredCodes() {
  const file = 'wasm/npm/index.d.ts';
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true);
  const alias = source.statements.find(
    (s) => ts.isTypeAliasDeclaration(s) && s.name.text === 'ErrorCode',
  );
  assert.ok(alias && ts.isUnionTypeNode(alias.type), 'ErrorCode is not a union in index.d.ts');
  return alias.type.types.map((t) => {
    assert.ok(ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal), t.getText(source));
    return t.literal.text;
  });
}

test('the core names every ErrorCode enumerator (so the table read below is complete)', () => {
  const table = coreTable();
  const enumerators = coreEnumerators();
  assert.ok(enumerators.length >= 20, `only ${enumerators.length} enumerators parsed`);
  assert.deepEqual([...table.keys()].sort(), [...enumerators].sort());
});

test('ErrorCode in index.d.ts = the core table + the listed JavaScript-only codes', () => {
  const declared = declaredCodes();
  assert.equal(new Set(declared).size, declared.length, 'a code is listed twice');
  const core = [...coreTable().values()];
  for (const code of Object.keys(jsOnly))
    assert.ok(!core.includes(code), `${code} is now a core code: drop it from jsOnly`);
  assert.deepEqual([...declared].sort(), [...core, ...Object.keys(jsOnly)].sort());
});

test('every code index.js throws is declared', () => {
  const thrown = [...read('wasm/npm/index.js').matchAll(/code:\s*'([A-Z_]+)'/g)].map((m) => m[1]);
  assert.ok(thrown.length >= 2, 'no literal codes found in index.js');
  const declared = declaredCodes();
  for (const code of thrown) assert.ok(declared.includes(code), code);
});

test('docs/errors.md describes every declared code', () => {
  const doc = read('docs/errors.md');
  for (const code of declaredCodes())
    assert.match(doc, new RegExp(`^\\| \`${code}\` \\|`, 'm'), `${code} missing in docs/errors.md`);
});

test('the shipped JSON Schema of the error body lists the same codes', () => {
  const schema = JSON.parse(read('core/schema/error.schema.json'));
  const enums = [];
  const walk = (v) => {
    if (Array.isArray(v)) {
      if (v.includes('INVALID_JSON')) enums.push(v);
      v.forEach(walk);
    } else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(schema);
  assert.equal(enums.length, 1, 'one enum of error codes in error.schema.json');
  assert.deepEqual([...enums[0]].sort(), [...coreTable().values()].sort());
});
