/**
 * Turns a cell's JavaScript into the body the kernel runs inside
 * `with (scope) { … }`, so that top-level bindings live on the page's shared
 * scope object instead of in the cell's function:
 *
 *   import * as tf from '@tensorflow/tfjs'  →  ;(tf = await __cells.import("@tensorflow/tfjs"));
 *   import { table } from 'cells/display'   →  ;({ "table": table } = await __cells.import("cells/display", ["table"]));
 *   const { a, b: [c] } = f(), d = 1        →  ;({ a, b: [c] } = f(), d = 1);
 *   let e;                                  →  ;(e = undefined);
 *   class K {}                              →  ;K = class K {};
 *   function g() {}                         stays (hoisted), and is copied to the scope first
 *   lastExpression                          →  return (lastExpression)   (the kernel displays it)
 *
 * Every edit stays on its statement's lines, so line numbers do not move.
 */
import MagicString from 'magic-string';
import type { ImportDeclaration, Program, VariableDeclaration } from 'acorn';
import { CellSyntaxError, positionOf } from './transpile.ts';

/** The kernel's own parameter: `scope` and `import`. Cells may not define this name. */
export const runtimeName = '__cells';

export interface RewrittenCell {
  /** Statements to run first (copies of hoisted function declarations); one line. */
  prologue: string;
  /** The cell's code, same line count as the input. */
  body: string;
}

function importReplacement(node: ImportDeclaration): string {
  const namespace = node.specifiers.find((s) => s.type === 'ImportNamespaceSpecifier');
  const bindings = node.specifiers.flatMap((s) => {
    if (s.type === 'ImportDefaultSpecifier') return [{ imported: 'default', local: s.local.name }];
    if (s.type === 'ImportSpecifier') return [{ imported: s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value), local: s.local.name }];
    return [];
  });
  // The imported names go along (all of them for a namespace), so the kernel loads only the parts of a module a cell uses.
  const names = namespace ? '' : `, ${JSON.stringify(bindings.map((b) => b.imported))}`;
  const load = `await ${runtimeName}.import(${JSON.stringify(node.source.value)}${names})`;
  const named = bindings.map((b) => `${JSON.stringify(b.imported)}: ${b.local}`);
  if (namespace && named.length > 0) return `;(${namespace.local.name} = ${load}, { ${named.join(', ')} } = ${namespace.local.name});`;
  if (namespace) return `;(${namespace.local.name} = ${load});`;
  if (named.length > 0) return `;({ ${named.join(', ')} } = ${load});`;
  return `;${load};`;
}

function rewriteDeclaration(out: MagicString, node: VariableDeclaration): void {
  const first = node.declarations[0];
  const last = node.declarations[node.declarations.length - 1];
  out.overwrite(node.start, first.start, ';(');
  for (const declarator of node.declarations) {
    if (!declarator.init) out.appendLeft(declarator.id.end, ' = undefined');
  }
  out.appendLeft(last.end, ');');
  // Drop the original semicolon, if any, so the statement does not end with ";;".
  if (out.original[node.end - 1] === ';' && node.end > last.end) out.remove(node.end - 1, node.end);
}

export function rewriteCell(js: string, program: Program): RewrittenCell {
  const out = new MagicString(js);
  const hoisted: string[] = [];
  program.body.forEach((node, index) => {
    switch (node.type) {
      case 'ImportDeclaration': {
        const original = js.slice(node.start, node.end);
        out.overwrite(node.start, node.end, importReplacement(node) + '\n'.repeat(original.split('\n').length - 1));
        break;
      }
      case 'VariableDeclaration':
        rewriteDeclaration(out, node);
        break;
      case 'ClassDeclaration':
        out.prependLeft(node.start, `;${node.id.name} = `);
        out.appendLeft(node.end, ';');
        break;
      case 'FunctionDeclaration':
        hoisted.push(node.id.name);
        break;
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration':
      case 'ExportAllDeclaration': {
        const { line, column } = positionOf(js, node.start);
        throw new CellSyntaxError('Cells do not export: every top-level name is already shared with the page’s other cells', line, column);
      }
      case 'ExpressionStatement':
        if (index === program.body.length - 1 && node.expression.type !== 'AssignmentExpression') {
          // From the statement, not the expression: `({ a: 1 })` starts at its parenthesis.
          const end = js[node.end - 1] === ';' ? node.end - 1 : node.end;
          out.prependLeft(node.start, 'return (');
          out.appendLeft(end, ')');
        }
        break;
      default:
        break;
    }
  });
  const prologue = hoisted.map((name) => `${runtimeName}.scope.${name} = ${name};`).join(' ');
  return { prologue, body: out.toString() };
}
