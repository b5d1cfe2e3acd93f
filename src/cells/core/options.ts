/**
 * The meta string of a fenced cell: ```ts cell id=load hidden skip="…" error="…" featured
 */

export interface CellOptions {
  id?: string;
  /** Code folded by default. */
  hidden: boolean;
  /** Why the cell is not executed at build time (shown to readers). */
  skip?: string;
  /** Substring of the error message the cell must throw. */
  error?: string;
  /** The cell's plot is the note's thumbnail on the home page (one cell per page). */
  featured?: boolean;
}

/** A fence is a cell when its language is `ts` and its meta starts with the word `cell`. */
export function isCellFence(lang: string | null | undefined, meta: string | null | undefined): boolean {
  return lang === 'ts' && /^cell(\s|$)/.test(meta ?? '');
}

const token = /\s*([a-z]+)(?:=(?:"((?:[^"\\]|\\.)*)"|([^\s"]+)))?/y;
const idPattern = /^[A-Za-z][\w-]*$/;

/** Parses the meta string (with or without the leading `cell`); throws on anything it does not know. */
export function parseCellMeta(meta: string): CellOptions {
  const rest = meta.trim().replace(/^cell(\s+|$)/, '');
  const options: CellOptions = { hidden: false };
  token.lastIndex = 0;
  while (token.lastIndex < rest.length) {
    const start = token.lastIndex;
    const match = token.exec(rest);
    if (!match) throw new Error(`Cannot read the cell options at "${rest.slice(start)}"`);
    const [, key, quoted, bare] = match;
    const value = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare;
    switch (key) {
      case 'id':
        if (!value || !idPattern.test(value)) throw new Error(`Cell id "${value ?? ''}" must start with a letter and use letters, digits, _ or -`);
        options.id = value;
        break;
      case 'hidden':
        if (value !== undefined) throw new Error('The cell option "hidden" takes no value');
        options.hidden = true;
        break;
      case 'skip':
        if (!value) throw new Error('The cell option skip="…" needs the reason shown to readers');
        options.skip = value;
        break;
      case 'error':
        if (!value) throw new Error('The cell option error="…" needs a substring of the expected error message');
        options.error = value;
        break;
      case 'featured':
        if (value !== undefined) throw new Error('The cell option "featured" takes no value');
        options.featured = true;
        break;
      default:
        throw new Error(`Unknown cell option "${key}" (known: id, hidden, skip, error, featured)`);
    }
  }
  if (options.skip && options.error) throw new Error('A cell cannot be both skipped and expected to fail');
  // The thumbnail is the plot the build computed: a skipped cell has none.
  if (options.featured && options.skip) throw new Error('A featured cell must run at build time: its plot is the thumbnail');
  return options;
}
