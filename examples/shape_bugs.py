"""Common dimension mistakes, each reported before anything runs."""
import keras
from keras import layers

# 1. input_shape that includes the batch axis: Conv2D then sees a rank-5 input.
broken = keras.Sequential([
    layers.Conv2D(8, 3, input_shape=(32, 28, 28, 1)),
    layers.Flatten(),
])

# 2. Stacked LSTMs without return_sequences on the first one.
stacked = keras.Sequential([
    keras.Input(shape=(20, 16)),
    layers.LSTM(32),
    layers.LSTM(32),
])

# 3. A kernel larger than its input.
tiny = keras.Sequential([
    keras.Input(shape=(4, 4, 3)),
    layers.Conv2D(8, 5),
])

# 4. Concatenating feature maps of different sizes.
a = keras.Input(shape=(16, 16, 8))
b = keras.Input(shape=(8, 8, 8))
merged = layers.Concatenate()([a, b])
