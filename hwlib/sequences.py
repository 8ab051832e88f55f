"""DNA sequences as strings and as one-hot arrays (A, C, G, T channel order)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

ALPHABET = "ACGT"
_COMPLEMENT = str.maketrans("ACGTNacgtn", "TGCANtgcan")

_ROWS = np.vstack([np.eye(4, dtype=np.float32), np.zeros((1, 4), np.float32)])  # code -> row


def encode(seqs: Sequence[str]) -> np.ndarray:
    """Integer codes (N, L) of N equal-length DNA strings: 0, 1, 2, 3 for A, C, G, T and 4 for
    N, either case; an integer dtype (uint8 is enough). Vectorised: no loop over bases.

    Raises ValueError, naming the offending sequence's index and what is allowed, for a single
    str instead of a list, an empty list, an empty sequence, a non-str item, unequal lengths
    or a character outside A, C, G, T, N (either case).
    """
    ### BEGIN SOLUTION
    if isinstance(seqs, str):
        raise ValueError("expected a list of sequences, got a single str; wrap it in a list")
    seqs = list(seqs)
    if not seqs:
        raise ValueError("expected at least one sequence, got an empty list")
    length = len(seqs[0]) if isinstance(seqs[0], str) else -1
    if length == 0:
        raise ValueError("sequence 0 is empty; sequences must have length >= 1")
    for i, s in enumerate(seqs):
        if not isinstance(s, str):
            raise ValueError(f"sequence {i} is {type(s).__name__}, expected str")
        if len(s) != length:
            raise ValueError(
                f"sequence {i} has length {len(s)} but sequence 0 has {length}; "
                "all sequences must have the same length"
            )
    # A byte -> code table: 0..3 for ACGT (either case), 4 for N, 255 for anything else.
    table = np.full(256, 255, dtype=np.uint8)
    for code, letters in enumerate(["Aa", "Cc", "Gg", "Tt", "Nn"]):
        table[[ord(c) for c in letters]] = code
    # Non-ASCII characters become "?" so that byte offsets stay character offsets.
    raw = "".join(seqs).encode("ascii", errors="replace")
    codes = table[np.frombuffer(raw, dtype=np.uint8)].reshape(len(seqs), length)
    bad_rows = np.flatnonzero((codes == 255).any(axis=1))
    if len(bad_rows):
        i = int(bad_rows[0])
        bad = sorted({c for c in seqs[i] if c not in "ACGTNacgtn"})
        raise ValueError(
            f"sequence {i} contains {''.join(bad)!r}; allowed characters are A, C, G, T, N "
            "(either case)"
        )
    return codes
    ### END SOLUTION


def one_hot(seqs: Sequence[str]) -> np.ndarray:
    """One-hot encode equal-length DNA sequences: float32 array (N, L, 4) in A, C, G, T order.

    Lower case is accepted; N gives an all-zero row. See `encode` for the errors raised.
    """
    return _ROWS[encode(seqs)]


def from_one_hot(x: np.ndarray) -> list[str]:
    """Inverse of `one_hot`: (N, L, 4) array -> list of N strings; all-zero rows become N."""
    x = np.asarray(x)
    if x.ndim != 3 or x.shape[-1] != 4:
        raise ValueError(f"expected an array of shape (N, L, 4), got {x.shape}")
    letters = np.frombuffer(b"ACGTN", dtype=np.uint8)
    idx = np.where(x.max(axis=-1) > 0, x.argmax(axis=-1), 4)
    return decode(idx.astype(np.uint8), letters)


def decode(codes: np.ndarray, letters: np.ndarray | None = None) -> list[str]:
    """Integer codes (N, L) with 0..3 for ACGT (4 for N) -> list of N strings."""
    codes = np.asarray(codes)
    if codes.ndim != 2:
        raise ValueError(f"expected codes of shape (N, L), got {codes.shape}")
    if codes.size and (codes.min() < 0 or codes.max() > 4):
        raise ValueError("codes must lie in 0..4 (A, C, G, T, N)")
    if letters is None:
        letters = np.frombuffer(b"ACGTN", dtype=np.uint8)
    length = codes.shape[1]
    if length == 0:
        return [""] * len(codes)
    text = letters[codes].tobytes().decode("ascii")
    return [text[i : i + length] for i in range(0, len(text), length)]


def reverse_complement(seq: str) -> str:
    """Reverse complement of one DNA string (ACGTN, case kept)."""
    if not isinstance(seq, str) or any(c not in "ACGTNacgtn" for c in seq):
        raise ValueError(f"expected a DNA string over ACGTN, got {seq!r}")
    return seq.translate(_COMPLEMENT)[::-1]


def write_fasta(path: str | Path, ids: Iterable[str], seqs: Iterable[str]) -> None:
    """Write records as FASTA, one sequence line per record."""
    ids, seqs = list(ids), list(seqs)
    if len(ids) != len(seqs):
        raise ValueError(f"got {len(ids)} ids for {len(seqs)} sequences; they must match")
    if any(not i or any(c.isspace() for c in i) for i in ids):
        raise ValueError("FASTA ids must be non-empty and contain no white space")
    Path(path).write_text("".join(f">{i}\n{s}\n" for i, s in zip(ids, seqs, strict=True)))


def read_fasta(path: str | Path) -> tuple[list[str], list[str]]:
    """Read FASTA into (ids, seqs); multi-line records are joined."""
    ids: list[str] = []
    chunks: list[list[str]] = []
    for n, line in enumerate(Path(path).read_text().splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        if line.startswith(">"):
            ids.append(line[1:].split()[0] if line[1:].strip() else "")
            chunks.append([])
        elif not chunks:
            raise ValueError(f"{path}: line {n} holds sequence before any '>' header")
        else:
            chunks[-1].append(line)
    return ids, ["".join(c) for c in chunks]
