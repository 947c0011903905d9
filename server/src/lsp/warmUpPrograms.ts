// Small built-in Keras and TF.js programs the analysis worker analyses in idle time to warm up its code (see
// codeWarmUp.ts). Each is a function of a round number `k`, so that successive rounds build layers of other
// sizes (builds are memoised) and an edit can change one digit. They cover the common layers, merges, both
// model styles, legacy spellings and one dimension mismatch, so that the paths a real file takes get warm.

/** The programs of one language family, each taking the round number. */
export type WarmUpProgram = (k: number) => string;

const convNet: WarmUpProgram = k => `import keras
from keras import layers

filters = ${8 + (k % 24)}
model = keras.Sequential([
    keras.Input(shape=(${28 + (k % 8)}, ${28 + (k % 8)}, 3)),
    layers.Conv2D(filters, (3, 3), activation="relu"),
    layers.BatchNormalization(),
    layers.MaxPooling2D(pool_size=(2, 2)),
    layers.Conv2D(filters * 2, 3, padding="same", strides=2),
    layers.ReLU(),
    layers.DepthwiseConv2D(3, padding="same"),
    layers.SeparableConv2D(16, 3),
    layers.GlobalAveragePooling2D(),
    layers.Dropout(0.${1 + (k % 8)}),
    layers.Dense(${10 + k}, activation="softmax"),
])
model.summary()

second = keras.Sequential()
second.add(keras.Input(shape=(${16 + k},)))
second.add(layers.Dense(64, activation="relu"))
second.add(layers.LayerNormalization())
second.add(layers.Reshape((8, 8)))
second.add(layers.Flatten())
second.add(layers.Dense(4))
`;

const functionalText: WarmUpProgram = k => `import tensorflow as tf
from tensorflow.keras import layers

vocabulary = ${1000 + k}
width = ${32 + (k % 16)}

def block(x, units):
    y = layers.Dense(units, activation="relu")(x)
    y = layers.Dropout(0.2)(y)
    return layers.add([x, y])

tokens = tf.keras.Input(shape=(${20 + (k % 10)},), name="tokens")
embedded = layers.Embedding(vocabulary, width)(tokens)
branches = []
for size in (2, 3, 4):
    conv = layers.Conv1D(16, size, activation="relu")(embedded)
    branches.append(layers.GlobalMaxPooling1D()(conv))
merged = layers.concatenate(branches)
recurrent = layers.LSTM(width)(embedded)
gru = layers.Bidirectional(layers.GRU(8, return_sequences=True))(embedded)
attended = layers.MultiHeadAttention(num_heads=2, key_dim=8)(gru, gru)
joined = layers.Concatenate()([merged, recurrent])
hidden = block(layers.Dense(48)(joined), 48)
outputs = layers.Dense(${2 + (k % 5)}, activation="softmax")(hidden)
model = tf.keras.Model(inputs=tokens, outputs=outputs)
wrong = layers.Add()([layers.Dense(3)(hidden), layers.Dense(5)(hidden)])
`;

const legacy: WarmUpProgram = k => `from keras.models import Sequential
from keras.layers import Embedding, Convolution1D, Convolution2D, MaxPooling1D, Flatten, Dense, Dropout

model = Sequential()
model.add(Embedding(${2000 + k}, 30, input_length=${40 + (k % 20)}))
model.add(Convolution1D(nb_filter=${11 + k}, filter_length=5, border_mode='valid', activation="relu"))
model.add(MaxPooling1D(pool_length=2))
model.add(Flatten())
model.add(Dense(output_dim=25, activation='relu'))
model.add(Dropout(0.2))
model.add(Dense(1, activation='sigmoid'))

images = Sequential()
images.add(Convolution2D(${4 + (k % 12)}, 5, 5, border_mode='full', input_shape=(28, 28, 1)))
images.add(Flatten())
images.add(Dense(10))
`;

const tfjsModels: WarmUpProgram = k => `import * as tf from '@tensorflow/tfjs';

const units = ${16 + (k % 48)};
const model = tf.sequential();
model.add(tf.layers.conv2d({inputShape: [${28 + (k % 8)}, 28, 1], kernelSize: 3, filters: ${8 + k}, activation: 'relu'}));
model.add(tf.layers.maxPooling2d({poolSize: 2, strides: 2}));
model.add(tf.layers.batchNormalization());
model.add(tf.layers.conv2d({kernelSize: [3, 3], filters: 16, padding: 'same'}));
model.add(tf.layers.globalAveragePooling2d({}));
model.add(tf.layers.dropout({rate: 0.${1 + (k % 8)}}));
model.add(tf.layers.dense({units, activation: 'softmax'}));

const stacked = tf.sequential({
  layers: [
    tf.layers.embedding({inputDim: 1000, outputDim: 16, inputLength: ${10 + (k % 10)}}),
    tf.layers.lstm({units: 8, returnSequences: true}),
    tf.layers.conv1d({filters: 4, kernelSize: 2}),
    tf.layers.flatten(),
    tf.layers.dense({units: 2}),
  ],
});

const input = tf.input({shape: [${64 + k}]});
let x = tf.layers.dense({units: 32, activation: 'relu'}).apply(input) as tf.SymbolicTensor;
const y = tf.layers.layerNormalization().apply(x) as tf.SymbolicTensor;
x = tf.layers.add().apply([x, y]) as tf.SymbolicTensor;
const both = tf.layers.concatenate().apply([x, input]) as tf.SymbolicTensor;
const wrong = tf.layers.add().apply([x, input]) as tf.SymbolicTensor;
const head = tf.layers.dense({units: 10}).apply(both) as tf.SymbolicTensor;
export const functional = tf.model({inputs: input, outputs: head});
`;

export const PYTHON_WARM_UP: readonly WarmUpProgram[] = [convNet, functionalText, legacy];
export const TYPESCRIPT_WARM_UP: readonly WarmUpProgram[] = [tfjsModels];
