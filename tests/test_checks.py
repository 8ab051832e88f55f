"""The checks of students' functions, the graders' (hwlib.grader_checks: independent
computations, any seed) and the handout's (hwlib.checks: the given checks, and stored cases
replayed): the kit's own implementations pass, each plausible wrong answer fails both, the
stored cases are what the graders' checks record today, and no given function of the handout
answers a replayed check."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import keras
import numpy as np
import pytest
from scipy import stats

from hwlib import (
    bayes,
    checks,
    datasets,
    grader_checks,
    interpret,
    metrics,
    models,
    motifs,
    noise,
    probes,
    sequences,
    simulate,
    task,
)
from tools import release

# --- wrong answers, each a plausible student mistake --------------------------------------


def counts_without_biases(filters, kernel_size, dense_units, channels=4):
    return {
        "conv1": kernel_size * channels * filters,
        "gmp": 0,
        "dense1": filters * dense_units,
        "output": dense_units,
    }


def counts_without_channels(filters, kernel_size, dense_units, channels=4):
    right = models.deepbind_param_counts(filters, kernel_size, dense_units)
    return right | {"conv1": (kernel_size + 1) * filters}


def _builder(
    pooling=None,
    padding="valid",
    hidden="relu",
    output="sigmoid",
    conv_name="conv1",
    loss="binary_crossentropy",
):
    def build(
        seq_len=101,
        filters=16,
        kernel_size=5,
        dense_units=32,
        activation="relu",
        learning_rate=3e-3,
    ):
        inputs = keras.Input(shape=(seq_len, 4))
        x = keras.layers.Conv1D(
            filters, kernel_size, activation=activation, padding=padding, name=conv_name
        )(inputs)
        x = (pooling or keras.layers.GlobalMaxPooling1D)(name="gmp")(x)
        x = keras.layers.Dense(dense_units, activation=hidden, name="dense1")(x)
        model = keras.Model(inputs, keras.layers.Dense(1, activation=output, name="output")(x))
        model.compile(keras.optimizers.Adam(learning_rate), loss=loss)
        return model

    return build


def _two_layer(padding="same", stride=None, dilate=True, conv2_activation="relu", own_f2=True):
    """A two-layer builder with one of a student's plausible mistakes (the keyword changed)."""

    def build(
        seq_len=101,
        filters=24,
        kernel_size=5,
        second_filters=None,
        second_kernel=5,
        pool_size=1,
        dilation=1,
        dense_units=32,
        learning_rate=3e-3,
    ):
        f2 = second_filters if own_f2 and second_filters is not None else filters
        inputs = keras.Input(shape=(seq_len, 4))
        x = keras.layers.Conv1D(filters, kernel_size, activation="relu", name="conv1")(inputs)
        if pool_size > 1:
            x = keras.layers.MaxPooling1D(pool_size, strides=stride, padding=padding, name="pool1")(
                x
            )
        x = keras.layers.Conv1D(
            f2,
            second_kernel,
            dilation_rate=dilation if dilate else 1,
            activation=conv2_activation,
            name="conv2",
        )(x)
        return models.classifier_head(inputs, x, dense_units, learning_rate, "two_layer")

    changed = {"padding": padding != "same", "stride": stride, "dilate": not dilate}
    changed |= {"conv2_activation": conv2_activation != "relu", "own_f2": not own_f2}
    build.__name__ = "_".join(["two_layer", *(k for k, v in changed.items() if v)])
    return build


def field_sum_of_kernels(model):
    return sum(lay.kernel_size[0] for lay in model.layers if isinstance(lay, keras.layers.Conv1D))


def field_without_dilation(model):
    field, jump = 1, 1
    for layer in model.layers:
        if isinstance(layer, keras.layers.Conv1D):
            field += (layer.kernel_size[0] - 1) * jump
        elif isinstance(layer, keras.layers.MaxPooling1D):
            field += (layer.pool_size[0] - 1) * jump
            jump *= layer.strides[0]
    return field


def field_without_jump(model):
    field = 1
    for layer in model.layers:
        if isinstance(layer, keras.layers.Conv1D):
            field += layer.dilation_rate[0] * (layer.kernel_size[0] - 1)
        elif isinstance(layer, keras.layers.MaxPooling1D):
            field += layer.pool_size[0] - 1
    return field


def _generator(**mistake):
    """A single-motif generator written another way than the kit's (its own order of draws),
    with one of a student's plausible mistakes switched on (keyword: its value)."""
    m = {
        "implant_negatives": False,
        "ignore_prob": False,
        "last_start_missing": False,
        "shuffle": True,
        "fixed_seed": False,
        "start_shift": 0,
        "bases": 4,
    } | mistake

    def generate(n_pos, n_neg, seq_len=101, motif="ACGTG", motif_prob=1.0, seed=42):
        rng = np.random.default_rng(0 if m["fixed_seed"] else seed)
        n, pattern = n_pos + n_neg, np.array(["ACGT".index(c) for c in motif])
        top = seq_len - len(motif) + (0 if m["last_start_missing"] else 1)
        all_starts = rng.integers(0, top, size=n)
        carry = rng.random(n) < (1.0 if m["ignore_prob"] else motif_prob)
        carry &= np.arange(n) < (n if m["implant_negatives"] else n_pos)
        codes = rng.integers(0, m["bases"], size=(n, seq_len))
        rows = np.flatnonzero(carry)
        codes[rows[:, None], all_starts[rows, None] + np.arange(len(motif))] = pattern
        starts = np.where(carry & (np.arange(n) < n_pos), all_starts + m["start_shift"], -1)
        labels = (np.arange(n) < n_pos).astype(int)
        order = rng.permutation(n) if m["shuffle"] else np.arange(n)
        return codes[order], labels[order], starts[order]

    generate.__name__ = "_".join(["generator", *mistake])
    return generate


def _multi_generator(**mistake):
    """A two-motif generator written another way than the kit's (its own order of draws),
    with one of a student's plausible mistakes switched on (keyword: its value)."""
    m = {
        "implant_negatives": False,
        "independent_wants": False,
        "ignore_prob": False,
        "a_last": False,
        "one_start": False,
        "shuffle": True,
    } | mistake

    def generate(
        n_pos,
        n_neg,
        seq_len=101,
        motif_a="ACGTG",
        motif_b="TGCAT",
        motif_prob=1.0,
        cooccur_prob=0.5,
        seed=42,
    ):
        rng = np.random.default_rng(seed)
        n = n_pos + n_neg
        codes = rng.integers(0, 4, size=(n, seq_len))
        kind = rng.choice(
            3, size=n, p=[cooccur_prob, (1 - cooccur_prob) / 2, (1 - cooccur_prob) / 2]
        )
        want = {"A": kind != 2, "B": kind != 1}
        if m["independent_wants"]:
            want = {k: rng.random(n) < (1 + cooccur_prob) / 2 for k in "AB"}
        starts = {}
        for name, motif in (("A", motif_a), ("B", motif_b)):
            write = want[name] & (rng.random(n) < (1.0 if m["ignore_prob"] else motif_prob))
            write &= np.arange(n) < (n if m["implant_negatives"] else n_pos)
            drawn = rng.integers(0, seq_len - len(motif) + 1, size=n)
            if m["one_start"] and name == "B":
                drawn = np.minimum(starts["A"].clip(0), seq_len - len(motif))
            starts[name] = np.where(write, drawn, -1)
        order = ("B", "A") if m["a_last"] else ("A", "B")
        for name in order:
            motif = motif_a if name == "A" else motif_b
            rows = np.flatnonzero(starts[name] >= 0)
            cols = starts[name][rows, None] + np.arange(len(motif))
            codes[rows[:, None], cols] = ["ACGT".index(c) for c in motif]
        labels = (np.arange(n) < n_pos).astype(int)
        for name in "AB":
            starts[name] = np.where(labels == 1, starts[name], -1)
        perm = rng.permutation(n) if m["shuffle"] else np.arange(n)
        return codes[perm], labels[perm], starts["A"][perm], starts["B"][perm]

    generate.__name__ = "_".join(["multi_generator", *mistake])
    return generate


def _ratio(count_of, starts_of=lambda starts, k: starts, absent=True, background=True):
    """A likelihood ratio of the single-motif task written with one plausible mistake."""

    def ratio(matches, motif_len, motif_prob):
        m = np.asarray(matches, dtype=float)
        scale = 4.0**motif_len if background else 1.0
        rest = (1 - motif_prob) if absent else 0.0
        return rest + motif_prob * scale * count_of(m) / starts_of(m.shape[1], motif_len)

    return ratio


def ratio_of_presence(matches, motif_len, motif_prob):
    return _ratio(lambda m: m.max(axis=1))(matches, motif_len, motif_prob)


def ratio_without_absent_term(matches, motif_len, motif_prob):
    return _ratio(lambda m: m.sum(axis=1), absent=False)(matches, motif_len, motif_prob)


def ratio_over_every_base(matches, motif_len, motif_prob):
    every_base = _ratio(lambda m: m.sum(axis=1), starts_of=lambda starts, k: starts + k - 1)
    return every_base(matches, motif_len, motif_prob)


def ratio_without_background(matches, motif_len, motif_prob):
    return _ratio(lambda m: m.sum(axis=1), background=False)(matches, motif_len, motif_prob)


def encode_case_sensitive(seqs):
    if any(isinstance(s, str) and s != s.upper() for s in seqs):
        raise ValueError("lower case is not DNA")
    return sequences.encode(seqs)


def encode_in_another_order(seqs):
    return np.array([["ACTGN".index(c.upper()) for c in s] for s in seqs])


def encode_n_as_a(seqs):
    codes = sequences.encode(seqs)
    return np.where(codes == 4, 0, codes)


def encode_without_checks(seqs):
    return np.array([["ACGTN".find(c.upper()) % 5 for c in s] for s in seqs])


def encode_by_lookup(seqs):
    table = {c: i % 5 for i, c in enumerate("ACGTNacgtn")}
    return np.array([[table[c] for c in s] for s in seqs])


def encode_as_one_hot(seqs):
    return sequences.one_hot(seqs)


def _eye(motif):
    return np.eye(4, dtype=np.float32)[["ACGT".index(c) for c in motif]]


def probe_b_before_a(motif_a, motif_b, gaps, n_per_gap, seq_len=101, seed=0):
    return probes.spacing_probe(motif_b, motif_a, gaps, n_per_gap, seq_len, seed)


def probe_gap_off_by_one(motif_a, motif_b, gaps, n_per_gap, seq_len=101, seed=0):
    x, per_row = probes.spacing_probe(
        motif_a, motif_b, [g + 1 for g in gaps], n_per_gap, seq_len, seed
    )
    return x, per_row - 1


def _probe_with_starts(starts_of, motif_a, motif_b, gaps, n_per_gap, seq_len, seed):
    rng = np.random.default_rng(seed)
    per_row = np.repeat(gaps, n_per_gap)
    codes = rng.integers(0, 4, size=(len(per_row), seq_len))
    x = np.eye(4, dtype=np.float32)[codes]
    widest = seq_len - len(motif_a) - len(motif_b)
    for row, gap in enumerate(per_row):
        start = starts_of(rng, widest, gap)
        x[row, start : start + len(motif_a)] = _eye(motif_a)
        b = start + len(motif_a) + gap
        x[row, b : b + len(motif_b)] = _eye(motif_b)
    return x, per_row


def probe_constant_start(motif_a, motif_b, gaps, n_per_gap, seq_len=101, seed=0):
    starts = lambda rng, widest, gap: 0  # noqa: E731
    return _probe_with_starts(starts, motif_a, motif_b, gaps, n_per_gap, seq_len, seed)


def probe_room_for_widest_gap(motif_a, motif_b, gaps, n_per_gap, seq_len=101, seed=0):
    starts = lambda rng, widest, gap: int(rng.integers(0, widest - max(gaps) + 1))  # noqa: E731
    return _probe_with_starts(starts, motif_a, motif_b, gaps, n_per_gap, seq_len, seed)


def probe_ignoring_seed(motif_a, motif_b, gaps, n_per_gap, seq_len=101, seed=0):
    return probes.spacing_probe(motif_a, motif_b, gaps, n_per_gap, seq_len, 0)


def noise_on_positives(x, std, seed, labels=None, on="all", clip=False):
    flipped = None if labels is None else 1 - np.asarray(labels)
    return noise.gaussian_noise(x, std, seed, flipped, on, clip)


def noise_always_clipped(x, std, seed, labels=None, on="all", clip=False):
    return noise.gaussian_noise(x, std, seed, labels, on, clip=True)


def noise_std_as_variance(x, std, seed, labels=None, on="all", clip=False):
    return noise.gaussian_noise(x, std**2, seed, labels, on, clip)


def noise_in_place(x, std, seed, labels=None, on="all", clip=False):
    x += noise.gaussian_noise(x, std, seed, labels, on, clip) - x
    return x


def pwm_global_max(model, x, threshold=0.5, layer="conv1"):
    act = motifs.filter_activations(model, x, layer)
    width = model.get_layer(layer).kernel_size[0]
    mask = act > threshold * act.max()
    windows = np.lib.stride_tricks.sliding_window_view(x, width, axis=1).transpose(0, 1, 3, 2)
    counts = np.einsum("nlf,nlkc->fkc", mask.astype(np.float32), windows)
    return counts, mask.sum(axis=(0, 1))


def pwm_windows_shifted(model, x, threshold=0.5, layer="conv1"):
    counts, n = motifs.activation_pwm(model, np.roll(x, 1, axis=1), threshold, layer)
    return counts, n


def pwm_weighted_by_activation(model, x, threshold=0.5, layer="conv1"):
    counts, n = motifs.activation_pwm(model, x, threshold, layer)
    return counts * 0.5, n


def consensus_strict(ppm, min_prob=0.5):
    letters = np.array(list("ACGT"))[np.asarray(ppm).argmax(axis=1)]
    return "".join(np.where(np.asarray(ppm).max(axis=1) > min_prob, letters, "N"))


def consensus_without_n(ppm, min_prob=0.5):
    return "".join("ACGT"[i] for i in np.asarray(ppm).argmax(axis=1))


def consensus_wrong_alphabet(ppm, min_prob=0.5):
    return motifs.consensus(np.asarray(ppm)[:, ::-1], min_prob)


def ism_sign_flipped(model, x):
    return -interpret.ism(model, x)


def ism_mutant_scores(model, x):
    base = np.asarray(model(np.asarray(x, np.float32), training=False)).reshape(-1, 1, 1)
    return np.where(np.asarray(x) == 1, 0.0, interpret.ism(model, x) + base)


def gradient_only(model, x):
    import tensorflow as tf

    x = tf.convert_to_tensor(np.asarray(x, np.float32))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(model(x, training=False))
    return np.asarray(tape.gradient(y, x))


def gradient_times_input_halved(model, x):
    return 0.5 * interpret.grad_times_input(model, x)


def matches_one_start_short(codes, motif, mask=None):
    return bayes.motif_matches(codes, motif, mask)[:, :-1]


def matches_ignoring_mask(codes, motif, mask=None):
    return bayes.motif_matches(codes, motif)


def matches_mask_inverted(codes, motif, mask=None):
    return bayes.motif_matches(codes, motif, None if mask is None else ~np.asarray(mask))


def matches_reversed(codes, motif, mask=None):
    return bayes.motif_matches(codes, motif[::-1], None if mask is None else np.asarray(mask)[::-1])


def pieces_any(codes, motif, k):
    pieces = [motif[i : i + k] for i in range(len(motif) - k + 1)]
    return np.any([bayes.motif_matches(codes, p).any(axis=1) for p in pieces], axis=0)


def pieces_one_short(codes, motif, k):
    pieces = [motif[i : i + k] for i in range(max(len(motif) - k, 1))]
    return np.all([bayes.motif_matches(codes, p).any(axis=1) for p in pieces], axis=0)


def pieces_ends_only(codes, motif, k):
    pieces = [motif[:k], motif[-k:]]
    return np.all([bayes.motif_matches(codes, p).any(axis=1) for p in pieces], axis=0)


def posteriors_over_std(x, noise_std):
    return bayes.base_log_posteriors(np.asarray(x) * noise_std, noise_std)


def posteriors_unnormalised(x, noise_std):
    return np.asarray(x, dtype=float) / noise_std**2


def posteriors_naive_softmax(x, noise_std):
    e = np.exp(np.asarray(x, dtype=float) / noise_std**2)
    return np.log(e / e.sum(axis=-1, keepdims=True))


def soft_sum_of_posteriors(log_post, motif, mask=None):
    return bayes.soft_motif_matches(log_post, motif, mask) ** (1 / len(motif))


def soft_ignoring_mask(log_post, motif, mask=None):
    return bayes.soft_motif_matches(log_post, motif)


def soft_log_product(log_post, motif, mask=None):
    return np.log(bayes.soft_motif_matches(log_post, motif, mask))


def ap_scikit_learn(labels, scores):
    from sklearn.metrics import average_precision_score

    return average_precision_score(labels, scores)


def ap_trapezoid(labels, scores):
    from sklearn.metrics import auc, precision_recall_curve

    precision, recall, _ = precision_recall_curve(labels, scores)
    return auc(recall, precision)


def ap_positives_first_in_ties(labels, scores):
    labels, scores = np.asarray(labels), np.asarray(scores, dtype=float)
    order = np.lexsort((-labels, -scores))
    hits = np.cumsum(labels[order])
    return float(np.mean((hits / np.arange(1, len(labels) + 1))[labels[order] == 1]))


def _with_quantile(result, q, se=None):
    se = result["se"] if se is None else se
    d = result["difference"]
    return result | {"quantile": q, "se": se, "low": d - q * se, "high": d + q * se}


def difference_normal_quantile(labels, scores_a, scores_b, level=0.95):
    result = metrics.auc_difference(labels, scores_a, scores_b, level)
    return _with_quantile(result, float(stats.norm.ppf(0.5 + level / 2)))


def difference_without_seeds(labels, scores_a, scores_b, level=0.95):
    result = metrics.auc_difference(labels, scores_a, scores_b, level)
    return _with_quantile(result, result["quantile"], result["se_test"]) | {"se_seeds": 0.0}


def difference_df_of_most_seeds(labels, scores_a, scores_b, level=0.95):
    result = metrics.auc_difference(labels, scores_a, scores_b, level)
    seeds = [len(np.atleast_2d(s)) for s in (scores_a, scores_b) if np.ndim(s) == 2]
    if not seeds:
        return result
    df = float(max(seeds) - 1)
    return _with_quantile(result, float(stats.t.ppf(0.5 + level / 2, df))) | {"df": df}


def difference_unpaired(labels, scores_a, scores_b, level=0.95):
    result = metrics.auc_difference(labels, scores_a, scores_b, level)
    flat = np.zeros(len(labels))
    alone = [
        metrics.auc_difference(labels, s, flat, level)["se_test"] for s in (scores_a, scores_b)
    ]
    se_test = float(np.hypot(*alone))
    se = float(np.hypot(se_test, result["se_seeds"]))
    return _with_quantile(result, result["quantile"], se) | {"se_test": se_test}


# --- the checks ---------------------------------------------------------------------------

RIGHT_AND_WRONG = {
    "param_counts": (
        (models.deepbind_param_counts,),
        [(counts_without_biases,), (counts_without_channels,)],
    ),
    "deepbind_builder": (
        (models.deepbind,),
        [
            (_builder(pooling=keras.layers.GlobalAveragePooling1D),),
            (_builder(padding="same"),),
            (_builder(hidden=None),),
            (_builder(output=None),),
            (_builder(conv_name="conv"),),
            (_builder(loss=keras.losses.BinaryCrossentropy(from_logits=True)),),
            (_builder(loss="mse"),),
        ],
    ),
    "two_layer_builder": (
        (models.two_layer,),
        [
            (_two_layer(padding="valid"),),
            (_two_layer(stride=1),),
            (_two_layer(dilate=False),),
            (_two_layer(conv2_activation=None),),
            (_two_layer(own_f2=False),),
        ],
    ),
    "single_motif_arrays": (
        (simulate.single_motif_arrays,),
        [
            (_generator(implant_negatives=True),),
            (_generator(ignore_prob=True),),
            (_generator(last_start_missing=True),),
            (_generator(shuffle=False),),
            (_generator(fixed_seed=True),),
            (_generator(start_shift=1),),
            (_generator(bases=3),),
        ],
    ),
    "multi_motif_arrays": (
        (simulate.multi_motif_arrays,),
        [
            (_multi_generator(implant_negatives=True),),
            (_multi_generator(independent_wants=True),),
            (_multi_generator(ignore_prob=True),),
            (_multi_generator(a_last=True),),
            (_multi_generator(one_start=True),),
            (_multi_generator(shuffle=False),),
        ],
    ),
    "single_motif_ratio": (
        (bayes.single_motif_ratio,),
        [
            (ratio_of_presence,),
            (ratio_without_absent_term,),
            (ratio_over_every_base,),
            (ratio_without_background,),
        ],
    ),
    "encode": (
        (sequences.encode,),
        [
            (encode_case_sensitive,),
            (encode_in_another_order,),
            (encode_n_as_a,),
            (encode_without_checks,),
            (encode_by_lookup,),
            (encode_as_one_hot,),
        ],
    ),
    "receptive_field": (
        (models.receptive_field,),
        [(field_sum_of_kernels,), (field_without_dilation,), (field_without_jump,)],
    ),
    "spacing_probe": (
        (probes.spacing_probe,),
        [
            (probe_b_before_a,),
            (probe_gap_off_by_one,),
            (probe_constant_start,),
            (probe_room_for_widest_gap,),
            (probe_ignoring_seed,),
        ],
    ),
    "gaussian_noise": (
        (noise.gaussian_noise,),
        [
            (noise_on_positives,),
            (noise_always_clipped,),
            (noise_std_as_variance,),
            (noise_in_place,),
        ],
    ),
    "activation_pwm": (
        (motifs.activation_pwm, motifs.consensus),
        [
            (pwm_global_max, motifs.consensus),
            (pwm_windows_shifted, motifs.consensus),
            (pwm_weighted_by_activation, motifs.consensus),
        ],
    ),
    "consensus": (
        (motifs.consensus,),
        [(consensus_strict,), (consensus_without_n,), (consensus_wrong_alphabet,)],
    ),
    "motif_matches": (
        (bayes.motif_matches,),
        [
            (matches_one_start_short,),
            (matches_ignoring_mask,),
            (matches_mask_inverted,),
            (matches_reversed,),
        ],
    ),
    "all_pieces_present": (
        (bayes.all_pieces_present,),
        [(pieces_any,), (pieces_one_short,), (pieces_ends_only,)],
    ),
    "base_log_posteriors": (
        (bayes.base_log_posteriors,),
        [(posteriors_over_std,), (posteriors_unnormalised,), (posteriors_naive_softmax,)],
    ),
    "soft_motif_matches": (
        (bayes.soft_motif_matches,),
        [(soft_sum_of_posteriors,), (soft_ignoring_mask,), (soft_log_product,)],
    ),
    "average_precision": (
        (metrics.average_precision,),
        [(ap_scikit_learn,), (ap_trapezoid,), (ap_positives_first_in_ties,)],
    ),
    "auc_difference": (
        (metrics.auc_difference,),
        [
            (difference_normal_quantile,),
            (difference_without_seeds,),
            (difference_df_of_most_seeds,),
            (difference_unpaired,),
        ],
    ),
    "ism": ((interpret.ism,), [(ism_sign_flipped,), (ism_mutant_scores,)]),
    "grad_times_input": (
        (interpret.grad_times_input,),
        [(gradient_only,), (gradient_times_input_halved,), (interpret.ism,)],
    ),
}

RIGHT = [(name, right) for name, (right, _) in RIGHT_AND_WRONG.items()]
WRONG = [(name, wrong) for name, (_, wrongs) in RIGHT_AND_WRONG.items() for wrong in wrongs]


@pytest.mark.parametrize("name, functions", RIGHT, ids=[n for n, _ in RIGHT])
@pytest.mark.parametrize("seed", [0, 3])
def test_the_kits_implementation_passes_the_graders_checks(name, functions, seed):
    assert isinstance(getattr(grader_checks, name)(*functions, seed=seed), str)


@pytest.mark.parametrize("name, functions", RIGHT, ids=[n for n, _ in RIGHT])
def test_the_kits_implementation_passes_the_handouts_checks(name, functions):
    assert isinstance(getattr(checks, name)(*functions), str)


@pytest.mark.parametrize("name, functions", WRONG, ids=[f"{n}-{f[0].__name__}" for n, f in WRONG])
@pytest.mark.parametrize("module", [grader_checks, checks], ids=["grader", "handout"])
def test_a_wrong_answer_fails(module, name, functions):
    with pytest.raises(AssertionError):
        getattr(module, name)(*functions, seed=0)


@pytest.mark.parametrize("module", [grader_checks, checks], ids=["grader", "handout"])
@pytest.mark.parametrize("seed", [0, 3])
def test_a_generator_drawing_in_another_order_passes(module, seed):
    assert "as specified" in module.single_motif_arrays(_generator(), seed=seed)


@pytest.mark.parametrize("module", [grader_checks, checks], ids=["grader", "handout"])
@pytest.mark.parametrize("seed", [0, 3])
def test_a_two_motif_generator_drawing_in_another_order_passes(module, seed):
    assert "as specified" in module.multi_motif_arrays(_multi_generator(), seed=seed)


def _raising(error: Exception):
    def fn(seqs):
        raise error

    return fn


@pytest.mark.parametrize(
    "error, refused",
    [
        (ValueError("bad"), True),
        (AssertionError("sequences.encode raised ValueError: bad"), True),  # the grader's worker
        (AssertionError("sequences.encode raised KeyError: 'U'"), False),
        (AssertionError("x: sequences.encode raised ValueError: "), False),
        (KeyError("U"), False),
    ],
)
def test_a_refusal_is_a_value_error_here_or_in_the_graders_worker(error, refused):
    if refused:
        checks._refuses(_raising(error), ["U"], "U")
    else:
        with pytest.raises(AssertionError, match="U must raise ValueError"):
            checks._refuses(_raising(error), ["U"], "U")


@pytest.mark.parametrize("name", sorted(grader_checks.REPLAYED))
def test_the_handout_replays_only_its_stored_seed(name):
    with pytest.raises(ValueError, match="default arguments only"):
        getattr(checks, name)(*grader_checks.REPLAYED[name].values(), seed=3)


def _same_case(stored: object, fresh: object, stored_root, fresh_root) -> bool:
    """Two recorded values alike: equal JSON, arrays and models' weights within 1e-6."""
    if isinstance(stored, list):
        return len(stored) == len(fresh) and all(
            _same_case(s, f, stored_root, fresh_root) for s, f in zip(stored, fresh, strict=True)
        )
    if not isinstance(stored, dict) or not ({"__array__", "__model__"} & set(stored)):
        if isinstance(stored, dict):
            return stored.keys() == fresh.keys() and all(
                _same_case(stored[k], fresh[k], stored_root, fresh_root) for k in stored
            )
        return stored == fresh
    kind = next(iter(stored))
    if kind == "__array__":
        a, b = (np.load(root / v[kind]) for root, v in ((stored_root, stored), (fresh_root, fresh)))
        return a.shape == b.shape and np.allclose(a, b, atol=1e-6)
    a, b = (
        keras.saving.load_model(r / v[kind])
        for r, v in ((stored_root, stored), (fresh_root, fresh))
    )
    return all(
        np.allclose(x, y, atol=1e-6) for x, y in zip(a.get_weights(), b.get_weights(), strict=True)
    )


def test_the_stored_cases_are_what_the_graders_checks_record(tmp_path):
    """`python -m hwlib.grader_checks` wrote hwlib/check_cases from today's checks and kit."""
    assert grader_checks.record_cases(tmp_path) == sorted(
        grader_checks.REPLAYED, key=list(grader_checks.REPLAYED).index
    )
    for name in grader_checks.REPLAYED:
        stored = json.loads((checks.CASES / f"{name}.json").read_text())
        fresh = json.loads((tmp_path / f"{name}.json").read_text())
        assert _same_case(stored, fresh, checks.CASES, tmp_path), name


# Run in a folder holding a hwlib: every function of it (module-level, private ones too)
# called on every stored case's arguments; prints those that return the expected result.
SEARCH = """
import importlib, inspect, json, signal, sys
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))
from hwlib import checks

def stop(signum, frame):
    raise TimeoutError

signal.signal(signal.SIGALRM, stop)
functions = []
for path in sorted(Path("hwlib").glob("*.py")):
    module = importlib.import_module(f"hwlib.{path.stem}")
    for name, fn in inspect.getmembers(module, inspect.isfunction):
        if fn.__module__ == module.__name__:
            functions.append((f"{path.stem}.{name}", fn))
answers = set()
for case in sorted(checks.CASES.glob("*.json")):
    record = json.loads(case.read_text())
    for call in record["calls"]:
        args = [checks.load_value(a) for a in call["args"]]
        kwargs = {k: checks.load_value(v) for k, v in call["kwargs"].items()}
        for qualified, fn in functions:
            signal.alarm(5)
            try:
                checks._compare(fn(*args, **kwargs), call["expected"], record["tolerance"], "")
                answers.add(f"{qualified} answers {case.stem}")
            except BaseException:
                pass
            finally:
                signal.alarm(0)
print(json.dumps(sorted(answers)))
"""


def _answers(folder) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", SEARCH], cwd=folder, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.splitlines()[-1])


def test_no_given_function_of_the_handout_answers_a_replayed_check(tmp_path):
    """The handout's hwlib (students' functions are stubs) searched for any function that
    returns a stored case's expected result: none does. The same search on the kit's hwlib
    finds the kit's own implementations, so it can fail."""
    release.student_hwlib(release.ROOT / "hwlib", tmp_path / "hwlib")
    shutil.copytree(checks.CASES, tmp_path / "hwlib" / checks.CASES.name)
    assert _answers(tmp_path) == []
    found = _answers(release.ROOT)
    for name, functions in grader_checks.REPLAYED.items():
        fn = functions["fn"]
        assert f"{fn.__module__.split('.')[-1]}.{fn.__name__} answers {name}" in found


@pytest.fixture
def no_variant(monkeypatch):
    """The default variant, with no id in the environment and none chosen."""
    for name in (task.STUDENT_ID_ENV, task.GRADING_ID_ENV, "KIT_DATA_SEED"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(task, "_chosen", [])


def test_own_variant_passes_the_students_own_data(no_variant, monkeypatch):
    task.use("ada")
    data = datasets.load("single_motif")
    assert "student ada" in checks.own_variant("ada", "single_motif", data)
    monkeypatch.setenv(task.GRADING_ID_ENV, "ADA")
    assert "student ada" in checks.own_variant("ada", "single_motif", data)


def test_own_variant_fails_under_another_grading_id(no_variant, monkeypatch):
    task.use("ada")
    data = datasets.load("multi_motif")
    monkeypatch.setenv(task.GRADING_ID_ENV, "bob")
    with pytest.raises(AssertionError, match="graded as 'bob'.*STUDENT_ID = 'ada'"):
        checks.own_variant("ada", "multi_motif", data)


def test_own_variant_fails_when_the_id_was_left_empty(no_variant, monkeypatch):
    data = datasets.load("single_motif")
    monkeypatch.setenv(task.GRADING_ID_ENV, "ada")
    with pytest.raises(AssertionError, match="STUDENT_ID = ''"):
        checks.own_variant("", "single_motif", data)


def test_in_the_handout_an_empty_id_fails_the_data_check(no_variant, monkeypatch):
    data = datasets.load("single_motif")
    assert not task.in_handout()  # the kit: an empty id is the default variant
    assert "the default variant" in checks.own_variant("", "single_motif", data)
    monkeypatch.setattr(task, "in_handout", lambda: True)
    with pytest.raises(AssertionError, match="STUDENT_ID is empty"):
        checks.own_variant("", "single_motif", data)


def test_the_handout_is_told_by_its_missing_graders_checks_and_trains_fewer_seeds(tmp_path):
    kit = Path(checks.__file__).parent
    ignore = shutil.ignore_patterns("__pycache__", *release.KIT_ONLY)
    shutil.copytree(kit, tmp_path / "hwlib", ignore=ignore)
    probe = "from hwlib import task; print(task.__file__, task.in_handout(), *task.seeds())"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == [str(tmp_path / "hwlib" / "task.py"), "True", "0", "1", "2"]
    assert task.seeds() == [0, 1, 2, 3, 4]


def test_own_variant_fails_on_data_that_are_not_the_variants(no_variant):
    data = datasets.load("single_motif")
    flipped = simulate.Dataset(data.task, data.params, data.seqs, 1 - data.labels, data.sites)
    with pytest.raises(AssertionError, match="not that variant's"):
        checks.own_variant("", "single_motif", flipped)


@pytest.mark.parametrize(
    "name, data, message",
    [("nope", None, "unknown dataset"), ("single_motif", "ACGT", "simulate.Dataset")],
)
def test_own_variant_refuses_bad_arguments(no_variant, name, data, message):
    data = datasets.load("single_motif") if data is None else data
    with pytest.raises(ValueError, match=message):
        checks.own_variant("", name, data)


@pytest.mark.parametrize(
    "loss",
    [keras.losses.BinaryCrossentropy(), keras.losses.binary_crossentropy, "binary_crossentropy"],
    ids=["object", "function", "name"],
)
def test_the_builder_check_accepts_every_form_of_the_loss(loss):
    assert "matches" in checks.deepbind_builder(_builder(loss=loss))
