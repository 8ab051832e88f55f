"""Filter PWMs, PPM arithmetic, consensus and Tomtom matching on hand-built cases."""

from __future__ import annotations

import itertools

import keras
import numpy as np
import pytest

from hwlib import motifs
from hwlib.sequences import one_hot


def kmer_model(kmer: str, seq_len: int = 30) -> keras.Model:
    """conv1 with two filters: filter 0 fires (activation 1) exactly on `kmer`, filter 1 never."""
    k = len(kmer)
    inputs = keras.Input(shape=(seq_len, 4))
    conv = keras.layers.Conv1D(2, k, activation="relu", name="conv1")
    x = conv(inputs)
    outputs = keras.layers.Dense(1)(keras.layers.GlobalMaxPooling1D()(x))
    kernel = np.zeros((k, 4, 2), dtype=np.float32)
    kernel[..., 0] = one_hot([kmer])[0]
    conv.set_weights([kernel, np.array([1.0 - k, -1.0], dtype=np.float32)])
    return keras.Model(inputs, outputs)


def random_seqs(n: int, length: int, seed: int = 0) -> list[str]:
    codes = np.random.default_rng(seed).integers(0, 4, size=(n, length))
    return ["".join("ACGT"[c] for c in row) for row in codes]


def test_counts_of_identical_windows_have_that_kmer_as_consensus():
    counts = one_hot(["GATTACA"] * 12)[0] * 12
    ppm = motifs.to_ppm(counts)
    assert motifs.consensus(ppm) == "GATTACA"
    assert motifs.recovers(ppm, "GATTACA")


def test_activation_pwm_recovers_the_kmer_a_filter_encodes():
    seqs = random_seqs(40, 30)
    seqs = [s[:7] + "ACGTG" + s[12:] if i % 2 else s for i, s in enumerate(seqs)]
    model = kmer_model("ACGTG")
    counts, n_windows = motifs.activation_pwm(model, one_hot(seqs))
    expected = sum(s[i : i + 5] == "ACGTG" for s in seqs for i in range(26))
    assert counts.shape == (2, 5, 4) and n_windows.tolist() == [expected, 0]
    np.testing.assert_array_equal(counts[0], expected * one_hot(["ACGTG"])[0])
    np.testing.assert_array_equal(counts[1], 0)
    assert motifs.consensus(motifs.to_ppm(counts[0])) == "ACGTG"
    assert motifs.consensus(motifs.to_ppm(counts[1])) == "NNNNN"


def test_filter_activations_shape():
    x = one_hot(random_seqs(3, 30))
    assert motifs.filter_activations(kmer_model("ACG"), x).shape == (3, 28, 2)


def test_to_ppm_rows_sum_to_one_and_mix_with_uniform():
    counts = np.array([[3.0, 1, 0, 0], [0, 0, 0, 0], [5, 5, 5, 5]])
    ppm = motifs.to_ppm(counts, pseudocount=0.2)
    np.testing.assert_allclose(ppm.sum(axis=1), 1.0)
    np.testing.assert_allclose(ppm[0], (np.array([0.75, 0.25, 0, 0]) + 0.05) / 1.2)
    np.testing.assert_allclose(ppm[1:], 0.25)
    # Independent of the number of sites: scaling the counts changes nothing.
    np.testing.assert_allclose(motifs.to_ppm(counts * 100, 0.2), ppm)


def test_motif_ppm_is_the_one_hot_motif_through_to_ppm():
    ppm = motifs.motif_ppm("ACGTG", pseudocount=0.0)
    np.testing.assert_array_equal(ppm, one_hot(["ACGTG"])[0])
    assert motifs.consensus(motifs.motif_ppm("ACGTG", pseudocount=1.0)) == "ACGTG"


def test_information_content_of_one_hot_and_uniform_columns():
    ic = motifs.information_content(np.array([[1.0, 0, 0, 0], [0.25] * 4, [0.5, 0.5, 0, 0]]))
    np.testing.assert_allclose(ic, [2.0, 0.0, 1.0])


def test_trim_drops_uniform_flanks_only():
    core = motifs.motif_ppm("AC", pseudocount=0.0)
    uniform = np.full((2, 4), 0.25)
    ppm = np.vstack([uniform, core[:1], uniform[:1], core[1:], uniform])
    trimmed = motifs.trim(ppm)
    assert len(trimmed) == 3
    assert motifs.consensus(trimmed) == "ANC"
    np.testing.assert_array_equal(motifs.trim(uniform), uniform)


@pytest.mark.parametrize(
    ("ppm", "expected"),
    [
        (np.array([[0.5, 0.5, 0, 0], [0.4, 0.3, 0.2, 0.1]]), "AN"),
        (np.array([[0.1, 0.1, 0.1, 0.7]]), "T"),
    ],
)
def test_consensus_marks_weak_columns_n(ppm, expected):
    assert motifs.consensus(ppm) == expected


def test_trimmed_consensus_strips_flanking_ns_but_not_inner_ones():
    uniform, weak = np.full((1, 4), 0.25), np.array([[0.45, 0.45, 0.05, 0.05]])  # 0.53 bits
    core = motifs.motif_ppm("AC", pseudocount=0.0)
    ppm = np.vstack([uniform, weak, core[:1], weak, core[1:], weak, uniform])
    assert motifs.consensus(motifs.trim(ppm)) == "NANCN"
    assert motifs.trimmed_consensus(ppm) == "ANC"
    assert motifs.trimmed_consensus(ppm, min_prob=0.4) == "AAACA"
    assert motifs.trimmed_consensus(ppm, min_ic=1.0) == "ANC"


def test_recovers_is_strict_about_shifts_and_extra_bases():
    flank = np.full((3, 4), 0.25)
    assert motifs.recovers(np.vstack([flank, motifs.motif_ppm("ACGTG"), flank]), "ACGTG")
    assert not motifs.recovers(motifs.motif_ppm("NACGT".replace("N", "A")), "ACGTG")
    assert not motifs.recovers(np.vstack([flank, motifs.motif_ppm("ACGT")]), "ACGTG")
    assert not motifs.recovers(motifs.motif_ppm("ACGTGA"), "ACGTG")
    assert not motifs.recovers(motifs.motif_ppm("AAGTG"), "ACGTG")


def test_jaspar_motifs_are_normalised_and_annotated():
    table = motifs.jaspar_motifs()
    assert len(table) > 800 and table["matrix_id"].is_unique
    assert {"matrix_id", "name", "tf_family", "tf_class", "ppm"} <= set(table.columns)
    assert all(np.allclose(p.sum(axis=1), 1) for p in table["ppm"])


def test_tomtom_ranks_a_motif_first_against_itself_among_jaspar():
    jaspar = motifs.jaspar_motifs()
    query = motifs.motif_ppm("ACGTG")
    targets = [query, *jaspar["ppm"]]
    ids = ["true", *jaspar["matrix_id"]]
    hits = motifs.tomtom([query, jaspar["ppm"][3]], targets, ids)
    assert len(hits) == 2 * len(targets)
    best = hits.sort_values(["query", "rank"]).groupby("query").first()
    assert best["target"].tolist() == ["true", ids[4]]
    assert (best["rank"] == 1).all()
    np.testing.assert_allclose(hits["e_value"], hits["p_value"] * len(targets))


@pytest.mark.parametrize(
    ("window", "offset"),
    [
        ("NACGTGN", 1),
        ("NACGT", 1),
        ("CGTGN", -1),
        ("NNNNACG", 4),
        ("GTGATTA", None),
        ("NNAN", None),
    ],
)
def test_motif_offset_places_the_motif_in_the_window(window, offset):
    assert motifs.motif_offset(window, "ACGTG") == offset


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: motifs.filter_activations(kmer_model("AC"), np.zeros((2, 30))), "shape"),
        (lambda: motifs.filter_activations(kmer_model("AC"), np.zeros((2, 30, 4)), "x"), "layer"),
        (lambda: motifs.activation_pwm(kmer_model("AC"), np.zeros((1, 30, 4)), 1.5), "threshold"),
        (lambda: motifs.to_ppm(np.ones((3, 5))), r"shape \(K, 4\)"),
        (lambda: motifs.to_ppm(-np.ones((3, 4))), "non-negative"),
        (lambda: motifs.to_ppm(np.ones((3, 4)), pseudocount=-0.1), "pseudocount"),
        (lambda: motifs.motif_ppm("ACGU"), "motif must be"),
        (lambda: motifs.information_content(np.ones((2, 4))), "sum to 1"),
        (lambda: motifs.trim(np.full((2, 4), 0.25), min_ic=3), "min_ic"),
        (lambda: motifs.consensus(np.full((2, 4), 0.25), min_prob=0), "min_prob"),
        (lambda: motifs.recovers(np.full((2, 4), 0.25), ""), "motif must be"),
        (lambda: motifs.filter_table(kmer_model("AC"), np.zeros((1, 30, 4)), "AX"), "motif"),
        (lambda: motifs.jaspar_motifs(tax_group="martians"), "no JASPAR motifs"),
        (lambda: motifs.motif_offset("NAXN", "ACGTG"), "window must be"),
        (lambda: motifs.motif_offset("NACN", "ACGTG", min_length=0), "min_length"),
        (lambda: motifs.tomtom([], [np.full((2, 4), 0.25)], ["t"]), "at least one"),
        (lambda: motifs.tomtom([np.full((2, 4), 0.25)], [np.full((2, 4), 0.25)], []), "ids"),
    ],
)
def test_bad_arguments_raise(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_filter_table_flags_the_recovering_filter():
    seqs = [s[:7] + "ACGTG" + s[12:] for s in random_seqs(20, 30)]
    table = motifs.filter_table(kmer_model("ACGTG"), one_hot(seqs), "ACGTG")
    assert table["recovers"].tolist() == [True, False]
    assert table["consensus"].tolist() == ["ACGTG", "NNNNN"]
    assert table["window"].tolist() == ["ACGTG", "NNNNN"]
    expected = sum(s[i : i + 5] == "ACGTG" for s in seqs for i in range(26))
    assert table["n_windows"].tolist() == [expected, 0]


def test_filter_report_puts_the_recovering_filter_first_with_its_tomtom_verdict():
    seqs = [s[:7] + "ACGTG" + s[12:] for s in random_seqs(20, 30)]
    jaspar = motifs.jaspar_motifs()
    targets, ids = [motifs.motif_ppm("ACGTG"), *jaspar["ppm"]], ["true", *jaspar["matrix_id"]]
    report = motifs.filter_report(kmer_model("ACGTG"), one_hot(seqs), "ACGTG", targets, ids, "true")
    best = report.iloc[0]
    assert best["filter"] == 0 and best["recovers"] and best["rank"] == 1
    assert best["e_value"] == pytest.approx(best["p_value"] * len(targets))
    with pytest.raises(ValueError, match="not among target_ids"):
        motifs.filter_report(kmer_model("ACGTG"), one_hot(seqs), "ACGTG", targets, ids, "nope")


# ----------------------------------------------------------- best k-mers, top windows, sensitivity


def random_conv_model(width: int, filters: int, seed: int, seq_len: int = 30) -> keras.Model:
    rng = np.random.default_rng(seed)
    inputs = keras.Input(shape=(seq_len, 4))
    conv = keras.layers.Conv1D(filters, width, activation="relu", name="conv1")
    outputs = keras.layers.Dense(1)(keras.layers.GlobalMaxPooling1D()(conv(inputs)))
    conv.set_weights(
        [rng.normal(size=(width, 4, filters)).astype(np.float32), rng.normal(size=filters)]
    )
    return keras.Model(inputs, outputs)


@pytest.mark.parametrize(("width", "n"), [(1, 4), (3, 10), (5, 7), (6, 1)])
def test_best_kmers_are_the_top_of_every_kmer_scored_by_brute_force(width, n):
    model = random_conv_model(width, filters=3, seed=width)
    kernel, bias = model.get_layer("conv1").get_weights()
    every = ["".join(k) for k in itertools.product("ACGT", repeat=width)]
    scores = np.einsum("nkc,kcf->nf", one_hot(every), kernel) + bias  # (4^K, F)
    table = motifs.best_kmers(model, n=n)
    assert list(table.columns) == ["filter", "rank", "kmer", "score"] and len(table) == 3 * n
    for f in range(3):
        mine = table[table["filter"] == f]
        assert mine["rank"].tolist() == list(range(1, n + 1))
        expected = np.sort(scores[:, f])[::-1][:n]
        np.testing.assert_allclose(mine["score"], expected, rtol=1e-5, atol=1e-5)
        by_kmer = dict(zip(every, scores[:, f], strict=True))
        np.testing.assert_allclose([by_kmer[k] for k in mine["kmer"]], mine["score"], atol=1e-5)


def test_best_kmers_caps_n_at_every_kmer():
    assert len(motifs.best_kmers(random_conv_model(2, 1, seed=0), n=100)) == 16


@pytest.mark.parametrize("width", [1, 3, 5])
def test_kmer_rank_counts_the_kmers_scored_higher_by_brute_force(width):
    model = random_conv_model(width, filters=3, seed=10 + width)
    kernel, _ = model.get_layer("conv1").get_weights()
    every = ["".join(k) for k in itertools.product("ACGT", repeat=width)]
    scores = np.einsum("nkc,kcf->nf", one_hot(every), kernel.astype(float))  # (4^K, F)
    for kmer in every[:: max(1, len(every) // 7)]:
        own = scores[every.index(kmer)]
        np.testing.assert_array_equal(motifs.kmer_rank(model, kmer), 1 + (scores > own).sum(axis=0))


def test_kmer_rank_puts_a_filters_own_kmer_first_and_refuses_other_lengths():
    assert motifs.kmer_rank(kmer_model("ACGTG"), "ACGTG")[0] == 1
    with pytest.raises(ValueError, match="width 5"):
        motifs.kmer_rank(kmer_model("ACGTG"), "ACGT")
    with pytest.raises(ValueError, match="at most"):
        motifs.kmer_rank(kmer_model("ACGTGACGTGA"), "ACGTGACGTGA")


@pytest.mark.parametrize(
    ("motif", "position", "expected"),
    [("ACGTG", 1, "AAGTG"), ("ACGTG", 0, "TCGTG"), ("GGTATCA", 6, "GGTATCT")],
)
def test_one_mismatch_changes_one_base_to_the_one_before_it(motif, position, expected):
    assert motifs.one_mismatch(motif, position) == expected


@pytest.mark.parametrize(("position"), [-1, 5, 1.0, True])
def test_one_mismatch_refuses_a_position_outside_the_motif(position):
    with pytest.raises(ValueError, match="position must be an integer in 0..4"):
        motifs.one_mismatch("ACGTG", position)


def test_top_activation_pwm_counts_the_most_activating_windows_by_a_loop():
    model = random_conv_model(4, filters=2, seed=3)
    x = one_hot(random_seqs(12, 30, seed=5))
    act = motifs.filter_activations(model, x)
    for f in range(2):
        ranked = sorted(
            ((act[i, j, f], i, j) for i in range(len(x)) for j in range(act.shape[1])),
            reverse=True,
        )
        # The smallest count from 10 on that does not cut through tied windows.
        n_top = next(n for n in range(10, len(ranked)) if ranked[n - 1][0] > ranked[n][0])
        expected = sum(x[i, j : j + 4] for _, i, j in ranked[:n_top])
        counts = motifs.top_activation_pwm(model, x, n_top=n_top)
        assert counts.shape == (2, 4, 4)
        np.testing.assert_array_equal(counts[f], expected)


def test_recovery_sensitivity_counts_each_rule_per_setting():
    seqs = random_seqs(40, 30, seed=2)
    seqs = [s[:7] + "TACGTGA" + s[14:] for s in seqs]  # the motif, always with the same flanks
    model = kmer_model("TACGTGA")
    table = motifs.recovery_sensitivity(
        model, one_hot(seqs), "ACGTG", thresholds=(0.5,), tops=(20,), min_ics=(0.5,)
    )
    assert list(table.columns) == ["windows", "min_prob", "min_ic", "n_recovering", "n_containing"]
    assert len(table) == 2 * 3
    # Filter 0 holds the motif with two preferred flanks: contained, never exactly the motif.
    assert (table["n_recovering"] == 0).all() and (table["n_containing"] == 1).all()
    exact = motifs.recovery_sensitivity(model, one_hot(seqs), "TACGTGA", tops=(), min_ics=(0.5,))
    assert (exact["n_recovering"] == 1).all() and len(exact) == 3 * 3


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: motifs.best_kmers(kmer_model("AC"), n=0), "n must be"),
        (lambda: motifs.best_kmers(kmer_model("AC"), layer="dense"), "layer"),
        (lambda: motifs.top_activation_pwm(kmer_model("AC"), np.zeros((1, 30, 4)), 0), "n_top"),
        (lambda: motifs.top_activation_pwm(kmer_model("AC"), np.zeros((1, 30, 4)), 30), "exceeds"),
        (
            lambda: motifs.recovery_sensitivity(
                kmer_model("AC"), np.zeros((1, 30, 4)), "AC", thresholds=(), tops=()
            ),
            "at least one",
        ),
        (
            lambda: motifs.recovery_sensitivity(
                kmer_model("AC"), np.zeros((1, 30, 4)), "AC", min_probs=()
            ),
            "at least one",
        ),
    ],
)
def test_sensitivity_and_kmer_arguments_are_checked(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_aligned_similarity_scores_the_motif_where_it_is_placed():
    ppm = motifs.motif_ppm("TTACGTG", pseudocount=0.0)  # the motif at column 2
    assert motifs.aligned_similarity(ppm, "ACGTG", offset=2) == 1.0
    assert motifs.aligned_similarity(ppm, "ACGTG", offset=None) == 1.0
    # One column to the side it reads TACGT against ACGTG: no column agrees.
    assert motifs.aligned_similarity(ppm, "ACGTG", offset=1) == 0.0
    assert motifs.aligned_similarity(ppm, "ACGTG", offset=0) == 0.2  # TTACG: only the last G
    uniform = np.full((5, 4), 0.25)
    assert motifs.aligned_similarity(uniform, "ACGTG") == 0.25


def test_aligned_similarity_of_a_motif_longer_than_the_ppm_counts_missing_bases_as_chance():
    ppm = motifs.motif_ppm("CGT", pseudocount=0.0)  # the middle of ACGTG
    # Placed with its start one column before the PPM, ACGTG's C, G, T hit the PPM's three
    # columns and its A and last G fall outside: (0.25 + 1 + 1 + 1 + 0.25) / 5.
    assert motifs.aligned_similarity(ppm, "ACGTG", offset=-1) == pytest.approx(0.7)
    assert motifs.aligned_similarity(ppm, "ACGTG", offset=None) == pytest.approx(0.7)
    # At offset 0 the PPM's CGT reads ACG: no column agrees, and GT fall outside.
    assert motifs.aligned_similarity(ppm, "ACGTG", offset=0) == pytest.approx(0.1)
    uniform = np.full((3, 4), 0.25)
    assert motifs.aligned_similarity(uniform, "ACGTGAAA", offset=None) == 0.25


@pytest.mark.parametrize(
    ("offset", "motif", "message"),
    [
        (3, "ACGTG", r"offset must be None or an integer in 0\.\.2"),
        (-1, "ACGTG", "offset must be"),
        (1, "ACGTGAAAT", r"in -2\.\.0"),
        (-3, "ACGTGAAAT", "offset must be"),
        (0.0, "ACGTG", "offset must be"),
    ],
)
def test_aligned_similarity_arguments_are_checked(offset, motif, message):
    with pytest.raises(ValueError, match=message):
        motifs.aligned_similarity(np.full((7, 4), 0.25), motif, offset)


@pytest.mark.parametrize(("n", "expected"), [(5600, 112), (6400, 128), (2000, 50), (1, 50)])
def test_reference_window_count_is_a_share_of_the_sequences_not_of_the_windows(n, expected):
    assert motifs.reference_window_count(n) == expected
    assert motifs.reference_window_count(n, top_frac=1.0, minimum=1) == n


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((0,), "n_sequences"),
        ((10.0,), "n_sequences"),
        ((10, 0.0), "top_frac"),
        ((10, 0.1, 0), "minimum"),
    ],
)
def test_reference_window_count_arguments_are_checked(args, message):
    with pytest.raises(ValueError, match=message):
        motifs.reference_window_count(*args)


def test_top_windows_are_the_highest_activations_by_a_loop():
    act = np.random.default_rng(1).normal(size=(6, 9, 3))  # no ties
    seq, start = motifs.top_windows(act, 7)
    assert seq.shape == start.shape == (7, 3)
    for f in range(3):
        ranked = sorted(((act[i, j, f], i, j) for i in range(6) for j in range(9)), reverse=True)
        assert set(zip(seq[:, f], start[:, f], strict=True)) == {(i, j) for _, i, j in ranked[:7]}


def test_window_counts_add_up_the_windows_by_a_loop():
    x = one_hot(random_seqs(5, 12, seed=3))
    seq, start = np.array([[0, 4], [2, 4], [0, 1]]), np.array([[0, 8], [3, 2], [8, 0]])
    counts = motifs.window_counts(x, seq, start, 4)
    assert counts.shape == (2, 4, 4)
    for f in range(2):
        expected = sum(x[seq[i, f], start[i, f] : start[i, f] + 4] for i in range(3))
        np.testing.assert_array_equal(counts[f], expected)


@pytest.mark.parametrize(
    ("seq", "start", "width", "message"),
    [
        ([[0]], [[9]], 4, "inside x"),
        ([[5]], [[0]], 4, "inside x"),
        ([[0, 1]], [[0]], 4, "one shape"),
        ([[0]], [[0]], 0, "width"),
    ],
)
def test_window_counts_arguments_are_checked(seq, start, width, message):
    with pytest.raises(ValueError, match=message):
        motifs.window_counts(one_hot(random_seqs(5, 12)), np.array(seq), np.array(start), width)


def test_best_similarity_takes_the_filter_that_holds_the_motif_at_the_offset():
    counts = np.stack([one_hot(["TTACGTG"])[0] * 3, np.ones((7, 4))])  # the motif at column 2
    assert motifs.best_similarity(counts, "ACGTG", offset=2) == 1.0
    assert motifs.best_similarity(counts, "ACGTG", offset=None) == 1.0
    assert motifs.best_similarity(counts, "ACGTG", offset=0) == 0.25  # the uniform filter wins
    assert motifs.best_similarity(counts, "ACGTG", 2, pseudocount=0.1) == pytest.approx(1.025 / 1.1)
    with pytest.raises(ValueError, match="counts must have shape"):
        motifs.best_similarity(counts[0], "ACGTG")


def test_misaligned_windows_lose_the_motif_that_aligned_ones_hold():
    seqs = random_seqs(400, 30, seed=4)
    seqs = [s[:10] + "ACGTG" + s[15:] if i < 20 else s for i, s in enumerate(seqs)]
    x = one_hot(seqs)
    seq, start = np.arange(20)[:, None], np.full((20, 1), 10)  # the 20 motif sites, one filter
    assert motifs.best_similarity(motifs.window_counts(x, seq, start, 5), "ACGTG") == 1.0
    draws = motifs.misaligned_similarities(x, seq, start, 5, "ACGTG", n_draws=50, seed=0)
    assert draws.shape == (50,)
    # 20 windows of random sequences: each base matches with probability 1/4 (sd 0.044).
    assert abs(draws.mean() - 0.25) < 0.03 and draws.max() < 0.5
    again = motifs.misaligned_similarities(x, seq, start, 5, "ACGTG", n_draws=50, seed=0)
    np.testing.assert_array_equal(draws, again)
    # With one sequence, every permutation is the identity: misaligned is aligned.
    alone = motifs.misaligned_similarities(x[:1], seq[:1] * 0, start[:1], 5, "ACGTG", 3, seed=1)
    np.testing.assert_array_equal(alone, 1.0)
    with pytest.raises(ValueError, match="n_draws"):
        motifs.misaligned_similarities(x, seq, start, 5, "ACGTG", n_draws=0, seed=0)


def test_reference_similarities_of_a_filter_that_holds_the_motif():
    seqs = random_seqs(300, 30, seed=6)
    seqs = [s[:10] + "ACGTG" + s[15:] if i % 3 == 0 else s for i, s in enumerate(seqs)]
    model = kmer_model("TACGTGA")  # the motif with its flanks: fires only where TACGTGA occurs
    x = one_hot([s[:9] + "TACGTGA" + s[16:] if i % 3 == 0 else s for i, s in enumerate(seqs)])
    table, draws = motifs.reference_similarities(model, x, {"A": "ACGTG"}, 50, 20, seed=0)
    assert draws.shape == (1, 20) and list(table["motif"]) == ["A"]
    row = table.iloc[0]
    assert row["aligned, best placement"] == 1.0  # the motif sits at column 1 of TACGTGA
    assert row["aligned, offset 0"] < 0.5  # at column 0 it reads TACGT against ACGTG
    assert row["misaligned, offset 0"] == np.median(draws[0]) and draws.max() < 0.5
    with pytest.raises(ValueError, match="at least one motif"):
        motifs.reference_similarities(model, x, {}, 50, 20, seed=0)
