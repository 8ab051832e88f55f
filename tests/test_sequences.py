"""One-hot encoding, decoding, reverse complement and FASTA I/O."""

from __future__ import annotations

import numpy as np
import pytest

from hwlib.sequences import (
    decode,
    encode,
    from_one_hot,
    one_hot,
    read_fasta,
    reverse_complement,
    write_fasta,
)


def test_one_hot_shape_dtype_and_channel_order():
    x = one_hot(["ACGT", "TTAA", "GGGC"])
    assert x.shape == (3, 4, 4)
    assert x.dtype == np.float32
    np.testing.assert_array_equal(x[0], np.eye(4, dtype=np.float32))
    np.testing.assert_array_equal(x[1].argmax(axis=1), [3, 3, 0, 0])
    np.testing.assert_array_equal(x[2].argmax(axis=1), [2, 2, 2, 1])
    np.testing.assert_array_equal(x.sum(axis=-1), 1.0)


def test_one_hot_accepts_lower_case_and_maps_n_to_zero_row():
    x = one_hot(["acgtn", "ACGTN", "NnAaC"])
    np.testing.assert_array_equal(x[0], x[1])
    np.testing.assert_array_equal(x[0, 4], np.zeros(4))
    np.testing.assert_array_equal(x[2, :2], np.zeros((2, 4)))
    np.testing.assert_array_equal(x[2, 2], [1, 0, 0, 0])
    np.testing.assert_array_equal(x[2, 3], [1, 0, 0, 0])
    np.testing.assert_array_equal(x[2, 4], [0, 1, 0, 0])


def test_one_hot_accepts_tuples_and_generators():
    expected = one_hot(["AC", "GT"])
    np.testing.assert_array_equal(one_hot(("AC", "GT")), expected)
    np.testing.assert_array_equal(one_hot(s for s in ["AC", "GT"]), expected)


@pytest.mark.parametrize(
    "seqs",
    [["ACGT"], ["acgtn", "NNNNN", "TtGgA"], ["A"], ["ACGTACGTNNACGT" * 10] * 3],
)
def test_round_trip_one_hot(seqs):
    assert from_one_hot(one_hot(seqs)) == [s.upper() for s in seqs]


def test_round_trip_random_sequences():
    rng = np.random.default_rng(0)
    seqs = ["".join(rng.choice(list("ACGTNacgtn"), size=57)) for _ in range(50)]
    assert from_one_hot(one_hot(seqs)) == [s.upper() for s in seqs]
    np.testing.assert_array_equal(decode(encode(seqs)), [s.upper() for s in seqs])


def test_encode_codes():
    np.testing.assert_array_equal(encode(["ACGTN", "tgcan"]), [[0, 1, 2, 3, 4], [3, 2, 1, 0, 4]])
    assert encode(["A"]).dtype == np.uint8


@pytest.mark.parametrize(
    ("seqs", "match"),
    [
        (["ACGT", "ACXT"], r"sequence 1 contains 'X'"),
        (["ACGU"], r"sequence 0 contains 'U'"),
        (["ACGT", "ACGT", "AC-T"], r"sequence 2 contains '-'"),
        (["ACGT", "AC T"], r"sequence 1 contains ' '"),
        (["ACGT", "ACGé"], r"sequence 1 contains 'é'"),
        ([], r"empty list"),
        (["ACGT", "ACG"], r"sequence 1 has length 3 but sequence 0 has 4"),
        (["AC", "AC", "ACGT"], r"sequence 2 has length 4"),
        ([""], r"sequence 0 is empty"),
        ("ACGT", r"single str"),
        (["ACGT", 1234], r"sequence 1 is int"),
    ],
)
def test_one_hot_errors(seqs, match):
    with pytest.raises(ValueError, match=match):
        one_hot(seqs)


def test_from_one_hot_error_and_soft_rows():
    with pytest.raises(ValueError, match=r"shape \(N, L, 4\)"):
        from_one_hot(np.zeros((4, 4)))
    with pytest.raises(ValueError, match=r"shape \(N, L, 4\)"):
        from_one_hot(np.zeros((2, 4, 5)))
    # Rows that are not exactly one-hot decode to their largest channel.
    soft = np.array([[[0.1, 0.7, 0.1, 0.1], [0.0, 0.0, 0.0, 0.0], [0.2, 0.2, 0.5, 0.1]]])
    assert from_one_hot(soft) == ["CNG"]


@pytest.mark.parametrize(
    ("codes", "match"),
    [
        (np.array([0, 1, 2]), r"shape \(N, L\)"),
        (np.zeros((1, 2, 3), dtype=int), r"shape \(N, L\)"),
        (np.array([[0, 5]]), r"0\.\.4"),
        (np.array([[-1, 0]]), r"0\.\.4"),
    ],
)
def test_decode_errors(codes, match):
    with pytest.raises(ValueError, match=match):
        decode(codes)


def test_decode_values():
    assert decode(np.array([[0, 1, 2, 3, 4], [4, 3, 2, 1, 0]])) == ["ACGTN", "NTGCA"]


@pytest.mark.parametrize(
    ("seq", "expected"),
    [
        ("ACGT", "ACGT"),
        ("AAACG", "CGTTT"),
        ("acgTN", "NAcgt"),
        ("GATTACA", "TGTAATC"),
        ("", ""),
    ],
)
def test_reverse_complement(seq, expected):
    assert reverse_complement(seq) == expected
    assert reverse_complement(reverse_complement(seq)) == seq


@pytest.mark.parametrize("bad", ["ACGU", "AC GT", ["ACGT"], None])
def test_reverse_complement_errors(bad):
    with pytest.raises(ValueError, match="expected a DNA string"):
        reverse_complement(bad)


def test_fasta_round_trip(tmp_path):
    ids = ["seq0", "chr1:100-200", "x_y"]
    seqs = ["ACGT", "acgtnACGT" * 20, "T"]
    path = tmp_path / "out.fa"
    write_fasta(path, ids, seqs)
    assert read_fasta(path) == (ids, seqs)
    assert read_fasta(str(path)) == (ids, seqs)
    assert path.read_text().splitlines()[:2] == [">seq0", "ACGT"]


def test_write_fasta_accepts_iterables(tmp_path):
    path = tmp_path / "gen.fa"
    write_fasta(path, (f"s{i}" for i in range(3)), iter(["A", "C", "G"]))
    assert read_fasta(path) == (["s0", "s1", "s2"], ["A", "C", "G"])


def test_read_fasta_multiline_blank_lines_and_descriptions(tmp_path):
    path = tmp_path / "in.fa"
    path.write_text(">r1 some description\nACGT\nACGT\n\n  \n>r2\nTT\n  GG  \n>r3\n")
    ids, seqs = read_fasta(path)
    assert ids == ["r1", "r2", "r3"]
    assert seqs == ["ACGTACGT", "TTGG", ""]


def test_read_fasta_empty_file(tmp_path):
    path = tmp_path / "empty.fa"
    path.write_text("")
    assert read_fasta(path) == ([], [])


@pytest.mark.parametrize(
    ("ids", "seqs", "match"),
    [
        (["a", "b"], ["ACGT"], "2 ids for 1 sequences"),
        (["a"], ["ACGT", "ACGT"], "1 ids for 2 sequences"),
        (["a b"], ["ACGT"], "white space"),
        (["a\tb"], ["ACGT"], "white space"),
        (["ok", ""], ["ACGT", "ACGT"], "non-empty"),
    ],
)
def test_write_fasta_errors(tmp_path, ids, seqs, match):
    path = tmp_path / "bad.fa"
    with pytest.raises(ValueError, match=match):
        write_fasta(path, ids, seqs)
    assert not path.exists()


def test_read_fasta_sequence_before_header(tmp_path):
    path = tmp_path / "bad.fa"
    path.write_text("\nACGT\n>r1\nACGT\n")
    with pytest.raises(ValueError, match="line 2 holds sequence before any '>' header"):
        read_fasta(path)


def test_decode_zero_length_sequences():
    """BUG (hwlib.sequences.decode): codes of shape (N, 0) should give N empty strings (the
    docstring promises a list of N strings); decode computes range(0, 0, 0) instead."""
    try:
        out = decode(np.zeros((2, 0), dtype=np.uint8))
    except ValueError as exc:
        pytest.fail(f"BUG: decode of shape (2, 0) raised {exc!r} instead of returning ['', '']")
    assert out == ["", ""]
