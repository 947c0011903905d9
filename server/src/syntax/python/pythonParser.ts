// Loads web-tree-sitter and the tree-sitter Python grammar once (async), then parses text synchronously.
// The grammar wasm ships with @vscode/tree-sitter-wasm; a bundled host can pass other locations.

import { Language, Parser, Tree } from 'web-tree-sitter';

export interface GrammarLocations {
  /** The web-tree-sitter runtime wasm (`tree-sitter.wasm`). */
  readonly runtimeWasm?: string;
  /** The Python grammar wasm. */
  readonly pythonWasm?: string;
}

let loading: Promise<Parser> | undefined;
let parser: Parser | undefined;

/** Initialises the parser once; later calls return the same promise. */
export function loadPythonParser(locations: GrammarLocations = {}): Promise<Parser> {
  loading ??= (async () => {
    // Defaults resolve from node_modules (CLI, tests); a bundled host passes locations. The indirection keeps
    // bundlers from trying to inline the wasm paths.
    const resolve = require.resolve;
    const runtime = locations.runtimeWasm ?? resolve('web-tree-sitter/tree-sitter.wasm');
    await Parser.init({ locateFile: () => runtime });
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
