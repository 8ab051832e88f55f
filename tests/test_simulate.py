"""Statistical and structural tests of the three synthetic-task generators, subset and split.

Every generator is seeded, so each test is deterministic; the sample sizes and tolerances are
chosen so that the tests would also pass for almost every other seed (p-value threshold 1e-3,
or 4-5 standard errors).
"""

from __future__ import annotations

import collections
import hashlib

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from hwlib import simulate
from hwlib.bayes import motif_matches
from hwlib.sequences import encode, one_hot

P_MIN = 1e-3


# ----------------------------------------------------------------------------- helpers


def site_texts(ds: simulate.Dataset, sites: pd.DataFrame | None = None) -> list[str]:
    sites = ds.sites if sites is None else sites
    return [
        ds.seqs[s][b:e] for s, b, e in zip(sites["seq"], sites["start"], sites["end"], strict=True)
    ]


def assert_uniform(values, lo: int, hi: int) -> None:
    """`values` look uniform on the integers lo..hi (inclusive) and reach both ends."""
    values = np.asarray(values)
    assert values.min() == lo
    assert values.max() == hi
    counts = np.bincount(values - lo, minlength=hi - lo + 1)
    assert len(counts) == hi - lo + 1
    assert stats.chisquare(counts).pvalue > P_MIN


def assert_proportions(counts, probs) -> None:
    counts, probs = np.asarray(counts), np.asarray(probs, dtype=float)
    assert stats.chisquare(counts, probs * counts.sum()).pvalue > P_MIN


def assert_binomial(successes: int, n: int, p: float, n_sd: float = 4.0) -> None:
    sd = np.sqrt(p * (1 - p) / n)
    assert abs(successes / n - p) < n_sd * sd


def names_per_seq(ds: simulate.Dataset) -> list[tuple[str, ...]]:
    """For each sequence, the names of its sites in start order."""
    names = ds.sites.sort_values(["seq", "start"], kind="stable").groupby("seq")["name"].agg(tuple)
    return [names.get(i, ()) for i in range(len(ds))]


def count_matches(seqs: list[str], motif: str) -> np.ndarray:
    return motif_matches(encode(seqs), motif).sum(axis=1)


def runs(labels: np.ndarray) -> int:
    return int(1 + np.count_nonzero(np.diff(labels)))


# ----------------------------------------------------------------------------- single_motif


def test_single_motif_structure():
    ds = simulate.single_motif(300, 200, seq_len=60, motif="ACGTG", seed=1)
    assert ds.task == "single_motif"
    assert len(ds) == 500 and len(ds.seqs) == 500
    assert all(len(s) == 60 and set(s) <= set("ACGT") for s in ds.seqs)
    assert ds.labels.shape == (500,) and set(np.unique(ds.labels)) == {0, 1}
    assert ds.labels.sum() == 300
    assert list(ds.sites.columns) == simulate.SITE_COLUMNS
    assert ds.x.shape == (500, 60, 4) and ds.x.dtype == np.float32
    assert ds.params == {"seq_len": 60, "motif": "ACGTG", "motif_prob": 1.0}
    assert (ds.negative_mode == "").all()


def test_single_motif_sites_hold_the_motif_and_every_positive_has_one():
    ds = simulate.single_motif(2000, 2000, seq_len=101, motif="ACGTG", seed=2)
    sites = ds.sites
    assert (sites["name"] == "motif").all() and (sites["motif"] == "ACGTG").all()
    assert (sites["end"] - sites["start"] == 5).all()
    # One site per positive, none in negatives.
    assert sorted(sites["seq"]) == sorted(np.flatnonzero(ds.labels == 1))
    assert site_texts(ds) == ["ACGTG"] * len(sites)
    # Independently of the site table: every positive contains the motif.
    counts = count_matches(ds.seqs, "ACGTG")
    assert (counts[ds.labels == 1] >= 1).all()


def test_single_motif_start_is_uniform_over_full_range():
    seq_len, motif = 40, "ACGTG"
    ds = simulate.single_motif(6000, 10, seq_len=seq_len, motif=motif, seed=3)
    assert_uniform(ds.sites["start"].to_numpy(), 0, seq_len - len(motif))


def test_single_motif_start_range_when_motif_fills_sequence():
    ds = simulate.single_motif(50, 50, seq_len=4, motif="ACGT", seed=4)
    assert (ds.sites["start"] == 0).all()
    assert all(ds.seqs[i] == "ACGT" for i in np.flatnonzero(ds.labels == 1))


@pytest.mark.parametrize("prob", [0.6, 0.25])
def test_single_motif_prob_controls_fraction_with_site(prob):
    n_pos = 5000
    ds = simulate.single_motif(n_pos, 100, seq_len=50, motif_prob=prob, seed=5)
    with_site = ds.sites["seq"].nunique()
    assert len(ds.sites) == with_site  # at most one site per sequence
    assert set(ds.sites["seq"]) <= set(np.flatnonzero(ds.labels == 1))
    assert_binomial(with_site, n_pos, prob)
    assert site_texts(ds) == [ds.params["motif"]] * with_site


def test_single_motif_prob_zero_gives_no_sites():
    ds = simulate.single_motif(100, 100, motif_prob=0.0, seed=6)
    assert len(ds.sites) == 0
    assert list(ds.sites.columns) == simulate.SITE_COLUMNS
    assert ds.labels.sum() == 100


@pytest.mark.parametrize("motif", ["ACGTG", "AAA", "CG"])
def test_chance_rate_of_motif_in_negatives(motif):
    seq_len, n_neg = 101, 5000
    ds = simulate.single_motif(10, n_neg, seq_len=seq_len, motif=motif, seed=7)
    neg = [s for s, y in zip(ds.seqs, ds.labels, strict=True) if y == 0]
    counts = count_matches(neg, motif)
    k = len(motif)
    expected = (seq_len - k + 1) / 4**k
    se = counts.std(ddof=1) / np.sqrt(n_neg)
    assert abs(counts.mean() - expected) < 4 * se


def test_background_composition_is_uniform():
    ds = simulate.single_motif(1000, 3000, seq_len=101, seed=8)
    codes = encode(ds.seqs)
    neg = codes[ds.labels == 0]
    # Overall composition of negatives.
    assert_proportions(np.bincount(neg.ravel(), minlength=4), [0.25] * 4)
    # Per position (first, middle, last column) too.
    for col in (0, 50, 100):
        assert_proportions(np.bincount(neg[:, col], minlength=4), [0.25] * 4)
    # Positives outside their site are background as well.
    pos_mask = np.zeros(codes.shape, dtype=bool)
    pos_mask[ds.labels == 1] = True
    for s, b, e in zip(ds.sites["seq"], ds.sites["start"], ds.sites["end"], strict=True):
        pos_mask[s, b:e] = False
    assert_proportions(np.bincount(codes[pos_mask], minlength=4), [0.25] * 4)


@pytest.mark.parametrize(
    "make",
    [
        lambda seed: simulate.single_motif(2000, 2000, seq_len=20, motif="AC", seed=seed),
        lambda seed: simulate.multi_motif(2000, 2000, seq_len=20, seed=seed),
        lambda seed: simulate.interaction(2000, 2000, seq_len=40, gap_min=1, gap_max=5, seed=seed),
    ],
    ids=["single_motif", "multi_motif", "interaction"],
)
def test_labels_balanced_and_shuffled(make):
    ds = make(9)
    n = len(ds)
    assert ds.labels.dtype.kind == "i"
    assert ds.labels.sum() == n // 2
    assert not (ds.labels[: n // 2] == 1).all()
    # Runs test: a random arrangement of n/2 ones and n/2 zeros has about n/2 + 1 runs
    # (sd about sqrt(n)/2); sorted labels would have 2.
    assert abs(runs(ds.labels) - (n / 2 + 1)) < 5 * np.sqrt(n) / 2
    pos_index = np.flatnonzero(ds.labels == 1)
    assert abs(pos_index.mean() - (n - 1) / 2) < 5 * n / np.sqrt(12 * 2 * len(pos_index))


def test_unbalanced_counts():
    ds = simulate.single_motif(30, 170, seed=10)
    assert len(ds) == 200 and ds.labels.sum() == 30
    assert len(ds.sites) == 30


# ----------------------------------------------------------------------------- multi_motif


def test_multi_motif_proportions_of_both_a_only_b_only():
    n_pos = 6000
    ds = simulate.multi_motif(n_pos, 50, seq_len=40, cooccur_prob=0.4, seed=11)
    names = names_per_seq(ds)
    kinds = collections.Counter(frozenset(names[i]) for i in np.flatnonzero(ds.labels == 1))
    assert set(kinds) == {frozenset("AB"), frozenset("A"), frozenset("B")}
    counts = [kinds[frozenset("AB")], kinds[frozenset("A")], kinds[frozenset("B")]]
    assert_proportions(counts, [0.4, 0.3, 0.3])
    # At most one site of each name per sequence; negatives have none.
    assert all(len(n) == len(set(n)) for n in names)
    assert all(names[i] == () for i in np.flatnonzero(ds.labels == 0))


@pytest.mark.parametrize("cooccur", [0.0, 1.0])
def test_multi_motif_extreme_cooccurrence(cooccur):
    ds = simulate.multi_motif(2000, 10, seq_len=40, cooccur_prob=cooccur, seed=12)
    names = names_per_seq(ds)
    kinds = collections.Counter(frozenset(names[i]) for i in np.flatnonzero(ds.labels == 1))
    if cooccur == 1.0:
        assert kinds == {frozenset("AB"): 2000}
    else:
        assert set(kinds) == {frozenset("A"), frozenset("B")}
        assert_binomial(kinds[frozenset("A")], 2000, 0.5)


def test_multi_motif_with_motif_prob():
    n_pos, p, c = 8000, 0.7, 0.4
    ds = simulate.multi_motif(n_pos, 10, seq_len=40, motif_prob=p, cooccur_prob=c, seed=13)
    names = names_per_seq(ds)
    kinds = collections.Counter(frozenset(names[i]) for i in np.flatnonzero(ds.labels == 1))
    half = (1 - c) / 2
    probs = {
        frozenset("AB"): c * p * p,
        frozenset("A"): c * p * (1 - p) + half * p,
        frozenset("B"): c * p * (1 - p) + half * p,
        frozenset(): c * (1 - p) ** 2 + 2 * half * (1 - p),
    }
    assert sum(probs.values()) == pytest.approx(1.0)
    assert_proportions([kinds[k] for k in probs], list(probs.values()))


def test_multi_motif_sites_show_motifs_with_b_over_a():
    # Short sequences so that A and B often overlap; B wins where they do.
    ds = simulate.multi_motif(
        4000, 10, seq_len=12, motif_a="ACGTG", motif_b="TGCAT", cooccur_prob=1.0, seed=14
    )
    b_sites = ds.sites[ds.sites["name"] == "B"]
    a_sites = ds.sites[ds.sites["name"] == "A"]
    assert (b_sites["motif"] == "TGCAT").all() and (a_sites["motif"] == "ACGTG").all()
    assert site_texts(ds, b_sites) == ["TGCAT"] * len(b_sites)
    b_of = dict(
        zip(b_sites["seq"], zip(b_sites["start"], b_sites["end"], strict=True), strict=True)
    )
    n_broken = 0
    for seq, start in zip(a_sites["seq"], a_sites["start"], strict=True):
        text = ds.seqs[seq]
        b_start, b_end = b_of[seq]
        covered = [b_start <= start + j < b_end for j in range(5)]
        for j in range(5):
            if not covered[j]:
                assert text[start + j] == "ACGTG"[j]
        if text[start : start + 5] != "ACGTG":
            n_broken += 1
            assert any(covered)
    # The overwrite really happens (it would not if A were written after B).
    assert n_broken > 100


def test_multi_motif_starts_uniform():
    seq_len = 30
    ds = simulate.multi_motif(
        8000, 10, seq_len=seq_len, motif_a="ACGTG", motif_b="TGCA", cooccur_prob=0.5, seed=15
    )
    a = ds.sites.loc[ds.sites["name"] == "A", "start"].to_numpy()
    b = ds.sites.loc[ds.sites["name"] == "B", "start"].to_numpy()
    assert_uniform(a, 0, seq_len - 5)
    assert_uniform(b, 0, seq_len - 4)
    assert (ds.sites["end"] - ds.sites["start"]).to_numpy().tolist() == [
        5 if n == "A" else 4 for n in ds.sites["name"]
    ]


def test_multi_motif_params_and_modes():
    ds = simulate.multi_motif(5, 5, seq_len=20, motif_prob=1, cooccur_prob=0, seed=16)
    assert ds.task == "multi_motif"
    assert ds.params == {
        "seq_len": 20,
        "motif_a": "ACGTG",
        "motif_b": "TGCAT",
        "motif_prob": 1.0,
        "cooccur_prob": 0.0,
    }
    assert (ds.negative_mode == "").all()


# ----------------------------------------------------------------------------- interaction

L_INT, A_INT, B_INT, GMIN, GMAX = 40, "ACGTG", "TGCAT", 3, 8
N_STARTS = L_INT - len(A_INT) - GMAX - len(B_INT)  # A starts 0..N_STARTS-1


@pytest.fixture(scope="module")
def inter() -> simulate.Dataset:
    return simulate.interaction(
        6000,
        8000,
        seq_len=L_INT,
        motif_a=A_INT,
        motif_b=B_INT,
        gap_min=GMIN,
        gap_max=GMAX,
        seed=17,
    )


def sites_of(ds: simulate.Dataset, mask: np.ndarray, name: str) -> pd.DataFrame:
    rows = set(np.flatnonzero(mask))
    sites = ds.sites[ds.sites["name"] == name]
    return sites[sites["seq"].isin(rows)].sort_values("seq")


def test_interaction_params_and_all_sites_show_motifs(inter):
    assert inter.task == "interaction"
    assert inter.params == {
        "seq_len": L_INT,
        "motif_a": A_INT,
        "motif_b": B_INT,
        "gap_min": GMIN,
        "gap_max": GMAX,
    }
    assert site_texts(inter) == list(inter.sites["motif"])
    assert set(inter.sites["motif"]) == {A_INT, B_INT}
    assert ((inter.sites["name"] == "A") == (inter.sites["motif"] == A_INT)).all()


def test_interaction_negative_modes_equal(inter):
    modes = inter.negative_mode
    assert (modes[inter.labels == 1] == "").all()
    neg_modes = collections.Counter(modes[inter.labels == 0])
    assert set(neg_modes) == set(simulate.NEGATIVE_MODES)
    assert_proportions([neg_modes[m] for m in simulate.NEGATIVE_MODES], [0.25] * 4)


def test_interaction_site_names_per_mode(inter):
    names = names_per_seq(inter)
    expected = {
        "": ("A", "B"),
        "one_a": ("A",),
        "one_b": ("B",),
        "far_apart": ("A", "B"),
        "none": (),
    }
    for i, mode in enumerate(inter.negative_mode):
        assert names[i] == expected[mode], (i, mode)


def test_interaction_positive_placement_and_gaps(inter):
    pos = inter.labels == 1
    a, b = sites_of(inter, pos, "A"), sites_of(inter, pos, "B")
    assert len(a) == len(b) == pos.sum()
    assert (a["seq"].to_numpy() == b["seq"].to_numpy()).all()
    assert_uniform(a["start"].to_numpy(), 0, N_STARTS - 1)
    gaps = b["start"].to_numpy() - a["end"].to_numpy()
    assert_uniform(gaps, GMIN, GMAX)
    # Independence of A's start and the gap: the mean gap is the same in both halves.
    low = a["start"].to_numpy() < N_STARTS // 2
    assert stats.ttest_ind(gaps[low], gaps[~low]).pvalue > P_MIN


def test_interaction_far_apart_placement(inter):
    far = inter.negative_mode == "far_apart"
    a, b = sites_of(inter, far, "A"), sites_of(inter, far, "B")
    assert len(a) == len(b) == far.sum()
    a_start, b_start = a["start"].to_numpy(), b["start"].to_numpy()
    assert_uniform(a_start, 0, N_STARTS - 1)
    gaps = b_start - a["end"].to_numpy()
    assert gaps.min() == GMAX + 1
    assert b_start.max() == L_INT - len(B_INT)
    assert (b_start <= L_INT - len(B_INT)).all()
    # Given A's start s, B's start is uniform on s+kA+gmax+1 .. L-kB: combine the chi-square
    # statistics of all values of s.
    stat, dof = 0.0, 0
    for s in range(N_STARTS):
        lo = s + len(A_INT) + GMAX + 1
        n_values = L_INT - len(B_INT) - lo + 1
        counts = np.bincount(b_start[a_start == s] - lo, minlength=n_values)
        assert len(counts) == n_values
        if n_values > 1:
            stat += stats.chisquare(counts).statistic
            dof += n_values - 1
    assert stats.chi2.sf(stat, dof) > P_MIN


@pytest.mark.parametrize(("mode", "name", "motif"), [("one_a", "A", A_INT), ("one_b", "B", B_INT)])
def test_interaction_lone_motif_placement(inter, mode, name, motif):
    mask = inter.negative_mode == mode
    sites = inter.sites[inter.sites["seq"].isin(np.flatnonzero(mask))]
    assert (sites["name"] == name).all()
    assert len(sites) == mask.sum()
    assert_uniform(sites["start"].to_numpy(), 0, L_INT - len(motif))


def test_interaction_none_negatives_are_background(inter):
    none = np.flatnonzero(inter.negative_mode == "none")
    assert not inter.sites["seq"].isin(none).any()
    codes = encode([inter.seqs[i] for i in none])
    assert_proportions(np.bincount(codes.ravel(), minlength=4), [0.25] * 4)


def test_interaction_minimal_length_fits():
    ds = simulate.interaction(
        200, 200, seq_len=10, motif_a="AC", motif_b="GT", gap_min=0, gap_max=5, seed=18
    )
    pos = ds.labels == 1
    a = sites_of(ds, pos, "A")
    assert (a["start"] == 0).all()
    far = sites_of(ds, ds.negative_mode == "far_apart", "B")
    assert (far["start"] == 8).all()


def test_interaction_defaults():
    ds = simulate.interaction(500, 500, seed=19)
    pos = ds.labels == 1
    a, b = sites_of(ds, pos, "A"), sites_of(ds, pos, "B")
    gaps = b["start"].to_numpy() - a["end"].to_numpy()
    assert gaps.min() >= 10 and gaps.max() <= 25
    assert a["start"].max() <= 101 - 5 - 25 - 5 - 1


# ----------------------------------------------------------------------------- reproducibility

GENERATORS = [
    lambda seed: simulate.single_motif(100, 100, motif_prob=0.5, seed=seed),
    lambda seed: simulate.multi_motif(100, 100, motif_prob=0.8, seed=seed),
    lambda seed: simulate.interaction(100, 100, seed=seed),
]
GEN_IDS = ["single_motif", "multi_motif", "interaction"]


@pytest.mark.parametrize("make", GENERATORS, ids=GEN_IDS)
def test_same_seed_same_data_other_seed_other_data(make):
    d1, d2, d3 = make(123), make(123), make(124)
    assert d1.seqs == d2.seqs
    np.testing.assert_array_equal(d1.labels, d2.labels)
    pd.testing.assert_frame_equal(d1.sites, d2.sites)
    np.testing.assert_array_equal(d1.negative_mode, d2.negative_mode)
    assert d1.params == d2.params
    assert d1.seqs != d3.seqs
    assert not np.array_equal(d1.labels, d3.labels)
    assert not d1.sites.equals(d3.sites)


def test_numpy_integer_arguments_accepted():
    d1 = simulate.single_motif(np.int64(20), np.int32(20), seq_len=np.int64(30), seed=np.int64(1))
    d2 = simulate.single_motif(20, 20, seq_len=30, seed=1)
    assert d1.seqs == d2.seqs


# ----------------------------------------------------------------------------- subset / split


def assert_sites_consistent(ds: simulate.Dataset) -> None:
    assert site_texts(ds) == list(ds.sites["motif"])
    assert ds.sites["seq"].between(0, len(ds) - 1).all()
    assert list(ds.sites.columns) == simulate.SITE_COLUMNS
    assert ds.sites.index.equals(pd.RangeIndex(len(ds.sites)))


def test_subset_reorders_and_reindexes_sites():
    ds = simulate.interaction(100, 100, seq_len=40, gap_min=1, gap_max=5, seed=20)
    index = np.array([150, 3, 77, 3 + 100, 0, 199])
    sub = ds.subset(index)
    assert sub.task == ds.task and sub.params == ds.params
    assert sub.params is not ds.params
    assert sub.seqs == [ds.seqs[i] for i in index]
    np.testing.assert_array_equal(sub.labels, ds.labels[index])
    np.testing.assert_array_equal(sub.negative_mode, ds.negative_mode[index])
    np.testing.assert_array_equal(sub.x, ds.x[index])
    assert_sites_consistent(sub)
    for new, old in enumerate(index):
        old_sites = ds.sites[ds.sites["seq"] == old].drop(columns="seq").reset_index(drop=True)
        new_sites = sub.sites[sub.sites["seq"] == new].drop(columns="seq").reset_index(drop=True)
        pd.testing.assert_frame_equal(old_sites, new_sites)


def test_subset_empty_and_errors():
    ds = simulate.single_motif(10, 10, seq_len=20, seed=21)
    empty = ds.subset(np.array([], dtype=int))
    assert len(empty) == 0 and len(empty.sites) == 0
    with pytest.raises(ValueError, match=r"positions in 0\.\.19"):
        ds.subset(np.array([0, 20]))
    with pytest.raises(ValueError, match=r"positions in 0\.\.19"):
        ds.subset(np.array([-1]))
    with pytest.raises(ValueError, match="1-D"):
        ds.subset(np.array([[0, 1]]))


def test_dataset_rejects_unknown_task():
    with pytest.raises(ValueError, match="unknown task 'motif'"):
        simulate.Dataset(
            "motif", {}, ["A"], np.array([1]), pd.DataFrame(columns=simulate.SITE_COLUMNS)
        )


@pytest.mark.parametrize(("n_pos", "n_neg"), [(500, 500), (300, 700)])
def test_split_sizes_stratified_disjoint_covering(n_pos, n_neg):
    ds = simulate.interaction(n_pos, n_neg, seq_len=60, gap_min=2, gap_max=6, seed=22)
    assert len(set(ds.seqs)) == len(ds)  # sequences identify rows
    label_of = dict(zip(ds.seqs, ds.labels, strict=True))
    mode_of = dict(zip(ds.seqs, ds.negative_mode, strict=True))
    train, val, test = simulate.split(ds, seed=0)
    assert (len(train), len(val), len(test)) == (700, 100, 200)
    frac = n_pos / (n_pos + n_neg)
    for part in (train, val, test):
        assert part.labels.mean() == pytest.approx(frac, abs=0.011)
        assert [label_of[s] for s in part.seqs] == list(part.labels)
        assert [mode_of[s] for s in part.seqs] == list(part.negative_mode)
        assert part.task == ds.task and part.params == ds.params
        assert_sites_consistent(part)
    all_seqs = train.seqs + val.seqs + test.seqs
    assert collections.Counter(all_seqs) == collections.Counter(ds.seqs)
    assert sum(len(p.sites) for p in (train, val, test)) == len(ds.sites)


def test_split_reproducible_and_seed_dependent():
    ds = simulate.single_motif(200, 200, seq_len=30, seed=23)
    a, b, c = simulate.split(ds, seed=5), simulate.split(ds, seed=5), simulate.split(ds, seed=6)
    for x, y in zip(a, b, strict=True):
        assert x.seqs == y.seqs
    assert a[2].seqs != c[2].seqs


def test_split_custom_fractions():
    ds = simulate.single_motif(500, 500, seq_len=30, seed=24)
    train, val, test = simulate.split(ds, seed=1, val_frac=0.25, test_frac=0.25)
    assert (len(train), len(val), len(test)) == (500, 250, 250)
    assert val.labels.sum() == 125 and test.labels.sum() == 125


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"val_frac": 0.0}, "val_frac must lie strictly between 0 and 1"),
        ({"val_frac": 1.0}, "val_frac must lie strictly between 0 and 1"),
        ({"val_frac": -0.1}, "val_frac must lie strictly between 0 and 1"),
        ({"test_frac": 0.0}, "test_frac must lie strictly between 0 and 1"),
        ({"test_frac": 1.5}, "test_frac must lie strictly between 0 and 1"),
        ({"val_frac": 0.5, "test_frac": 0.5}, "val_frac \\+ test_frac must be below 1"),
        ({"val_frac": 0.6, "test_frac": 0.5}, "val_frac \\+ test_frac must be below 1"),
    ],
)
def test_split_errors(kwargs, match):
    ds = simulate.single_motif(20, 20, seq_len=10, seed=25)
    with pytest.raises(ValueError, match=match):
        simulate.split(ds, **kwargs)


# ----------------------------------------------------------------------------- argument errors

SM, MM, IA = simulate.single_motif, simulate.multi_motif, simulate.interaction

ERROR_CASES = [
    # counts
    (SM, {"n_pos": 0}, r"n_pos must be an integer >= 1, got 0"),
    (SM, {"n_neg": 0}, r"n_neg must be an integer >= 1, got 0"),
    (SM, {"seq_len": 0}, r"seq_len must be an integer >= 1, got 0"),
    (SM, {"n_pos": -5}, r"n_pos must be an integer >= 1, got -5"),
    (SM, {"n_pos": True}, r"n_pos must be an integer >= 1, got True"),
    (SM, {"n_neg": 10.0}, r"n_neg must be an integer >= 1, got 10\.0"),
    (SM, {"seq_len": 50.0}, r"seq_len must be an integer >= 1, got 50\.0"),
    (MM, {"n_pos": 0}, r"n_pos must be an integer >= 1"),
    (IA, {"n_neg": False}, r"n_neg must be an integer >= 1, got False"),
    (IA, {"seq_len": 0}, r"seq_len must be an integer >= 1"),
    # seed
    (SM, {"seed": -1}, r"seed must be a non-negative integer, got -1"),
    (MM, {"seed": 1.5}, r"seed must be a non-negative integer, got 1\.5"),
    (IA, {"seed": True}, r"seed must be a non-negative integer, got True"),
    (SM, {"seed": None}, r"seed must be a non-negative integer, got None"),
    # motifs
    (SM, {"motif": "ACGN"}, r"motif must be a non-empty string over A, C, G, T, got 'ACGN'"),
    (SM, {"motif": ""}, r"motif must be a non-empty string over A, C, G, T, got ''"),
    (SM, {"motif": "acgtg"}, r"motif must be a non-empty string over A, C, G, T, got 'acgtg'"),
    (SM, {"motif": ["A", "C"]}, r"motif must be a non-empty string"),
    (SM, {"motif": "ACGTG", "seq_len": 4}, r"motif has length 5, longer than seq_len=4"),
    (MM, {"motif_a": "ACGN"}, r"motif_a must be a non-empty string over A, C, G, T"),
    (MM, {"motif_b": "tgcat"}, r"motif_b must be a non-empty string over A, C, G, T"),
    (MM, {"motif_b": "TGCATT", "seq_len": 5}, r"motif_b has length 6, longer than seq_len=5"),
    (IA, {"motif_a": ""}, r"motif_a must be a non-empty string over A, C, G, T"),
    (IA, {"motif_b": "TGCAX"}, r"motif_b must be a non-empty string over A, C, G, T"),
    (IA, {"motif_a": "ACGTGACGTG", "seq_len": 9}, r"motif_a has length 10, longer than seq_len=9"),
    # probabilities
    (SM, {"motif_prob": -0.1}, r"motif_prob must be a probability in \[0, 1\], got -0\.1"),
    (SM, {"motif_prob": 1.5}, r"motif_prob must be a probability in \[0, 1\], got 1\.5"),
    (SM, {"motif_prob": float("nan")}, r"motif_prob must be a probability in \[0, 1\]"),
    (SM, {"motif_prob": "0.5"}, r"motif_prob must be a probability in \[0, 1\]"),
    (MM, {"motif_prob": 2}, r"motif_prob must be a probability in \[0, 1\], got 2"),
    (MM, {"cooccur_prob": 1.1}, r"cooccur_prob must be a probability in \[0, 1\], got 1\.1"),
    (MM, {"cooccur_prob": -0.5}, r"cooccur_prob must be a probability in \[0, 1\], got -0\.5"),
    # gaps
    (IA, {"gap_min": 5, "gap_max": 3}, r"gap_min=5 must not exceed gap_max=3"),
    (IA, {"gap_min": -1}, r"gap_min must be an integer >= 0, got -1"),
    (IA, {"gap_min": 0, "gap_max": -1}, r"gap_max must be an integer >= 0, got -1"),
    (IA, {"gap_min": 1.5}, r"gap_min must be an integer >= 0, got 1\.5"),
    (IA, {"gap_max": True}, r"gap_max must be an integer >= 0, got True"),
    # grammar does not fit
    (IA, {"seq_len": 20}, r"seq_len=20 is too short for the grammar.* = 36"),
    (IA, {"seq_len": 35}, r"seq_len=35 is too short for the grammar.* = 36"),
    (
        IA,
        {"seq_len": 6, "motif_a": "AC", "motif_b": "GT", "gap_min": 0, "gap_max": 2},
        r"seq_len=6 is too short for the grammar.* = 7",
    ),
]


@pytest.mark.parametrize(
    ("generator", "kwargs", "match"),
    ERROR_CASES,
    ids=[f"{g.__name__}-{'-'.join(map(str, k))}-{i}" for i, (g, k, _) in enumerate(ERROR_CASES)],
)
def test_generator_argument_errors(generator, kwargs, match):
    args = {"n_pos": 10, "n_neg": 10, **kwargs}
    with pytest.raises(ValueError, match=match):
        generator(**args)


def test_interaction_boundary_length_is_accepted():
    ds = simulate.interaction(10, 10, seq_len=36, seed=26)  # 5 + 25 + 5 + 1
    pos = ds.labels == 1
    assert (sites_of(ds, pos, "A")["start"] == 0).all()


# ----------------------------------------------------------------------------- known hwlib bugs


def test_subset_with_repeated_index_keeps_sites_of_every_copy():
    """BUG (hwlib.simulate.Dataset.subset): with a repeated index (e.g. a bootstrap resample)
    only the last copy of a sequence keeps its sites, so a positive copy loses its motif."""
    ds = simulate.single_motif(5, 5, seq_len=20, seed=27)
    i = int(ds.sites["seq"].iloc[0])
    sub = ds.subset(np.array([i, i]))
    assert sub.seqs == [ds.seqs[i]] * 2
    assert sorted(sub.sites["seq"]) == [0, 1], (
        "BUG: subset with a repeated index drops the sites of all but the last copy; "
        f"got sites for rows {sorted(sub.sites['seq'])}"
    )
    assert_sites_consistent(sub)


def test_subset_of_dataset_with_empty_site_table():
    """BUG (hwlib.simulate.Dataset.subset): a Dataset built by hand with
    `pd.DataFrame(columns=SITE_COLUMNS)` (object dtype) cannot be subset: IndexError."""
    ds = simulate.Dataset(
        "single_motif",
        {"seq_len": 4, "motif": "AC", "motif_prob": 1.0},
        ["ACGT", "TTTT", "GGGG"],
        np.array([1, 0, 0]),
        pd.DataFrame(columns=simulate.SITE_COLUMNS),
    )
    try:
        sub = ds.subset(np.array([2, 0]))
    except IndexError as exc:
        pytest.fail(f"BUG: Dataset.subset fails on an empty object-dtype site table: {exc}")
    assert sub.seqs == ["GGGG", "ACGT"]
    assert len(sub.sites) == 0


def test_with_inputs_replaces_model_input_only():
    data = simulate.single_motif(20, 20, seq_len=30, seed=3)
    shifted = data.x + 0.5
    copy = data.with_inputs(shifted)
    np.testing.assert_array_equal(copy.x, shifted)
    np.testing.assert_array_equal(data.x, one_hot(data.seqs))
    assert copy.seqs == data.seqs and (copy.labels == data.labels).all()
    with pytest.raises(ValueError, match=r"shape \(40, 30, 4\)"):
        data.with_inputs(shifted[:, :10])


# ----------------------------------------------------------------------------- matched positions


def interaction_digest(ds: simulate.Dataset) -> str:
    h = hashlib.sha256()
    h.update("\n".join(ds.seqs).encode())
    h.update(ds.labels.tobytes())
    h.update(ds.sites.to_csv(index=False).encode())
    h.update("|".join(ds.negative_mode).encode())
    return h.hexdigest()


def test_interaction_default_is_bit_identical_to_before_matched_positions():
    # Digests taken with the generator as it was before matched_positions existed.
    small = {"seq_len": 40, "gap_min": 3, "gap_max": 8, "seed": 7}
    expected = [
        ({"n_pos": 300, "n_neg": 500, **small}, "ef092ab672d00f562deba2fada222422"),
        ({"n_pos": 200, "n_neg": 200, "seed": 42}, "ceb6f5ceb2229249d850842afe2d6cca"),
    ]
    for kwargs, digest in expected:
        for ds in (simulate.interaction(**kwargs), IA(**kwargs, matched_positions=False)):
            assert interaction_digest(ds).startswith(digest)
            assert "matched_positions" not in ds.params
    d1 = IA(100, 100, seed=5)
    d2 = IA(100, 100, seed=5, matched_positions=False)
    assert d1.seqs == d2.seqs
    pd.testing.assert_frame_equal(d1.sites, d2.sites)


N_MATCHED = (5000, 16000)  # 4000 negatives of each kind on average


@pytest.fixture(scope="module")
def matched() -> simulate.Dataset:
    return simulate.interaction(
        *N_MATCHED, seq_len=L_INT, motif_a=A_INT, motif_b=B_INT, gap_min=GMIN, gap_max=GMAX,
        seed=31, matched_positions=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def unmatched() -> simulate.Dataset:
    return simulate.interaction(
        *N_MATCHED, seq_len=L_INT, motif_a=A_INT, motif_b=B_INT, gap_min=GMIN, gap_max=GMAX,
        seed=31,
    )  # fmt: skip


def starts_of(ds: simulate.Dataset, mask: np.ndarray, name: str) -> np.ndarray:
    return sites_of(ds, mask, name)["start"].to_numpy()


def positive_b_law() -> np.ndarray:
    """Exact P(B start = t), t in 0..L-kB, of the positives: s + kA + g, s and g uniform."""
    law = np.zeros(L_INT - len(B_INT) + 1)
    for s in range(N_STARTS):
        for g in range(GMIN, GMAX + 1):
            law[s + len(A_INT) + g] += 1 / (N_STARTS * (GMAX - GMIN + 1))
    return law


def same_law_pvalue(x: np.ndarray, y: np.ndarray) -> float:
    """Chi-square test of homogeneity of two samples of integer starts."""
    values = np.union1d(x, y)
    table = np.array([[np.count_nonzero(z == v) for v in values] for z in (x, y)])
    return stats.chi2_contingency(table).pvalue


def auc_of_position(pos: np.ndarray, neg: np.ndarray) -> tuple[float, float]:
    """ROC AUC of the score `start` for positives vs negatives, and its SE under H0."""
    u = stats.mannwhitneyu(pos, neg).statistic
    n1, n2 = len(pos), len(neg)
    return u / (n1 * n2), np.sqrt((n1 + n2 + 1) / (12 * n1 * n2))


def test_matched_params_and_sites(matched):
    assert matched.params["matched_positions"] is True
    assert site_texts(matched) == list(matched.sites["motif"])
    names = names_per_seq(matched)
    expected = {"": ("A", "B"), "one_a": ("A",), "one_b": ("B",), "far_apart": ("A", "B")}
    for i, mode in enumerate(matched.negative_mode):
        assert names[i] == expected.get(mode, ()), (i, mode)
    counts = collections.Counter(matched.negative_mode[matched.labels == 0])
    assert_proportions([counts[m] for m in simulate.NEGATIVE_MODES], [0.25] * 4)


def test_matched_positives_are_drawn_as_in_the_default(matched):
    pos = matched.labels == 1
    a, b = starts_of(matched, pos, "A"), starts_of(matched, pos, "B")
    assert_uniform(a, 0, N_STARTS - 1)
    assert_uniform(b - a - len(A_INT), GMIN, GMAX)


@pytest.mark.parametrize(("mode", "name"), [("one_a", "A"), ("far_apart", "A"), ("one_b", "B")])
def test_matched_negative_starts_follow_the_positives(matched, mode, name):
    pos = starts_of(matched, matched.labels == 1, name)
    neg = starts_of(matched, matched.negative_mode == mode, name)
    assert same_law_pvalue(pos, neg) > P_MIN
    if name == "B":
        law = positive_b_law()
        counts = np.bincount(neg, minlength=len(law))
        assert (counts[law == 0] == 0).all()
        assert_proportions(counts[law > 0], law[law > 0])
    else:
        assert_uniform(neg, 0, N_STARTS - 1)
    # No start-only score tells these negatives from positives.
    auc, se = auc_of_position(pos, neg)
    assert abs(auc - 0.5) < 3 * se


def test_matched_far_apart_b_is_as_close_as_the_geometry_allows(matched, unmatched):
    far_gap = GMAX + 1
    c = len(A_INT) + far_gap  # B's start minus A's start in matched far_apart negatives
    far = matched.negative_mode == "far_apart"
    a, b = starts_of(matched, far, "A"), starts_of(matched, far, "B")
    assert (b - a == c).all()
    assert_uniform(b, c, L_INT - len(B_INT))
    # Exact laws: B of positives (ramps up, flat at 1/N_STARTS, ramps down) and of matched
    # far_apart (uniform on c..L-kB). They agree on the flat part; the TV distance is the
    # positives' mass below c, (G+1)/(2 N_STARTS), the least any far_apart law can have.
    pos_law = positive_b_law()
    far_law = np.zeros_like(pos_law)
    far_law[c:] = 1 / N_STARTS
    g = GMAX - GMIN + 1
    tv = 0.5 * np.abs(pos_law - far_law).sum()
    assert tv == pytest.approx(pos_law[:c].sum()) and tv == pytest.approx((g + 1) / (2 * N_STARTS))
    flat = slice(c, N_STARTS + len(A_INT) + GMIN)
    np.testing.assert_allclose(pos_law[flat], far_law[flat])
    # The empirical B-start AUC (positives vs far_apart) is the exact one of these laws, and
    # much nearer 0.5 than with the default generator.
    pos_b = starts_of(matched, matched.labels == 1, "B")
    auc, se = auc_of_position(pos_b, b)
    t = np.arange(len(pos_law))
    exact = 0.5 + 0.5 * (np.outer(pos_law, far_law) * np.sign(t[:, None] - t[None, :])).sum()
    assert abs(auc - exact) < 3 * se
    default_far = unmatched.negative_mode == "far_apart"
    default_auc, default_se = auc_of_position(
        starts_of(unmatched, unmatched.labels == 1, "B"), starts_of(unmatched, default_far, "B")
    )
    assert abs(default_auc - 0.5) > 20 * default_se
    assert abs(default_auc - 0.5) > 2 * abs(auc - 0.5)  # 0.36 vs 0.14 away from 0.5 here


def test_default_generator_has_the_position_shortcut(unmatched):
    # Documents the shortcut: far_apart B starts differ clearly from the positives' B starts
    # (and lone motifs start anywhere), while far_apart A starts do not.
    pos = unmatched.labels == 1
    pos_a, pos_b = starts_of(unmatched, pos, "A"), starts_of(unmatched, pos, "B")
    far = unmatched.negative_mode == "far_apart"
    assert same_law_pvalue(pos_b, starts_of(unmatched, far, "B")) < 1e-12
    assert same_law_pvalue(pos_a, starts_of(unmatched, far, "A")) > P_MIN
    for mode, name, ref in (("one_a", "A", pos_a), ("one_b", "B", pos_b)):
        lone = starts_of(unmatched, unmatched.negative_mode == mode, name)
        assert same_law_pvalue(ref, lone) < 1e-12


@pytest.mark.parametrize("value", [1, 0, "yes", None, 1.0, np.int64(1)])
def test_matched_positions_must_be_a_bool(value):
    with pytest.raises(ValueError, match="matched_positions must be a bool"):
        simulate.interaction(10, 10, matched_positions=value)


def test_matched_positions_accepts_numpy_bool():
    ds = simulate.interaction(10, 10, seed=3, matched_positions=np.bool_(True))
    assert ds.params["matched_positions"] is True
