"""Per-student variants: the JASPAR motif pool, exact chance rates, motif overlap and the
deterministic variant of each id (hwlib.variants)."""

import itertools

import numpy as np
import pandas as pd
import pytest

from hwlib import task, variants
from hwlib.sequences import reverse_complement


@pytest.fixture(scope="module")
def pool():
    return variants.pool()


def _all_sequences(length: int) -> np.ndarray:
    """Every sequence of `length` bases as codes: (4^length, length)."""
    return np.array(list(itertools.product(range(4), repeat=length)), dtype=np.int64)


@pytest.mark.parametrize("seq_len", [6, 7, 8])
@pytest.mark.parametrize("k", [2, 3])
def test_chance_rate_is_the_exact_share_of_all_sequences_holding_the_motif(seq_len, k):
    seqs = _all_sequences(seq_len)
    windows = np.lib.stride_tricks.sliding_window_view(seqs, k, axis=1)
    kmer = windows @ (4 ** np.arange(k - 1, -1, -1))  # (4^L, L-k+1): index of each window
    holds = np.zeros((len(seqs), 4**k), dtype=bool)
    holds[np.arange(len(seqs))[:, None], kmer] = True
    for index, motif in enumerate(map("".join, itertools.product("ACGT", repeat=k))):
        assert variants.chance_rate(motif, seq_len) == holds[:, index].sum() / 4**seq_len, motif


def test_a_self_overlapping_motif_occurs_by_chance_less_often():
    clumped, spread = variants.chance_rate("AAAA"), variants.chance_rate("AAAC")
    assert clumped < spread
    assert spread == pytest.approx(1 - (1 - 4**-4) ** 98, rel=0.01)
    assert variants.MAX_CHANCE_RATE == pytest.approx(0.0908, abs=1e-4)


@pytest.mark.parametrize("motif, seq_len", [("", 101), ("ACGN", 101), ("ACG", 0), ("ACG", 2.0)])
def test_chance_rate_refuses_bad_arguments(motif, seq_len):
    with pytest.raises(ValueError, match="motif|seq_len"):
        variants.chance_rate(motif, seq_len)


def _overlap_by_placement(a: str, b: str) -> int:
    """Most bases shared over every placement of b against a with no mismatch."""
    best = 0
    for shift in range(-len(b) + 1, len(a)):  # b starts at a[shift]
        lo, hi = max(0, shift), min(len(a), shift + len(b))
        if a[lo:hi] == b[lo - shift : hi - shift]:
            best = max(best, hi - lo)
    return best


def test_overlap_and_compatible_match_their_definitions_on_random_strings():
    rng = np.random.default_rng(0)
    letters = np.array(list("ACGT"))
    for _ in range(3000):
        a, b = (
            "".join(rng.choice(letters[: rng.integers(2, 5)], rng.integers(1, 7))) for _ in "ab"
        )
        assert variants.overlap(a, b) == _overlap_by_placement(a, b), (a, b)
        rc = reverse_complement(a)
        expected = (
            b not in (a, rc) and max(_overlap_by_placement(a, b), _overlap_by_placement(rc, b)) <= 2
        )
        assert variants.compatible(a, b) == expected, (a, b)


def test_overlap_counts_containment_as_full_and_both_orders():
    assert variants.overlap("ACGTG", "CGT") == 3
    assert variants.overlap("ACGTG", "TGCAT") == 2
    assert variants.overlap("TGCAT", "ACGTG") == 2
    assert not variants.compatible("ACGTG", "CACGT")  # B would be A's reverse complement
    assert variants.compatible(*task.motifs()), "the kit's pair overlaps by 2"
    assert not variants.compatible("ACGTG", "GTGCA", max_overlap=2)
    with pytest.raises(ValueError, match="max_overlap"):
        variants.compatible("ACGTG", "TGCAT", max_overlap=-1)
    with pytest.raises(ValueError, match="A, C, G, T"):
        variants.overlap("ACGTG", "acgtg")


def test_every_pool_motif_follows_the_rules(pool):
    assert list(pool.columns) == variants.COLUMNS
    for m in pool["consensus"]:
        assert set(m) <= set("ACGT") and 5 <= len(m) <= 8 and m != reverse_complement(m), m
    assert (pool["length"] == pool["consensus"].str.len()).all()
    strands = set(pool["consensus"]) | set(pool["consensus"].map(reverse_complement))
    assert len(strands) == 2 * len(pool), "a consensus repeats, on one strand or the other"
    assert (pool["chance_rate"] <= variants.MAX_CHANCE_RATE).all()
    assert (pool["consensus"].map(lambda m: len(set(m))) >= 3).all(), "low-complexity motif"
    assert (pool["consensus"].map(variants.self_overlap) <= 2).all(), "self-overlapping motif"
    assert set(pool["length"]) == {5, 6, 7, 8}
    assert (pool["bayes_roc_auc"] > 0.95).all() and (pool["bayes_pr_auc"] > 0.9).all()
    assert (pool["names"] != "").all() and (pool["tf_family"] != "").all()


def test_the_committed_pool_is_what_jaspar_gives(pool):
    rebuilt = variants.build_pool(with_ceilings=False)
    pd.testing.assert_frame_equal(
        pool.drop(columns=["bayes_roc_auc", "bayes_pr_auc"]), rebuilt, check_exact=True
    )
    for row in pool.iloc[[0, len(pool) // 2, -1]].itertuples():
        ceiling = variants.single_motif_ceiling(row.consensus)
        assert ceiling["roc_auc"] == pytest.approx(row.bayes_roc_auc, rel=1e-9)
        assert ceiling["pr_auc"] == pytest.approx(row.bayes_pr_auc, rel=1e-9)


@pytest.mark.parametrize(
    "motif, expected", [("ACGTG", 0), ("TGCAT", 1), ("AAAA", 3), ("CACAC", 3), ("ACGAC", 2)]
)
def test_self_overlap_is_the_longest_border(motif, expected):
    assert variants.self_overlap(motif) == expected


def test_core_is_the_longest_informative_run():
    sure, flat = np.eye(4)[[0, 1, 2, 3, 0]] * 0.97 + 0.0075, np.full((1, 4), 0.25)
    ppm = np.vstack([sure[:2], flat, sure, flat, sure[:3]])
    assert variants.core_consensus(ppm) == "ACGTA"
    assert variants.core_consensus(np.vstack([flat, flat])) == ""


def test_motif_record_finds_a_pool_motif_on_either_strand(pool):
    row = pool.iloc[len(pool) // 2]
    for strand in (row["consensus"], reverse_complement(row["consensus"])):
        pd.testing.assert_series_equal(variants.motif_record(strand, pool), row)
    default = variants.motif_record(variants.DEFAULT.motif_a)
    assert "MA0004.1" in default["matrix_ids"] and "PAS domain factors" in default["tf_family"]
    assert variants.motif_record(variants.DEFAULT.motif_b)["consensus"] == "ATGCA"
    with pytest.raises(ValueError, match="not in the motif pool"):
        variants.motif_record("AAAAAA", pool)


def test_a_missing_pool_says_how_to_make_it(tmp_path):
    with pytest.raises(ValueError, match="python -m hwlib.variants"):
        variants.pool(tmp_path / "absent.csv")


def test_the_default_variant_is_the_committed_data():
    assert variants.variant("") == variants.variant() == variants.DEFAULT
    assert task.current() == variants.DEFAULT and task.motif() == task.motifs()[0]


def test_a_variant_is_fixed_by_its_id(pool):
    v = variants.variant("s1234567")
    assert v == variants.variant("s1234567") == variants.variant("S1234567")
    assert v.student_id == "s1234567" and 0 < v.draw <= variants.MAX_DRAW
    assert {v.motif_a, v.motif_b} <= set(pool["consensus"])
    assert variants.compatible(v.motif_a, v.motif_b)
    assert v != variants.variant("s1234568")
    # Pinned: the same id gives the same variant on any machine, with any PYTHONHASHSEED.
    assert variants.variant("jdoe") == variants.Variant("jdoe", 2034179816, "CAATTA", "CAAGG")


def test_many_ids_give_many_variants_of_every_length(pool):
    table = variants.roster([f"s{i:07d}" for i in range(1000)])
    assert table["draw"].nunique() == 1000 and (table["draw"] > 0).all()
    assert len(table[["motif_a", "motif_b"]].drop_duplicates()) > 900
    assert table["motif_a"].nunique() > 150
    assert set(table["length_a"]) == set(table["length_b"]) == {5, 6, 7, 8}
    pairs = zip(table["motif_a"], table["motif_b"], strict=True)
    assert all(variants.compatible(a, b) for a, b in pairs)


@pytest.mark.parametrize(
    "student_id, message",
    [
        (1234567, "must be a str"),
        (None, "must be a str"),
        (" jdoe", "white space"),
        ("jdoe\n", "white space"),
        ("j doe", "not allowed"),
        ("-jdoe", "not allowed"),
        ("jdöe", "not allowed"),
        ("ann@uni.edu", "not allowed"),
        ("x" * 65, "not allowed"),
    ],
)
def test_a_bad_id_is_refused_with_what_is_allowed(student_id, message):
    with pytest.raises(ValueError, match=message):
        variants.variant(student_id)


@pytest.mark.parametrize("length", [5, 6, 7, 8])
def test_variant_of_length_gives_a_fixed_variant_with_that_motif_a(length):
    v = variants.variant_of_length(length)
    assert len(v.motif_a) == length and v.student_id.startswith("robustness-")
    assert v == variants.variant(v.student_id)


def test_variant_of_length_refuses_a_length_not_in_the_pool():
    with pytest.raises(ValueError, match=r"\[5, 6, 7, 8\]"):
        variants.variant_of_length(4)


def test_roster_has_one_row_per_id_with_each_motifs_record(pool):
    table = variants.roster(["jdoe", "s1234567", "Ann.Lee_2"])
    assert list(table["student_id"]) == ["jdoe", "s1234567", "ann.lee_2"]
    assert list(table.columns) == [
        "student_id",
        "draw",
        "motif_a",
        "motif_b",
        *[
            f"{c}_{m}"
            for m in "ab"
            for c in ["length", "names", "tf_family", "bayes_roc_auc", "bayes_pr_auc"]
        ],
    ]
    row = table.iloc[0]
    record = pool.set_index("consensus").loc[row["motif_b"]]
    assert row["names_b"] == record["names"] and row["length_b"] == len(row["motif_b"])
    assert row["bayes_roc_auc_b"] == record["bayes_roc_auc"]


@pytest.mark.parametrize(
    "ids, message",
    [
        (["jdoe", "s1", "JDoe"], "repeated: \\['jdoe'\\]"),
        (["jdoe", ""], "non-empty"),
        ("jdoe", "not a single str"),
        ([], "non-empty list"),
        (["jdoe", " s1"], "white space"),
    ],
)
def test_roster_refuses_duplicate_empty_or_bad_ids(ids, message):
    with pytest.raises(ValueError, match=message):
        variants.roster(ids)


def test_the_command_line_writes_the_pool(tmp_path, monkeypatch, pool):
    monkeypatch.setattr(variants, "build_pool", lambda: pool)
    assert variants.main([str(tmp_path / "pool.csv")]) == 0
    pd.testing.assert_frame_equal(variants.pool(tmp_path / "pool.csv"), pool)
