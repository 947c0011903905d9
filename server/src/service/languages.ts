// The languages ShapeLens analyses, by VS Code language id and by file extension. Imports nothing, so a host
// can ask without loading an analyser (the language server's main thread loads neither parser).

/** File names standing for each TS/JS language id (the TS parser picks its dialect from the extension). */
const SCRIPT_FILE: Readonly<Record<string, string>> = {
  typescript: 'document.ts',
  typescriptreact: 'document.tsx',
  javascript: 'document.js',
  javascriptreact: 'document.jsx',
};

/** Language ids the analysis understands (VS Code's ids). */
export const ANALYSED_LANGUAGES: ReadonlySet<string> = new Set(['python', ...Object.keys(SCRIPT_FILE)]);

/** The file name the TS/JS front end parses a document of this language as; undefined for Python. */
export function scriptFileOf(languageId: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(SCRIPT_FILE, languageId) ? SCRIPT_FILE[languageId] : undefined;
}

/** The language id of a file name, by extension; undefined when it is not analysed. */
export function languageOfFile(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  const ext = dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  switch (ext) {
    case 'py': case 'pyi': return 'python';
    case 'ts': case 'mts': case 'cts': return 'typescript';
    case 'tsx': return 'typescriptreact';
    case 'js': case 'mjs': case 'cjs': return 'javascript';
    case 'jsx': return 'javascriptreact';
    default: return undefined;
  }
}
