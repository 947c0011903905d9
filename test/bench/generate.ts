// Generates Keras programs with exactly N layer calls for benchmarks: alternating Sequential and functional
// models of 50 layers each, with convolutions, pooling, dense layers, merges and constants.

/**
 * How the Keras program imports Keras: the standalone package (Keras 3), or through TensorFlow (tf.keras),
 * which pyright resolves with the TensorFlow stubs it bundles when TensorFlow is not installed.
 */
export type KerasImports = 'keras' | 'tf.keras';

const KERAS_HEADER: Record<KerasImports, string[]> = {
  'keras': ['import keras', 'from keras import layers'],
  'tf.keras': ['import tensorflow as tf', 'from tensorflow import keras', 'from tensorflow.keras import layers'],
};

export function generateKeras(n: number, imports: KerasImports = 'keras'): string {
  const out: string[] = [...KERAS_HEADER[imports], '', 'units = 64', 'kernel = (3, 3)', ''];
  let made = 0;
  let model = 0;
  while (made < n) {
    const size = Math.min(50, n - made);
    if (model % 2 === 0) {
      out.push(`model_${model} = keras.Sequential([`, '    keras.Input(shape=(64, 64, 3)),');
      made++;
      for (let i = 1; i < size; i++) {
        const k = i % 5;
        out.push(k === 0 ? '    layers.Conv2D(units, kernel, padding="same", activation="relu"),'
          : k === 1 ? '    layers.BatchNormalization(),'
          : k === 2 ? '    layers.Conv2D(32, 3, padding="same"),'
          : k === 3 ? '    layers.Dropout(0.1),'
          : '    layers.ReLU(),');
        made++;
      }
      out.push('])', '');
    } else {
      out.push(`inputs_${model} = keras.Input(shape=(128,))`, 'x = inputs_' + model);
      made++;
      for (let i = 1; i < size; i++) {
        if (i % 7 === 0 && i + 1 < size) {
          out.push('y = layers.Dense(units)(x)', 'x = layers.add([x, y])');
          made += 2;
          i++;
        } else {
          out.push(i % 3 === 0 ? 'x = layers.Dense(128, activation="relu")(x)' : i % 3 === 1 ? 'x = layers.LayerNormalization()(x)' : 'x = layers.Dropout(0.2)(x)');
          made++;
        }
      }
      out.push(`model_${model} = keras.Model(inputs_${model}, x)`, '');
    }
    model++;
  }
  return out.join('\n') + '\n';
}

// The same programs for TF.js (TypeScript), with exactly N layer calls: alternating `tf.sequential` blocks
// (the first layer declares `inputShape`) and functional `.apply` chains from `tf.input` to `tf.model`,
// 50 layer calls per model, with convolutions, normalisation, dropout, dense layers, merges and constants.
export function generateTfjs(n: number): string {
  const out: string[] = [`import * as tf from '@tensorflow/tfjs';`, '', 'const units = 64;', 'const kernel = [3, 3];', ''];
  let made = 0;
  let model = 0;
  while (made < n) {
    const size = Math.min(50, n - made);
    if (model % 2 === 0) {
      out.push(`const model_${model} = tf.sequential({`, '  layers: [', `    tf.layers.conv2d({inputShape: [64, 64, 3], filters: 32, kernelSize: 3, padding: 'same'}),`);
      made++;
      for (let i = 1; i < size; i++) {
        const k = i % 5;
        out.push(k === 0 ? `    tf.layers.conv2d({filters: units, kernelSize: kernel, padding: 'same', activation: 'relu'}),`
          : k === 1 ? '    tf.layers.batchNormalization(),'
          : k === 2 ? `    tf.layers.conv2d({filters: 32, kernelSize: 3, padding: 'same'}),`
          : k === 3 ? '    tf.layers.dropout({rate: 0.1}),'
          : '    tf.layers.reLU(),');
        made++;
      }
      out.push('  ],', '});', '');
    } else {
      out.push(`const inputs_${model} = tf.input({shape: [128]});`, `let x_${model}: tf.SymbolicTensor = inputs_${model};`);
      made++;
      const x = `x_${model}`;
      for (let i = 1; i < size; i++) {
        if (i % 7 === 0 && i + 1 < size) {
          out.push(`let y_${model}_${i} = tf.layers.dense({units}).apply(${x}) as tf.SymbolicTensor;`,
            `${x} = tf.layers.add().apply([${x}, y_${model}_${i}]) as tf.SymbolicTensor;`);
          made += 2;
          i++;
        } else {
          out.push(i % 3 === 0 ? `${x} = tf.layers.dense({units: 128, activation: 'relu'}).apply(${x}) as tf.SymbolicTensor;`
            : i % 3 === 1 ? `${x} = tf.layers.layerNormalization().apply(${x}) as tf.SymbolicTensor;`
            : `${x} = tf.layers.dropout({rate: 0.2}).apply(${x}) as tf.SymbolicTensor;`);
          made++;
        }
      }
      out.push(`const model_${model} = tf.model({inputs: inputs_${model}, outputs: ${x}});`, '');
    }
    model++;
  }
  return out.join('\n') + '\n';
}
