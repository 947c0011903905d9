"""A Keras 1 sentence classifier: legacy layer names and arguments, Keras 1 weight layouts."""
from keras.models import Sequential
from keras.layers import Embedding, Convolution1D, MaxPooling1D, Flatten, Dense, Dropout

model = Sequential()
model.add(Embedding(20000, 300, input_length=400))
model.add(Convolution1D(nb_filter=111, filter_length=5, border_mode='valid', activation="relu", subsample_length=1))
model.add(MaxPooling1D(pool_length=2))
model.add(Flatten())
model.add(Dense(output_dim=250, activation='relu'))
model.add(Dropout(0.2))
model.add(Dense(1, activation='sigmoid'))
