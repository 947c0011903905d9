// Chooses the Keras generation for a file from what the front end saw: Keras 1-only classes and arguments
// select Keras 1, layers that exist only up to Keras 2 select Keras 2, tf.keras imports select tf.keras 2,
// anything else Keras 3. A user override wins; the reason is kept for the hover.

import type { TextRange } from '../ir/graph';
import type { KerasVersion } from '../ir/kerasVersion';

export interface VersionEvidence {
  /** keras1: a Keras 1-only name; keras2: a layer absent from Keras 3; tf / standalone: the import root. */
  readonly kind: 'keras1' | 'keras2' | 'tf' | 'standalone';
  readonly reason: string;
  readonly range: TextRange;
}

/** What the user asked for: `auto`, a generation, or `2` meaning the Keras 2 family. */
export type VersionRequest = 'auto' | '1' | '2' | 'tf.keras' | '3';

export interface VersionChoice {
  readonly version: KerasVersion;
  readonly reason: string;
}

export function chooseVersion(evidence: readonly VersionEvidence[], request: VersionRequest = 'auto'): VersionChoice {
  const first = (kind: VersionEvidence['kind']) => evidence.find(e => e.kind === kind);
  const tf = first('tf');
  if (request !== 'auto') {
    if (request === '2') {
      return tf ? { version: 'tf.keras', reason: `set to Keras 2; the file uses tf.keras (${tf.reason})` } : { version: '2', reason: 'set to Keras 2' };
    }
    return { version: request, reason: `set to ${request === 'tf.keras' ? 'tf.keras 2' : `Keras ${request}`}` };
  }
  const k1 = first('keras1');
  if (k1) return { version: '1', reason: k1.reason };
  const k2 = first('keras2');
  if (k2) return tf ? { version: 'tf.keras', reason: `${k2.reason}, through tf.keras` } : { version: '2', reason: k2.reason };
  if (tf) return { version: 'tf.keras', reason: tf.reason };
  const standalone = first('standalone');
  return { version: '3', reason: standalone ? standalone.reason : 'no Keras import seen; assuming Keras 3' };
}
