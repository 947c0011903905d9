// Activation function names Keras resolves from a string (union over Keras 1, tf.keras 2 and Keras 3).
// A name outside this list is only a warning: `get_custom_objects()` can register more.

export const KNOWN_ACTIVATIONS: ReadonlySet<string> = new Set([
  'linear', 'relu', 'relu6', 'leaky_relu', 'elu', 'selu', 'celu', 'gelu', 'glu', 'silu', 'swish', 'mish',
  'sigmoid', 'hard_sigmoid', 'sparse_sigmoid', 'log_sigmoid', 'hard_silu', 'hard_swish', 'tanh', 'hard_tanh',
  'tanh_shrink', 'hard_shrink', 'soft_shrink', 'softmax', 'log_softmax', 'sparsemax', 'softplus', 'softsign',
  'sparse_plus', 'squareplus', 'exponential', 'threshold',
]);

/** Activation names TF.js (tfjs-layers 4.x) resolves from a string; anything else throws "Unknown activation". */
export const TFJS_ACTIVATIONS: ReadonlySet<string> = new Set([
  'elu', 'hardSigmoid', 'linear', 'relu', 'relu6', 'selu', 'sigmoid', 'softmax', 'logSoftmax', 'softplus', 'softsign',
  'tanh', 'swish', 'mish', 'gelu', 'gelu_new',
]);
