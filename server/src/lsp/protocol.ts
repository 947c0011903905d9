// Custom requests and settings shared by the server and the VS Code client (no dependencies, so the
// client bundle can import it without pulling in the server).

/** `shapelens/modelSummary`: the `model.summary()`-style text of one model in a document. */
export const MODEL_SUMMARY_REQUEST = 'shapelens/modelSummary';

export interface ModelSummaryParams {
  readonly uri: string;
  /** The model's name as shown by the code lens. */
  readonly modelName: string;
}

export interface ModelSummaryResult {
  /** Undefined when the document or model is not (or no longer) there. */
  readonly text?: string;
}

/** The client-side command the code lens runs. */
export const SHOW_SUMMARY_COMMAND = 'shapelens.showModelSummary';

/** Settings under `shapelens.*` (see package.json `contributes.configuration`). */
export interface ShapeLensSettings {
  readonly inlayHints: { readonly enabled: boolean; readonly parameterCounts: boolean };
  readonly kerasVersion: 'auto' | '1' | '2' | '3';
  readonly defaultDataFormat: 'channels_last' | 'channels_first';
  readonly diagnostics: { readonly enabled: boolean };
  /** Files larger than this many megabytes are not analysed. */
  readonly maxFileSizeMB: number;
}

export const DEFAULT_SETTINGS: ShapeLensSettings = {
  inlayHints: { enabled: true, parameterCounts: false },
  kerasVersion: 'auto',
  defaultDataFormat: 'channels_last',
  diagnostics: { enabled: true },
  maxFileSizeMB: 5,
};
