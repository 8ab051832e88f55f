"""Tests of hwlib.positions: motif starts from the sites, and the anchored spacing probe."""

import numpy as np
import pytest
from scipy import stats

from hwlib import positions, probes, simulate
from hwlib.sequences import encode, from_one_hot

A, B = "ACGTG", "TGCAT"


def decoded(x):
    return from_one_hot(x)


def test_motif_starts_are_the_implanted_sites():
    ds = simulate.interaction(60, 200, seed=4)
    a, b = positions.motif_starts(ds, "A"), positions.motif_starts(ds, "B")
    assert a.shape == b.shape == (260,)
    expected = {"": (True, True), "one_a": (True, False), "one_b": (False, True)}
    expected |= {"far_apart": (True, True), "none": (False, False)}
    for i, mode in enumerate(ds.negative_mode):
        assert (~np.isnan(a[i]), ~np.isnan(b[i])) == expected[mode], (i, mode)
        if not np.isnan(a[i]):
            assert ds.seqs[i][int(a[i]) : int(a[i]) + 5] == A
        if not np.isnan(b[i]):
            assert ds.seqs[i][int(b[i]) : int(b[i]) + 5] == B
    gap = b - a - 5
    assert gap[ds.labels == 1].min() >= 10 and gap[ds.labels == 1].max() <= 25
    assert gap[ds.negative_mode == "far_apart"].min() > 25


def test_motif_starts_of_a_subset_and_of_the_single_motif_task():
    ds = simulate.interaction(40, 40, seed=5)
    index = np.array([7, 3, 3, 50])
    whole = positions.motif_starts(ds, "B")
    np.testing.assert_array_equal(positions.motif_starts(ds.subset(index), "B"), whole[index])
    one = simulate.single_motif(30, 30, motif_prob=0.5, seed=1)
    starts = positions.motif_starts(one, "motif")
    assert np.isnan(starts[one.labels == 0]).all()
    held = ~np.isnan(starts)
    assert 0 < held.sum() < 30
    assert all(one.seqs[i][int(s) : int(s) + 5] == "ACGTG" for i, s in enumerate(starts) if held[i])


def test_motif_starts_refuses_an_unknown_site_name():
    with pytest.raises(ValueError, match=r"one of \('A', 'B'\)"):
        positions.motif_starts(simulate.interaction(5, 5, seed=0), "motif")


@pytest.mark.parametrize("start_a", [0, 17])
def test_anchored_at_a_puts_a_at_start_a_and_b_gap_bases_after(start_a):
    gaps = [0, 9, 30]
    x, per_row = positions.anchored_spacing_probe(
        A, B, gaps, n_per_gap=50, start_a=start_a, seq_len=80, seed=1
    )
    assert x.shape == (150, 80, 4) and x.dtype == np.float32
    assert (x.sum(axis=-1) == 1).all()
    np.testing.assert_array_equal(per_row, np.repeat(gaps, 50))
    for seq, g in zip(decoded(x), per_row, strict=True):
        assert seq[start_a : start_a + 5] == A
        assert seq[start_a + 5 + g : start_a + 10 + g] == B


def test_anchored_at_the_end_puts_b_last_and_a_gap_bases_before():
    gaps = [0, 25, 91]
    x, per_row = positions.anchored_spacing_probe(A, B, gaps, n_per_gap=40, end_b=101, seed=2)
    for seq, g in zip(decoded(x), per_row, strict=True):
        assert seq.endswith(B)
        assert seq[101 - 10 - g : 101 - 5 - g] == A
    assert decoded(x[per_row == 91])[0].startswith(A)  # the widest gap fills the sequence


def test_the_same_gap_at_two_anchors_differs_only_in_position():
    kw = {"n_per_gap": 300, "seq_len": 101, "seed": 3}
    early, _ = positions.anchored_spacing_probe(A, B, [12], start_a=0, **kw)
    late, _ = positions.anchored_spacing_probe(A, B, [12], end_b=101, **kw)
    codes_early, codes_late = encode(decoded(early)), encode(decoded(late))
    pattern = encode([A + "N" * 12 + B])[0]
    span = len(pattern)
    fixed = pattern != 4
    assert (codes_early[:, :span][:, fixed] == pattern[fixed]).all()
    assert (codes_late[:, -span:][:, fixed] == pattern[fixed]).all()


def test_backgrounds_are_fresh_uniform_bases():
    x, _ = positions.anchored_spacing_probe(A, B, [20], n_per_gap=3000, start_a=40, seed=4)
    codes = encode(decoded(x))
    background = np.ones(codes.shape[1], dtype=bool)
    background[40:45] = background[65:70] = False
    counts = np.bincount(codes[:, background].ravel(), minlength=4)
    assert stats.chisquare(counts).pvalue > 1e-3
    # Fresh backgrounds: no two rows share one.
    assert len({s for s in decoded(x)}) == len(x)


def test_anchored_probe_is_seeded_and_matches_the_free_probe_in_design():
    first = positions.anchored_spacing_probe(A, B, [3, 12], 10, start_a=5, seed=4)
    again = positions.anchored_spacing_probe(A, B, [3, 12], 10, start_a=5, seed=4)
    other = positions.anchored_spacing_probe(A, B, [3, 12], 10, start_a=5, seed=5)
    np.testing.assert_array_equal(first[0], again[0])
    assert not np.array_equal(first[0], other[0])
    free = probes.spacing_probe(A, B, [3, 12], 10, seed=4)
    np.testing.assert_array_equal(first[1], free[1])  # same rows, grouped by gap alike


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "exactly one anchor"),
        ({"start_a": 0, "end_b": 101}, "exactly one anchor"),
        ({"start_a": -1}, "start_a must be an integer >= 0"),
        ({"start_a": 2.0}, "start_a must be an integer"),
        ({"start_a": 70}, r"does not fit in seq_len=101 with A at 70: gaps must be at most 21"),
        (
            {"end_b": 30},
            r"does not fit in seq_len=101 with B ending at 30: gaps must be at most 20",
        ),
        ({"end_b": 102}, "end_b must be at most seq_len=101"),
        ({"end_b": 9}, "end_b must be an integer >= 10"),
    ],
)
def test_bad_anchors_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        positions.anchored_spacing_probe(A, B, [0, 25], 5, **kwargs)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((A, B, [], 5), "non-empty 1-D"),
        ((A, B, [1.5], 5), "integers"),
        ((A, B, [-1, 3], 5), "gaps must be >= 0"),
        ((A, "TGXAT", [3], 5), "motif_b must be a non-empty string"),
        ((A, B, [3], 0), "n_per_gap must be an integer >= 1"),
    ],
)
def test_bad_arguments_are_refused(args, message):
    with pytest.raises(ValueError, match=message):
        positions.anchored_spacing_probe(*args, start_a=0)


def test_kinds_name_positives_and_negative_kinds():
    ds = simulate.interaction(30, 70, seed=6)
    k = positions.kinds(ds)
    assert (k[ds.labels == 1] == "positive").all()
    np.testing.assert_array_equal(k[ds.labels == 0], ds.negative_mode[ds.labels == 0])
    one = simulate.single_motif(5, 7, seed=0)
    assert sorted(set(positions.kinds(one))) == ["negative", "positive"]


def test_position_cues_count_late_motifs_by_kind():
    ds = simulate.interaction(2000, 4000, seed=7)
    cues = positions.position_cues(ds, late=9)
    assert list(cues.index) == ["positive", *simulate.NEGATIVE_MODES]
    assert cues["n"].sum() == len(ds)
    a, b = positions.motif_starts(ds, "A"), positions.motif_starts(ds, "B")
    k = positions.kinds(ds)
    far = k == "far_apart"
    assert np.isclose(cues.loc["far_apart", "B in the last 9 bases"], np.mean(b[far] >= 92))
    # Positives' A starts in 0..65 only; a lone A anywhere in 0..96 (31 of 97 starts beyond).
    assert cues.loc["positive", "A after positives' last start"] == 0
    assert abs(cues.loc["one_a", "A after positives' last start"] - 31 / 97) < 0.05
    assert np.isnan(cues.loc["none"]).iloc[1:].all() and np.isnan(cues.loc["one_a"]).iloc[2]
    # The default places far_apart's B late; the matched design much less so.
    matched = simulate.interaction(2000, 4000, seed=7, matched_positions=True)
    late_matched = positions.position_cues(matched, late=9).loc["far_apart"].iloc[2]
    assert late_matched < cues.loc["far_apart", "B in the last 9 bases"] - 0.1
    assert np.isnan(a[k == "one_b"]).all()


def test_position_cues_follow_the_motifs_lengths():
    a_motif, b_motif = "ATATACCA", "GGTATCA"  # 8 and 7 bases: positives' A starts in 0..60
    ds = simulate.interaction(2000, 4000, motif_a=a_motif, motif_b=b_motif, seed=9)
    late = len(b_motif) + 4
    cues = positions.position_cues(ds, late=late)
    a, b, k = positions.motif_starts(ds, "A"), positions.motif_starts(ds, "B"), positions.kinds(ds)
    n_starts = 101 - 8 - 25 - 7
    assert a[k == "positive"].max() == n_starts - 1
    assert cues.loc["positive", "A after positives' last start"] == 0
    lone = k == "one_a"
    assert np.isclose(cues.loc["one_a", "A after positives' last start"], np.mean(a[lone] >= 61))
    far = k == "far_apart"
    assert np.isclose(cues.loc["far_apart", f"B in the last {late} bases"], np.mean(b[far] >= 90))
    # a positive's B ends at the latest on the second-to-last base
    assert b[k == "positive"].max() + len(b_motif) <= 100
    with pytest.raises(ValueError, match="late must lie in 7..101"):
        positions.position_cues(ds, late=6)


def test_start_auc_is_the_roc_auc_of_the_earlier_start():
    ds = simulate.interaction(1500, 3000, seed=8)
    k, b = positions.kinds(ds), positions.motif_starts(ds, "B")
    pos, far = b[k == "positive"], b[k == "far_apart"]
    by_hand = np.mean([(p < f) + 0.5 * (p == f) for p in pos for f in far])
    assert np.isclose(positions.start_auc(ds, "B"), by_hand)
    assert positions.start_auc(ds, "B") > 0.75  # the default's shortcut
    matched = simulate.interaction(1500, 3000, seed=8, matched_positions=True)
    assert abs(positions.start_auc(matched, "A") - 0.5) < 0.05  # A's start: no cue at all
    with pytest.raises(ValueError, match="must carry B"):
        positions.start_auc(ds, "B", "one_a")
    with pytest.raises(ValueError, match="negative_kind"):
        positions.start_auc(ds, "B", "positive")
    with pytest.raises(ValueError, match="interaction task"):
        positions.position_cues(simulate.multi_motif(5, 5, seed=0), late=9)


def test_position_scan_slides_the_pair():
    x, start = positions.position_scan(A, B, 12, [0, 40, 79], n_per_start=30, seed=9)
    assert x.shape == (90, 101, 4) and x.dtype == np.float32
    np.testing.assert_array_equal(start, np.repeat([0, 40, 79], 30))
    for seq, s in zip(decoded(x), start, strict=True):
        assert seq[s : s + 5] == A and seq[s + 17 : s + 22] == B
    assert decoded(x[start == 79])[0].endswith(B)
    with pytest.raises(ValueError, match=r"starts must lie in 0..79"):
        positions.position_scan(A, B, 12, [80], n_per_start=3)
    with pytest.raises(ValueError, match="gap must be an integer >= 0"):
        positions.position_scan(A, B, -1, [0], n_per_start=3)
    with pytest.raises(ValueError, match="non-empty 1-D"):
        positions.position_scan(A, B, 3, [], n_per_start=3)


def test_kind_auc_scores_positives_against_one_negative_kind():
    ds = simulate.interaction(200, 400, seed=10)
    k = positions.kinds(ds)
    both = np.isin(k, ["positive", "far_apart"]).astype(float)  # co-occurrence: a tie
    assert positions.kind_auc(ds, both) == 0.5
    assert positions.kind_auc(ds, both, "one_b") == 1.0
    by_kind = (k == "positive") * 2.0 + (k == "far_apart")
    assert positions.kind_auc(ds, by_kind) == 1.0
    assert positions.kind_auc(ds, -by_kind, "one_a") == 0.0
    with pytest.raises(ValueError, match="shape"):
        positions.kind_auc(ds, by_kind[:-1])
    with pytest.raises(ValueError, match="late must lie in 5..101"):
        positions.position_cues(ds, late=3)
