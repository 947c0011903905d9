// The layer catalogue's index: every group's specs, looked up by Python class name (canonical, alias or
// Keras 1 spelling) or by TF.js factory name. Adding a layer = one file + one line in its group's index.

import type { LayerSpec } from './spec';
import { coreLayers } from './core';
import { convLayers } from './conv';
import { poolingLayers } from './pooling';
import { reshapingLayers } from './reshaping';
import { normalizationLayers } from './normalization';
import { recurrentLayers } from './recurrent';
import { mergingLayers } from './merging';
import { attentionLayers } from './attention';
import { activationLayers } from './activation';
import { regularizationLayers } from './regularization';
import { preprocessingLayers } from './preprocessing';

const ALL: readonly LayerSpec[] = [
  ...coreLayers,
  ...convLayers,
  ...poolingLayers,
  ...reshapingLayers,
  ...normalizationLayers,
  ...recurrentLayers,
  ...mergingLayers,
  ...attentionLayers,
  ...activationLayers,
  ...regularizationLayers,
  ...preprocessingLayers,
];

const byPythonName = new Map<string, LayerSpec>();
const byTfjsName = new Map<string, LayerSpec>();
for (const spec of ALL) {
  for (const name of [spec.className, ...(spec.aliases ?? [])]) byPythonName.set(name, spec);
  if (spec.tfjs) byTfjsName.set(spec.tfjs, spec);
}

export function allLayerSpecs(): readonly LayerSpec[] {
  return ALL;
}

/** The spec for a Python class name such as `Conv2D`, `MaxPool2D` or `Convolution1D`. */
export function findPythonLayer(name: string): LayerSpec | undefined {
  return byPythonName.get(name);
}

/** The spec for a TF.js factory name under `tf.layers`, such as `conv2d`. */
export function findTfjsLayer(name: string): LayerSpec | undefined {
  return byTfjsName.get(name);
}
