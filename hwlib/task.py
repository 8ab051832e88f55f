"""The kit's task in one place: which variant and which draw of the data the notebooks use.

A variant (`hwlib.variants`) is a student's own homework: a draw of the data and the task's
motifs, derived from a student id. The student writes the id once, in student_id.txt beside
the notebooks (`make id ID=...` in the handout), and each notebook's first code cell selects
it (`use(student_id())`); with no id, `KIT_STUDENT_ID` in the environment does (so that
`make robustness` can run the notebooks unchanged on a variant), and without either the
default variant is used: the committed data, motifs ACGTG and TGCAT.

`KIT_GRADING_ID`, when set, is the id a run is checked against: `graded()` is that id's
variant, which `hwlib.checks.own_variant` compares with the data the notebook ran on (an
instructor re-running a submission by hand sets it; the autograder reads the submission's
student_id.txt instead, without running it).

A file named `variants-off` at the kit's top level (beside hwlib/) turns variants off: every
id, the student's and the grader's, then gets the default variant. `make release` copies it
into the release, so that students' runs and the autograder agree.

In the default variant `KIT_DATA_SEED` selects the draw: unset or 0 is the committed draw
(the reference homework's seeds); any other non-negative integer regenerates every dataset,
and every train/validation/test split, from seeds derived from it, with the same generators,
sizes and parameters. `make robustness` runs the notebooks unchanged on such draws. A
student's variant fixes its own draw, so KIT_DATA_SEED must then be unset or 0.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from hwlib import variants

STUDENT_ID_ENV = "KIT_STUDENT_ID"
ID_FILE = "student_id.txt"  # the student's id, once, beside the handout's notebooks
GRADING_ID_ENV = "KIT_GRADING_ID"
VARIANTS_OFF = Path(__file__).resolve().parents[1] / "variants-off"
_chosen: list[str] = []  # the id given to `use` in this process, if any

# The committed draw uses the reference homework's seeds: one per generator, one for splits.
REFERENCE_SEEDS = {"single_motif": 42, "multi_motif": 7, "interaction": 13, "split": 42}
# Fresh data beyond the committed datasets (Q1's learning curve); appended, so the derived seeds
# of the purposes above stay as they were.
REFERENCE_SEEDS["learning_curve"] = 2024
# Q6's position-matched interaction data (not in the reference homework): a seed of its own.
REFERENCE_SEEDS["interaction_matched"] = 31


# Training seeds of the notebooks' experiments: five in the instructor's edition; three in the
# handout, where each notebook must run in about three minutes with the solution in place.
KIT_SEEDS, HANDOUT_SEEDS = 5, 3


# The questions whose best model a student saves (`models.save_best`) and the grader scores on
# fresh sequences, with each one's dataset.
BEST_MODEL_TASKS = {"q1": "single_motif", "q5": "multi_motif", "q6": "interaction"}


def best_model_file(question: str) -> str:
    """The file the best model of `question` (one of BEST_MODEL_TASKS) is saved in."""
    if question not in BEST_MODEL_TASKS:
        raise ValueError(f"question must be one of {sorted(BEST_MODEL_TASKS)}, got {question!r}")
    return f"{question}_best.keras"


def in_handout() -> bool:
    """True in the students' edition, whose hwlib has no graders' checks (there every student
    has an id); False in the kit, where an empty id is the default variant."""
    return not Path(__file__).with_name("grader_checks.py").exists()


def seeds() -> list[int]:
    """The seeds the notebooks train with: 0 to 4 in the kit, 0 to 2 in the handout."""
    return list(range(HANDOUT_SEEDS if in_handout() else KIT_SEEDS))


def use(student_id: str) -> variants.Variant:
    """Select the variant of `student_id` for this process: every dataset, split and motif the
    kit hands out from now on is that variant's. "" leaves the choice to KIT_STUDENT_ID (the
    default variant when unset). Returns the variant in use."""
    variants.variant(student_id)  # refuses a malformed id before anything changes
    _chosen[:] = [student_id] if student_id else []
    return current()


def _variant_of(student_id: str) -> variants.Variant:
    """The variant of an id; the default for every id when variants are off."""
    chosen = variants.variant(student_id)
    return variants.DEFAULT if VARIANTS_OFF.exists() else chosen


def current() -> variants.Variant:
    """The variant in use: the one `use` selected, else KIT_STUDENT_ID's, else the default."""
    return _variant_of(_chosen[0] if _chosen else os.environ.get(STUDENT_ID_ENV, ""))


@contextmanager
def using(student_id: str) -> Iterator[variants.Variant]:
    """`use(student_id)` inside a with-block, and the previous choice restored after it."""
    before = list(_chosen)
    try:
        yield use(student_id)
    finally:
        _chosen[:] = before


def graded() -> variants.Variant:
    """The variant a run is checked against: KIT_GRADING_ID's if set, else the variant in
    use."""
    grading_id = os.environ.get(GRADING_ID_ENV, "")
    return _variant_of(grading_id) if grading_id else current()


def student_id(folder: Path | str = ".") -> str:
    """The student id written in `folder`/student_id.txt (ID_FILE, one line; the notebooks'
    folder by default), or "" when there is no such file (the kit's notebooks). Raises
    ValueError for an id that is not a valid one (hwlib.variants' rule)."""
    path = Path(folder) / ID_FILE
    written = path.read_text(encoding="utf-8").strip() if path.is_file() else ""
    try:
        variants.variant(written)
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None
    return written


def write_student_id(student: str, folder: Path | str = ".") -> Path:
    """Write `student` (a non-empty, valid id) to `folder`/student_id.txt; return its path."""
    if not isinstance(student, str) or not student.strip():
        raise ValueError(f"expected your student id, a non-empty string, got {student!r}")
    variants.variant(student.strip())
    path = Path(folder) / ID_FILE
    path.write_text(student.strip() + "\n", encoding="utf-8")
    return path


def describe(chosen: variants.Variant | None = None) -> str:
    """One line naming a variant (default: the one in use): its id, motifs and draw."""
    chosen = current() if chosen is None else chosen
    who = f"student {chosen.student_id}" if chosen.student_id else "the default variant"
    if VARIANTS_OFF.exists():
        who += f" (variants are off: {VARIANTS_OFF.name} is present)"
    return (
        f"{who}: motif A {chosen.motif_a} ({len(chosen.motif_a)} bases), motif B "
        f"{chosen.motif_b} ({len(chosen.motif_b)} bases), data draw {chosen.draw}"
    )


def motif() -> str:
    """Q1 to Q4's implanted motif (the variant's motif A)."""
    return current().motif_a


def motifs() -> tuple[str, str]:
    """Q5 and Q6's motifs A and B."""
    chosen = current()
    return chosen.motif_a, chosen.motif_b


def data_seed() -> int:
    """The draw in use: a student variant's own, else KIT_DATA_SEED's (0, the committed draw,
    when unset)."""
    raw = os.environ.get("KIT_DATA_SEED", "0")
    if not raw.isdigit():
        raise ValueError(f"KIT_DATA_SEED must be a non-negative integer, got {raw!r}")
    chosen = current()
    if chosen == variants.DEFAULT:
        return int(raw)
    if int(raw):
        raise ValueError(
            f"student {chosen.student_id!r}'s variant fixes its own draw; unset KIT_DATA_SEED "
            f"(it is {raw}) or use the default variant"
        )
    return chosen.draw


def seed(purpose: str, draw: int | None = None) -> int:
    """The seed of one purpose on `draw` (default: the draw KIT_DATA_SEED selects): the
    reference seed on draw 0, else a seed derived from (draw, purpose) by numpy's SeedSequence.

    Purposes: a generator ("single_motif", "multi_motif", "interaction"), the data splits
    ("split"), Q1's fresh data ("learning_curve") and Q6's position-matched interaction data
    ("interaction_matched")."""
    if purpose not in REFERENCE_SEEDS:
        raise ValueError(f"unknown purpose {purpose!r}; expected one of {sorted(REFERENCE_SEEDS)}")
    draw = data_seed() if draw is None else draw
    if not isinstance(draw, int) or isinstance(draw, bool) or draw < 0:
        raise ValueError(f"draw must be a non-negative integer, got {draw!r}")
    if draw == 0:
        return REFERENCE_SEEDS[purpose]
    index = list(REFERENCE_SEEDS).index(purpose)
    return int(np.random.SeedSequence([draw, index]).generate_state(1)[0])
