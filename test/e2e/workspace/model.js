const tf = require('@tensorflow/tfjs');
const input = tf.input({shape: [10]});
const hidden = tf.layers.dense({units: 4}).apply(input);
const bad = tf.layers.conv2d({filters: 2, kernelSize: 3}).apply(hidden);
const model = tf.model({inputs: input, outputs: bad});
