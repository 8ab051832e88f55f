"""The task in one place: the committed draw uses the reference's seeds, others are derived."""

import numpy as np
import pytest

from hwlib import datasets, task


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
    assert other.params["motif"] == task.MOTIF


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
