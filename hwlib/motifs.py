"""From trained filters to motifs: activation-aligned PWMs, consensus, and Tomtom matching.

Matrices are position-major: a count matrix (PFM) or probability matrix (PPM) of a motif of
width K is a (K, 4) array in A, C, G, T column order. Every PPM in the kit (learned filters,
the exact implanted motif, JASPAR) is made by `to_ppm` with one pseudocount rule, so Tomtom
compares like with like.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from functools import lru_cache

import keras
import numpy as np
import pandas as pd
from memelite import tomtom as memelite_tomtom
from pyjaspar import jaspardb

from hwlib.sequences import ALPHABET

# Weight of the uniform distribution mixed into every normalised column (see `to_ppm`).
PSEUDOCOUNT = 0.1
# Flanking columns below this information content (bits) are trimmed.
MIN_IC = 0.5
# Widest filter whose 4^K K-mer scores `kmer_rank` enumerates (4^10 = 1,048,576 per filter).
MAX_RANK_WIDTH = 10
# The reference homework kept max(REFERENCE_MIN_WINDOWS, int(REFERENCE_TOP_FRAC * N)) windows
# per filter from N sequences (`reference_window_count`).
REFERENCE_TOP_FRAC, REFERENCE_MIN_WINDOWS = 0.02, 50


def _check_x(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    if x.ndim != 3 or x.shape[-1] != 4 or len(x) == 0:
        raise ValueError(f"x must be a non-empty one-hot array of shape (N, L, 4), got {x.shape}")
    return x


def _check_matrix(name: str, m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=float)
    if m.ndim != 2 or m.shape[1] != 4 or len(m) == 0:
        raise ValueError(f"{name} must have shape (K, 4) with K >= 1, got {m.shape}")
    if not np.isfinite(m).all() or (m < 0).any():
        raise ValueError(f"{name} must hold finite, non-negative values")
    return m


def _check_ppm(ppm: np.ndarray) -> np.ndarray:
    ppm = _check_matrix("ppm", ppm)
    if not np.allclose(ppm.sum(axis=1), 1.0, atol=1e-6):
        raise ValueError("ppm rows must sum to 1 (normalise counts with to_ppm)")
    return ppm


def _check_fraction(name: str, value: float, low_open: bool = False) -> None:
    ok = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    if not ok or not (0.0 < value <= 1.0 if low_open else 0.0 <= value <= 1.0):
        interval = "(0, 1]" if low_open else "[0, 1]"
        raise ValueError(f"{name} must be a number in {interval}, got {value!r}")


def _check_motif(motif: str) -> None:
    if not isinstance(motif, str) or not motif or set(motif) - set(ALPHABET):
        raise ValueError(f"motif must be a non-empty string over A, C, G, T, got {motif!r}")


def filter_activations(model: keras.Model, x: np.ndarray, layer: str = "conv1") -> np.ndarray:
    """Output of the convolution `layer` for one-hot x (N, L, 4): (N, L-K+1, F) float32."""
    x = _check_x(x)
    names = [lay.name for lay in model.layers]
    if layer not in names:
        raise ValueError(f"model has no layer {layer!r}; its layers are {names}")
    sub = keras.Model(model.inputs, model.get_layer(layer).output)
    return np.asarray(sub.predict(x, batch_size=1024, verbose=0), dtype=np.float32)


def activation_pwm(
    model: keras.Model, x: np.ndarray, threshold: float = 0.5, layer: str = "conv1"
) -> tuple[np.ndarray, np.ndarray]:
    """Count matrices of the windows that switch each filter on.

    For filter f, every window x[n, i:i+K] whose activation exceeds `threshold` times the
    filter's maximum over x is added up. Returns counts (F, K, 4) and the number of windows
    per filter (F,). A filter whose maximum is not positive (never active) has zero counts.
    """
    _check_fraction("threshold", threshold)
    ### BEGIN SOLUTION
    act = filter_activations(model, x, layer)
    width = model.get_layer(layer).kernel_size[0]
    top = act.max(axis=(0, 1))
    mask = (act > threshold * top) & (top > 0)
    windows = np.lib.stride_tricks.sliding_window_view(_check_x(x), width, axis=1)
    windows = windows.transpose(0, 1, 3, 2).reshape(-1, width * 4)
    flat = mask.reshape(-1, mask.shape[-1]).astype(np.float32)
    counts = (flat.T @ windows).reshape(-1, width, 4).astype(float)
    return counts, mask.sum(axis=(0, 1))
    ### END SOLUTION


def to_ppm(counts: np.ndarray, pseudocount: float = PSEUDOCOUNT) -> np.ndarray:
    """Probabilities (K, 4) from counts (K, 4): each column normalised to p, then mixed with the
    uniform distribution at weight `pseudocount` a, giving (p + a/4) / (1 + a).

    The rule ignores the number of sites, so a JASPAR matrix from 20 sites, a filter's matrix
    from thousands of windows and an exact motif are all blurred alike. All-zero columns
    become uniform.
    """
    counts = _check_matrix("counts", counts)
    _check_fraction("pseudocount", pseudocount)
    total = counts.sum(axis=1, keepdims=True)
    p = np.divide(counts, total, out=np.full_like(counts, 0.25), where=total > 0)
    return (p + pseudocount / 4) / (1 + pseudocount)


def motif_ppm(motif: str, pseudocount: float = PSEUDOCOUNT) -> np.ndarray:
    """The exact motif as a PPM (len(motif), 4): its one-hot counts through `to_ppm`."""
    _check_motif(motif)
    counts = np.array([[b == c for c in ALPHABET] for b in motif], dtype=float)
    return to_ppm(counts, pseudocount)


def one_mismatch(motif: str, position: int = 1) -> str:
    """`motif` with one base changed: the base at `position` replaced by the one before it in
    A, C, G, T (A by T). With the defaults, ACGTG gives AAGTG, the reference homework's best
    filter; a control for what Tomtom makes of a PWM one mismatch from the motif."""
    _check_motif(motif)
    ok = isinstance(position, (int, np.integer)) and not isinstance(position, bool)
    if not ok or not 0 <= position < len(motif):
        raise ValueError(f"position must be an integer in 0..{len(motif) - 1}, got {position!r}")
    before = ALPHABET[ALPHABET.index(motif[position]) - 1]
    return motif[:position] + before + motif[position + 1 :]


def information_content(ppm: np.ndarray) -> np.ndarray:
    """Information content (K,) in bits of each column of a PPM (K, 4): 2 + sum p log2 p."""
    ppm = _check_ppm(ppm)
    plogp = ppm * np.log2(np.where(ppm > 0, ppm, 1.0))
    return 2.0 + plogp.sum(axis=1)


def trim(ppm: np.ndarray, min_ic: float = MIN_IC) -> np.ndarray:
    """The PPM (K', 4) without its flanking columns below `min_ic` bits; columns between the
    first and last informative one are kept. A PPM with no informative column is returned
    whole."""
    if not isinstance(min_ic, (int, float)) or not 0.0 <= min_ic <= 2.0:
        raise ValueError(f"min_ic must be a number of bits in [0, 2], got {min_ic!r}")
    keep = np.flatnonzero(information_content(ppm) >= min_ic)
    ppm = np.asarray(ppm, dtype=float)
    return ppm[keep[0] : keep[-1] + 1] if len(keep) else ppm


def consensus(ppm: np.ndarray, min_prob: float = 0.5) -> str:
    """Most probable base of each column of a PPM (K, 4), or N where it is below `min_prob`."""
    ppm = _check_ppm(ppm)
    _check_fraction("min_prob", min_prob, low_open=True)
    ### BEGIN SOLUTION
    letters = np.array(list(ALPHABET))[ppm.argmax(axis=1)]
    return "".join(np.where(ppm.max(axis=1) >= min_prob, letters, "N"))
    ### END SOLUTION


def trimmed_consensus(ppm: np.ndarray, min_prob: float = 0.5, min_ic: float = MIN_IC) -> str:
    """The consensus (`consensus`) of a PPM (K, 4) once trimmed (`trim`), flanking Ns stripped."""
    return consensus(trim(ppm, min_ic), min_prob).strip("N")


def recovers(ppm: np.ndarray, motif: str, min_prob: float = 0.5, min_ic: float = MIN_IC) -> bool:
    """Whether a PPM (K, 4) has exactly `motif` as its `trimmed_consensus`.

    So every motif position has the motif's base with probability >= `min_prob`, and no extra
    flanking base is preferred: a filter that learned a shifted or extended pattern (e.g.
    NACGT, or ACGTGA) does not count, because it would also call sites that are not the motif.
    """
    _check_motif(motif)
    return trimmed_consensus(ppm, min_prob, min_ic) == motif


def filter_table(
    model: keras.Model,
    x: np.ndarray,
    motif: str,
    threshold: float = 0.5,
    pseudocount: float = PSEUDOCOUNT,
    layer: str = "conv1",
) -> pd.DataFrame:
    """One row per filter of `layer`, from its activation PWM over one-hot x (N, L, 4).

    Columns: filter, n_windows, window (consensus of the whole K-column PPM, before trimming),
    ppm (the trimmed (K', 4) PPM), consensus (of the trimmed PPM) and recovers (`recovers`).
    """
    _check_motif(motif)
    counts, n_windows = activation_pwm(model, x, threshold, layer)
    full = [to_ppm(c, pseudocount) for c in counts]
    trimmed = [trim(p) for p in full]
    return pd.DataFrame(
        {
            "filter": np.arange(len(counts)),
            "n_windows": n_windows,
            "window": [consensus(p) for p in full],
            "ppm": trimmed,
            "consensus": [consensus(p) for p in trimmed],
            "recovers": [recovers(p, motif) for p in full],
        }
    )


def motif_offset(window: str, motif: str, min_length: int = 3) -> int | None:
    """Column of a filter's K-column consensus `window` at which `motif` would start, judged
    from its longest run of non-N letters that occurs in the motif (at least `min_length`
    bases; the first occurrence in the motif is used). None if no such run: the filter has
    not learned a piece of the motif. A result outside 0..K-len(motif) means the motif
    overhangs the window's edge, so that filter cannot hold all of it.
    """
    _check_motif(motif)
    if not isinstance(window, str) or set(window) - set(ALPHABET + "N"):
        raise ValueError(f"window must be a consensus string over A, C, G, T, N, got {window!r}")
    if not isinstance(min_length, int) or min_length < 1:
        raise ValueError(f"min_length must be an integer >= 1, got {min_length!r}")
    runs = [r for r in window.split("N") if len(r) >= min_length and r in motif]
    if not runs:
        return None
    piece = max(runs, key=len)
    return window.find(piece) - motif.find(piece)


@lru_cache(maxsize=4)
def _jaspar(release: str, collection: str, tax_group: str) -> tuple:
    with warnings.catch_warnings():
        # pyjaspar warns on an empty selection; jaspar_motifs raises a ValueError instead.
        warnings.simplefilter("ignore")
        db = jaspardb(release=release)
        return tuple(db.fetch_motifs(collection=collection, tax_group=tax_group))


def jaspar_motifs(
    release: str = "JASPAR2024",
    collection: str = "CORE",
    tax_group: str = "vertebrates",
    pseudocount: float = PSEUDOCOUNT,
) -> pd.DataFrame:
    """JASPAR motifs from pyjaspar's bundled (offline) database, one row per matrix.

    Columns: matrix_id, name, tf_family, tf_class (families and classes joined by "; ") and
    ppm, a (K, 4) PPM made from the counts by `to_ppm`. The database query is cached.
    """
    found = _jaspar(release, collection, tax_group)
    if not found:
        raise ValueError(
            f"no JASPAR motifs for release={release!r}, collection={collection!r}, "
            f"tax_group={tax_group!r}"
        )
    return pd.DataFrame(
        {
            "matrix_id": m.matrix_id,
            "name": m.name,
            "tf_family": "; ".join(dict.fromkeys(m.tf_family)),
            "tf_class": "; ".join(dict.fromkeys(m.tf_class)),
            "ppm": to_ppm(np.array([m.counts[b] for b in ALPHABET], dtype=float).T, pseudocount),
        }
        for m in found
    )


def tomtom(
    queries: Sequence[np.ndarray], targets: Sequence[np.ndarray], target_ids: Sequence[str]
) -> pd.DataFrame:
    """Tomtom (memelite) p-values of every query PPM (K, 4) against every target PPM (K', 4).

    Both strands of each target are tried. One row per (query, target): query (index),
    target (id), p_value, e_value (p_value times the number of targets, as in MEME's Tomtom),
    rank (1 = the target with the smallest p-value for that query), offset, overlap and
    strand. Single-threaded, so the result does not depend on the machine.
    """
    if len(queries) == 0 or len(targets) == 0:
        raise ValueError("queries and targets must each hold at least one PPM")
    if len(target_ids) != len(targets):
        raise ValueError(f"got {len(target_ids)} target_ids for {len(targets)} targets")
    qs = [np.asfortranarray(_check_ppm(q).T) for q in queries]
    ts = [np.asfortranarray(_check_ppm(t).T) for t in targets]
    p, _, offset, overlap, strand = memelite_tomtom(qs, ts, n_jobs=1)
    n_q, n_t = p.shape
    table = pd.DataFrame(
        {
            "query": np.repeat(np.arange(n_q), n_t),
            "target": np.tile(np.asarray(target_ids, dtype=object), n_q),
            "p_value": p.ravel(),
            "e_value": p.ravel() * n_t,
            "offset": offset.ravel().astype(int),
            "overlap": overlap.ravel().astype(int),
            "strand": np.where(strand.ravel() == 0, "+", "-"),
        }
    )
    table["rank"] = table.groupby("query")["p_value"].rank(method="min").astype(int)
    return table


def filter_report(
    model: keras.Model,
    x: np.ndarray,
    motif: str,
    targets: Sequence[np.ndarray],
    target_ids: Sequence[str],
    motif_id: str,
) -> pd.DataFrame:
    """`filter_table` of every filter for `motif`, joined with Tomtom's verdict against the
    target `motif_id` (p_value, e_value, and its rank among all targets for that filter).

    Rows are ordered best first: filters that recover the motif, then by p-value, so row 0 is
    the filter to report for this model.
    """
    if motif_id not in target_ids:
        raise ValueError(f"motif_id {motif_id!r} is not among target_ids")
    table = filter_table(model, x, motif)
    hits = tomtom(list(table["ppm"]), targets, target_ids)
    verdict = hits[hits["target"] == motif_id].set_index("query")[["p_value", "e_value", "rank"]]
    table = table.join(verdict, on="filter")
    return table.sort_values(["recovers", "p_value"], ascending=[False, True], kind="stable")


def _conv_weights(model: keras.Model, layer: str) -> tuple[np.ndarray, np.ndarray]:
    names = [lay.name for lay in model.layers]
    if layer not in names:
        raise ValueError(f"model has no layer {layer!r}; its layers are {names}")
    conv = model.get_layer(layer)
    if not isinstance(conv, keras.layers.Conv1D) or conv.get_weights()[0].shape[1] != 4:
        raise ValueError(f"layer {layer!r} must be a Conv1D over one-hot DNA (4 input channels)")
    kernel, bias = conv.get_weights()
    return kernel.astype(float), bias.astype(float)


def best_kmers(model: keras.Model, n: int = 5, layer: str = "conv1") -> pd.DataFrame:
    """Each filter's `n` highest-scoring K-mers over all 4^K, K being the filter's width.

    A filter's score of a K-mer is its pre-activation on that window: the sum of the kernel's
    weight for each column's base, plus the bias. The score is additive over columns, so the
    best n K-mers all extend one of the best n prefixes of every length; keeping those is exact
    and costs O(K n) per filter, not 4^K. One row per filter and rank (n rows per filter):
    filter, rank (1 = best), kmer, score.
    """
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n must be an integer >= 1, got {n!r}")
    kernel, bias = _conv_weights(model, layer)
    width, _, n_filters = kernel.shape
    n = min(int(n), 4**width)
    rows = []
    for f in range(n_filters):
        scores, prefixes = np.zeros(1), np.zeros((1, 0), dtype=int)
        for column in kernel[:, :, f]:
            scores = (scores[:, None] + column[None, :]).ravel()
            prefixes = np.column_stack(
                [np.repeat(prefixes, 4, axis=0), np.tile(np.arange(4), len(prefixes))]
            )
            keep = np.argsort(-scores, kind="stable")[:n]
            scores, prefixes = scores[keep], prefixes[keep]
        letters = np.array(list(ALPHABET))[prefixes]
        rows += [
            {"filter": f, "rank": r + 1, "kmer": "".join(k), "score": s + bias[f]}
            for r, (k, s) in enumerate(zip(letters, scores, strict=True))
        ]
    return pd.DataFrame(rows)


def kmer_rank(model: keras.Model, kmer: str, layer: str = "conv1") -> np.ndarray:
    """Rank (F,) of `kmer` among all 4^K K-mers by each filter's score (as in `best_kmers`):
    1 plus the number of K-mers that score strictly higher. `kmer` must have the filter width
    K's length, and K at most MAX_RANK_WIDTH: the 4^K scores of a filter are all computed.
    """
    _check_motif(kmer)
    kernel, _ = _conv_weights(model, layer)
    width = kernel.shape[0]
    if len(kmer) != width or width > MAX_RANK_WIDTH:
        raise ValueError(
            f"kmer must have the filters' width {width} (at most {MAX_RANK_WIDTH}), got {kmer!r}"
        )
    scores, own = np.zeros((1, kernel.shape[2])), np.zeros(kernel.shape[2])
    for column, base in zip(kernel, kmer, strict=True):  # column (4, F)
        scores = (scores[:, None, :] + column[None, :, :]).reshape(-1, kernel.shape[2])
        own = own + column[ALPHABET.index(base)]  # summed in the same order as `scores`
    return 1 + (scores > own).sum(axis=0)


def top_windows(act: np.ndarray, n_top: int) -> tuple[np.ndarray, np.ndarray]:
    """Where each filter's `n_top` highest activations in act (N, P, F) lie (P window starts
    per sequence): the sequence index and the window's start, each (n_top, F), in no
    particular order; a tie at the cut is broken arbitrarily."""
    act = np.asarray(act)
    if act.ndim != 3 or 0 in act.shape:
        raise ValueError(f"act must be a non-empty array of shape (N, P, F), got {act.shape}")
    if not isinstance(n_top, (int, np.integer)) or isinstance(n_top, bool) or n_top < 1:
        raise ValueError(f"n_top must be an integer >= 1, got {n_top!r}")
    n_seq, n_windows, n_filters = act.shape
    if n_top > n_seq * n_windows:
        raise ValueError(f"n_top={n_top} exceeds the {n_seq * n_windows} windows of x")
    flat = act.reshape(-1, n_filters)
    top = np.argpartition(-flat, n_top - 1, axis=0)[:n_top]  # (n_top, F) window indices
    return np.divmod(top, n_windows)


def window_counts(x: np.ndarray, seq: np.ndarray, start: np.ndarray, width: int) -> np.ndarray:
    """Count matrices (F, K, 4), K = `width`, of the windows x[seq[i, f], start[i, f]:+K] of
    one-hot x (N, L, 4), added up per filter f over the rows i of seq and start (n, F)."""
    x = _check_x(x)
    seq, start = np.asarray(seq), np.asarray(start)
    if not isinstance(width, (int, np.integer)) or isinstance(width, bool) or width < 1:
        raise ValueError(f"width must be an integer >= 1, got {width!r}")
    if seq.ndim != 2 or seq.shape != start.shape or len(seq) == 0:
        raise ValueError(
            f"seq and start must share one shape (n, F), got {seq.shape}, {start.shape}"
        )
    if seq.min() < 0 or seq.max() >= len(x) or start.min() < 0 or start.max() > x.shape[1] - width:
        raise ValueError(f"windows of width {width} must lie inside x {x.shape}")
    windows = x[seq[..., None], start[..., None] + np.arange(width)]  # (n, F, K, 4)
    return windows.sum(axis=0).astype(float)


def top_activation_pwm(
    model: keras.Model, x: np.ndarray, n_top: int = 100, layer: str = "conv1"
) -> np.ndarray:
    """Count matrices (F, K, 4) of each filter's `n_top` most activating windows of one-hot x
    (N, L, 4) (`top_windows`, `window_counts`); identical windows tie, and a tie at the cut is
    broken arbitrarily. Unlike `activation_pwm`'s threshold relative to the maximum, the number
    of windows is fixed, so every filter's matrix rests on the same count.
    """
    x = _check_x(x)
    act = filter_activations(model, x, layer)
    return window_counts(x, *top_windows(act, n_top), x.shape[1] - act.shape[1] + 1)


def recovery_sensitivity(
    model: keras.Model,
    x: np.ndarray,
    motif: str,
    thresholds: Sequence[float] = (0.5, 0.75, 0.9),
    tops: Sequence[int] = (100, 1000),
    min_probs: Sequence[float] = (0.4, 0.5, 0.6),
    min_ics: Sequence[float] = (0.25, MIN_IC, 1.0),
) -> pd.DataFrame:
    """How many filters `recovers` the motif as the recovery rule's three choices move: which
    windows make a filter's PWM (activation above each of `thresholds` times the maximum, by
    `activation_pwm`, or each filter's `tops` best windows, by `top_activation_pwm`), the
    consensus' `min_probs` and the trimming's `min_ics`.

    Two rules are counted: n_recovering (`recovers`: the `trimmed_consensus` is exactly the
    motif) and n_containing (the motif occurs in the trimmed consensus, extra preferred
    flanking bases allowed). One row per setting: windows (a label), min_prob, min_ic,
    n_recovering and n_containing (filters).
    """
    _check_motif(motif)
    if len(thresholds) + len(tops) == 0:
        raise ValueError("thresholds and tops must hold at least one value between them")
    if len(min_probs) == 0 or len(min_ics) == 0:
        raise ValueError("min_probs and min_ics must each hold at least one value")
    counts = {f"activation > {t:g} max": activation_pwm(model, x, t)[0] for t in thresholds}
    counts.update({f"top {n} windows": top_activation_pwm(model, x, n) for n in tops})
    rows = []
    for label, per_filter in counts.items():
        ppms = [to_ppm(c) for c in per_filter]
        for p in min_probs:
            for ic in min_ics:
                found = [trimmed_consensus(ppm, p, ic) for ppm in ppms]
                rows.append(
                    {
                        "windows": label,
                        "min_prob": p,
                        "min_ic": ic,
                        "n_recovering": sum(f == motif for f in found),
                        "n_containing": sum(motif in f for f in found),
                    }
                )
    return pd.DataFrame(rows)


def aligned_similarity(ppm: np.ndarray, motif: str, offset: int | None = 0) -> float:
    """Mean probability a PPM (K, 4) gives the motif's M bases with the motif placed at column
    `offset`; with offset=None, the best over every placement where one of the two holds the
    other (offsets 0..K-M when M <= K, K-M..0 when the motif is longer than the PPM).

    A motif base that falls outside the PPM's columns (a negative offset places the motif's
    start before the PPM's first column) gets probability 0.25: the PPM says nothing about it,
    as a uniform column would. At a fixed offset 0 this is the reference homework's
    "similarity": a filter that holds the motif one column to the side scores as if it held
    something else.
    """
    ppm = _check_ppm(ppm)
    _check_motif(motif)
    room = len(ppm) - len(motif)
    low, high = min(0, room), max(0, room)
    fits = isinstance(offset, (int, np.integer)) and low <= offset <= high
    if offset is not None and not fits:
        raise ValueError(
            f"offset must be None or an integer in {low}..{high} (PPM of {len(ppm)} columns, "
            f"motif of {len(motif)} bases), got {offset!r}"
        )
    padded = np.vstack([np.full((-low, 4), 0.25), ppm, np.full((-low, 4), 0.25)])
    bases = np.array([ALPHABET.index(b) for b in motif])
    starts = range(low, high + 1) if offset is None else [int(offset)]
    return max(float(padded[s - low + np.arange(len(motif)), bases].mean()) for s in starts)


def reference_window_count(
    n_sequences: int, top_frac: float = REFERENCE_TOP_FRAC, minimum: int = REFERENCE_MIN_WINDOWS
) -> int:
    """Windows per filter that the reference homework's k-mer collection kept from
    `n_sequences` sequences: max(minimum, int(top_frac * n_sequences)), a fraction of the
    sequences, not of their windows (112 for its 5,600 training sequences)."""
    for name, value in (("n_sequences", n_sequences), ("minimum", minimum)):
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
    _check_fraction("top_frac", top_frac, low_open=True)
    return max(int(minimum), int(top_frac * n_sequences))


def best_similarity(
    counts: np.ndarray, motif: str, offset: int | None = 0, pseudocount: float = 0.0
) -> float:
    """The highest `aligned_similarity` to `motif` (at `offset`; None: best placement) over
    the count matrices (F, K, 4) of F filters, each made a PPM by `to_ppm(pseudocount)`. The
    default pseudocount 0 is the reference homework's (it added 1e-6 to every count)."""
    counts = np.asarray(counts, dtype=float)
    if counts.ndim != 3 or len(counts) == 0:
        raise ValueError(f"counts must have shape (F, K, 4) with F >= 1, got {counts.shape}")
    return max(aligned_similarity(to_ppm(c, pseudocount), motif, offset) for c in counts)


def misaligned_similarities(
    x: np.ndarray,
    seq: np.ndarray,
    start: np.ndarray,
    width: int,
    motif: str,
    n_draws: int,
    seed: int,
    offset: int | None = 0,
) -> np.ndarray:
    """`best_similarity` (n_draws,) of windows cut at the right positions from the wrong
    sequences: the windows (seq, start), each (n, F), of width `width`, with sequence i of
    one-hot x (N, L, 4) replaced by sequence perm[i], for `n_draws` random permutations perm
    of the N sequences (numpy generator seeded with `seed`).

    This is the reference homework's two-motif measure: it split its one-hot arrays a second
    time but kept the first split's sequences, so each window it read came from a sequence
    that had nothing to do with the activation that chose it.
    """
    x = _check_x(x)
    if not isinstance(n_draws, (int, np.integer)) or isinstance(n_draws, bool) or n_draws < 1:
        raise ValueError(f"n_draws must be an integer >= 1, got {n_draws!r}")
    rng = np.random.default_rng(seed)
    seq = np.asarray(seq)
    return np.array(
        [
            best_similarity(
                window_counts(x, rng.permutation(len(x))[seq], start, width), motif, offset
            )
            for _ in range(n_draws)
        ]
    )


def reference_similarities(
    model: keras.Model,
    x: np.ndarray,
    motifs: dict[str, str],
    n_top: int,
    n_draws: int,
    seed: int,
    layer: str = "conv1",
) -> tuple[pd.DataFrame, np.ndarray]:
    """The reference homework's similarity of a model's filters to each of `motifs` (name to
    motif), from each filter's `n_top` most activating windows of one-hot x (N, L, 4), three
    ways: with the windows cut from the sequences the activations came from, at offset 0 (the
    reference's measure done right) and at the best placement; and with the windows cut from
    other sequences (`misaligned_similarities`, `n_draws` permutations from `seed`).

    Returns a table with one row per motif (motif, "aligned, offset 0", "aligned, best
    placement", "misaligned, offset 0": the median over draws) and the draws (M, n_draws).
    """
    if not motifs:
        raise ValueError("motifs must name at least one motif")
    x = _check_x(x)
    act = filter_activations(model, x, layer)
    seq, start = top_windows(act, n_top)
    width = x.shape[1] - act.shape[1] + 1
    counts = window_counts(x, seq, start, width)
    draws = np.array(
        [misaligned_similarities(x, seq, start, width, m, n_draws, seed) for m in motifs.values()]
    )
    table = pd.DataFrame(
        {
            "motif": list(motifs),
            "aligned, offset 0": [best_similarity(counts, m) for m in motifs.values()],
            "aligned, best placement": [best_similarity(counts, m, None) for m in motifs.values()],
            "misaligned, offset 0": np.median(draws, axis=1),
        }
    )
    return table, draws
