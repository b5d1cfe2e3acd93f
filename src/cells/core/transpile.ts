/**
 * TypeScript → JavaScript for one cell. Sucrase strips the types and keeps every
 * statement on its original line, so a runtime error's line in the generated
 * JavaScript is the reader's line in the TypeScript.
 *
 * Only the `typescript` transform runs: imports stay ES imports and
 * core/rewrite.ts turns them into assignments to the page's shared scope.
 * (Sucrase's `imports` transform would rename every imported binding to a
 * property of a private module variable, hiding it from the other cells.)
 */
import { transform } from 'sucrase';

export class CellSyntaxError extends Error {
  /** 1-based, in the cell's TypeScript. */
  line: number;
  column: number;

  constructor(message: string, line: number, column: number) {
    super(message);
    this.name = 'SyntaxError';
    this.line = line;
    this.column = column;
  }
}

/** 1-based line and column of a character offset. */
export function positionOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

export function transpileCell(code: string): string {
  try {
    return transform(code, {
      transforms: ['typescript'],
      // A cell may import a name only the next cells use: that is not "unused".
      keepUnusedImports: true,
      disableESTransforms: true,
    }).code;
  } catch (error) {
    const pos = (error as { pos?: unknown }).pos;
    if (typeof pos !== 'number') throw error;
    const { line, column } = positionOf(code, pos);
    // Sucrase appends its own "(line:column)"; ours replaces it.
    const message = (error as Error).message.replace(/\s*\(\d+:\d+\)$/, '');
    throw new CellSyntaxError(message, line, column);
  }
}
