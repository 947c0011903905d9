// TF.js version ('tfjs'): automatic names as tfjs-layers assigns them (checked against live tfjs 4.22 in
// this fresh process), and the zero-size-output warning where Keras reports an error.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NameAllocator, tfjsSnakeCase } from '../../../server/src/infer/naming';
import { buildForTest, summarize } from '../../support/buildForTest';
import { tf } from '../../oracle/tfjs';

test('tfjs automatic names: per-class 1-based uid, input, model and sequential counters', () => {
  const names = new NameAllocator('tfjs');
  const layer = (className: string) => names.next({ kind: 'layer', className });
  assert.equal(layer('Dense'), 'dense_Dense1');
  assert.equal(layer('Dense'), 'dense_Dense2');
  assert.equal(layer('Conv2D'), 'conv2d_Conv2D1');
  assert.equal(layer('ConvLSTM2D'), 'conv_lst_m2d_ConvLSTM2D1');
  assert.equal(layer('SimpleRNN'), 'simple_rnn_SimpleRNN1');
  assert.equal(layer('PReLU'), 'p_re_lu_PReLU1');
  assert.equal(layer('Conv2DTranspose'), 'conv2d_transpose_Conv2DTranspose1');
  assert.equal(names.next({ kind: 'layer', className: 'InputLayer', isInput: true }), 'input1');
  assert.equal(names.next({ kind: 'layer', className: 'InputLayer', isInput: true }), 'input2');
  assert.equal(names.next({ kind: 'sequential' }), 'sequential_1');
  assert.equal(names.next({ kind: 'sequential' }), 'sequential_2');
  assert.equal(names.next({ kind: 'functional' }), 'model1');
  assert.equal(names.next({ kind: 'functional' }), 'model2');
  assert.equal(tfjsSnakeCase('GlobalAveragePooling2D'), 'global_average_pooling2d');
});

test('tfjs automatic names equal live tfjs in a fresh process', () => {
  const ours = new NameAllocator('tfjs');
  const live: string[] = [];
  const want: string[] = [];
  const layers: [string, () => { name: string }][] = [
    ['Dense', () => tf.layers.dense({ units: 2 })],
    ['Dense', () => tf.layers.dense({ units: 2 })],
    ['Conv2D', () => tf.layers.conv2d({ filters: 2, kernelSize: 3 })],
    ['MaxPooling2D', () => tf.layers.maxPooling2d({})],
    ['MaxPooling2D', () => tf.layers.maxPool2d({})],
    ['LeakyReLU', () => tf.layers.leakyReLU()],
    ['ReLU', () => tf.layers.reLU()],
    ['ConvLSTM2D', () => tf.layers.convLstm2d({ filters: 2, kernelSize: 3 })],
    ['Cropping2D', () => tf.layers.cropping2D({ cropping: 1 })],
    ['BatchNormalization', () => tf.layers.batchNormalization()],
    ['LSTM', () => tf.layers.lstm({ units: 2 })],
  ];
  for (const [className, make] of layers) {
    live.push(make().name);
    want.push(ours.next({ kind: 'layer', className }));
  }
  const a = tf.input({ shape: [3] });
  live.push(a.name.replace(/\/.*$/, ''), tf.sequential().name);
  want.push(ours.next({ kind: 'layer', className: 'InputLayer', isInput: true }), ours.next({ kind: 'sequential' }));
  const out = tf.layers.dense({ units: 1, name: 'explicit' }).apply(a) as ReturnType<typeof tf.input>;
  live.push(tf.model({ inputs: a, outputs: out }).name);
  want.push(ours.next({ kind: 'functional' }));
  assert.deepEqual(want, live);
});

test('tfjs zero-size output: a warning (the model builds, empty tensors), an error in Keras', () => {
  for (const [className, args, input] of [
    ['Conv2D', [8, 5], [null, 4, 4, 3]],
    ['MaxPooling2D', [3], [null, 2, 2, 3]],
    ['Cropping2D', [[[1, 1], [1, 1]]], [null, 2, 2, 3]],
  ] as const) {
    const o = buildForTest({ className, args: args as never, input: input as never, version: 'tfjs' });
    const s = summarize(o);
    assert.deepEqual(s.errors, [], `${className} tfjs`);
    assert.ok(s.outputs?.[0]?.includes(0), `${className} gives a 0 dim`);
    const w = o.issues.find(i => i.code === 'zero-size-output');
    assert.equal(w?.severity, 'warning');
    assert.match(w!.message, /builds but produces empty tensors/);
    const keras = summarize(buildForTest({ className, args: args as never, input: input as never, version: '3' }));
    assert.deepEqual(keras.errors, ['nonpositive-output'], `${className} Keras 3`);
  }
  const negative = summarize(buildForTest({ className: 'Conv2D', args: [8, 5], input: [null, 3, 3, 3], version: 'tfjs' }));
  assert.deepEqual(negative.errors, ['nonpositive-output']);
});

test('tfjs differences in single rules: causal as valid, GRU resetAfter, softmax axis note, strides with dilation', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Conv1D', args: [4, 3], kwargs: { padding: 'causal' }, input: [null, 10, 3], version: 'tfjs' })).outputs, [[null, 8, 4]]);
  assert.deepEqual(summarize(buildForTest({ className: 'GRU', args: [4], input: [null, 5, 3], version: 'tfjs' })).weights, ['kernel (3, 12)', 'recurrent_kernel (4, 12)', 'bias (12,)']);
  assert.deepEqual(summarize(buildForTest({ className: 'GRU', args: [4], kwargs: { reset_after: true }, input: [null, 5, 3], version: 'tfjs' })).errors, ['bad-argument']);
  const soft = buildForTest({ className: 'Softmax', input: [null, 3, 4], version: 'tfjs' });
  assert.ok(soft.notes.some(n => n.includes('axis 1')));
  assert.ok(soft.issues.some(i => i.code === 'softmax-axis' && i.severity === 'warning'));
  const sd = buildForTest({ className: 'Conv2D', args: [8, 3], kwargs: { strides: 2, dilation_rate: 2 }, input: [null, 20, 20, 3], version: 'tfjs' });
  assert.deepEqual(summarize(sd).errors, []);
  assert.deepEqual(summarize(sd).outputs, [[null, 8, 8, 8]]);
});
