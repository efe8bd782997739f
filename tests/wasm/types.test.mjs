// The package's declarations are its reference documentation: every exported type, every
// member of an interface, class or object type, every function, and every parameter of a
// function or method (as an `@param` tag) carries TSDoc. Read with the TypeScript compiler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import { read } from './lib.mjs';

const files = ['wasm/npm/index.d.ts', 'wasm/npm/display.d.ts'];

/** The non-empty JSDoc blocks directly attached to `node`. */
function jsDocs(node) {
  return ts
    .getJSDocCommentsAndTags(node)
    .filter((d) => ts.isJSDoc(d) && (d.comment || (d.tags && d.tags.length)));
}

const members = new Set([
  ts.SyntaxKind.PropertySignature,
  ts.SyntaxKind.MethodSignature,
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.IndexSignature,
  ts.SyntaxKind.CallSignature,
  ts.SyntaxKind.ConstructSignature,
]);
const withParams = new Set([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.MethodSignature,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.CallSignature,
  ts.SyntaxKind.ConstructSignature,
]);

const isExported = (node) =>
  (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Export) !== 0 ||
  (ts.isVariableStatement(node) &&
    node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword));

/** Every documentable item of one declaration file: { what, where, documented }. */
function audit(file) {
  const text = read(file);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const items = [];
  const where = (node) =>
    `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const add = (what, node, documented) => items.push({ what, where: where(node), documented });
  const nameOf = (node) => (node.name ? node.name.getText(source) : ts.SyntaxKind[node.kind]);

  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) continue; // re-exports: documented where declared
    if (isExported(statement)) {
      const name = ts.isVariableStatement(statement)
        ? statement.declarationList.declarations.map((d) => d.name.getText(source)).join(',')
        : nameOf(statement);
      add(`export ${name}`, statement, jsDocs(statement).length > 0);
    }
  }
  const visit = (node) => {
    // The pattern of a conditional type (`X extends { a: infer K }`) is a test, not API.
    if (ts.isConditionalTypeNode(node)) {
      [node.checkType, node.trueType, node.falseType].forEach(visit);
      return;
    }
    if (members.has(node.kind)) add(`member ${nameOf(node)}`, node, jsDocs(node).length > 0);
    if (ts.isMappedTypeNode(node)) {
      // A mapped member's TSDoc sits between `{` and `[`; the compiler attaches it nowhere.
      const head = text.slice(node.getStart(), node.typeParameter.getStart());
      add(`mapped member [${node.typeParameter.getText(source)}]`, node, head.includes('/**'));
    }
    if (withParams.has(node.kind)) {
      const tags = jsDocs(node).flatMap((d) => d.tags ?? []);
      for (const p of node.parameters) {
        const name = p.name.getText(source);
        const tag = tags.find((t) => ts.isJSDocParameterTag(t) && t.name.getText() === name);
        add(`parameter ${nameOf(node)}(${name})`, p, !!(tag && tag.comment));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return items;
}

for (const file of files) {
  test(`${file}: every export, member and parameter has TSDoc`, () => {
    const items = audit(file);
    const missing = items.filter((i) => !i.documented);
    const done = items.length - missing.length;
    console.log(`${file}: ${done} of ${items.length} items documented`);
    assert.ok(items.length > 10, `only ${items.length} items found: is the parser reading it?`);
    assert.deepEqual(
      missing.map((i) => `${i.where} ${i.what}`),
      [],
      'undocumented declarations',
    );
  });
}

test('the audit notices an undocumented member and parameter (it can fail)', () => {
  const probe = `/** ok */\nexport interface A {\n  /** ok */ x: string;\n  y: number;\n}\n/** f */\nexport declare function f(a: string): void;\nexport type B = string;\n`;
  const source = ts.createSourceFile('probe.d.ts', probe, ts.ScriptTarget.Latest, true);
  const undocumented = [];
  const visit = (node) => {
    if (ts.isPropertySignature(node) && jsDocs(node).length === 0)
      undocumented.push(node.name.getText(source));
    if (ts.isFunctionDeclaration(node))
      for (const p of node.parameters)
        if (!jsDocs(node).some((d) => (d.tags ?? []).some((t) => ts.isJSDocParameterTag(t))))
          undocumented.push(p.name.getText(source));
    if (ts.isTypeAliasDeclaration(node) && jsDocs(node).length === 0)
      undocumented.push(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  assert.deepEqual(undocumented, ['y', 'a', 'B']);
});
