// The TypeScript declarations of the npm package (wasm/npm/index.d.ts) and the JSON Schemas
// (core/schema) describe the same documents: every property path, whether it is optional,
// its JSON type and its string literals agree. Uses the TypeScript compiler API (the
// `typescript` package of tests/wasm). Prints every difference and exits 1 on any.
//
//   (cd tests/wasm && npm ci) && node tests/schema/types-agree.mjs
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ts = createRequire(join(repo, 'tests', 'wasm', 'package.json'))('typescript');

// Declaration → schema (and the schema path it describes: ErrorBody is the `error` member).
const PAIRS = [
  ['RulebookJson', 'rulebook', ''],
  ['RequestJson', 'request', ''],
  ['Quote', 'quote', ''],
  ['ErrorBody', 'error', '/error'],
  ['QuoteDiff', 'diff', ''],
];
// Paths present in the schema only, on purpose (reason beside each).
const ONLY_IN_SCHEMA = [
  [
    /^(rulebook|request):\/\$schema$/,
    'editor-only key naming the schema file; not part of the JS API',
  ],
];

const file = join(repo, 'wasm', 'npm', 'index.d.ts');
const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true });
const checker = program.getTypeChecker();
const source = program.getSourceFile(file);
const exported = new Map(
  checker.getExportsOfModule(checker.getSymbolAtLocation(source)).map((s) => [s.name, s]),
);

// --- TypeScript side: path → { optional, kinds: Set, literals: Set } --------------------------
function tsShape(type, path, out, depth = 0) {
  if (depth > 12) return;
  tsShapeParts(type, path, out, depth);
  // `boolean` is the union true | false: a plain boolean has no literal values.
  const e = out[path];
  if (e && e.literals.has(true) && e.literals.has(false)) e.literals.clear();
}

function tsShapeParts(type, path, out, depth) {
  const parts = type.isUnion() ? type.types : [type];
  for (const t of parts) {
    const entry = (out[path] ??= { optional: false, kinds: new Set(), literals: new Set() });
    if (t.flags & ts.TypeFlags.Undefined) continue;
    if (t.flags & ts.TypeFlags.Null) entry.kinds.add('null');
    else if (t.flags & ts.TypeFlags.StringLiteral)
      (entry.kinds.add('string'), entry.literals.add(t.value));
    else if (t.flags & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral))
      entry.kinds.add('string');
    else if (t.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral))
      entry.kinds.add('number');
    else if (t.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) {
      entry.kinds.add('boolean');
      if (t.flags & ts.TypeFlags.BooleanLiteral) entry.literals.add(t.intrinsicName === 'true');
    } else if (checker.isArrayType(t) || checker.isTupleType(t)) {
      entry.kinds.add('array');
      for (const el of checker.getTypeArguments(t)) tsShape(el, path + '/*', out, depth + 1);
    } else if (t.flags & ts.TypeFlags.Object || t.isIntersection()) {
      entry.kinds.add('object');
      entry.variants = (entry.variants ?? 0) + 1;
      const index = checker.getIndexInfosOfType(t);
      for (const info of index) tsShape(info.type, path + '/{}', out, depth + 1);
      for (const prop of checker.getPropertiesOfType(t)) {
        const p = path + '/' + prop.name;
        const propType = checker.getTypeOfSymbolAtLocation(prop, source);
        tsShape(propType, p, out, depth + 1);
        const optional = (prop.flags & ts.SymbolFlags.Optional) !== 0;
        out[p].presentIn = (out[p].presentIn ?? 0) + 1;
        out[p].optionalIn = (out[p].optionalIn ?? 0) + (optional ? 1 : 0);
      }
    }
  }
}

// --- schema side ---------------------------------------------------------------------------
function deref(schema, root) {
  while (schema && schema.$ref) {
    schema = schema.$ref
      .slice(2)
      .split('/')
      .reduce((node, key) => node[key], root);
  }
  return schema;
}

const jsonKinds = (type) => (type === 'integer' ? 'number' : type);

function schemaShape(schema, root, path, out, depth = 0) {
  schema = deref(schema, root);
  if (!schema || depth > 12) return;
  const entry = (out[path] ??= { optional: false, kinds: new Set(), literals: new Set() });
  for (const key of ['allOf', 'oneOf', 'anyOf'])
    for (const s of schema[key] ?? []) schemaShape(s, root, path, out, depth);
  for (const key of ['then', 'else'])
    if (schema[key]) schemaShape(schema[key], root, path, out, depth);
  if (schema.type) for (const t of [schema.type].flat()) entry.kinds.add(jsonKinds(t));
  if ('const' in schema) {
    entry.literals.add(schema.const);
    entry.kinds.add(schema.const === null ? 'null' : typeof schema.const);
  }
  for (const v of schema.enum ?? [])
    (entry.literals.add(v), entry.kinds.add(v === null ? 'null' : typeof v));
  if (schema.items) {
    entry.kinds.add('array');
    schemaShape(schema.items, root, path + '/*', out, depth + 1);
  }
  if (schema.properties && (schema.type === 'object' || 'additionalProperties' in schema)) {
    entry.variants = (entry.variants ?? 0) + 1;
  }
  if (schema.properties) {
    entry.kinds.add('object');
    const required = new Set(schema.required ?? []);
    for (const [name, sub] of Object.entries(schema.properties)) {
      const p = path + '/' + name;
      schemaShape(sub, root, p, out, depth + 1);
      // A property schema that only narrows (e.g. `{"minItems": 1}` under else) adds no presence.
      if (
        sub.$ref ||
        sub.type ||
        sub.const !== undefined ||
        sub.enum ||
        sub.oneOf ||
        sub.anyOf ||
        sub.allOf ||
        sub.properties ||
        sub.items
      ) {
        out[p].presentIn = (out[p].presentIn ?? 0) + 1;
        out[p].optionalIn = (out[p].optionalIn ?? 0) + (required.has(name) ? 0 : 1);
      }
    }
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    entry.kinds.add('object');
    schemaShape(schema.additionalProperties, root, path + '/{}', out, depth + 1);
  }
}

// A property is optional when some variant of its object lacks it or leaves it optional (so a
// TypeScript union of closed interfaces and a schema oneOf of closed objects compare alike).
const optional = (e, parent) => e.optionalIn > 0 || e.presentIn < (parent?.variants ?? 1);
const parentOf = (p) => p.slice(0, p.lastIndexOf('/'));
const show = (set) => JSON.stringify([...set].sort());

const differences = [];
for (const [typeName, kind, at] of PAIRS) {
  const symbol = exported.get(typeName);
  if (!symbol) {
    differences.push(`index.d.ts exports no ${typeName} (for ${kind}.schema.json)`);
    continue;
  }
  const tsPaths = {};
  tsShape(checker.getDeclaredTypeOfSymbol(symbol), '', tsPaths);
  const schema = JSON.parse(
    readFileSync(join(repo, 'core', 'schema', kind + '.schema.json'), 'utf8'),
  );
  const all = {};
  schemaShape(schema, schema, '', all);
  const sPaths = {};
  for (const [p, e] of Object.entries(all)) if (p.startsWith(at)) sPaths[p.slice(at.length)] = e;
  const sParent = (p) => sPaths[parentOf(p)];
  for (const p of new Set([...Object.keys(tsPaths), ...Object.keys(sPaths)])) {
    const a = tsPaths[p];
    const b = sPaths[p];
    const where = `${kind}:${at + p || '/'}`;
    if (!a || !b) {
      const excused = !a && ONLY_IN_SCHEMA.some(([re]) => re.test(where));
      if (!excused)
        differences.push(
          `${where}: only in ${a ? typeName + ' (index.d.ts)' : kind + '.schema.json'}`,
        );
      continue;
    }
    const oa = optional(a, tsPaths[parentOf(p)]);
    const ob = optional(b, sParent(p));
    if (p && oa !== ob)
      differences.push(
        `${where}: ${oa ? 'optional' : 'required'} in ${typeName}, ${ob ? 'optional' : 'required'} in the schema`,
      );
    if (show(a.kinds) !== show(b.kinds))
      differences.push(
        `${where}: JSON types ${show(a.kinds)} in ${typeName}, ${show(b.kinds)} in the schema`,
      );
    // String literals must agree wherever the declaration spells them out.
    if (a.literals.size && show(a.literals) !== show(b.literals))
      differences.push(
        `${where}: values ${show(a.literals)} in ${typeName}, ${show(b.literals)} in the schema`,
      );
  }
  console.log(`${typeName} ↔ ${kind}.schema.json: ${Object.keys(tsPaths).length} paths compared`);
}

if (differences.length) {
  console.log(`\n${differences.length} differences:\n  ` + differences.join('\n  '));
  process.exit(1);
}
console.log('the declarations and the schemas agree');
