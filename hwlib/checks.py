"""Checks of the functions students implement: feedback on their own machine.

Two kinds. The given checks test what needs no answer to test: the DeepBind builder against
a numpy forward pass of its own weights (`deepbind_builder`), the spacing probe's and the
noise's invariants (`spacing_probe`, `gaussian_noise`) and the student's data
(`own_variant`). The other checks replay stored cases (`hwlib/check_cases/`, written by the
graders' own checks, which the handout does not hold): each call that a graders' check made
to the kit's own implementation, its arguments and its expected result, stored as a hash
where the result would be the answer (numbers, strings, dicts) and as values where it is an
array on those inputs. So the handout says what differs (the shape, the call, by how much)
without holding an implementation. They hold only the default seed's cases: the grade comes
from the graders' checks, with other seeds and shapes, run by trusted code.

A wrong implementation raises AssertionError saying what differs; a correct one returns a
one-line summary.

`own_variant` is the one data-dependent check: it regenerates the graded student's data from
their id (`hwlib.task.graded`) and compares them with the data the notebook ran on.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import keras
import numpy as np
from scipy import stats

from hwlib import (
    bayes,
    datasets,
    metrics,
    models,
    sequences,
    simulate,
    task,
    training,
    variants,
)

_EYE = np.eye(4, dtype=np.float32)
CASES = Path(__file__).with_name("check_cases")


def _check_seed(seed: int) -> np.random.Generator:
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    return np.random.default_rng(seed)


def _check_callable(fn: Callable) -> None:
    if not callable(fn):
        raise ValueError(f"expected the function to check, got {type(fn).__name__}")


def _random_one_hot(rng: np.random.Generator, n: int, length: int) -> np.ndarray:
    return _EYE[rng.integers(0, 4, size=(n, length))]


def _refuses(fn: Callable, arg: object, what: str) -> None:
    """Assert that `fn(arg)` raises ValueError: here, or in the trusted grader's worker, whose
    error (an AssertionError) then reads "<module.function> raised ValueError: ..."."""
    try:
        fn(arg)
    except ValueError:
        return
    except AssertionError as error:
        if re.match(r"^[\w.]+ raised ValueError: ", str(error)):
            return
        raise AssertionError(f"{what} must raise ValueError, got: {error}") from None
    except Exception as error:  # any other exception is the wrong one, said as such
        raise AssertionError(
            f"{what} must raise ValueError, not {type(error).__name__}: {error}"
        ) from None
    raise AssertionError(f"{what} must raise ValueError; it returned a value")


# Input that an encoder must refuse (with ValueError), by what is wrong with it.
BAD_SEQUENCES = {
    "a single str": "ACGT",
    "an empty list": [],
    "an empty sequence": [""],
    "a non-str item": ["ACGT", 7],
    "unequal lengths": ["ACGT", "ACG"],
    "a character outside ACGTN": ["ACGT", "ACGU"],
    "a gap": ["AC-T"],
}


def _random_dna(rng: np.random.Generator, n: int, length: int) -> list[str]:
    """`n` random strings over A, C, G, T, N in mixed case, of `length` bases."""
    letters = np.array(list("ACGTNacgtn"))
    return ["".join(row) for row in rng.choice(letters, size=(n, length))]


def _codes_of(fn: Callable, seqs: list[str]) -> np.ndarray:
    """`fn(seqs)`, an encoder's codes of valid sequences: integers, one per base."""
    try:
        codes = np.asarray(fn(seqs))
    except ValueError as error:
        raise AssertionError(f"valid sequences refused: {error}") from None
    n, length = len(seqs), len(seqs[0])
    assert codes.shape == (n, length), f"{n} sequences of {length}: got shape {codes.shape}"
    assert np.issubdtype(codes.dtype, np.integer), f"codes must be integers, got {codes.dtype}"
    return codes


def encode(fn: Callable, seed: int = 0) -> str:
    """Check `fn(seqs) -> (N, L) integer codes` (`sequences.encode`): the given decoder reads
    them back as the sequences in upper case, on random sequences of mixed case holding N, and
    input it must refuse raises ValueError."""
    _check_callable(fn)
    rng = _check_seed(seed)
    for n, length in ((1, 1), (int(rng.integers(2, 30)), int(rng.integers(2, 120)))):
        seqs = _random_dna(rng, n, length)
        codes = _codes_of(fn, seqs)
        assert codes.min() >= 0 and codes.max() <= 4, "codes must lie in 0..4"
        back = np.array([list(s) for s in sequences.decode(codes)])
        rows, cols = np.nonzero(back != np.array([list(s.upper()) for s in seqs]))
        assert not len(rows), (
            f"sequence {rows[0]}, base {cols[0]} ({seqs[rows[0]][cols[0]]!r}): its code "
            f"{codes[rows[0], cols[0]]} decodes as {str(back[rows[0], cols[0]])!r}"
        )
    for what, bad in BAD_SEQUENCES.items():
        _refuses(fn, bad, what)
    return f"codes decode back to the sequences; {len(BAD_SEQUENCES)} kinds of bad input refused"


# Statistical tests of a generator: a correct one fails each with probability about 1e-5.
Z_MAX, P_MIN = 4.5, 1e-6


def _rate(hits: int, n: int, p: float, what: str) -> None:
    """Assert that `hits` successes in `n` trials agree with probability `p` (|z| <= Z_MAX)."""
    se = np.sqrt(p * (1 - p) / n)
    z = (hits / n - p) / se if se > 0 else (0.0 if hits == n * p else np.inf)
    share = f"{hits} of {n} ({hits / n:.4f})"
    assert abs(z) <= Z_MAX, f"{what}: {share}, expected {p:.4f} (z = {z:.1f})"


def _uniform(counts: np.ndarray, what: str) -> None:
    """Assert that `counts` (one per value) are consistent with a uniform draw (chi-square)."""
    p = stats.chisquare(counts).pvalue
    assert p > P_MIN, f"{what} are not uniform: chi-square p = {p:.1e}, counts {counts.tolist()}"


def _implants(
    codes: np.ndarray, labels: np.ndarray, starts: np.ndarray, motif: str, rate: float, what: str
) -> np.ndarray:
    """Check one motif's starts (N,) (-1 where not written) in a generator's output: within
    0..seq_len-len(motif), only in positives, in positives at `rate`, uniform over every start
    and reaching both ends; and negatives holding `motif` at its exact chance rate (a substring
    search, so that no check rests on the student's bayes.motif_matches). Returns the rows
    that carry it."""
    n_pos, seq_len = int(labels.sum()), codes.shape[1]
    last, rows = seq_len - len(motif), np.flatnonzero(starts >= 0)
    assert ((starts == -1) | ((starts >= 0) & (starts <= last))).all(), f"{what}: -1 or 0..{last}"
    assert not (labels[rows] == 0).any(), f"a negative carries an implanted {what}"
    _rate(len(rows), n_pos, rate, f"positives with the {what} implanted")
    _uniform(np.bincount(starts[rows], minlength=last + 1), f"{what}'s starts")
    assert starts[rows].min() == 0 and starts[rows].max() == last, f"starts must reach 0, {last}"
    found = np.array([motif in s for s in sequences.decode(codes[labels == 0])])
    chance = variants.chance_rate(motif, seq_len)
    _rate(int(found.sum()), len(found), chance, f"negatives holding the {what}")
    return rows


def _seeded(fn: Callable, args: tuple, arrays: list[np.ndarray]) -> None:
    """Check that `fn(*args)` (the seed last) gives `arrays` again, and another seed other
    sequences (the first array)."""
    again = [np.asarray(a) for a in fn(*args)]
    same = len(again) == len(arrays) and all(map(np.array_equal, again, arrays))
    assert same, "the same seed must give the same arrays"
    other = np.asarray(fn(*args[:-1], args[-1] + 1)[0])
    assert not np.array_equal(other, arrays[0]), "another seed must give other sequences"


def single_motif_arrays(fn: Callable, seed: int = 0) -> str:
    """Check `fn(n_pos, n_neg, seq_len, motif, motif_prob, seed) -> (codes, labels, starts)`
    (`simulate.single_motif_arrays`) by the statistics of its output on a random motif and
    length: exact counts, the motif where `starts` says, positives implanted at the rate
    `motif_prob`, starts uniform over every allowed position, negatives (and positives left
    without an implant) holding the motif at its exact chance rate (`variants.chance_rate`),
    uniform bases, shuffled rows, and the same output for the same seed only."""
    _check_callable(fn)
    rng = _check_seed(seed)
    motif = "".join(rng.choice(list("ACGT"), int(rng.integers(5, 9))))
    seq_len, draw, n = int(rng.integers(40, 102)), int(rng.integers(2**31)), 3000
    codes, labels, starts = (np.asarray(a) for a in fn(n, n, seq_len, motif, 0.6, draw))
    call = f"fn({n}, {n}, {seq_len}, {motif!r}, 0.6, {draw})"
    assert codes.shape == (2 * n, seq_len), f"{call}: codes of shape {codes.shape}"
    assert labels.shape == starts.shape == (2 * n,), f"{call}: labels and starts must be (N,)"
    assert np.isin(codes, range(4)).all(), "codes must lie in 0..3 (A, C, G, T)"
    assert np.isin(labels, (0, 1)).all() and labels.sum() == n, f"{n} labels 1, {n} labels 0"
    rows = _implants(codes, labels, starts, motif, 0.6, "motif")
    written = codes[rows[:, None], starts[rows, None] + np.arange(len(motif))]
    pattern = np.array(["ACGT".index(c) for c in motif])
    assert (written == pattern).all(), "the motif is not where starts says it is"
    plain = np.flatnonzero((labels == 1) & (starts < 0))
    holds = [motif in s for s in sequences.decode(codes[plain])]
    chance = variants.chance_rate(motif, seq_len)
    _rate(sum(holds), len(plain), chance, "plain positives holding it")
    _uniform(np.bincount(codes[labels == 0].ravel(), minlength=4), "background bases")
    _rate(int(labels[:n].sum()), n, 0.5, "positives among the first half of the rows")
    _seeded(fn, (n, n, seq_len, motif, 0.6, draw), [codes, labels, starts])
    always = np.asarray(fn(50, 50, seq_len, motif, 1.0, draw)[2])
    assert (always >= 0).sum() == 50, "with motif_prob = 1 every positive carries the motif"
    return (
        f"{motif} in {2 * n:,} sequences of {seq_len}: counts, sites, implant rate, starts, "
        "chance rates, bases, order and seeds as specified"
    )


def multi_motif_arrays(fn: Callable, seed: int = 0) -> str:
    """Check `fn(n_pos, n_neg, seq_len, motif_a, motif_b, motif_prob, cooccur_prob, seed) ->
    (codes, labels, starts_a, starts_b)` (`simulate.multi_motif_arrays`) by the statistics of
    its output on random motifs and length: exact counts, B where `starts_b` says and A where
    B left it, the rates of A, B and both among positives, independent uniform starts over
    every allowed position, negatives holding each motif at its exact chance rate, uniform
    bases, shuffled rows and seeds."""
    _check_callable(fn)
    rng = _check_seed(seed)
    motif_a, motif_b = ("".join(rng.choice(list("ACGT"), int(rng.integers(5, 9)))) for _ in "ab")
    seq_len, draw, n, p, c = int(rng.integers(40, 102)), int(rng.integers(2**31)), 4000, 0.7, 0.4
    args = (n, n, seq_len, motif_a, motif_b, p, c, draw)
    codes, labels, starts_a, starts_b = (np.asarray(x) for x in fn(*args))
    assert codes.shape == (2 * n, seq_len), f"fn{args}: codes of shape {codes.shape}"
    assert labels.shape == starts_a.shape == starts_b.shape == (2 * n,), "labels, starts: (N,)"
    assert np.isin(codes, range(4)).all(), "codes must lie in 0..3 (A, C, G, T)"
    assert np.isin(labels, (0, 1)).all() and labels.sum() == n, f"{n} labels 1, {n} labels 0"
    rows_a, rows_b = (
        _implants(codes, labels, starts, motif, p * (1 + c) / 2, f"motif {name}")
        for name, motif, starts in (("A", motif_a, starts_a), ("B", motif_b, starts_b))
    )
    both = np.intersect1d(rows_a, rows_b)
    _rate(len(both), n, c * p * p, "positives with both motifs")
    pattern_a, pattern_b = (np.array(["ACGT".index(x) for x in m]) for m in (motif_a, motif_b))
    written = codes[rows_b[:, None], starts_b[rows_b, None] + np.arange(len(motif_b))]
    assert (written == pattern_b).all(), "B is not where starts_b says"
    cols_a = starts_a[rows_a, None] + np.arange(len(motif_a))
    covered = (starts_b[rows_a, None] >= 0) & (cols_a >= starts_b[rows_a, None])
    covered &= cols_a < starts_b[rows_a, None] + len(motif_b)
    assert ((codes[rows_a[:, None], cols_a] == pattern_a) | covered).all(), (
        "A is not where starts_a says (outside the bases B overwrote: B is written second)"
    )
    same = int((starts_a[both] == starts_b[both]).sum())
    shared = min(seq_len - len(motif_a), seq_len - len(motif_b)) + 1
    chance_same = shared / ((seq_len - len(motif_a) + 1) * (seq_len - len(motif_b) + 1))
    _rate(same, len(both), chance_same, "rows with both motifs at one start")
    _uniform(np.bincount(codes[labels == 0].ravel(), minlength=4), "background bases")
    _rate(int(labels[:n].sum()), n, 0.5, "positives among the first half of the rows")
    _seeded(fn, args, [codes, labels, starts_a, starts_b])
    full = [np.asarray(x) for x in fn(50, 50, seq_len, motif_a, motif_b, 1.0, 1.0, draw)]
    assert ((full[2] >= 0) & (full[3] >= 0)).sum() == 50, "with both probabilities 1, both motifs"
    return (
        f"{motif_a} and {motif_b} in {2 * n:,} sequences of {seq_len}: counts, sites, rates, "
        "starts, chance rates, bases, order and seeds as specified"
    )


def _conv(
    x: np.ndarray, layer: keras.layers.Layer, activation: Callable, dilation: int = 1
) -> np.ndarray:
    """A Conv1D without padding in numpy, from the layer's weights: (N, L, C) ->
    (N, L - dilation (K - 1), F)."""
    kernel, bias = (np.asarray(w, dtype=np.float64) for w in layer.weights)
    span = dilation * (kernel.shape[0] - 1) + 1
    windows = np.lib.stride_tricks.sliding_window_view(x, span, axis=1)[..., ::dilation]
    return activation(np.einsum("nlck,kcf->nlf", windows, kernel) + bias)


def _head(model: keras.Model, features: np.ndarray) -> np.ndarray:
    """`models.classifier_head` in numpy: max over positions, dense1 (ReLU), output (sigmoid)
    of features (N, P, F), from the model's weights: (N,) probabilities."""
    w1, b1 = (np.asarray(w, dtype=np.float64) for w in model.get_layer("dense1").weights)
    w2, b2 = (np.asarray(w, dtype=np.float64) for w in model.get_layer("output").weights)
    hidden = _relu(features.max(axis=1) @ w1 + b1)
    return 1.0 / (1.0 + np.exp(-(hidden @ w2 + b2)[:, 0]))


def _relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0)


def _forward(model: keras.Model, x: np.ndarray, activation: Callable) -> np.ndarray:
    """The DeepBind forward pass in numpy, from the model's weights: (N,) probabilities."""
    return _head(model, _conv(x.astype(np.float64), model.get_layer("conv1"), activation))


def deepbind_builder(fn: Callable, seed: int = 0) -> str:
    """Check `fn(seq_len, filters, kernel_size, dense_units, activation, learning_rate)`, the
    DeepBind builder, on random shapes: layer names and types, weight shapes, Adam and binary
    cross-entropy, and its predictions against a numpy forward pass of its own weights."""
    _check_callable(fn)
    rng = _check_seed(seed)
    activations = {"relu": _relu, "linear": lambda z: z, "tanh": np.tanh}
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
        conv, dense1, output = (model.get_layer(n) for n in ("conv1", "dense1", "output"))
        sizes = (conv.filters, conv.kernel_size[0], dense1.units, output.units)
        assert sizes == (f, k, h, 1), f"{where}: filters, width and units {sizes}"
        assert all(la.use_bias for la in (conv, dense1, output)), f"{where}: every layer's bias"
        assert len(model.weights) == 6, f"{where}: only conv1, dense1 and output have weights"
        assert isinstance(model.optimizer, keras.optimizers.Adam), "compile with Adam"
        assert np.isclose(float(model.optimizer.learning_rate), rate), f"learning rate {rate}"
        _check_binary_crossentropy(model.loss)
        x = _random_one_hot(rng, 16, length)
        got = np.asarray(model(x, training=False), dtype=np.float64).reshape(-1)
        expected = _forward(model, x, activation)
        assert np.allclose(got, expected, atol=1e-5), (
            f"{where}: predictions differ from Conv1D ({name}, no padding) -> max over positions "
            f"-> Dense(relu) -> Dense(sigmoid) by up to {np.abs(got - expected).max():.3g}"
        )
    return f"the builder matches a numpy forward pass for {len(activations)} random architectures"


def _max_pool_same(x: np.ndarray, size: int) -> np.ndarray:
    """MaxPooling1D(size, stride size, padding "same") in numpy: ceil(L / size) windows, the
    padding (never chosen) split as TensorFlow splits it, the smaller half first."""
    length = x.shape[1]
    out = -(-length // size)
    pad = out * size - length
    padded = np.pad(x, ((0, 0), (pad // 2, pad - pad // 2), (0, 0)), constant_values=-np.inf)
    return padded.reshape(len(x), out, size, -1).max(axis=2)


def two_layer_builder(fn: Callable, seed: int = 0) -> str:
    """Check `fn(seq_len, filters, kernel_size, second_filters, second_kernel, pool_size,
    dilation, dense_units, learning_rate)`, the two-layer builder, on random shapes with and
    without pooling and dilation: layer names and types, Adam and binary cross-entropy, and its
    predictions against a numpy forward pass of its own weights."""
    _check_callable(fn)
    rng = _check_seed(seed)
    for pool, dilation in ((1, 1), (2, 1), (3, 2), (1, 3), (4, 1)):
        f1, f2, k1, k2, h = (int(v) for v in rng.integers(2, 9, size=5))
        length, rate = int(rng.integers(40, 90)), float(rng.choice([1e-3, 3e-3]))
        arch = dict(seq_len=length, filters=f1, kernel_size=k1, second_filters=f2)
        arch |= dict(second_kernel=k2, pool_size=pool, dilation=dilation, dense_units=h)
        model = fn(**arch, learning_rate=rate)
        where = ", ".join(f"{k}={v}" for k, v in arch.items())
        assert isinstance(model, keras.Model), f"{where}: expected a keras.Model"
        kinds = {"conv1": keras.layers.Conv1D, "conv2": keras.layers.Conv1D}
        kinds |= {"gmp": keras.layers.GlobalMaxPooling1D, "output": keras.layers.Dense}
        kinds |= {"pool1": keras.layers.MaxPooling1D} if pool > 1 else {}
        names = [layer.name for layer in model.layers]
        for layer, kind in kinds.items():
            assert layer in names, f"{where}: no layer named {layer!r} (layers: {names})"
            assert isinstance(model.get_layer(layer), kind), f"{layer} must be a {kind.__name__}"
        kernels = [tuple(model.get_layer(la).weights[0].shape) for la in ("conv1", "conv2")]
        assert kernels == [(k1, 4, f1), (k2, f1, f2)], (
            f"{where}: conv1 and conv2 kernels of shapes {kernels}, expected {(k1, 4, f1)} and "
            f"{(k2, f1, f2)} (width, channels in, filters)"
        )
        assert isinstance(model.optimizer, keras.optimizers.Adam), "compile with Adam"
        assert np.isclose(float(model.optimizer.learning_rate), rate), f"learning rate {rate}"
        _check_binary_crossentropy(model.loss)
        x = _random_one_hot(rng, 16, length)
        z = _conv(x.astype(np.float64), model.get_layer("conv1"), _relu)
        z = _max_pool_same(z, pool) if pool > 1 else z
        expected = _head(model, _conv(z, model.get_layer("conv2"), _relu, dilation))
        got = np.asarray(model(x, training=False), dtype=np.float64).reshape(-1)
        assert np.allclose(got, expected, atol=1e-5), (
            f"{where}: predictions differ from Conv1D -> [MaxPooling1D, padding same] -> dilated "
            f"Conv1D -> max -> Dense(relu) -> Dense(sigmoid) by up to "
            f"{np.abs(got - expected).max():.3g}"
        )
    return "the two-layer builder matches a numpy forward pass for 5 random architectures"


def _check_binary_crossentropy(loss: object) -> None:
    """The compiled loss must compute binary cross-entropy on probabilities: its name, the
    function or a loss object all do, checked on values against the formula."""
    y = np.array([[1.0], [0.0], [1.0], [0.0]], dtype="float32")
    p = np.array([[0.9], [0.2], [0.3], [0.6]], dtype="float32")
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    try:
        got = float(np.mean(keras.losses.get(loss)(y, p)))
    except (TypeError, ValueError) as error:
        raise AssertionError(f"loss must be binary cross-entropy, got {loss!r} ({error})") from None
    assert np.isclose(got, expected, rtol=1e-4), (
        f"loss must be binary cross-entropy on probabilities (from_logits=False), got {loss!r}: "
        f"{got:.4f} where binary cross-entropy gives {expected:.4f}"
    )


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


# What grading loads and scores of a saved model, so that one hand-in cannot stall a class's
# grading: its file, its parameters, and the time to score the hidden test set, estimated from
# TRIAL sequences first. The kit's saved models: under 100 kB, 10,000 parameters, a second.
MAX_MODEL_BYTES, MAX_PARAMETERS, MAX_SCORING_SECONDS, TRIAL = 20 * 2**20, 2_000_000, 300.0, 200


def load_best(path: Path | str) -> keras.Model:
    """A saved best model (`models.save_best`), loaded in Keras's safe mode (no code runs);
    one over MAX_MODEL_BYTES or MAX_PARAMETERS fails the check unloaded or unscored."""
    name = Path(path).name
    if not Path(path).is_file():
        raise AssertionError(f"{name} is missing: run the notebook to its end (models.save_best)")
    size = Path(path).stat().st_size
    if size > MAX_MODEL_BYTES:
        raise AssertionError(f"{name} has {size:,} bytes; grading loads {MAX_MODEL_BYTES:,}")
    with warnings.catch_warnings():  # the optimizer's unbuilt slots: not scored
        warnings.simplefilter("ignore", UserWarning)
        try:
            model = keras.saving.load_model(path, safe_mode=True)
        except Exception as error:  # any unreadable file fails the check, saying why
            raise AssertionError(f"{name} cannot be loaded: {error}") from None
    count = model.count_params()
    if count > MAX_PARAMETERS:
        raise AssertionError(f"{name} has {count:,} parameters; grading scores {MAX_PARAMETERS:,}")
    return model


def _model_scores(model: keras.Model, dataset: simulate.Dataset) -> np.ndarray:
    """A saved model's (N,) scores of `dataset`, once its input shape and outputs are sane and
    scoring them takes at most MAX_SCORING_SECONDS (estimated from TRIAL sequences)."""
    shape = tuple(model.input_shape)
    assert shape == (None, *dataset.x.shape[1:]), f"the model takes {shape}, not one-hot DNA"
    trial = dataset.x[:TRIAL]
    training.predict(model, trial)  # builds the predict function: not timed
    start = time.perf_counter()
    training.predict(model, trial)
    estimate = (time.perf_counter() - start) * len(dataset) / len(trial)
    assert estimate <= MAX_SCORING_SECONDS, (
        f"scoring {len(dataset):,} sequences would take about {estimate:.0f} s; grading allows "
        f"{MAX_SCORING_SECONDS:.0f} s"
    )
    scores = training.predict(model, dataset.x)
    assert np.isfinite(scores).all(), "the model's scores are not all finite"
    return scores


def model_gap(model: keras.Model, dataset: simulate.Dataset, within: float) -> str:
    """Check that `model`'s ROC AUC on `dataset` is within `within` of the Bayes ceiling of
    the same sequences; a summary of the two, or AssertionError."""
    if not 0 < within < 1:
        raise ValueError(f"within must be in (0, 1), got {within!r}")
    scores = _model_scores(model, dataset)
    auc = metrics.roc_pr(dataset.labels, scores)["roc_auc"]
    ceiling = bayes.ceiling(dataset)["roc_auc"]
    summary = f"ROC AUC {auc:.4f} on {len(dataset):,} sequences, Bayes ceiling {ceiling:.4f}"
    assert ceiling - auc < within, f"{summary}: more than {within} below the ceiling"
    return f"{summary}: within {within}"


def best_model(question: str, within: float) -> str:
    """Check the model saved for `question` (`models.save_best`, in the notebook's folder) on
    this variant's test split: its ROC AUC within `within` of the Bayes ceiling. Grading
    scores it the same way on fresh sequences of the graded student's variant."""
    model = load_best(task.best_model_file(question))
    _, _, test = datasets.load_split(task.BEST_MODEL_TASKS[question])
    return model_gap(model, test, within)


def reads_grammar(model: keras.Model, dataset: simulate.Dataset, field: int) -> str:
    """Check that `model`, for the interaction task of `dataset`, can read its grammar and
    does: `field`, the input bases one position of its last positional feature map sees,
    covers motif A, the widest gap and motif B; and its ROC AUC on `dataset` is above the
    presence rule's (`bayes.presence_rule`) on the same sequences, the paired 95% interval of
    the difference (DeLong) lying above zero. A summary, or AssertionError."""
    if dataset.task != "interaction":
        raise ValueError(f"expected the interaction task's sequences, got {dataset.task!r}")
    p = dataset.params
    span = len(p["motif_a"]) + p["gap_max"] + len(p["motif_b"])
    assert field >= span, (
        f"one unit of the model sees {field} bases, fewer than the grammar's {span} (A, the "
        "widest gap, B)"
    )
    scores, rule = _model_scores(model, dataset), bayes.presence_rule(dataset)
    gain = metrics.auc_difference(dataset.labels, scores, rule)
    summary = (
        f"receptive field {field} >= {span} bases; ROC AUC {gain['difference']:+.4f} over the "
        f"presence rule (95% interval {gain['low']:+.4f} to {gain['high']:+.4f}) on "
        f"{len(dataset):,} sequences"
    )
    assert gain["low"] > 0, f"{summary}: not above the presence rule"
    return summary


def sees_grammar() -> str:
    """Check the model saved for q6 (`models.save_best`) with `reads_grammar` on this
    variant's test split, its receptive field by `models.receptive_field`. Grading checks it
    the same way on fresh sequences of the graded student's variant."""
    model = load_best(task.best_model_file("q6"))
    _, _, test = datasets.load_split("interaction")
    return reads_grammar(model, test, models.receptive_field(model))


def own_variant(student_id: str, name: str, data: simulate.Dataset) -> str:
    """Check that `data`, the notebook's dataset `name` loaded after `task.use(student_id)`,
    is the graded student's: the same sequences and labels as `name` regenerated from the
    graded id's variant (`task.graded()`: the id autograding grades, else the one in use).
    Fails for a notebook run under another student's id, or with no id (in the handout, where
    an empty id is refused outright; in the kit it means the default variant)."""
    ran = variants.variant(student_id)
    if not student_id and task.in_handout():
        raise AssertionError(
            f"STUDENT_ID is empty: write your id in {task.ID_FILE} beside the notebooks "
            "(make id ID=<your id>) and run the notebook from the top"
        )
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
        f"Write your id in {task.ID_FILE} and run the notebook from the top"
    )
    return f"{name}: {len(expected)} sequences of {task.describe(graded)}"


def canonical(value: object) -> object:
    """`value` as plain JSON data for hashing: integral numbers as int, strings, lists, dicts
    with string keys; ValueError for anything else."""
    if isinstance(value, (str, np.str_)):
        return str(value)
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
        return int(number) if number.is_integer() else number
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return canonical(value.item())
    raise ValueError(f"cannot compare a {type(value).__name__}")


def load_value(value: object, folder: Path = CASES) -> object:
    """A stored value: JSON, with arrays (``{"__array__": file}``) and models
    (``{"__model__": file}``, Keras's safe mode) read from their files in `folder`, and
    tuples (``{"__tuple__": [...]}``). The stored cases and the grading worker's arguments
    both use it."""
    if isinstance(value, list):
        return [load_value(v, folder) for v in value]
    if not isinstance(value, dict):
        return value
    if "__tuple__" in value:
        return tuple(load_value(v, folder) for v in value["__tuple__"])
    if "__array__" in value:
        return np.load(folder / value["__array__"], allow_pickle=False)
    with warnings.catch_warnings():  # the saved optimizer's unbuilt slots
        warnings.simplefilter("ignore", UserWarning)
        return keras.saving.load_model(folder / value["__model__"], safe_mode=True)


def _describe(args: list, kwargs: dict) -> str:
    """A call's arguments, short: numbers and strings as they are, arrays by shape, models
    by their layers' kernel, dilation and pool sizes."""

    def layer(la: keras.layers.Layer) -> str:
        sizes = [
            f"{key}={getattr(la, attr)[0]}"
            for key, attr in (("k", "kernel_size"), ("d", "dilation_rate"), ("p", "pool_size"))
            if isinstance(getattr(la, attr, None), tuple)
        ]
        return type(la).__name__ + (f"({', '.join(sizes)})" if sizes else "")

    def one(v: object) -> str:
        if isinstance(v, np.ndarray):
            return f"array{v.shape}"
        if isinstance(v, keras.Model):
            return "model[" + ", ".join(layer(la) for la in v.layers) + "]"
        return repr(v)

    return ", ".join([one(a) for a in args] + [f"{k}={one(v)}" for k, v in kwargs.items()])


def _compare(got: object, expected: object, tolerance: dict, where: str) -> None:
    if "__dict__" in expected:
        parts = expected["__dict__"]
        assert isinstance(got, dict) and set(got) == set(parts), (
            f"{where}: expected a dict with the keys {sorted(parts)}, got {got!r}"[:300]
        )
        for key, e in parts.items():
            _compare(got[key], e, tolerance, f"{where}, {key!r}")
    elif "__tuple__" in expected:
        parts = expected["__tuple__"]
        assert isinstance(got, (tuple, list)) and len(got) == len(parts), (
            f"{where}: expected a tuple of {len(parts)}, got {type(got).__name__}"
        )
        for i, (g, e) in enumerate(zip(got, parts, strict=True)):
            _compare(g, e, tolerance, f"{where}, item {i}")
    elif "__sha256__" in expected:
        try:
            text = json.dumps(canonical(got), sort_keys=True)
        except ValueError as error:
            raise AssertionError(f"{where}: {error}") from None
        assert hashlib.sha256(text.encode()).hexdigest() == expected["__sha256__"], (
            f"{where}: got {got!r}, which is not the expected result (stored only as a hash)"
        )
    else:
        want = load_value(expected)
        got = np.asarray(got, dtype=np.float64)
        assert got.shape == want.shape, f"{where}: expected shape {want.shape}, got {got.shape}"
        off = ~np.isclose(got, want, **tolerance)
        assert not off.any(), (
            f"{where}: {off.sum()} of {off.size} values differ from the expected ones, by up "
            f"to {np.abs(got - want).max():.3g}"
        )


def _replay(name: str, seed: int, functions: dict[str, Callable], options: dict) -> int:
    """Call `functions` as the graders' check `name` did with the default arguments; compare
    each result with the stored one; return the number of calls."""
    for fn in functions.values():
        _check_callable(fn)
    _check_seed(seed)
    if seed != 0 or options:
        raise ValueError(
            f"the handout holds the cases of {name} with its default arguments only (seed 0); "
            f"got seed={seed!r} {options or ''}"
        )
    record = json.loads((CASES / f"{name}.json").read_text())
    for i, call in enumerate(record["calls"]):
        args = [load_value(a) for a in call["args"]]
        kwargs = {k: load_value(v) for k, v in call["kwargs"].items()}
        where = f"{name} case {i + 1} of {len(record['calls'])}: {call['function']}("
        where += _describe(args, kwargs) + ")"
        got = functions[call["function"]](*args, **kwargs)
        _compare(got, call["expected"], record["tolerance"], where)
    return len(record["calls"])


def param_counts(fn: Callable, seed: int = 0, **options: int) -> str:
    """Check `fn(filters, kernel_size, dense_units) -> {layer: count}` (layers conv1, gmp,
    dense1, output) on stored random architectures."""
    n = _replay("param_counts", seed, {"fn": fn}, options)
    return f"parameter counts as expected on {n} random architectures"


def receptive_field(fn: Callable, seed: int = 0) -> str:
    """Check `fn(model) -> int` on stored models with one and two convolutions, max pooling
    and dilation."""
    n = _replay("receptive_field", seed, {"fn": fn}, {})
    return f"receptive fields as expected on {n} models"


def activation_pwm(fn: Callable, consensus: Callable, seed: int = 0) -> str:
    """Check `fn(model, x, threshold) -> (counts (F, K, 4), windows (F,))` on a stored model
    and sequences (one filter set to a one-hot motif), and that `consensus` of that filter's
    counts gives the motif back."""
    n = _replay("activation_pwm", seed, {"fn": fn, "consensus": consensus}, {})
    return f"activation counts and the implanted motif's consensus as expected in {n} calls"


def consensus(fn: Callable, seed: int = 0) -> str:
    """Check `fn(ppm, min_prob) -> str` on stored PPMs, some with a column whose largest
    probability is exactly `min_prob`."""
    n = _replay("consensus", seed, {"fn": fn}, {})
    return f"consensus as expected on {n} PPMs"


def ism(fn: Callable, seed: int = 0) -> str:
    """Check `fn(model, x) -> (N, L, 4)` (mutant's score minus the original's) on a stored
    model and sequences."""
    _replay("ism", seed, {"fn": fn}, {})
    return "ISM as expected on the stored model and sequences"


def single_motif_ratio(fn: Callable, seed: int = 0) -> str:
    """Check `fn(matches, motif_len, motif_prob) -> (N,)` on every sequence of a few bases,
    for stored motifs and motif probabilities."""
    calls = _replay("single_motif_ratio", seed, {"fn": fn}, {})
    return f"the likelihood ratio as expected in {calls} stored cases"


def grad_times_input(fn: Callable, seed: int = 0) -> str:
    """Check `fn(model, x) -> (N, L, 4)` on a stored smooth model and sequences."""
    _replay("grad_times_input", seed, {"fn": fn}, {})
    return "gradient x input as expected on the stored model and sequences"


def motif_matches(fn: Callable, seed: int = 0) -> str:
    """Check `fn(codes, motif, mask=None) -> (N, L-k+1)` on stored sequences, motifs and
    masks."""
    n = _replay("motif_matches", seed, {"fn": fn}, {})
    return f"matches as expected in {n} stored cases"


def all_pieces_present(fn: Callable, seed: int = 0) -> str:
    """Check `fn(codes, motif, k) -> (N,)` on stored sequences, motifs and piece widths."""
    n = _replay("all_pieces_present", seed, {"fn": fn}, {})
    return f"pieces found as expected in {n} stored cases"


def base_log_posteriors(fn: Callable, seed: int = 0) -> str:
    """Check `fn(x, noise_std) -> (N, L, 4)` on stored noisy inputs, small noise_std included."""
    n = _replay("base_log_posteriors", seed, {"fn": fn}, {})
    return f"log posteriors as expected in {n} stored cases"


def soft_motif_matches(fn: Callable, seed: int = 0) -> str:
    """Check `fn(log_post, motif, mask=None) -> (N, L-k+1)` on stored posteriors and masks."""
    n = _replay("soft_motif_matches", seed, {"fn": fn}, {})
    return f"soft matches as expected in {n} stored cases"


def average_precision(fn: Callable, seed: int = 0) -> str:
    """Check `fn(labels, scores) -> float` on stored labels and scores, with and without ties."""
    n = _replay("average_precision", seed, {"fn": fn}, {})
    return f"average precision as expected in {n} stored cases"


def auc_difference(fn: Callable, seed: int = 0) -> str:
    """Check `fn(labels, scores_a, scores_b, level) -> dict` on stored labels and scores: fixed
    scorers with ties, and trained models of several seeds."""
    n = _replay("auc_difference", seed, {"fn": fn}, {})
    return f"differences and intervals as expected in {n} stored cases"
