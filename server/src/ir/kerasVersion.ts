// The Keras generations ShapeLens distinguishes; they differ in names, defaults and weight layouts.

/**
 * `1`: Keras 1.x; `2`: standalone Keras 2.x; `tf.keras`: tf.keras 2 (TF 2.x); `3`: Keras 3;
 * `tfjs`: TensorFlow.js layers (tfjs-layers 4.x), for TypeScript and JavaScript files.
 */
export type KerasVersion = '1' | '2' | 'tf.keras' | '3' | 'tfjs';

export const KERAS_VERSIONS: readonly KerasVersion[] = ['1', '2', 'tf.keras', '3', 'tfjs'];

export function describeVersion(v: KerasVersion): string {
  switch (v) {
    case '1': return 'Keras 1';
    case '2': return 'Keras 2 (standalone)';
    case 'tf.keras': return 'tf.keras 2';
    case '3': return 'Keras 3';
    case 'tfjs': return 'TensorFlow.js';
  }
}
