// Loads web-tree-sitter and the tree-sitter Python grammar once (async), then parses text synchronously.
// The grammar wasm ships with @vscode/tree-sitter-wasm; a bundled host can pass other locations.

import { Language, Parser, Tree } from 'web-tree-sitter';
import type { TreeSitterRuntime } from './wasmNode';

export interface GrammarLocations {
  /** The web-tree-sitter runtime wasm (`tree-sitter.wasm`). */
  readonly runtimeWasm?: string;
  /** The Python grammar wasm. */
  readonly pythonWasm?: string;
}

let loading: Promise<Parser> | undefined;
let parser: Parser | undefined;
/** The Emscripten module web-tree-sitter built on the options object it was given (see `treeSitterRuntime`). */
let moduleHandle: Record<string, unknown> | undefined;

/** Initialises the parser once; later calls return the same promise. */
export function loadPythonParser(locations: GrammarLocations = {}): Promise<Parser> {
  loading ??= (async () => {
    // Defaults resolve from node_modules (CLI, tests); a bundled host passes locations. The indirection keeps
    // bundlers from trying to inline the wasm paths.
    const resolve = require.resolve;
    const runtime = locations.runtimeWasm ?? resolve('web-tree-sitter/tree-sitter.wasm');
    const options: Record<string, unknown> = { locateFile: () => runtime };
    await Parser.init(options);
    moduleHandle = options;
    const language = await Language.load(locations.pythonWasm ?? resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm'));
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
    return p;
  })();
  return loading;
}

export function isPythonParserLoaded(): boolean {
  return parser !== undefined;
}

/**
 * Parses Python text; returns undefined when the parser is not loaded or parsing was cancelled by the
 * deadline (in milliseconds). With `oldTree` (already `edit()`ed to the new text) tree-sitter reuses its
 * unchanged subtrees. The caller owns the tree and must `delete()` it.
 */
export function parsePython(text: string, deadlineMs = 10_000, oldTree: Tree | null = null): Tree | undefined {
  if (!parser) return undefined;
  const stopAt = Date.now() + deadlineMs;
  const tree = parser.parse(text, oldTree, { progressCallback: () => Date.now() > stopAt ? (true as unknown as void) : undefined });
  // A halted parse would otherwise be resumed by the next call, on the next document's text.
  if (!tree) parser.reset();
  return tree ?? undefined;
}

/**
 * The runtime's exported node functions and heap, for wasmNode.ts; undefined when this web-tree-sitter does not
 * expose them on its module (then the evaluator reads web-tree-sitter's own nodes).
 */
export function treeSitterRuntime(): TreeSitterRuntime | undefined {
  const m = moduleHandle;
  if (!m || !(m.HEAP32 instanceof Int32Array)) return undefined;
  for (const name of RUNTIME_FUNCTIONS) if (typeof m[name] !== 'function') return undefined;
  return m as unknown as TreeSitterRuntime;
}

const RUNTIME_FUNCTIONS = ['_ts_init', '_ts_node_symbol_wasm', '_ts_node_end_index_wasm', '_ts_node_children_wasm', '_ts_node_named_children_wasm', '_ts_node_child_by_field_id_wasm', '_ts_node_children_by_field_id_wasm', '_free'];
