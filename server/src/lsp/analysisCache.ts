// One analysis per document version (and analysis settings), shared by every feature; evicted on close.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzePython, AnalyzeOptions } from '../service/analyze';
import type { Analysis } from '../service/types';

interface Entry {
  readonly version: number;
  readonly optionsKey: string;
  readonly analysis: Analysis;
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  get(doc: TextDocument, options: AnalyzeOptions): Analysis {
    const optionsKey = `${options.kerasVersion}|${options.defaultDataFormat}|${options.maxLength}`;
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.optionsKey === optionsKey) return hit.analysis;
    const analysis = analyzePython(doc.getText(), options);
    this.entries.set(doc.uri, { version: doc.version, optionsKey, analysis });
    return analysis;
  }

  evict(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
