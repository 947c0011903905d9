// Plain data the editor features produce from an Analysis: hints, hovers, lenses, code actions, all
// positioned by UTF-16 offsets. The LSP layer converts them; features never see LSP types.

import type { Issue, TextRange } from '../service/types';

export interface HintInfo {
  /** The hint is drawn in front of the character at this offset (LSP inlay-hint position). */
  readonly offset: number;
  /** e.g. `→ (None, 26, 26, 32)` or `→ (None, 26, 26, 32) · 320 params`. */
  readonly label: string;
  /** Markdown with the layer's details. */
  readonly tooltip: string;
}

export interface HoverInfo {
  /** The range the hover is about (the class name, the call, the variable). */
  readonly range: TextRange;
  readonly markdown: string;
}

export interface LensInfo {
  /** The model's constructor call; the lens is shown above its first line. */
  readonly range: TextRange;
  /** e.g. `3 layers · 1,234,567 params · Show summary`. */
  readonly title: string;
  readonly modelName: string;
}

export interface TextEditInfo {
  readonly range: TextRange;
  readonly newText: string;
}

export interface CodeActionInfo {
  readonly title: string;
  readonly kind: 'quickfix' | 'refactor.rewrite';
  readonly edits: TextEditInfo[];
  /** The issue the action fixes, if any (LSP `diagnostics` of the code action). */
  readonly fixes?: Issue;
  readonly isPreferred?: boolean;
}

export interface FeatureSettings {
  /** Show inlay hints at all. */
  readonly hints: boolean;
  /** Append the parameter count to hints. */
  readonly hintParams: boolean;
  /** Report diagnostics (shape mismatches and stale shape comments). */
  readonly diagnostics: boolean;
}

export const DEFAULT_FEATURE_SETTINGS: FeatureSettings = { hints: true, hintParams: false, diagnostics: true };
