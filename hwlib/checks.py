"""Checks of the functions students implement, each against an independent computation.

Every check takes the implementation to test (so a grader, or a test of the check itself, can
hand it any function), runs it on inputs drawn from `seed`, and compares it with something
computed another way: Keras's own parameter count, a numpy forward pass, a perturbation
experiment, a loop over windows or mutations, or finite differences. A wrong implementation
raises AssertionError saying what differs; a correct one returns a one-line summary. Public
checks in the notebooks use the default seeds; the graders' hidden checks use other seeds
and shapes.

`own_variant` is the one data-dependent check: it regenerates the graded student's data from
their id (`hwlib.task.graded`) and compares them with the data the notebook ran on.
"""

from __future__ import annotations

from collections.abc import Callable

import keras
import numpy as np

from hwlib import bayes, datasets, models, simulate, task, variants

_EYE = np.eye(4, dtype=np.float32)


def _check_seed(seed: int) -> np.random.Generator:
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    return np.random.default_rng(seed)


def _check_callable(fn: Callable) -> None:
    if not callable(fn):
        raise ValueError(f"expected the function to check, got {type(fn).__name__}")


def _random_one_hot(rng: np.random.Generator, n: int, length: int) -> np.ndarray:
    return _EYE[rng.integers(0, 4, size=(n, length))]


def _random_two_layer(rng: np.random.Generator, bias: float, **architecture: int) -> keras.Model:
    """`models.two_layer(**architecture)` (given, not a student's builder) with random weights
    drawn from `rng` and every bias set to `bias` > 0, so that most units are active and every
    input base matters."""
    keras.utils.set_random_seed(int(rng.integers(2**31)))
    model = models.two_layer(**architecture)
    for layer in model.layers:
        if getattr(layer, "bias", None) is not None:
            layer.bias.assign(np.full(layer.bias.shape, bias, dtype=np.float32))
    return model


def _small_model(rng: np.random.Generator, seq_len: int, kernel_size: int) -> keras.Model:
    """A small two-layer CNN with random weights, for the checks of PWMs and ISM."""
    return _random_two_layer(
        rng,
        0.1,
        seq_len=seq_len,
        filters=6,
        kernel_size=kernel_size,
        second_kernel=3,
        dense_units=4,
    )


def _smooth_model(rng: np.random.Generator, seq_len: int) -> keras.Model:
    """A CNN without kinks (tanh, average pooling), so that finite differences are accurate."""
    keras.utils.set_random_seed(int(rng.integers(2**31)))
    return keras.Sequential(
        [
            keras.Input((seq_len, 4)),
            keras.layers.Conv1D(4, 3, activation="tanh"),
            keras.layers.GlobalAveragePooling1D(),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )


def param_counts(fn: Callable, seed: int = 0, n: int = 10) -> str:
    """Check `fn(filters, kernel_size, dense_units) -> {layer: count}` against Keras's count of
    each layer built on its own (Conv1D on (L, 4), Dense on the pooled filters, Dense(1)) for
    `n` random architectures."""
    _check_callable(fn)
    rng = _check_seed(seed)
    for _ in range(n):
        f, k, h = (int(v) for v in (rng.integers(1, 65), rng.integers(1, 25), rng.integers(1, 129)))
        conv = keras.layers.Conv1D(f, k)
        conv.build((None, int(rng.integers(k, 200)), 4))
        dense, output = keras.layers.Dense(h), keras.layers.Dense(1)
        dense.build((None, f))
        output.build((None, h))
        expected = {
            "conv1": conv.count_params(),
            "gmp": 0,
            "dense1": dense.count_params(),
            "output": output.count_params(),
        }
        got = fn(f, k, h)
        assert isinstance(got, dict), f"expected a dict of per-layer counts, got {type(got)}"
        got = {name: int(v) for name, v in got.items()}
        assert got == expected, (
            f"filters={f}, kernel_size={k}, dense_units={h}: got {got}, Keras counts {expected}"
        )
    return f"parameter counts agree with Keras on {n} random architectures"


def _forward(model: keras.Model, x: np.ndarray, activation: Callable) -> np.ndarray:
    """The DeepBind forward pass in numpy, from the model's weights: (N,) probabilities."""
    kernel, bias = (np.asarray(w, dtype=np.float64) for w in model.get_layer("conv1").weights)
    width = kernel.shape[0]
    windows = np.lib.stride_tricks.sliding_window_view(x.astype(np.float64), width, axis=1)
    conv = activation(np.einsum("nlck,kcf->nlf", windows, kernel) + bias)
    w1, b1 = (np.asarray(w, dtype=np.float64) for w in model.get_layer("dense1").weights)
    w2, b2 = (np.asarray(w, dtype=np.float64) for w in model.get_layer("output").weights)
    hidden = np.maximum(conv.max(axis=1) @ w1 + b1, 0.0)
    return 1.0 / (1.0 + np.exp(-(hidden @ w2 + b2)[:, 0]))


def deepbind_builder(fn: Callable, seed: int = 0) -> str:
    """Check `fn(seq_len, filters, kernel_size, dense_units, activation, learning_rate)`, the
    DeepBind builder, on random shapes: layer names and types, weight shapes, Adam and binary
    cross-entropy, and its predictions against a numpy forward pass of its own weights."""
    _check_callable(fn)
    rng = _check_seed(seed)
    activations = {"relu": lambda z: np.maximum(z, 0.0), "linear": lambda z: z, "tanh": np.tanh}
    for name, activation in activations.items():
        length, f, k, h = (int(v) for v in (rng.integers(20, 80), *rng.integers(2, 12, size=3)))
        rate = float(rng.choice([1e-3, 3e-3, 1e-2]))
        model = fn(
            seq_len=length,
            filters=f,
            kernel_size=k,
            dense_units=h,
            activation=name,
            learning_rate=rate,
        )
        where = f"seq_len={length}, filters={f}, kernel_size={k}, dense_units={h}, {name}"
        assert isinstance(model, keras.Model), f"{where}: expected a keras.Model"
        kinds = {
            "conv1": keras.layers.Conv1D,
            "gmp": keras.layers.GlobalMaxPooling1D,
            "dense1": keras.layers.Dense,
            "output": keras.layers.Dense,
        }
        names = [layer.name for layer in model.layers]
        for layer, kind in kinds.items():
            assert layer in names, f"{where}: no layer named {layer!r} (layers: {names})"
            assert isinstance(model.get_layer(layer), kind), f"{layer} must be a {kind.__name__}"
        shapes = [tuple(w.shape) for w in model.weights]
        assert shapes == [(k, 4, f), (f,), (f, h), (h,), (h, 1), (1,)], (
            f"{where}: weight shapes {shapes}; expected conv1 {(k, 4, f)} + bias, dense1 "
            f"{(f, h)} + bias, output {(h, 1)} + bias"
        )
        assert isinstance(model.optimizer, keras.optimizers.Adam), "compile with Adam"
        assert np.isclose(float(model.optimizer.learning_rate), rate), f"learning rate {rate}"
        assert model.loss == "binary_crossentropy", (
            f"loss must be binary_crossentropy, got {model.loss!r}"
        )
        x = _random_one_hot(rng, 16, length)
        got = np.asarray(model(x, training=False), dtype=np.float64).reshape(-1)
        expected = _forward(model, x, activation)
        assert np.allclose(got, expected, atol=1e-5), (
            f"{where}: predictions differ from Conv1D ({name}, no padding) -> max over positions "
            f"-> Dense(relu) -> Dense(sigmoid) by up to {np.abs(got - expected).max():.3g}"
        )
    return f"the builder matches a numpy forward pass for {len(activations)} random architectures"


def _positional_output(model: keras.Model) -> keras.Model:
    """The model up to its last layer before global pooling (or Flatten)."""
    last = None
    for layer in model.layers[1:]:
        if isinstance(layer, (keras.layers.GlobalMaxPooling1D, keras.layers.Flatten)):
            break
        last = layer
    return keras.Model(model.input, last.output)


def empirical_receptive_field(model: keras.Model, seed: int = 0, backgrounds: int = 4) -> int:
    """The widest span of input positions whose change moves one output position of the
    model's last positional feature map: every base of `backgrounds` random sequences is
    mutated to each other base, and the changed outputs recorded."""
    rng = _check_seed(seed)
    sub = _positional_output(model)
    length = model.input_shape[1]
    x = _random_one_hot(rng, backgrounds, length)
    base = np.asarray(sub(x), dtype=np.float64)
    mutants = np.repeat(x[:, None, None], length, axis=1).repeat(3, axis=2)
    for shift in range(3):
        rolled = np.roll(x, shift + 1, axis=-1)
        mutants[:, np.arange(length), shift, np.arange(length)] = rolled
    out = np.asarray(sub(mutants.reshape(-1, length, 4)), dtype=np.float64)
    out = out.reshape(backgrounds, length, 3, *base.shape[1:])
    moved = (np.abs(out - base[:, None, None]) > 1e-6).any(axis=(0, 2, 4))  # (input, output)
    spans = [np.flatnonzero(col) for col in moved.T if col.any()]
    return int(max(s[-1] - s[0] + 1 for s in spans))


def receptive_field(fn: Callable, seed: int = 0) -> str:
    """Check `fn(model) -> int` against `empirical_receptive_field` on models with one and two
    convolutions, max pooling (which makes later layers jump) and dilation."""
    _check_callable(fn)
    rng = _check_seed(seed)
    shapes = [
        {"kernel_size": int(rng.integers(3, 9)), "second_kernel": int(rng.integers(2, 6))},
        {"kernel_size": int(rng.integers(3, 7)), "pool_size": int(rng.integers(2, 4))},
        {"kernel_size": int(rng.integers(2, 6)), "dilation": int(rng.integers(2, 4))},
        {"kernel_size": 3, "pool_size": 2, "dilation": 2, "second_kernel": 4},
    ]
    for shape in shapes:
        model = _random_two_layer(rng, 0.5, seq_len=48, filters=8, dense_units=2, **shape)
        expected = empirical_receptive_field(model, seed=int(rng.integers(2**31)))
        got = fn(model)
        assert got == expected, f"two_layer({shape}): got {got}, measured {expected} input bases"
    return f"receptive fields agree with a perturbation experiment on {len(shapes)} models"


def spacing_probe(fn: Callable, seed: int = 0) -> str:
    """Check `fn(motif_a, motif_b, gaps, n_per_gap, seq_len, seed) -> (x, gaps_per_row)`: every
    row decodes to A then B exactly its gap apart, rows are grouped by gap in the order given,
    A's start covers every allowed position, and the seed makes the draw reproducible."""
    _check_callable(fn)
    rng = _check_seed(seed)
    bases = np.array(list("ACGT"))
    motif_a = motif_b = ""
    while motif_a == motif_b:
        motif_a, motif_b = ("".join(rng.choice(bases, size=int(rng.integers(4, 7)))) for _ in "ab")
    seq_len, n = int(rng.integers(30, 45)), 1000
    widest = seq_len - len(motif_a) - len(motif_b)
    gaps = [int(g) for g in rng.permutation(np.arange(0, min(widest, 6) + 1))[:4]]
    draw = int(rng.integers(1000))
    x, per_row = fn(motif_a, motif_b, gaps, n, seq_len=seq_len, seed=draw)
    x, per_row = np.asarray(x), np.asarray(per_row)
    assert x.shape == (len(gaps) * n, seq_len, 4), f"x has shape {x.shape}"
    assert ((x == 0) | (x == 1)).all() and (x.sum(axis=-1) == 1).all(), "x must be one-hot"
    assert per_row.tolist() == np.repeat(gaps, n).tolist(), "rows must be grouped by gap, in order"
    codes = x.argmax(axis=-1)
    a_sites, b_sites = (bayes.motif_matches(codes, m) for m in (motif_a, motif_b))
    starts = []
    for gap in gaps:
        rows = per_row == gap
        offset = len(motif_a) + gap
        pair = a_sites[rows][:, : b_sites.shape[1] - offset] & b_sites[rows][:, offset:]
        assert pair.any(axis=1).all(), f"some rows of gap {gap} lack A then B {gap} bases apart"
        first = pair.argmax(axis=1)
        starts.append(first)
        reach = widest - gap
        seen = np.unique(first[first <= reach])
        assert len(seen) == reach + 1, (
            f"gap {gap}: A should start anywhere in 0..{reach}, seen {len(seen)} distinct starts"
        )
    again = fn(motif_a, motif_b, gaps, n, seq_len=seq_len, seed=draw)
    assert np.array_equal(np.asarray(again[0]), x), "the same seed must give the same sequences"
    other = fn(motif_a, motif_b, gaps, n, seq_len=seq_len, seed=draw + 1)
    assert not np.array_equal(np.asarray(other[0]), x), "another seed must give other sequences"
    return f"{len(per_row)} probe sequences decode to A, gap, B with uniform starts"


def gaussian_noise(fn: Callable, seed: int = 0) -> str:
    """Check `fn(x, std, seed, labels=None, on="all", clip=False)`: added noise has mean 0 and
    standard deviation `std` (within 4 standard errors), reaches only the rows it should, is
    reproducible, leaves the input untouched and clips only when asked."""
    _check_callable(fn)
    rng = _check_seed(seed)
    n, length = 64, int(rng.integers(30, 60))
    x = _random_one_hot(rng, n, length)
    original = x.copy()
    labels = rng.permutation(np.repeat([0, 1], n // 2))
    std, draw = float(rng.uniform(0.2, 0.8)), int(rng.integers(1000))

    def residual_ok(noisy: np.ndarray, rows: np.ndarray, what: str) -> None:
        delta = (noisy[rows] - x[rows]).astype(np.float64).ravel()
        se_mean, se_std = std / np.sqrt(delta.size), std / np.sqrt(2 * delta.size)
        assert abs(delta.mean()) < 4 * se_mean, f"{what}: the noise has mean {delta.mean():.4f}"
        assert abs(delta.std() - std) < 4 * se_std, (
            f"{what}: the noise has sd {delta.std():.4f}, expected {std:.4f}"
        )

    noisy = np.asarray(fn(x, std, draw))
    assert noisy.shape == x.shape and noisy.dtype == np.float32, "float32, the shape of x"
    assert np.array_equal(x, original), "the input must not be modified"
    assert (noisy != x).any(axis=(1, 2)).all(), 'on="all" must perturb every sequence'
    residual_ok(noisy, np.ones(n, dtype=bool), 'on="all"')
    assert np.array_equal(np.asarray(fn(x, std, draw)), noisy), "same seed, same noise"
    assert not np.array_equal(np.asarray(fn(x, std, draw + 1)), noisy), "other seed, other noise"
    assert np.array_equal(np.asarray(fn(x, 0.0, draw)), x), "std 0 must leave x as it is"
    neg = np.asarray(fn(x, std, draw, labels=labels, on="negatives"))
    positive = labels == 1
    assert np.array_equal(neg[positive], x[positive]), 'on="negatives" must not touch positives'
    assert (neg[~positive] != x[~positive]).any(axis=(1, 2)).all(), "every negative gets noise"
    residual_ok(neg, ~positive, 'on="negatives"')
    clipped = np.asarray(fn(x, std, draw, clip=True))
    assert clipped.min() >= 0 and clipped.max() <= 1, "clip=True must clip to [0, 1]"
    assert (clipped != x).any(), "clip=True still adds noise"
    return "noise: mean, sd, rows touched, reproducibility and clipping all as specified"


def _loop_counts(
    model: keras.Model, x: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """activation_pwm's counts by a loop over filters and windows, with numpy activations."""
    kernel, bias = (np.asarray(w, dtype=np.float64) for w in model.get_layer("conv1").weights)
    width, _, filters = kernel.shape
    n, length, _ = x.shape
    act = np.zeros((n, length - width + 1, filters))
    for i in range(length - width + 1):
        act[:, i] = np.maximum(np.einsum("nkc,kcf->nf", x[:, i : i + width], kernel) + bias, 0)
    counts, windows = np.zeros((filters, width, 4)), np.zeros(filters, dtype=int)
    for f in range(filters):
        top = act[..., f].max()
        for s, i in zip(*np.nonzero(act[..., f] > threshold * top), strict=True):
            if top > 0:
                counts[f] += x[s, i : i + width]
                windows[f] += 1
    return counts, windows


def activation_pwm(fn: Callable, consensus: Callable, seed: int = 0) -> str:
    """Check `fn(model, x, threshold) -> (counts (F, K, 4), windows (F,))` against a loop over
    windows, and that a filter set to a one-hot motif gives back that motif: its counts'
    consensus (through `consensus(ppm)`, min_prob 0.5) is the motif."""
    _check_callable(fn)
    _check_callable(consensus)
    rng = _check_seed(seed)
    motif = "".join(rng.choice(list("ACGT"), size=int(rng.integers(4, 7))))
    width = len(motif) + 2
    model = _small_model(rng, 60, width)
    kernel = np.asarray(model.get_layer("conv1").kernel).copy()
    bias = np.asarray(model.get_layer("conv1").bias).copy()
    kernel[:, :, 0] = 0.0
    kernel[1:-1, :, 0] = _EYE[["ACGT".index(c) for c in motif]]
    bias[0] = 0.5 - len(motif)  # an exact match scores 0.5, one mismatch -0.5 (then ReLU: 0)
    model.get_layer("conv1").kernel.assign(kernel)
    model.get_layer("conv1").bias.assign(bias)
    x = _random_one_hot(rng, 80, 60)
    starts = rng.integers(0, 60 - len(motif) + 1, size=40)
    for row, start in enumerate(starts):
        x[row, start : start + len(motif)] = _EYE[["ACGT".index(c) for c in motif]]
    for threshold in (0.5, 0.8):
        counts, windows = fn(model, x, threshold=threshold)
        expected, expected_windows = _loop_counts(model, x, threshold)
        assert np.asarray(counts).shape == expected.shape, f"counts shape {np.shape(counts)}"
        assert np.array_equal(np.asarray(windows), expected_windows), (
            f"threshold {threshold}: windows per filter {np.asarray(windows).tolist()}, "
            f"a loop over windows finds {expected_windows.tolist()}"
        )
        assert np.allclose(counts, expected, atol=1e-4), (
            f"threshold {threshold}: counts differ from a loop over windows"
        )
    core = np.asarray(counts, dtype=float)[0, 1:-1]
    ppm = core / core.sum(axis=1, keepdims=True)
    got = consensus(ppm)
    assert got == motif, f"a filter set to {motif} gives back {got!r}"
    return f"activation counts agree with a loop; a filter set to {motif} gives back {motif}"


def consensus(fn: Callable, seed: int = 0) -> str:
    """Check `fn(ppm, min_prob) -> str` against a loop over columns, on random PPMs and on
    columns whose largest probability is exactly `min_prob`."""
    _check_callable(fn)
    rng = _check_seed(seed)
    for min_prob in (0.25, 0.4, 0.5, 0.7):
        ppm = rng.dirichlet(np.full(4, 0.6), size=int(rng.integers(5, 12)))
        ppm[0] = np.roll([min_prob, (1 - min_prob) / 3, (1 - min_prob) / 3, (1 - min_prob) / 3], 2)
        expected = "".join(
            "ACGT"[int(np.argmax(col))] if col.max() >= min_prob else "N" for col in ppm
        )
        got = fn(ppm, min_prob=min_prob)
        assert got == expected, (
            f"min_prob {min_prob}: got {got!r}, a loop over columns gives {expected!r}"
        )
    return "consensus agrees with a loop over columns"


def ism(fn: Callable, seed: int = 0) -> str:
    """Check `fn(model, x) -> (N, L, 4)` against a loop that mutates one base at a time and
    scores each mutant on its own."""
    _check_callable(fn)
    rng = _check_seed(seed)
    model = _small_model(rng, 16, 3)
    x = _random_one_hot(rng, 2, 16)
    got = np.asarray(fn(model, x), dtype=np.float64)
    assert got.shape == x.shape, f"expected shape {x.shape}, got {got.shape}"
    reference = np.asarray(model(x, training=False), dtype=np.float64).reshape(-1)
    expected = np.zeros(x.shape)
    for s in range(len(x)):
        for pos in range(x.shape[1]):
            for b in range(4):
                mutant = x[s : s + 1].copy()
                mutant[0, pos] = _EYE[b]
                score = float(np.asarray(model(mutant, training=False))[0, 0])
                expected[s, pos, b] = score - reference[s]
    assert np.allclose(got, expected, atol=1e-5), (
        f"ISM differs from a loop of single mutations by up to {np.abs(got - expected).max():.3g}"
        " (mutant score minus the original's, 0 at each sequence's own base)"
    )
    return f"ISM agrees with {x.size} single mutations scored one at a time"


def grad_times_input(fn: Callable, seed: int = 0) -> str:
    """Check `fn(model, x) -> (N, L, 4)` against central finite differences of the model's
    output in each sequence's own base, and zeros at the other bases."""
    _check_callable(fn)
    rng = _check_seed(seed)
    model = _smooth_model(rng, 16)
    x = _random_one_hot(rng, 2, 16).astype(np.float64)
    got = np.asarray(fn(model, x.astype(np.float32)), dtype=np.float64)
    assert got.shape == x.shape, f"expected shape {x.shape}, got {got.shape}"
    assert (got[x == 0] == 0).all(), "gradient x input is zero wherever the input is zero"
    eps = 1e-2
    own = np.argwhere(x == 1)
    plus, minus = np.repeat(x[None], len(own), 0), np.repeat(x[None], len(own), 0)
    rows = np.arange(len(own))
    plus[rows, own[:, 0], own[:, 1], own[:, 2]] += eps
    minus[rows, own[:, 0], own[:, 1], own[:, 2]] -= eps
    up, down = (
        np.asarray(model(z.reshape(-1, *x.shape[1:]).astype(np.float32)), dtype=np.float64).reshape(
            len(own), len(x)
        )[rows, own[:, 0]]
        for z in (plus, minus)
    )
    expected = (up - down) / (2 * eps)
    at_own = got[own[:, 0], own[:, 1], own[:, 2]]
    assert np.allclose(at_own, expected, atol=1e-4, rtol=5e-2), (
        "gradient x input differs from finite differences by up to "
        f"{np.abs(at_own - expected).max():.3g}"
    )
    return f"gradient x input agrees with finite differences at {len(own)} bases"


def own_variant(student_id: str, name: str, data: simulate.Dataset) -> str:
    """Check that `data`, the notebook's dataset `name` loaded after `task.use(student_id)`,
    is the graded student's: the same sequences and labels as `name` regenerated from the
    graded id's variant (`task.graded()`: the id autograding grades, else the one in use).
    Fails for a notebook run under another student's id, or with STUDENT_ID left empty."""
    ran = variants.variant(student_id)
    if not isinstance(data, simulate.Dataset):
        raise ValueError(f"data must be a simulate.Dataset, got {type(data).__name__}")
    if name not in datasets.DATASETS:
        raise ValueError(f"unknown dataset {name!r}; expected one of {sorted(datasets.DATASETS)}")
    graded = task.graded()
    with task.using(graded.student_id):
        expected = datasets.generate(name)
    same = data.seqs == expected.seqs and np.array_equal(data.labels, expected.labels)
    assert same, (
        f"graded as {graded.student_id!r} ({task.describe(graded)}), but these data are not "
        f"that variant's: the notebook ran STUDENT_ID = {student_id!r} ({task.describe(ran)}). "
        "Set STUDENT_ID to your id and run the notebook from the top"
    )
    return f"{name}: {len(expected)} sequences of {task.describe(graded)}"
