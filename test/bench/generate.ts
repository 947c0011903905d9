// Generates Keras programs with exactly N layer calls for benchmarks: alternating Sequential and functional
// models of 50 layers each, with convolutions, pooling, dense layers, merges and constants.

export function generateKeras(n: number): string {
  const out: string[] = ['import keras', 'from keras import layers', '', 'units = 64', 'kernel = (3, 3)', ''];
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
