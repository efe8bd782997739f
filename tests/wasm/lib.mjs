// Shared helpers of the wasm suites: where things are, the golden vectors, JSON Patch.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '../..');
/** The built npm package: TAOQUOTE_NPM_DIR, else `npm/` of TAOQUOTE_WASM_DIR (a wasm build
 *  directory), else the wasm preset's output. */
export const npmDir =
  process.env.TAOQUOTE_NPM_DIR ??
  path.join(process.env.TAOQUOTE_WASM_DIR ?? path.join(repo, 'build/wasm'), 'npm');
/** The native driver (tests/tools/quote_driver) for differential tests. */
export const driver =
  process.env.TAOQUOTE_DRIVER ?? path.join(repo, 'build/native-debug/tests/taoquote_quote_driver');

export async function loadPackage() {
  return import(pathToFileURL(path.join(npmDir, 'index.js')).href);
}

export function read(rel) {
  return readFileSync(path.join(repo, rel), 'utf8');
}

/** Every golden vector: { name, rulebook (name), request (object), expected (text) }. */
export function goldenCases() {
  const dir = path.join(repo, 'tests/vectors/cases');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((name) => {
      const c = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
      const expected = readFileSync(
        path.join(repo, 'tests/vectors/expected', name),
        'utf8',
      ).replace(/[\r\n]+$/, '');
      return { name, rulebook: c.rulebook, request: c.request, expected };
    });
}

function decodePointer(pointer) {
  return pointer
    .split('/')
    .slice(1)
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Applies an RFC 6902 patch (add, replace, remove) to a deep copy of `doc`. */
export function applyPatch(doc, ops) {
  const out = structuredClone(doc);
  for (const op of ops) {
    const tokens = decodePointer(op.path);
    const last = tokens.pop();
    let parent = out;
    for (const t of tokens) parent = parent[Array.isArray(parent) ? Number(t) : t];
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (op.op === 'remove') parent.splice(index, 1);
      else if (op.op === 'add') parent.splice(index, 0, op.value);
      else parent[index] = op.value;
    } else if (op.op === 'remove') delete parent[last];
    else parent[last] = op.value;
  }
  return out;
}

/** The text a bad-input catalogue entry describes (tests/bad/catalogue.json). */
export function badInputText(entry, baseText) {
  if ('raw' in entry) return entry.raw;
  if ('patch' in entry) return JSON.stringify(applyPatch(JSON.parse(baseText), entry.patch));
  const g = entry.generate;
  switch (g.kind) {
    case 'nest':
      return '['.repeat(g.depth) + ']'.repeat(g.depth);
    case 'pad':
      return baseText.slice(0, baseText.lastIndexOf('}')) + ' '.repeat(g.bytes) + '}';
    case 'bytes':
      return Buffer.from(g.hex, 'hex');
    case 'long_string': {
      const doc = JSON.parse(baseText);
      const tokens = decodePointer(g.path);
      const last = tokens.pop();
      let parent = doc;
      for (const t of tokens) parent = parent[t];
      parent[last] = 'x'.repeat(g.bytes);
      return JSON.stringify(doc);
    }
    default:
      throw new Error(`unknown generator ${g.kind}`);
  }
}

/** Packs the built package with `npm pack` and installs the tarball into a new scratch
 *  project outside the repository, as a user would. Returns the scratch directory. */
export async function scratchProjectWithPackage() {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { execFileSync } = await import('node:child_process');
  const scratch = mkdtempSync(path.join(tmpdir(), 'taoquote-user-'));
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', scratch], {
    cwd: npmDir,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop();
  writeFileSync(
    path.join(scratch, 'package.json'),
    JSON.stringify({ name: 'shop', private: true, type: 'module' }),
  );
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--silent', path.join(scratch, tarball)],
    { cwd: scratch, stdio: 'inherit' },
  );
  return scratch;
}

/** The native build's canonical quote for a rulebook and request file (the reference bytes). */
export async function nativeQuote(rulebookRel, requestRel) {
  const { execFileSync } = await import('node:child_process');
  return execFileSync(driver, [path.join(repo, rulebookRel), path.join(repo, requestRel)], {
    encoding: 'utf8',
  }).replace(/\n$/, '');
}
