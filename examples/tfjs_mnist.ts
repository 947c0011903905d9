// A TF.js convnet in the style of the official tfjs-examples MNIST demo, plus a small functional model.
import * as tf from '@tensorflow/tfjs';

export function createConvModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({inputShape: [28, 28, 1], kernelSize: 3, filters: 16, activation: 'relu'}));
  model.add(tf.layers.maxPooling2d({poolSize: 2, strides: 2}));
  model.add(tf.layers.conv2d({kernelSize: 3, filters: 32, activation: 'relu'}));
  model.add(tf.layers.maxPooling2d({poolSize: 2, strides: 2}));
  model.add(tf.layers.conv2d({kernelSize: 3, filters: 32, activation: 'relu'}));
  model.add(tf.layers.flatten({}));
  model.add(tf.layers.dense({units: 64, activation: 'relu'}));
  model.add(tf.layers.dense({units: 10, activation: 'softmax'}));
  return model;
}

const image = tf.input({shape: [28, 28, 1]});
const features = tf.layers.flatten().apply(image) as tf.SymbolicTensor;
const hidden = tf.layers.dense({units: 32, activation: 'relu'}).apply(features) as tf.SymbolicTensor;
const head = tf.layers.dense({units: 10}).apply(hidden) as tf.SymbolicTensor;
export const small = tf.model({inputs: image, outputs: head});
