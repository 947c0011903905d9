// A lean reader of the wasm syntax tree for the evaluator's one pass over statements it has no copy of: the
// same `PyNode` answers as web-tree-sitter's `Node`, read through the runtime's exported node functions with
// the node marshalled straight into its transfer buffer, and each answer kept on the node it was asked of.

import type { Language, Node, Tree } from 'web-tree-sitter';
import { descendantsOfType, PyNode, tablesOf } from './syntaxNode';
import { treeSitterRuntime } from './pythonParser';

/**
 * The part of the web-tree-sitter runtime (an Emscripten module) this reader calls. Its functions take the
 * node from the transfer buffer: id, start (UTF-16 units), start row, start column (UTF-16 units), alias.
 */
export interface TreeSitterRuntime {
  readonly HEAP32: Int32Array;
  _ts_init(): number;
  _ts_node_symbol_wasm(tree: number): number;
  _ts_node_end_index_wasm(tree: number): number;
  _ts_node_children_wasm(tree: number): void;
  _ts_node_named_children_wasm(tree: number): void;
  _ts_node_child_by_field_id_wasm(tree: number, field: number): void;
  _ts_node_children_by_field_id_wasm(tree: number, field: number): void;
  _free(address: number): void;
}

const ERROR_SYMBOL = 0xffff;
const NODE_WORDS = 5;

let transferBuffer: number | undefined;

/** What every node of one tree shares: the runtime, the tree's address, the text and the grammar's tables. */
export class WasmTreeReader {
  /** The transfer buffer's index in 32-bit words. */
  readonly buffer: number;
  readonly types: readonly string[];
  readonly named: readonly boolean[];
  private readonly fieldIds: ReadonlyMap<string, number>;

  constructor(readonly runtime: TreeSitterRuntime, readonly treeAddress: number, readonly text: string, language: Language) {
    // A static buffer: its address never changes.
    this.buffer = (transferBuffer ??= runtime._ts_init()) >> 2;
    const t = tablesOf(language);
    this.types = t.types;
    this.named = t.named;
    this.fieldIds = t.fieldIds;
  }

  fieldId(name: string): number {
    return this.fieldIds.get(name) ?? -1;
  }

  /** The node marshalled at word index `at` of the heap. */
  readNode(at: number): WasmNode {
    const heap = this.runtime.HEAP32;
    return new WasmNode(this, heap[at], heap[at + 1], heap[at + 2], heap[at + 3], heap[at + 4]);
  }

  /** The `count` nodes marshalled one after another from word index `at` of the heap. */
  readNodes(at: number, count: number): WasmNode[] {
    const heap = this.runtime.HEAP32;
    const out = new Array<WasmNode>(count);
    for (let i = 0; i < count; i++, at += NODE_WORDS) {
      out[i] = new WasmNode(this, heap[at], heap[at + 1], heap[at + 2], heap[at + 3], heap[at + 4]);
    }
    return out;
  }
}

/** One node of the wasm tree; answers are fetched on first use and kept. */
export class WasmNode implements PyNode {
  private symbol = -1;
  private end = -1;
  private kids: WasmNode[] | undefined;
  private namedKids: WasmNode[] | undefined;

  constructor(
    private readonly reader: WasmTreeReader,
    private readonly id: number,
    readonly startIndex: number,
    private readonly row: number,
    private readonly column: number,
    private readonly alias: number,
  ) {}

  /** Writes this node into the transfer buffer (what every runtime node function reads). */
  private marshal(): TreeSitterRuntime {
    const r = this.reader.runtime;
    const heap = r.HEAP32;
    const b = this.reader.buffer;
    heap[b] = this.id;
    heap[b + 1] = this.startIndex;
    heap[b + 2] = this.row;
    heap[b + 3] = this.column;
    heap[b + 4] = this.alias;
    return r;
  }

  private get typeId(): number {
    if (this.symbol < 0) this.symbol = this.marshal()._ts_node_symbol_wasm(this.reader.treeAddress);
    return this.symbol;
  }

  get type(): string {
    const id = this.typeId;
    return id === ERROR_SYMBOL ? 'ERROR' : this.reader.types[id];
  }

  get isNamed(): boolean {
    const id = this.typeId;
    return id === ERROR_SYMBOL || this.reader.named[id];
  }

  get endIndex(): number {
    if (this.end < 0) this.end = this.marshal()._ts_node_end_index_wasm(this.reader.treeAddress) >>> 0;
    return this.end;
  }

  get text(): string {
    return this.reader.text.slice(this.startIndex, this.endIndex);
  }

  /** Nodes the runtime left in a malloc'd list: count and address in the transfer buffer's first two words. */
  private takeList(): WasmNode[] {
    const r = this.reader.runtime;
    const b = this.reader.buffer;
    const count = r.HEAP32[b];
    const address = r.HEAP32[b + 1];
    if (count === 0) return [];
    const nodes = this.reader.readNodes(address >> 2, count);
    r._free(address);
    return nodes;
  }

  get children(): readonly WasmNode[] {
    if (!this.kids) {
      this.marshal()._ts_node_children_wasm(this.reader.treeAddress);
      this.kids = this.takeList();
    }
    return this.kids;
  }

  get namedChildren(): readonly WasmNode[] {
    if (!this.namedKids) {
      if (this.kids) this.namedKids = this.kids.filter(c => c.isNamed);
      else {
        this.marshal()._ts_node_named_children_wasm(this.reader.treeAddress);
        this.namedKids = this.takeList();
      }
    }
    return this.namedKids;
  }

  childForFieldName(field: string): WasmNode | null {
    const id = this.reader.fieldId(field);
    if (id < 0) return null;
    this.marshal()._ts_node_child_by_field_id_wasm(this.reader.treeAddress, id);
    const heap = this.reader.runtime.HEAP32;
    if (heap[this.reader.buffer] === 0) return null;
    return this.reader.readNode(this.reader.buffer);
  }

  childrenForFieldName(field: string): WasmNode[] {
    const id = this.reader.fieldId(field);
    if (id < 0) return [];
    this.marshal()._ts_node_children_by_field_id_wasm(this.reader.treeAddress, id);
    return this.takeList();
  }

  descendantsOfType(type: string): WasmNode[] {
    return descendantsOfType<WasmNode>(this, type);
  }
}

/** The lean counterpart of a web-tree-sitter node (same tree, same position). */
export function wasmNodeOf(reader: WasmTreeReader, node: Node): WasmNode {
  const handle = node as unknown as { id: number; 0: number };
  return new WasmNode(reader, handle.id, node.startIndex, node.startPosition.row, node.startPosition.column, handle[0]);
}

/**
 * A reader of `tree` (parsed from `text`), or undefined when the runtime does not expose what it needs: then the
 * evaluator reads web-tree-sitter's own nodes.
 */
export function wasmTreeReader(tree: Tree, text: string): WasmTreeReader | undefined {
  const runtime = treeSitterRuntime();
  // web-tree-sitter keeps the tree's address at index 0.
  const address = (tree as unknown as { 0: unknown })[0];
  return runtime && typeof address === 'number' ? new WasmTreeReader(runtime, address, text, tree.language) : undefined;
}
