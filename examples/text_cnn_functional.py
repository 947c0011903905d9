"""A text classifier with parallel 1-D convolutions over an embedding (functional API, tf.keras)."""
import tensorflow as tf
from tensorflow.keras import layers

sentence_length = 7
embedding_size = 5
vocabulary = 1000


def build_model(filters=2, sizes=(4, 3, 2)):
    inputs = tf.keras.Input(shape=(sentence_length,))
    embedded = layers.Embedding(vocabulary, embedding_size)(inputs)
    pooled = []
    for size in sizes:
        conv = layers.Conv1D(filters, size, activation="relu")(embedded)
        pooled.append(layers.GlobalMaxPooling1D()(conv))
    merged = layers.Concatenate()(pooled)
    outputs = layers.Dense(2, activation="softmax")(merged)
    return tf.keras.Model(inputs, outputs)


model = build_model()
