// All conversions between the core's offsets and plain data and LSP types: positions (UTF-16, via
// TextDocument), issues → diagnostics, hints, hovers, lenses, code actions.

import {
  CodeAction, CodeActionKind, CodeLens, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Hover,
  InlayHint, InlayHintKind, MarkupKind, Range, TextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Issue, TextRange } from '../service/types';
import type { CodeActionInfo, HintInfo, HoverInfo, LensInfo } from '../features/types';
import { SHOW_SUMMARY_COMMAND } from './protocol';

export function toRange(doc: TextDocument, r: TextRange): Range {
  return { start: doc.positionAt(r.start), end: doc.positionAt(r.end) };
}

export function toOffsets(doc: TextDocument, r: Range): TextRange {
  return { start: doc.offsetAt(r.start), end: doc.offsetAt(r.end) };
}

const SEVERITY: Record<Issue['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

export function toDiagnostic(doc: TextDocument, issue: Issue): Diagnostic {
  const related: DiagnosticRelatedInformation[] | undefined = issue.related?.map(r => ({
    location: { uri: doc.uri, range: toRange(doc, r.range) },
    message: r.message,
  }));
  return {
    range: toRange(doc, issue.range),
    severity: SEVERITY[issue.severity],
    code: issue.code,
    source: 'shapelens',
    message: issue.message,
    ...(related && related.length ? { relatedInformation: related } : {}),
  };
}

export function toInlayHint(doc: TextDocument, hint: HintInfo): InlayHint {
  return {
    position: doc.positionAt(hint.offset),
    label: hint.label,
    kind: InlayHintKind.Type,
    paddingLeft: true,
    tooltip: { kind: MarkupKind.Markdown, value: hint.tooltip },
  };
}

export function toHover(doc: TextDocument, hover: HoverInfo): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: toRange(doc, hover.range) };
}

export function toCodeLens(doc: TextDocument, lens: LensInfo): CodeLens {
  const start = doc.positionAt(lens.range.start);
  return {
    range: { start, end: start },
    command: { title: lens.title, command: SHOW_SUMMARY_COMMAND, arguments: [doc.uri, lens.modelName] },
  };
}

export function toCodeAction(doc: TextDocument, action: CodeActionInfo): CodeAction {
  const edits: TextEdit[] = action.edits.map(e => ({ range: toRange(doc, e.range), newText: e.newText }));
  return {
    title: action.title,
    kind: action.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
    edit: { changes: { [doc.uri]: edits } },
    ...(action.fixes ? { diagnostics: [toDiagnostic(doc, action.fixes)] } : {}),
    ...(action.isPreferred ? { isPreferred: true } : {}),
  };
}
