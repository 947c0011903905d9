// A plain-JS copy of a tree-sitter subtree, with the part of web-tree-sitter's `Node` interface the Python
// front end reads. Built in one cursor walk per top-level statement: the evaluator then never calls into
// the wasm parser, and an unchanged statement's copy is reused by the next analysis (positions are kept
// relative to the statement, whose start the session moves).

import type { Language, Node, TreeCursor } from 'web-tree-sitter';

/** What the evaluator reads of a syntax node: a subset of web-tree-sitter's `Node`, which it also accepts. */
export interface PyNode {
  readonly type: string;
  readonly isNamed: boolean;
  /** Offsets in UTF-16 code units into the document. */
  readonly startIndex: number;
  readonly endIndex: number;
  readonly text: string;
  /** (web-tree-sitter types these lists as possibly holding nulls.) */
  readonly children: readonly (PyNode | null)[];
  readonly namedChildren: readonly (PyNode | null)[];
  childForFieldName(field: string): PyNode | null;
  childrenForFieldName(field: string): (PyNode | null)[];
  descendantsOfType(type: string): (PyNode | null)[];
}

/** One top-level statement's copy: its text and where it starts in the current document. */
export class StatementFrame {
  /**
   * Whether the statement has a comma outside brackets at the end of a line or of a list (`a, b,`). tree-sitter
   * may or may not run such a statement on into the next line, depending on text elsewhere in the file.
   */
  openComma = false;
  /**
   * Copied from (or last matched in) a tree with an error before the statement: its structure may be error
   * recovery's reading of the text rather than the plain parse (statementCopies.ts compares it node for node).
   */
  afterError = false;

  /** The text changes only when an edit inside a number updates the copy in place (numberEdit.ts). */
  constructor(public text: string, public start: number) {}
}

/** Nodes whose commas separate items without brackets around them. */
const UNBRACKETED_LISTS = new Set(['expression_statement', 'expression_list', 'pattern_list', 'print_statement', 'exec_statement', 'return_statement', 'delete_statement', 'global_statement', 'nonlocal_statement', 'assert_statement', 'import_statement', 'import_from_statement', 'with_clause', 'for_statement', 'for_in_clause', 'type_parameter', 'assignment', 'augmented_assignment']);

/** A comma of `parent` (outside brackets) that ends the list or the line. */
function hasOpenComma(parent: SyntaxNode, children: readonly SyntaxNode[]): boolean {
  if (!UNBRACKETED_LISTS.has(parent.type)) return false;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (c.type === '(') return false;
    if (c.type !== ',') continue;
    // The next item, past comments (`a, b,  # note` ends the line although a comment follows the comma).
    let next = i + 1;
    while (next < children.length && children[next].type === 'comment') next++;
    if (next === children.length) return true;
    const gap = parent.frame.text.slice(c.endIndex - parent.frame.start, children[next].startIndex - parent.frame.start);
    if (gap.includes('\n') || gap.includes('\r')) return true;
  }
  return false;
}

const NO_CHILDREN: readonly SyntaxNode[] = [];

export class SyntaxNode implements PyNode {
  children: readonly SyntaxNode[] = NO_CHILDREN;
  private named: readonly SyntaxNode[] | undefined;

  constructor(
    readonly frame: StatementFrame,
    readonly type: string,
    readonly isNamed: boolean,
    /** The field this node fills in its parent (`function`, `arguments`, …), if any. */
    readonly field: string | undefined,
    private relStart: number,
    private relEnd: number,
  ) {}

  /** Moves the node's start and end within its statement (an edit inside a number, numberEdit.ts). */
  moveWithinStatement(startDelta: number, endDelta: number): void {
    this.relStart += startDelta;
    this.relEnd += endDelta;
  }

  /** Where the node starts and ends relative to its statement. */
  get relativeStart(): number {
    return this.relStart;
  }

  get relativeEnd(): number {
    return this.relEnd;
  }

  get startIndex(): number {
    return this.frame.start + this.relStart;
  }

  get endIndex(): number {
    return this.frame.start + this.relEnd;
  }

  get text(): string {
    return this.frame.text.slice(this.relStart, this.relEnd);
  }

  get namedChildren(): readonly SyntaxNode[] {
    return this.named ??= this.children.filter(c => c.isNamed);
  }

  childForFieldName(field: string): SyntaxNode | null {
    for (const c of this.children) if (c.field === field) return c;
    return null;
  }

  childrenForFieldName(field: string): SyntaxNode[] {
    return this.children.filter(c => c.field === field);
  }

  descendantsOfType(type: string): SyntaxNode[] {
    return descendantsOfType<SyntaxNode>(this, type);
  }
}

/** The nodes of `type` under `node` (not itself), in document order; iterative, for nodes whose children never hold nulls. */
export function descendantsOfType<N extends { readonly type: string; readonly children: readonly N[] }>(node: N, type: string): N[] {
  const out: N[] = [];
  const stack: N[] = [...node.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === type) out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

/** Per grammar: node type names, whether each type id is named, field names and ids (tables instead of a call per node). */
export interface TypeTables {
  readonly types: readonly string[];
  readonly named: readonly boolean[];
  readonly fields: readonly (string | null)[];
  readonly fieldIds: ReadonlyMap<string, number>;
}

const tablesByLanguage = new WeakMap<object, TypeTables>();

export function tablesOf(language: Language): TypeTables {
  let t = tablesByLanguage.get(language);
  if (!t) {
    const types: string[] = [];
    const named: boolean[] = [];
    for (let id = 0; id < language.nodeTypeCount; id++) {
      types.push(language.nodeTypeForId(id) ?? 'ERROR');
      named.push(language.nodeTypeIsNamed(id));
    }
    const fieldIds = new Map<string, number>();
    language.fields.forEach((name, id) => {
      if (name) fieldIds.set(name, id);
    });
    t = { types, named, fields: language.fields, fieldIds };
    tablesByLanguage.set(language, t);
  }
  return t;
}

/** The copy of one cursor position; anonymous tokens (punctuation, keywords, operators) read as their type. */
function copyHere(cursor: TreeCursor, frame: StatementFrame, t: TypeTables, start: number): SyntaxNode {
  const id = cursor.nodeTypeId;
  const field = t.fields[cursor.currentFieldId] ?? undefined;
  if (id === 0xffff) return new SyntaxNode(frame, 'ERROR', true, field, cursor.startIndex - start, cursor.endIndex - start);
  return new SyntaxNode(frame, t.types[id], t.named[id], field, cursor.startIndex - start, cursor.endIndex - start);
}

/**
 * Copies a tree-sitter node and everything under it (iteratively: nesting depth is unbounded). `text` is the
 * document the node belongs to.
 */
export function copySubtree(node: Node, text: string): SyntaxNode {
  const start = node.startIndex;
  const frame = new StatementFrame(text.slice(start, node.endIndex), start);
  const tables = tablesOf(node.tree.language);
  const cursor = node.walk();
  try {
    const root = new SyntaxNode(frame, node.type, node.isNamed, undefined, 0, node.endIndex - start);
    const parents: SyntaxNode[] = [root];
    const kids: SyntaxNode[][] = [[]];
    if (!cursor.gotoFirstChild()) return root;
    for (;;) {
      const n = copyHere(cursor, frame, tables, start);
      kids[kids.length - 1].push(n);
      if (cursor.gotoFirstChild()) {
        parents.push(n);
        kids.push([]);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        // Done with this level: hand the collected children to their parent and go up.
        const level = kids.pop()!;
        const parent = parents.pop()!;
        if (level.length) parent.children = level;
        if (!frame.openComma && hasOpenComma(parent, level)) frame.openComma = true;
        if (parents.length === 0 || !cursor.gotoParent()) return root;
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Whether `copy` has the structure of the tree-sitter subtree `node` of the same text: node for node the same
 * type, field and span. In a tree with errors the same statement text can parse to another structure (error
 * recovery reads `a = b, c` as a pattern list in one context and an expression list in another).
 */
export function sameStructure(copy: SyntaxNode, node: Node): boolean {
  const tables = tablesOf(node.tree.language);
  const start = node.startIndex;
  const cursor = node.walk();
  const same = (c: SyntaxNode): boolean => {
    const id = cursor.nodeTypeId;
    return (id === 0xffff ? 'ERROR' : tables.types[id]) === c.type && (tables.fields[cursor.currentFieldId] ?? undefined) === c.field
      && cursor.startIndex - start === c.relativeStart && cursor.endIndex - start === c.relativeEnd;
  };
  try {
    if (cursor.nodeType !== copy.type) return false;
    // The copy's nodes on the way down, each with the index of the child the cursor is on.
    const path: SyntaxNode[] = [];
    const at: number[] = [];
    let current = copy;
    for (;;) {
      if (cursor.gotoFirstChild()) {
        if (current.children.length === 0) return false;
        path.push(current);
        at.push(0);
        current = current.children[0];
        if (!same(current)) return false;
        continue;
      }
      if (current.children.length !== 0) return false;
      for (;;) {
        if (path.length === 0) return true;
        const parent = path[path.length - 1];
        if (cursor.gotoNextSibling()) {
          const i = ++at[at.length - 1];
          if (i >= parent.children.length) return false;
          current = parent.children[i];
          if (!same(current)) return false;
          break;
        }
        if (at[at.length - 1] !== parent.children.length - 1) return false;
        path.pop();
        at.pop();
        current = parent;
        cursor.gotoParent();
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * The nodes of `copy` (a statement's copy) standing where `nodes` stand in the tree it was copied from (same
 * type, start and end), in order; undefined when one has no counterpart.
 */
export function counterpartsIn(copy: SyntaxNode, nodes: readonly PyNode[]): SyntaxNode[] | undefined {
  // By start offset (a number: no key string per node of the copy), then type and end.
  const wanted = new Map<number, number[]>();
  nodes.forEach((n, i) => {
    const at = wanted.get(n.startIndex);
    if (at) at.push(i);
    else wanted.set(n.startIndex, [i]);
  });
  const out = new Array<SyntaxNode | undefined>(nodes.length);
  let found = 0;
  const stack: SyntaxNode[] = [copy];
  while (stack.length > 0 && found < nodes.length) {
    const node = stack.pop()!;
    const at = wanted.get(node.startIndex);
    if (at) {
      for (const i of at) {
        if (out[i] === undefined && nodes[i].type === node.type && nodes[i].endIndex === node.endIndex) {
          out[i] = node;
          found++;
          break;
        }
      }
    }
    for (const child of node.children) stack.push(child);
  }
  return found === nodes.length ? out as SyntaxNode[] : undefined;
}
