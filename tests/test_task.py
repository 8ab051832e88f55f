"""The task in one place: the committed draw uses the reference's seeds, others are derived."""

import numpy as np
import pytest

from hwlib import datasets, simulate, task, variants


@pytest.fixture(autouse=True)
def default_variant(monkeypatch):
    """Every test starts, and leaves, in the default variant."""
    monkeypatch.delenv(task.STUDENT_ID_ENV, raising=False)
    monkeypatch.delenv(task.GRADING_ID_ENV, raising=False)
    monkeypatch.setattr(task, "_chosen", [])


def test_committed_draw_uses_the_reference_seeds(monkeypatch):
    monkeypatch.delenv("KIT_DATA_SEED", raising=False)
    assert {p: task.seed(p) for p in task.REFERENCE_SEEDS} == task.REFERENCE_SEEDS


def test_another_draw_changes_every_seed_and_the_data(monkeypatch):
    monkeypatch.setenv("KIT_DATA_SEED", "3")
    seeds = {p: task.seed(p) for p in task.REFERENCE_SEEDS}
    assert len(set(seeds.values())) == len(seeds)
    assert all(seeds[p] != task.REFERENCE_SEEDS[p] for p in seeds)
    other = datasets.generate("single_motif")
    monkeypatch.setenv("KIT_DATA_SEED", "0")
    committed = datasets.generate("single_motif")
    assert other.params == committed.params and len(other) == len(committed)
    assert other.seqs != committed.seqs
    assert other.params["motif"] == task.motif()


@pytest.mark.parametrize("raw", ["-1", "x", "1.5"])
def test_a_bad_draw_is_refused(monkeypatch, raw):
    monkeypatch.setenv("KIT_DATA_SEED", raw)
    with pytest.raises(ValueError, match="KIT_DATA_SEED"):
        task.seed("split")


def test_unknown_purpose_is_refused():
    with pytest.raises(ValueError, match="purpose"):
        task.seed("q7")


def test_load_split_is_the_seeded_stratified_split(monkeypatch, tmp_path):
    monkeypatch.setenv("KIT_DATA_SEED", "2")
    datasets.write(datasets.generate("interaction"), "interaction", tmp_path)
    train, val, test = datasets.load_split("interaction", tmp_path)
    assert (len(train), len(val), len(test)) == (5600, 800, 1600)
    assert np.isclose(test.labels.mean(), 0.5)
    monkeypatch.setenv("KIT_DATA_SEED", "0")  # the data know their draw; the environment no more
    again = datasets.load_split("interaction", tmp_path)[2]
    assert test.seqs == again.seqs


def test_purposes_are_appended_so_earlier_derived_seeds_stay():
    # Derived seeds hang on a purpose's index in REFERENCE_SEEDS: new purposes go at the end.
    first = ["single_motif", "multi_motif", "interaction", "split", "learning_curve"]
    assert list(task.REFERENCE_SEEDS)[: len(first)] == first
    assert list(task.REFERENCE_SEEDS)[-1] == "interaction_matched"
    # Values taken before interaction_matched was added.
    before = {"single_motif": 1835504127, "interaction": 1596810411, "split": 4010755824}
    assert {p: task.seed(p, 1) for p in before} == before
    assert task.seed("learning_curve", 1) == 3549136632


def test_no_id_is_the_default_variant_and_the_committed_data(monkeypatch):
    monkeypatch.delenv("KIT_DATA_SEED", raising=False)
    assert task.current() == variants.DEFAULT and task.data_seed() == 0
    assert datasets.load("single_motif").seqs == datasets.generate("single_motif").seqs


def test_a_students_variant_sets_the_motifs_the_draw_and_the_data(monkeypatch):
    monkeypatch.delenv("KIT_DATA_SEED", raising=False)
    chosen = task.use("s1234567")
    assert chosen == variants.variant("s1234567") == task.current()
    assert task.motif() == chosen.motif_a and task.motifs() == (chosen.motif_a, chosen.motif_b)
    assert task.data_seed() == chosen.draw
    single, pair = datasets.load("single_motif"), datasets.load("interaction")
    assert single.params["motif"] == chosen.motif_a
    assert (pair.params["motif_a"], pair.params["motif_b"]) == task.motifs()
    positives = np.array(single.seqs)[single.labels == 1]
    assert all(chosen.motif_a in s for s in positives)
    train, val, test = datasets.load_split("multi_motif")
    assert (len(train), len(val), len(test)) == (5600, 800, 1600)
    assert test.params["motif_b"] == chosen.motif_b
    again = simulate.split(datasets.generate("multi_motif"), seed=task.seed("split", chosen.draw))
    assert again[2].seqs == test.seqs, "the split is the variant's own draw's"


def test_two_students_get_different_motifs_and_data(monkeypatch):
    monkeypatch.delenv("KIT_DATA_SEED", raising=False)
    first = (task.use("alice"), datasets.load("single_motif").seqs)
    second = (task.use("bob"), datasets.load("single_motif").seqs)
    assert first[0].motif_a != second[0].motif_a and first[1] != second[1]
    task.use("alice")
    assert datasets.load("single_motif").seqs == first[1]


def test_the_environment_selects_a_variant_unless_the_notebook_does(monkeypatch):
    monkeypatch.setenv(task.STUDENT_ID_ENV, "bob")
    assert task.current() == variants.variant("bob")
    assert task.use("alice") == task.current() == variants.variant("alice")
    assert task.use("") == task.current() == variants.variant("bob"), "'' leaves it to the env"
    monkeypatch.delenv(task.STUDENT_ID_ENV)
    assert task.current() == variants.DEFAULT


def test_using_restores_the_previous_choice():
    task.use("alice")
    with task.using("bob") as inside:
        assert inside == task.current() == variants.variant("bob")
    assert task.current() == variants.variant("alice")
    with pytest.raises(RuntimeError), task.using("carol"):
        raise RuntimeError
    assert task.current() == variants.variant("alice")


def test_graded_is_the_grading_ids_variant_when_set(monkeypatch):
    task.use("alice")
    assert task.graded() == variants.variant("alice")
    monkeypatch.setenv(task.GRADING_ID_ENV, "Bob")
    assert task.graded() == variants.variant("bob") and task.current().student_id == "alice"


def test_describe_names_the_id_motifs_and_draw():
    assert task.describe() == (
        "the default variant: motif A ACGTG (5 bases), motif B TGCAT (5 bases), data draw 0"
    )
    chosen = task.use("alice")
    line = task.describe()
    assert line.startswith("student alice: motif A " + chosen.motif_a)
    assert line.endswith(f"data draw {chosen.draw}")


def test_a_students_variant_refuses_another_draw(monkeypatch):
    monkeypatch.setenv("KIT_DATA_SEED", "2")
    task.use("alice")
    with pytest.raises(ValueError, match="unset KIT_DATA_SEED"):
        task.data_seed()


def test_a_bad_id_is_refused_before_anything_changes():
    with pytest.raises(ValueError, match="student_id"):
        task.use("no spaces allowed")
    assert task.current() == variants.DEFAULT


def test_variants_off_gives_every_id_the_default(monkeypatch, tmp_path):
    switch = tmp_path / "variants-off"
    switch.write_text("")
    monkeypatch.setattr(task, "VARIANTS_OFF", switch)
    monkeypatch.setenv(task.GRADING_ID_ENV, "bob")
    assert task.use("alice") == task.current() == task.graded() == variants.DEFAULT
    assert "variants are off" in task.describe()
    with pytest.raises(ValueError, match="student_id"):
        task.use("no spaces allowed")
    switch.unlink()
    assert task.current() == variants.variant("alice") and task.graded() == variants.variant("bob")


def test_the_id_is_written_once_and_read_back(tmp_path):
    assert task.student_id(tmp_path) == "", "no file: no id (the kit's default variant)"
    path = task.write_student_id(" ada ", tmp_path)
    assert path == tmp_path / task.ID_FILE and path.read_text() == "ada\n"
    assert task.student_id(tmp_path) == "ada"


@pytest.mark.parametrize("student", ["", "  ", "../ada", "two words", 7])
def test_an_empty_or_malformed_id_is_not_written(tmp_path, student):
    with pytest.raises(ValueError, match="student id|student_id"):
        task.write_student_id(student, tmp_path)
    assert not (tmp_path / task.ID_FILE).exists()


def test_a_malformed_id_in_the_file_is_refused_naming_the_file(tmp_path):
    (tmp_path / task.ID_FILE).write_text("../ada\n")
    with pytest.raises(ValueError, match="student_id.txt.*not allowed"):
        task.student_id(tmp_path)
