"""The DeepBind-like model, two-layer variants, and the arithmetic of parameters and receptive
fields."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np

from hwlib import task
from hwlib.sequences import one_hot

ACTIVATIONS = ("relu", "linear", "exponential", "sigmoid", "tanh", "elu", "softplus")


def _check_positive(**values: int) -> None:
    for name, value in values.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{name} must be an integer >= 1, got {value!r}")


def _check_rate(learning_rate: float) -> None:
    if not learning_rate > 0:
        raise ValueError(f"learning_rate must be > 0, got {learning_rate!r}")


def classifier_head(
    inputs: keras.KerasTensor,
    features: keras.KerasTensor,
    dense_units: int,
    learning_rate: float,
    name: str,
) -> keras.Model:
    """The head every builder of this module shares, as a compiled model from `inputs` to a
    probability: `features` (batch, positions, channels), computed from `inputs`, go through a
    GlobalMaxPooling1D named gmp, a Dense of `dense_units` (ReLU) named dense1 and a one-unit
    Dense (sigmoid) named output. The model, named `name`, is compiled with Adam at
    `learning_rate` and the loss "binary_crossentropy"."""
    _check_positive(dense_units=dense_units)
    _check_rate(learning_rate)
    ### BEGIN SOLUTION
    x = keras.layers.GlobalMaxPooling1D(name="gmp")(features)
    x = keras.layers.Dense(dense_units, activation="relu", name="dense1")(x)
    outputs = keras.layers.Dense(1, activation="sigmoid", name="output")(x)
    model = keras.Model(inputs, outputs, name=name)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="binary_crossentropy",
    )
    return model
    ### END SOLUTION


def deepbind(
    seq_len: int = 101,
    filters: int = 16,
    kernel_size: int = 5,
    dense_units: int = 32,
    activation: str = "relu",
    learning_rate: float = 3e-3,
) -> keras.Model:
    """Conv1D -> GlobalMaxPooling1D -> Dense(relu) -> Dense(1, sigmoid), compiled with Adam.

    The defaults are the reference's baseline except the learning rate: 3e-3 instead of 1e-3,
    which converges in tens of epochs on every seed tried (1e-3 needed hundreds on some).

    Input (batch, seq_len, 4) one-hot; output (batch, 1) probability of "positive".
    `activation` is the convolution's activation (one of ACTIVATIONS). The layers are named
    conv1 (no padding), gmp, dense1 and output; the loss is "binary_crossentropy".
    """
    _check_positive(seq_len=seq_len, filters=filters, kernel_size=kernel_size)
    _check_positive(dense_units=dense_units)
    if kernel_size > seq_len:
        raise ValueError(f"kernel_size={kernel_size} exceeds seq_len={seq_len}")
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
    _check_rate(learning_rate)
    ### BEGIN SOLUTION
    inputs = keras.Input(shape=(seq_len, 4), name="sequence")
    x = keras.layers.Conv1D(filters, kernel_size, activation=activation, name="conv1")(inputs)
    return classifier_head(inputs, x, dense_units, learning_rate, "deepbind")
    ### END SOLUTION


def implant_filters(model: keras.Model, kmers: list[str], layer: str = "conv1") -> keras.Model:
    """Set the first len(kmers) filters of the Conv1D `layer` to exact detectors of `kmers`.

    Filter i gets weight 1 on each base of kmers[i] and 0 elsewhere, and bias 1 - K, so before
    its activation it scores 1 on that K-mer and at most 0 on any other window. The other
    filters keep their initial weights. Training from this start asks whether the
    architecture can use the k-mers, apart from whether training finds them. Returns `model`.
    """
    names = [lay.name for lay in model.layers]
    if layer not in names:
        raise ValueError(f"model has no layer {layer!r}; its layers are {names}")
    kernel, bias = model.get_layer(layer).get_weights()
    width, channels, filters = kernel.shape
    ok = all(isinstance(k, str) and len(k) == width and not set(k) - set("ACGT") for k in kmers)
    if channels != 4 or not ok or not 1 <= len(kmers) <= filters:
        raise ValueError(
            f"kmers must be 1 to {filters} strings of {width} bases over A, C, G, T (the width "
            f"of {layer!r}, which must read 4 channels), got {kmers!r}"
        )
    for i, kmer in enumerate(kmers):
        kernel[:, :, i] = one_hot([kmer])[0]
        bias[i] = 1.0 - width
    model.get_layer(layer).set_weights([kernel, bias])
    return model


def deepbind_param_counts(
    filters: int, kernel_size: int, dense_units: int, channels: int = 4
) -> dict[str, int]:
    """Trainable parameters per layer of `deepbind`, from a formula in the arguments (not
    from Keras): a dict with the keys conv1, gmp, dense1 and output."""
    _check_positive(
        filters=filters, kernel_size=kernel_size, dense_units=dense_units, channels=channels
    )
    ### BEGIN SOLUTION
    return {
        "conv1": (kernel_size * channels + 1) * filters,
        "gmp": 0,
        "dense1": (filters + 1) * dense_units,
        "output": dense_units + 1,
    }
    ### END SOLUTION


def two_layer(
    seq_len: int = 101,
    filters: int = 24,
    kernel_size: int = 5,
    second_filters: int | None = None,
    second_kernel: int = 5,
    pool_size: int = 1,
    dilation: int = 1,
    dense_units: int = 32,
    learning_rate: float = 3e-3,
) -> keras.Model:
    """Conv1D -> [MaxPooling1D] -> Conv1D -> GlobalMaxPooling1D -> Dense(relu) -> Dense(1, sigmoid).

    Layers: conv1 (`filters` x `kernel_size`, relu, no padding), pool1 (a MaxPooling1D, only
    when `pool_size` > 1; stride = pool size, padding "same": when conv1's length is no multiple
    of the pool size, no position is dropped, so that every input base reaches the output, see
    `input_reach`), conv2 (`second_filters`, default `filters`, x `second_kernel`, dilation rate
    `dilation`, relu, no padding), then `classifier_head`'s gmp, dense1 and output. With the
    defaults (no pooling, no dilation) it is the reference's interaction model.

    Input (batch, seq_len, 4) one-hot; output (batch, 1) probability of "positive".
    """
    second_filters = filters if second_filters is None else second_filters
    _check_positive(seq_len=seq_len, filters=filters, kernel_size=kernel_size)
    _check_positive(second_filters=second_filters, second_kernel=second_kernel)
    _check_positive(pool_size=pool_size, dilation=dilation, dense_units=dense_units)
    _check_rate(learning_rate)
    conv1_len = seq_len - kernel_size + 1
    conv2_in = -(-conv1_len // pool_size)
    span = dilation * (second_kernel - 1) + 1
    if conv1_len < 1 or conv2_in < span:
        raise ValueError(
            f"seq_len={seq_len} is too short: conv1 (kernel {kernel_size}), pooling "
            f"({pool_size}) and conv2 (span {span} = dilation * (second_kernel - 1) + 1) "
            "leave no output position"
        )
    ### BEGIN SOLUTION
    inputs = keras.Input(shape=(seq_len, 4), name="sequence")
    x = keras.layers.Conv1D(filters, kernel_size, activation="relu", name="conv1")(inputs)
    if pool_size > 1:
        x = keras.layers.MaxPooling1D(pool_size, padding="same", name="pool1")(x)
    x = keras.layers.Conv1D(
        second_filters,
        second_kernel,
        dilation_rate=dilation,
        activation="relu",
        name="conv2",
    )(x)
    return classifier_head(inputs, x, dense_units, learning_rate, "two_layer")
    ### END SOLUTION


_POOLING = (keras.layers.MaxPooling1D, keras.layers.AveragePooling1D)
_GLOBAL = (
    keras.layers.GlobalMaxPooling1D,
    keras.layers.GlobalAveragePooling1D,
    keras.layers.Flatten,
)


def receptive_field(model: keras.Model) -> int:
    """Input bases (along the sequence) that one position of the last positional feature map sees.

    Walks the layers up to the first global pooling (or Flatten): Conv1D layers (kernel size,
    dilation, stride) and 1-D poolings (size, stride) widen it; other layers (activations,
    dropout, ...) leave it unchanged.
    """
    if not isinstance(model, keras.Model):
        raise ValueError(f"expected a keras.Model, got {type(model).__name__}")
    ### BEGIN SOLUTION
    field, jump, convs = 1, 1, 0
    for layer in model.layers:
        if isinstance(layer, _GLOBAL):
            break
        if isinstance(layer, keras.layers.Conv1D):
            convs += 1
            field += layer.dilation_rate[0] * (layer.kernel_size[0] - 1) * jump
            jump *= layer.strides[0]
        elif isinstance(layer, _POOLING):
            field += (layer.pool_size[0] - 1) * jump
            jump *= layer.strides[0]
    if convs == 0:
        raise ValueError(f"model {model.name!r} has no Conv1D layer before its global pooling")
    return field
    ### END SOLUTION


_REACH_LAYERS = (
    keras.layers.InputLayer,
    keras.layers.Conv1D,
    keras.layers.Dense,
    keras.layers.Dropout,
    *_POOLING,
    *_GLOBAL,
)


def input_reach(model: keras.Model) -> np.ndarray:
    """Which input positions can change the model's output at all: (seq_len,) bool.

    A copy of the model gets every kernel set to 1 and every bias to 0, and reads the all-zero
    input and seq_len inputs that are zero but for a 1 on every channel of one position. With
    such weights and activations that are relu or linear (sigmoid allowed on the last layer),
    every unit of the all-zero input is 0, and a unit is positive exactly when some path of
    the network's connections leads from the hot position to it; so position i reaches the
    output when the copy's output for it exceeds the all-zero input's. A position that does
    not reach it (a pooling window dropped, a stride that skips it) leaves the real model's
    output unchanged whatever its weights.

    The model must read (batch, seq_len, channels) and be built of Conv1D, Dense, Dropout,
    1-D pooling, global pooling and Flatten layers.
    """
    if not isinstance(model, keras.Model):
        raise ValueError(f"expected a keras.Model, got {type(model).__name__}")
    for layer in model.layers:
        if not isinstance(layer, _REACH_LAYERS):
            raise ValueError(f"input_reach cannot follow a {type(layer).__name__} layer")
        activation = getattr(getattr(layer, "activation", None), "__name__", "linear")
        allowed = ("relu", "linear", "sigmoid") if layer is model.layers[-1] else ("relu", "linear")
        if activation not in allowed:
            raise ValueError(
                f"layer {layer.name!r} has activation {activation!r}; input_reach needs {allowed}"
            )
    copy = keras.models.clone_model(model)
    for layer in copy.layers:
        if getattr(layer, "kernel", None) is not None:
            layer.kernel.assign(np.ones(layer.kernel.shape, dtype=np.float32))
        if getattr(layer, "bias", None) is not None:
            layer.bias.assign(np.zeros(layer.bias.shape, dtype=np.float32))
    length, channels = model.input_shape[1:]
    x = np.zeros((length + 1, length, channels), dtype=np.float32)
    x[np.arange(1, length + 1), np.arange(length)] = 1.0
    out = np.asarray(copy(x, training=False), dtype=np.float64).reshape(length + 1, -1)
    return (out[1:] > out[0]).any(axis=1)


def save_best(model: keras.Model, question: str, folder: Path | str = ".") -> Path:
    """Save the model a student hands in for `question` as `folder`/qN_best.keras (the
    notebook's folder by default); it must take one-hot sequences (N, 101, 4) and give one
    probability each (N, 1). Returns the path."""
    path = Path(folder) / task.best_model_file(question)
    if not isinstance(model, keras.Model):
        raise ValueError(f"expected a keras.Model, got {type(model).__name__}")
    if tuple(model.input_shape) != (None, 101, 4) or tuple(model.output_shape) != (None, 1):
        raise ValueError(
            f"the model must map (None, 101, 4) to (None, 1), got {model.input_shape} -> "
            f"{model.output_shape}"
        )
    model.save(path)
    return path
