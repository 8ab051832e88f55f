"""The graders' checks: each student function against an independent computation.

Not in the release (`tools.release.KIT_ONLY`). The checks of functions whose independent
computation would be an answer (Keras's own parameter count, the empirical receptive field,
a loop over windows, a loop over columns, a loop of single mutations, finite differences)
live here; the given checks (the builder against a numpy forward pass, the probe's and the
noise's invariants, the student's data) are `hwlib.checks`'s and are re-exported. The
notebooks' hidden tests call these, with other seeds than the handout's, and
`tools.trusted_grade` runs every test cell with them.

`record_cases(folder)` writes the handout's stored cases (`hwlib/check_cases/`): each check
below run with its default arguments on the kit's own implementation, every call recorded
(arguments and result), so that `hwlib.checks` can replay them against a student's function
without holding the computation (``python -m hwlib.grader_checks hwlib/check_cases``).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import keras
import numpy as np
from scipy.special import logsumexp
from scipy.stats import norm
from scipy.stats import t as t_dist
from sklearn.metrics import average_precision_score, roc_auc_score

from hwlib import bayes, datasets, interpret, metrics, models, motifs, task
from hwlib.checks import (
    _EYE,
    BAD_SEQUENCES,
    CASES,
    _check_callable,
    _check_seed,
    _codes_of,
    _random_dna,
    _random_one_hot,
    _refuses,
    canonical,
    deepbind_builder,
    gaussian_noise,
    load_best,
    model_gap,
    multi_motif_arrays,
    own_variant,
    reads_grammar,
    single_motif_arrays,
    spacing_probe,
    two_layer_builder,
)
from hwlib.sequences import decode

__all__ = [
    "activation_pwm",
    "all_pieces_present",
    "auc_difference",
    "average_precision",
    "base_log_posteriors",
    "best_model",
    "consensus",
    "deepbind_builder",
    "empirical_receptive_field",
    "encode",
    "gaussian_noise",
    "grad_times_input",
    "ism",
    "motif_matches",
    "multi_motif_arrays",
    "own_variant",
    "param_counts",
    "receptive_field",
    "record_cases",
    "sees_grammar",
    "single_motif_arrays",
    "single_motif_ratio",
    "soft_motif_matches",
    "spacing_probe",
    "two_layer_builder",
]


# The hidden test sets of the saved best models: fresh sequences of the graded variant, from
# seeds the handout does not hold, as many as the learning curves' test sets.
HIDDEN_SEED, HIDDEN_SIZE = 90_210, 10_000


def best_model(question: str, within: float, seed: int = 0, folder: Path | str = ".") -> str:
    """The model saved for `question` in `folder` (`models.save_best`), scored on HIDDEN_SIZE
    fresh sequences of the variant in use (hidden seed `seed`): its ROC AUC must be within
    `within` of their Bayes ceiling."""
    model = load_best(Path(folder) / task.best_model_file(question))
    name = task.BEST_MODEL_TASKS[question]
    hidden = datasets.generate(name, seed=HIDDEN_SEED + seed, n=HIDDEN_SIZE)
    return model_gap(model, hidden, within)


def encode(fn: Callable, seed: int = 0) -> str:
    """Check `fn(seqs) -> (N, L) integer codes` (`sequences.encode`) against a loop over the
    characters, on random sequences of mixed case holding N (other lengths and counts than the
    handout's), and that input it must refuse raises ValueError."""
    _check_callable(fn)
    rng = _check_seed(seed)
    for n, length in ((1, 1), (int(rng.integers(2, 60)), int(rng.integers(2, 300)))):
        seqs = _random_dna(rng, n, length)
        expected = [["ACGTN".index(c.upper()) for c in s] for s in seqs]
        codes = _codes_of(fn, seqs)
        rows, cols = np.nonzero(codes != np.array(expected))
        assert not len(rows), (
            f"sequence {rows[0]}, base {cols[0]} ({seqs[rows[0]][cols[0]]!r}): got "
            f"{codes[rows[0], cols[0]]}, expected {expected[rows[0]][cols[0]]}"
        )
    for what, bad in {**BAD_SEQUENCES, "a non-ASCII letter": ["ACGT", "ACGÉ"]}.items():
        _refuses(fn, bad, what)
    return f"codes agree with a loop over characters; {len(BAD_SEQUENCES) + 1} bad inputs refused"


def _exact_ratio(motif: str, seq_len: int, motif_prob: float) -> tuple[np.ndarray, np.ndarray]:
    """Every sequence of `seq_len` bases, as codes (4**seq_len, seq_len), and its likelihood
    ratio, from the generator's process run over every background and start: P(x | negative)
    is 4**-seq_len; P(x | positive) adds, for each start, the backgrounds the motif written
    there turns into x."""
    k, starts = len(motif), seq_len - len(motif) + 1
    every = np.array(list(itertools.product(range(4), repeat=seq_len)), dtype=np.uint8)
    place = 4 ** np.arange(seq_len)[::-1]
    p_neg = np.full(len(every), 4.0**-seq_len)
    p_pos = (1 - motif_prob) * p_neg
    pattern = np.array(["ACGT".index(c) for c in motif], dtype=np.uint8)
    for s in range(starts):
        written = every.copy()
        written[:, s : s + k] = pattern
        np.add.at(p_pos, written.astype(np.int64) @ place, motif_prob / starts * 4.0**-seq_len)
    return every, p_pos / p_neg


def single_motif_ratio(fn: Callable, seed: int = 0) -> str:
    """Check `fn(matches, motif_len, motif_prob) -> (N,)` on every sequence of a few bases
    against the likelihood ratio found by enumerating the generator's outcomes, for random
    motifs that can occur twice and motif probabilities, 0 and 1 included."""
    _check_callable(fn)
    rng = _check_seed(seed)
    for k, motif_prob in ((2, float(rng.uniform(0.1, 0.9))), (3, 1.0), (2, 0.0)):
        motif = "".join(rng.choice(list("ACGT"), k))
        seq_len = int(rng.integers(2 * k, 7))  # room for two copies: the ratio counts them
        every, expected = _exact_ratio(motif, seq_len, motif_prob)
        matches = bayes.motif_matches(every, motif).astype(np.float64)
        got = np.asarray(fn(matches, k, motif_prob), dtype=np.float64)
        assert got.shape == expected.shape, f"{len(every)} sequences: got shape {got.shape}"
        wrong = np.flatnonzero(~np.isclose(got, expected, rtol=1e-9, atol=0))
        assert not len(wrong), (
            f"motif {motif}, {seq_len} bases, motif_prob {motif_prob:.3f}: sequence "
            f"{decode(every[wrong[:1]])[0]} ({int(matches[wrong[0]].sum())} copies) got "
            f"{got[wrong[0]]:.6g}, the enumeration gives {expected[wrong[0]]:.6g}"
        )
    return "the ratio agrees with an enumeration of the generator on every short sequence"


def _same_values(got: np.ndarray, expected: np.ndarray, where: str, message: str) -> None:
    """Assert that `got` has `expected`'s shape and values; `message` (with {at}, {got} and
    {want}) describes the first difference."""
    assert got.shape == expected.shape, f"{where}: expected shape {expected.shape}, got {got.shape}"
    wrong = np.argwhere(got.astype(float) != expected)
    if len(wrong):
        at = tuple(int(i) for i in wrong[0])
        at_text = at[0] if len(at) == 1 else at
        raise AssertionError(
            f"{where}: " + message.format(at=at_text, got=got[at], want=expected[at])
        )


def motif_matches(fn: Callable, seed: int = 0) -> str:
    """Check `fn(codes, motif, mask=None) -> (N, L-k+1)` against a loop over sequences,
    starts and motif positions, for random motifs (one of a single base), implanted copies,
    a copy at the last start and masks with wildcards."""
    _check_callable(fn)
    rng = _check_seed(seed)
    for k, masked in ((1, False), (3, False), (4, True), (2, True)):
        length = int(rng.integers(k + 3, 14))
        codes = rng.integers(0, 4, size=(6, length)).astype(np.int64)
        pattern = rng.integers(0, 4, size=k)
        codes[0, -k:], codes[1, :k] = pattern, pattern  # copies at the last and first starts
        motif = "".join("ACGT"[b] for b in pattern)
        mask = rng.random(k) < 0.6 if masked else None
        if mask is not None:
            mask[0] = False
        care = np.ones(k, dtype=bool) if mask is None else mask
        expected = np.array(
            [
                [
                    all(codes[n, s + j] == pattern[j] or not care[j] for j in range(k))
                    for s in range(length - k + 1)
                ]
                for n in range(len(codes))
            ]
        )
        got = np.asarray(fn(codes, motif) if mask is None else fn(codes, motif, mask=mask))
        where = f"motif {motif}, {length} bases" + ("" if mask is None else f", mask {mask}")
        _same_values(got, expected, where, "(sequence, start) {at}: got {got}, a loop gives {want}")
    return "matches agree with a loop over sequences, starts and motif positions"


def all_pieces_present(fn: Callable, seed: int = 0) -> str:
    """Check `fn(codes, motif, k) -> (N,)` against Python's substring search for every piece,
    on random sequences rich in the motif's pieces."""
    _check_callable(fn)
    rng = _check_seed(seed)
    for k_motif, k in ((5, 2), (6, 3), (4, 4), (4, 1)):
        motif = "".join(rng.choice(list("ACGT"), k_motif))
        codes = rng.integers(0, 4, size=(300, 9)).astype(np.int64)
        seqs = decode(codes)
        pieces = [motif[i : i + k] for i in range(k_motif - k + 1)]
        expected = np.array([all(p in s for p in pieces) for s in seqs])
        got = np.asarray(fn(codes, motif, k))
        where = f"motif {motif}, k = {k} (pieces {pieces})"
        _same_values(
            got, expected, where, "sequence {at}: got {got}, a substring search gives {want}"
        )
    return "agrees with a substring search for every piece"


def base_log_posteriors(fn: Callable, seed: int = 0) -> str:
    """Check `fn(x, noise_std) -> (N, L, 4)` against Bayes' rule with Gaussian densities
    (scipy.stats.norm, a uniform prior over the bases), down to small noise_std."""
    _check_callable(fn)
    rng = _check_seed(seed)
    for noise_std in (1.5, 0.6, 0.2, 0.03):
        onehot = _random_one_hot(rng, 3, 7).astype(np.float64)
        x = onehot + rng.normal(0.0, noise_std, size=onehot.shape)
        # log N(x_i; e_b, sigma^2 I) for each base b, then normalised over the four bases
        joint = norm.logpdf(x[:, :, None, :], loc=np.eye(4), scale=noise_std).sum(axis=-1)
        expected = joint - logsumexp(joint, axis=-1, keepdims=True)
        got = np.asarray(fn(x.copy(), noise_std), dtype=np.float64)
        assert got.shape == x.shape, f"noise_std {noise_std}: expected {x.shape}, got {got.shape}"
        assert np.isfinite(got).all(), f"noise_std {noise_std}: got values that are not finite"
        assert np.allclose(got, expected, rtol=1e-7, atol=1e-9), (
            f"noise_std {noise_std}: differs from Bayes' rule with Gaussian densities by up to "
            f"{np.abs(got - expected).max():.3g}"
        )
    return "agrees with Bayes' rule over Gaussian densities"


def soft_motif_matches(fn: Callable, seed: int = 0) -> str:
    """Check `fn(log_post, motif, mask=None) -> (N, L-k+1)` against a loop that multiplies
    the posteriors of the motif's bases, on random posteriors, with and without a mask."""
    _check_callable(fn)
    rng = _check_seed(seed)
    for k, masked in ((3, False), (4, True), (1, False)):
        post = rng.dirichlet(np.full(4, 0.5), size=(3, 9))
        motif = "".join(rng.choice(list("ACGT"), k))
        mask = np.arange(k) % 2 == 0 if masked else None
        care = np.ones(k, dtype=bool) if mask is None else mask
        expected = np.ones((3, 9 - k + 1))
        for n, s, j in itertools.product(range(3), range(9 - k + 1), range(k)):
            if care[j]:
                expected[n, s] *= post[n, s + j, "ACGT".index(motif[j])]
        log_post = np.log(post)
        got = fn(log_post, motif) if mask is None else fn(log_post, motif, mask=mask)
        got = np.asarray(got, dtype=np.float64)
        where = f"motif {motif}" + ("" if mask is None else f", mask {mask}")
        assert got.shape == expected.shape, f"{where}: expected {expected.shape}, got {got.shape}"
        assert np.allclose(got, expected, rtol=1e-9, atol=0), (
            f"{where}: differs from a loop over starts and bases by up to "
            f"{np.abs(got - expected).max():.3g}"
        )
    return "soft matches agree with a loop over starts and the motif's bases"


def _expected_ap(labels: np.ndarray, scores: np.ndarray) -> float:
    """Average precision in expectation over the orders within tied scores: every placement
    of each tied group's positives, each order's precision at its positives."""
    values = np.unique(scores)[::-1]
    groups = [labels[scores == v] for v in values]
    placements = [list(itertools.combinations(range(len(g)), int(g.sum()))) for g in groups]
    total, count = 0.0, 0
    for choice in itertools.product(*placements):
        order = np.concatenate(
            [np.isin(np.arange(len(g)), c).astype(int) for g, c in zip(groups, choice, strict=True)]
        )
        hits = np.flatnonzero(order)
        total += np.mean([(order[: i + 1].sum()) / (i + 1) for i in hits])
        count += 1
    return total / count


def average_precision(fn: Callable, seed: int = 0) -> str:
    """Check `fn(labels, scores) -> float` against scikit-learn's average precision without
    ties, and with ties against the mean over every order of the tied sequences."""
    _check_callable(fn)
    rng = _check_seed(seed)
    labels = rng.permutation(np.r_[np.ones(40, int), np.zeros(60, int)])
    scores = rng.normal(size=100) + labels
    got, expected = float(fn(labels, scores)), average_precision_score(labels, scores)
    assert np.isclose(got, expected, rtol=1e-9, atol=0), (
        f"100 untied scores: got {got:.6g}, scikit-learn's average precision is {expected:.6g}"
    )
    for values in ([0.0, 1.0, 2.0], [0.0, 1.0], [3.0]):
        labels = rng.permutation(np.r_[1, 0, rng.integers(0, 2, size=9)])
        scores = rng.choice(values, size=len(labels))
        got, expected = float(fn(labels, scores)), _expected_ap(labels, scores)
        assert np.isclose(got, expected, rtol=1e-9, atol=0), (
            f"labels {labels.tolist()}, scores {scores.tolist()}: got {got:.6g}, the mean "
            f"over every order within the ties is {expected:.6g}"
        )
    return "agrees with scikit-learn without ties and with every order within ties"


def _pair_components(labels: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """DeLong's components of one scorer (N,) by a loop over (positive, negative) pairs: each
    positive's share of negatives it outscores, each negative's share of positives that
    outscore it, a tie counting one half."""
    pos, neg = scores[labels == 1], scores[labels == 0]
    wins = np.array([[1.0 if p > q else 0.5 if p == q else 0.0 for q in neg] for p in pos])
    return wins.mean(axis=1), wins.mean(axis=0)


def _expected_difference(
    labels: np.ndarray, scores_a: np.ndarray, scores_b: np.ndarray, level: float
) -> dict[str, float]:
    """`metrics.auc_difference` from pair loops, scikit-learn's AUCs and scipy's quantiles."""
    rows = [np.atleast_2d(s) for s in (scores_a, scores_b)]
    parts = [[_pair_components(labels, r) for r in side] for side in rows]
    d10 = np.mean([c[0] for c in parts[0]], axis=0) - np.mean([c[0] for c in parts[1]], axis=0)
    d01 = np.mean([c[1] for c in parts[0]], axis=0) - np.mean([c[1] for c in parts[1]], axis=0)
    var_test = np.var(d10, ddof=1) / len(d10) + np.var(d01, ddof=1) / len(d01)
    aucs = [np.array([roc_auc_score(labels, r) for r in side]) for side in rows]
    trained = [a for a in aucs if len(a) > 1]
    var_seeds = sum(np.var(a, ddof=1) / len(a) for a in trained)
    df = min(len(a) for a in trained) - 1.0 if trained else np.inf
    q = t_dist.ppf(0.5 + level / 2, df) if trained else norm.ppf(0.5 + level / 2)
    diff, se = aucs[0].mean() - aucs[1].mean(), np.sqrt(var_test + var_seeds)
    return {
        "difference": diff,
        "low": diff - q * se,
        "high": diff + q * se,
        "se": se,
        "se_test": np.sqrt(var_test),
        "se_seeds": np.sqrt(var_seeds),
        "df": df,
        "quantile": q,
    }


def auc_difference(fn: Callable, seed: int = 0) -> str:
    """Check `fn(labels, scores_a, scores_b, level) -> dict` against DeLong's variance from
    loops over (positive, negative) pairs, the seeds' variance and the t quantile, for fixed
    scorers with ties, trained models of several seeds against a fixed scorer, and two trained
    models with different numbers of seeds."""
    _check_callable(fn)
    rng = _check_seed(seed)
    labels = rng.permutation(np.r_[np.ones(14, int), np.zeros(19, int)])

    def scorer(seeds: int) -> np.ndarray:
        noisy = labels + rng.normal(0.0, 1.2, size=(seeds, len(labels)))
        return np.round(noisy, 1)[0] if seeds == 1 else noisy  # a fixed scorer with ties

    cases = [(scorer(1), scorer(1), 0.95), (scorer(5), scorer(1), 0.95)]
    cases += [(scorer(3), scorer(6), 0.9), (scorer(1), scorer(4), 0.99)]
    for a, b, level in cases:
        where = f"scores_a {a.shape}, scores_b {b.shape}, level {level}"
        got = fn(labels, a, b, level)
        expected = _expected_difference(labels, a, b, level)
        assert isinstance(got, dict) and set(got) == set(expected), (
            f"{where}: expected a dict with the keys {sorted(expected)}"
        )
        for key, want in expected.items():
            assert np.isclose(float(got[key]), want, rtol=1e-9, atol=1e-12), (
                f"{where}: {key} is {float(got[key]):.6g}, expected {want:.6g} (DeLong's "
                "variance from pair loops, the seeds' variance, the t quantile)"
            )
    return "agrees with DeLong's variance from pair loops, the seeds' spread and the t quantile"


def sees_grammar(seed: int = 0, folder: Path | str = ".") -> str:
    """The model saved for q6 in `folder`, checked by `checks.reads_grammar` on HIDDEN_SIZE
    fresh interaction sequences of the variant in use (hidden seed `seed`), its receptive
    field by the kit's `models.receptive_field` (the trusted process's, not the student's)."""
    model = load_best(Path(folder) / task.best_model_file("q6"))
    hidden = datasets.generate("interaction", seed=HIDDEN_SEED + seed, n=HIDDEN_SIZE)
    return reads_grammar(model, hidden, models.receptive_field(model))


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


# The kit's implementations whose checks the handout replays: check name -> the functions
# passed to it, by name (as the stored cases call them).
REPLAYED = {
    "param_counts": {"fn": models.deepbind_param_counts},
    "receptive_field": {"fn": models.receptive_field},
    "activation_pwm": {"fn": motifs.activation_pwm, "consensus": motifs.consensus},
    "consensus": {"fn": motifs.consensus},
    "ism": {"fn": interpret.ism},
    "grad_times_input": {"fn": interpret.grad_times_input},
    "single_motif_ratio": {"fn": bayes.single_motif_ratio},
    "motif_matches": {"fn": bayes.motif_matches},
    "all_pieces_present": {"fn": bayes.all_pieces_present},
    "base_log_posteriors": {"fn": bayes.base_log_posteriors},
    "soft_motif_matches": {"fn": bayes.soft_motif_matches},
    "average_precision": {"fn": metrics.average_precision},
    "auc_difference": {"fn": metrics.auc_difference},
}
# Results that are numbers, strings or dicts are stored as a hash (they would be the answer);
# arrays on the stored inputs are stored as they are, with the check's tolerance.
TOLERANCE = {
    "activation_pwm": {"atol": 1e-4, "rtol": 0.0},
    "ism": {"atol": 1e-5, "rtol": 0.0},
    "grad_times_input": {"atol": 1e-4, "rtol": 5e-2},
    "single_motif_ratio": {"atol": 0.0, "rtol": 1e-9},
    "base_log_posteriors": {"atol": 1e-9, "rtol": 1e-7},
    "soft_motif_matches": {"atol": 0.0, "rtol": 1e-9},
    "average_precision": {"atol": 0.0, "rtol": 1e-9},
    "auc_difference": {"atol": 1e-12, "rtol": 1e-9},
}


class _Writer:
    """Values as the stored cases hold them: JSON, with arrays and models in files."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.count, self.calls = folder, 0, []

    def recorder(self, key: str, fn: Callable) -> Callable:
        """`fn`, with each call's arguments and result appended to `calls`."""

        def call(*args: object, **kwargs: object) -> object:
            result = fn(*args, **kwargs)
            arguments = [self.argument(a) for a in args]
            named = {k: self.argument(v) for k, v in kwargs.items()}
            expected = self.expected(result)
            self.calls.append(
                {"function": key, "args": arguments, "kwargs": named} | {"expected": expected}
            )
            return result

        return call

    def _file(self, suffix: str) -> str:
        self.count += 1
        return f"{self.folder.name}/{self.count:03d}{suffix}"

    def argument(self, value: object) -> object:
        if isinstance(value, keras.Model):
            name = self._file(".keras")
            value.save(self.folder.parent / name)
            return {"__model__": name}
        if isinstance(value, np.ndarray):
            name = self._file(".npy")
            np.save(self.folder.parent / name, value, allow_pickle=False)
            return {"__array__": name}
        if isinstance(value, (list, tuple)):
            return [self.argument(v) for v in value]
        return np.asarray(value).item() if isinstance(value, np.generic) else value

    def expected(self, value: object) -> object:
        if isinstance(value, tuple):
            return {"__tuple__": [self.expected(v) for v in value]}
        if isinstance(value, np.ndarray) and value.ndim > 0:
            return self.argument(value)
        if isinstance(value, (float, np.floating)):  # a number with the check's tolerance
            return self.argument(np.asarray(value, dtype=np.float64))
        if isinstance(value, dict) and all(isinstance(v, float) for v in value.values()):
            return {"__dict__": {str(k): self.expected(v) for k, v in value.items()}}
        text = json.dumps(canonical(value), sort_keys=True)
        return {"__sha256__": hashlib.sha256(text.encode()).hexdigest()}


def record_cases(folder: Path) -> list[str]:
    """Write every replayed check's cases into `folder` (replacing it); return the checks."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, functions in REPLAYED.items():
        writer = _Writer(folder / name)
        writer.folder.mkdir()
        globals()[name](*(writer.recorder(key, fn) for key, fn in functions.items()))
        record = {"check": name, "tolerance": TOLERANCE.get(name, {}), "calls": writer.calls}
        (folder / f"{name}.json").write_text(json.dumps(record, indent=1) + "\n")
    return list(REPLAYED)


def main() -> None:
    parser = argparse.ArgumentParser(description="write the handout's stored check cases")
    parser.add_argument("folder", type=Path, nargs="?", default=CASES)
    print(", ".join(record_cases(parser.parse_args().folder)))


if __name__ == "__main__":
    main()
