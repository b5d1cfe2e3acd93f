/**
 * What a cell defines at top level and which free names it uses, read from its
 * transpiled JavaScript (so type annotations never count as uses).
 */
import { parse, type Program } from 'acorn';
import { analyze } from 'periscopic';
import type { Node as EstreeNode } from 'estree';
import { CellSyntaxError, positionOf } from './transpile.ts';

export interface CellAnalysis {
  /** Top-level bindings: variables (destructuring included), functions, classes, imports. */
  defines: string[];
  /** Names read or written but declared nowhere in the cell: other cells' bindings or globals. */
  uses: string[];
  /** Module specifiers the cell imports, in order. */
  imports: string[];
}

export function parseCell(js: string): Program {
  try {
    return parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true });
  } catch (error) {
    const pos = (error as { pos?: unknown }).pos;
    if (typeof pos !== 'number') throw error;
    const { line, column } = positionOf(js, pos);
    throw new CellSyntaxError((error as Error).message.replace(/\s*\(\d+:\d+\)$/, ''), line, column);
  }
}

export function analyseProgram(program: Program): CellAnalysis {
  const { scope, globals } = analyze(program as unknown as EstreeNode);
  const imports = program.body.flatMap((node) => (node.type === 'ImportDeclaration' ? [String(node.source.value)] : []));
  // periscopic 4 records default and named imports but reads `import * as ns`
  // as a use of `ns`: declare namespace imports here instead.
  const namespaces = program.body.flatMap((node) =>
    node.type === 'ImportDeclaration' ? node.specifiers.filter((s) => s.type === 'ImportNamespaceSpecifier').map((s) => s.local.name) : [],
  );
  const defines = [...new Set([...namespaces, ...scope.declarations.keys()])];
  const uses = [...globals.keys()].filter((name) => !namespaces.includes(name));
  return { defines, uses, imports };
}

export function analyseCell(js: string): CellAnalysis {
  return analyseProgram(parseCell(js));
}
