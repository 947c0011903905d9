// Per-document settings, fetched with workspace/configuration and kept in memory so that every request
// handler stays synchronous (and so answers for the document version current when it arrived).

import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, ShapeLensSettings } from './protocol';
import type { FeatureSettings } from '../features/types';
import type { AnalyzeOptions } from '../service/analyze';

/** Validates whatever the client sent, field by field, falling back to the defaults. */
export function normalizeSettings(raw: unknown): ShapeLensSettings {
  const r = (raw ?? {}) as Record<string, any>;
  const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d);
  const version = ['auto', '1', '2', '3'].includes(String(r.kerasVersion)) ? (String(r.kerasVersion) as ShapeLensSettings['kerasVersion']) : DEFAULT_SETTINGS.kerasVersion;
  const format = r.defaultDataFormat === 'channels_first' ? 'channels_first' : 'channels_last';
  const size = typeof r.maxFileSizeMB === 'number' && r.maxFileSizeMB > 0 ? r.maxFileSizeMB : DEFAULT_SETTINGS.maxFileSizeMB;
  return {
    inlayHints: { enabled: bool(r.inlayHints?.enabled, true), parameterCounts: bool(r.inlayHints?.parameterCounts, false) },
    kerasVersion: version,
    defaultDataFormat: format,
    diagnostics: { enabled: bool(r.diagnostics?.enabled, true) },
    maxFileSizeMB: size,
  };
}

export function analyzeOptionsOf(s: ShapeLensSettings): AnalyzeOptions {
  return { kerasVersion: s.kerasVersion, defaultDataFormat: s.defaultDataFormat, maxLength: Math.round(s.maxFileSizeMB * 1024 * 1024) };
}

export function featureSettingsOf(s: ShapeLensSettings): FeatureSettings {
  return { hints: s.inlayHints.enabled, hintParams: s.inlayHints.parameterCounts, diagnostics: s.diagnostics.enabled };
}

export class SettingsStore {
  private readonly byUri = new Map<string, ShapeLensSettings>();
  private global: ShapeLensSettings = DEFAULT_SETTINGS;

  constructor(private readonly connection: Connection, private readonly log: (m: string) => void) {}

  /** Whether the client answers workspace/configuration; otherwise settings come with didChangeConfiguration. */
  pull = false;

  get(uri: string): ShapeLensSettings {
    return this.byUri.get(uri) ?? this.global;
  }

  /** Settings pushed by a client without workspace/configuration. */
  setGlobal(raw: unknown): void {
    this.global = normalizeSettings(raw);
  }

  /** Fetches the settings of one document; resolves true when they changed. */
  async fetch(uri: string): Promise<boolean> {
    if (!this.pull) return false;
    try {
      const [raw] = await this.connection.workspace.getConfiguration([{ scopeUri: uri, section: 'shapelens' }]);
      const next = normalizeSettings(raw);
      const before = JSON.stringify(this.get(uri));
      this.byUri.set(uri, next);
      return JSON.stringify(next) !== before;
    } catch (e) {
      this.log(`could not read settings for ${uri}: ${(e as Error).message}`);
      return false;
    }
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
