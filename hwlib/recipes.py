"""The kit's recommended recipes, the instructor's answer to "find a model that works".

Kit-only (`tools.release.KIT_ONLY`): the students' handout holds no recipe; they find their
own (Q1's best model) and use it again in Q4 and Q5. The instructor's edition trains with
these: Q1's best model, Q4's runs and Q5's "kit" recipe, and the learning curves.
"""

from __future__ import annotations

import numpy as np

# The training settings of the kit's single-motif recipe: Adam's epochs, early stopping's
# patience and the batch size.
SINGLE_MOTIF_FIT = {"max_epochs": 300, "patience": 15, "batch_size": 128}


def kit_recipe(motif_length: int) -> dict:
    """`deepbind` arguments of the kit's recipe for motifs of up to `motif_length` bases: 32
    filters of width motif_length + 2 (a base of slack on each side), 32 hidden units, Adam at
    3e-3."""
    integer = isinstance(motif_length, (int, np.integer)) and not isinstance(motif_length, bool)
    if not integer or motif_length < 1:
        raise ValueError(f"motif_length must be an integer >= 1, got {motif_length!r}")
    return {
        "filters": 32,
        "kernel_size": int(motif_length) + 2,
        "dense_units": 32,
        "learning_rate": 3e-3,
    }
