"""MNIST convnet (Keras 3) for ShapeLens's end-to-end tests.

One deliberate shape error (RGB images fed to the grayscale model, last line)
and one stale shape comment (first MaxPooling2D). The tests assert exact
positions: do not reformat.
"""
import keras
from keras import layers

num_classes = 10
input_shape = (28, 28, 1)

model = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),  # (None, 10, 10, 32)
        layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(num_classes, activation="softmax"),
    ]
)

rgb_images = keras.Input(shape=(28, 28, 3))
predictions = model(rgb_images)
