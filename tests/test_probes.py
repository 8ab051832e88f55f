"""Tests of hwlib.probes: motifs at the stated gap, uniform backgrounds, seeds, errors."""

import numpy as np
import pytest
from scipy import stats

from hwlib import probes
from hwlib.bayes import motif_matches
from hwlib.sequences import encode, from_one_hot

A, B = "ACGTG", "TGCAT"


def codes_of(x):
    return encode(from_one_hot(x))


def test_spacing_probe_puts_b_exactly_gap_bases_after_a():
    gaps = [0, 7, 25, 91]
    x, per_row = probes.spacing_probe(A, B, gaps, n_per_gap=200, seq_len=101, seed=1)
    assert x.shape == (800, 101, 4) and x.dtype == np.float32
    assert (x.sum(axis=-1) == 1).all()
    np.testing.assert_array_equal(per_row, np.repeat(gaps, 200))
    codes = codes_of(x)
    ma, mb = motif_matches(codes, A), motif_matches(codes, B)
    rows = np.arange(len(x))
    # A's first occurrence is the implanted one unless the background made an earlier copy;
    # B is written after A, so check the implant directly: some A start s has B at s + 5 + gap.
    offsets = 5 + per_row
    has_pair = np.array(
        [(ma[i, : mb.shape[1] - offsets[i]] & mb[i, offsets[i] :]).any() for i in rows]
    )
    assert has_pair.all()


def test_spacing_probe_start_of_a_is_uniform_over_what_fits():
    x, _ = probes.spacing_probe(A, B, [20], n_per_gap=6000, seq_len=60, seed=2)
    ma = motif_matches(codes_of(x), A)
    # The implanted A is the one followed by B at offset 25; its start ranges over 0..30.
    mb = motif_matches(codes_of(x), B)
    pair = ma[:, : mb.shape[1] - 25] & mb[:, 25:]
    starts = pair.argmax(axis=1)
    assert starts.min() == 0 and starts.max() == 60 - 5 - 20 - 5
    counts = np.bincount(starts, minlength=31)
    assert stats.chisquare(counts).pvalue > 1e-3


def test_backgrounds_are_uniform_and_independent_of_the_motifs():
    x, per_row = probes.spacing_probe(A, B, [30], n_per_gap=3000, seq_len=101, seed=3)
    codes = codes_of(x)
    mb = motif_matches(codes, B)
    ma = motif_matches(codes, A)
    pair = ma[:, :-35] & mb[:, 35:]
    start = pair.argmax(axis=1)
    implanted = np.zeros(codes.shape, dtype=bool)
    for offset in list(range(5)) + list(range(35, 40)):
        implanted[np.arange(len(codes)), start + offset] = True
    counts = np.bincount(codes[~implanted], minlength=4)
    assert stats.chisquare(counts).pvalue > 1e-3


def test_probes_are_seeded():
    first = probes.spacing_probe(A, B, [3, 12], 10, seed=4)[0]
    np.testing.assert_array_equal(first, probes.spacing_probe(A, B, [3, 12], 10, seed=4)[0])
    assert not np.array_equal(first, probes.spacing_probe(A, B, [3, 12], 10, seed=5)[0])
    lone = probes.presence_probe(A, B, 10, seed=4)[0]
    np.testing.assert_array_equal(lone, probes.presence_probe(A, B, 10, seed=4)[0])


def test_presence_probe_holds_one_motif_or_none():
    x, content = probes.presence_probe(A, B, 500, seq_len=40, seed=6)
    assert x.shape == (1500, 40, 4)
    np.testing.assert_array_equal(content, np.repeat(["A", "B", "neither"], 500))
    codes = codes_of(x)
    has_a = motif_matches(codes, A).any(axis=1)
    has_b = motif_matches(codes, B).any(axis=1)
    assert has_a[content == "A"].all() and has_b[content == "B"].all()
    # Elsewhere a motif appears only by chance: about 36 windows * 4^-5 = 3.5% of sequences.
    assert has_a[content != "A"].mean() < 0.07 and has_b[content != "B"].mean() < 0.07


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"gaps": [92]}, r"gaps must lie in 0\.\.91"),
        ({"gaps": [-1, 3]}, r"gaps must lie in 0\.\.91"),
        ({"gaps": []}, "gaps must be a non-empty 1-D sequence of integers"),
        ({"gaps": [2.5]}, "gaps must be a non-empty 1-D sequence of integers"),
        ({"n_per_gap": 0}, "n_per_gap must be an integer >= 1"),
        ({"motif_a": "ACGN"}, "motif_a must be a non-empty string over A, C, G, T"),
        ({"motif_b": ""}, "motif_b must be a non-empty string over A, C, G, T"),
        ({"seed": -3}, "seed must be an integer >= 0"),
    ],
)
def test_spacing_probe_rejects_bad_arguments(kwargs, message):
    args = {"motif_a": A, "motif_b": B, "gaps": [10], "n_per_gap": 5, "seq_len": 101, **kwargs}
    with pytest.raises(ValueError, match=message):
        probes.spacing_probe(**args)


def test_presence_probe_rejects_bad_arguments():
    with pytest.raises(ValueError, match="seq_len must be an integer >= 5"):
        probes.presence_probe(A, B, 5, seq_len=4)
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        probes.presence_probe(A, B, 0)


def test_piece_probe_holds_the_motif_only_where_asked():
    x, kind = probes.piece_probe(A, n=300, seq_len=60, seed=4)
    assert x.shape == (1500, 60, 4) and x.dtype == np.float32
    np.testing.assert_array_equal(kind, np.repeat(probes.PIECE_CONTENTS, 300))
    codes = codes_of(x)
    has = {m: motif_matches(codes, m).any(axis=1) for m in (A, "ACGTA", "GCGTG")}
    assert has[A][kind == "motif"].all()
    for content, piece in (("first piece", "ACGTA"), ("last piece", "GCGTG")):
        assert has[piece][(kind == content) | (kind == "pieces apart")].all()
    first = motif_matches(codes, "ACGTA")[kind == "pieces apart"]
    last = motif_matches(codes, "GCGTG")[kind == "pieces apart"]
    assert first[:, :26].any(axis=1).all() and last[:, 30:].any(axis=1).all()
    # Elsewhere the motif occurs only by chance, at the rate of random DNA (56 starts of 4^-5).
    chance = has[A][kind != "motif"].mean()
    assert chance < 56 / 4**5 + 4 * np.sqrt(56 / 4**5 / 1200)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"motif": "A", "n": 2}, "at least 2 bases"),
        ({"motif": "ACGX", "n": 2}, "motif must be"),
        ({"motif": A, "n": 0}, "n must be"),
        ({"motif": A, "n": 2, "seq_len": 9}, "seq_len must be"),
    ],
)
def test_piece_probe_arguments_are_checked(kwargs, message):
    with pytest.raises(ValueError, match=message):
        probes.piece_probe(**kwargs)
