import numpy as np
import pytest

from hwlib import datasets, simulate, task


@pytest.fixture
def small_registry(monkeypatch):
    registry = {
        "single_motif": (simulate.single_motif, {"n_pos": 20, "n_neg": 30}),
        "interaction": (simulate.interaction, {"n_pos": 25, "n_neg": 25}),
    }
    monkeypatch.setattr(datasets, "DATASETS", registry)
    return registry


def test_written_dataset_loads_back_identical(tmp_path, small_registry):
    datasets.write_all(tmp_path)
    for name in small_registry:
        loaded, fresh = datasets.load(name, tmp_path), datasets.generate(name)
        assert loaded.task == fresh.task and loaded.params == fresh.params
        assert loaded.seqs == fresh.seqs
        assert (loaded.labels == fresh.labels).all()
        assert (loaded.negative_mode == fresh.negative_mode).all()
        assert loaded.sites.equals(fresh.sites)


def test_fasta_ids_carry_the_label(tmp_path, small_registry):
    datasets.write_all(tmp_path)
    headers = [
        line for line in (tmp_path / "single_motif.fa").read_text().splitlines() if line[0] == ">"
    ]
    labels = datasets.generate("single_motif").labels
    assert [h.split("|")[1] for h in headers] == [f"label={y}" for y in labels]


def test_check_passes_then_catches_a_changed_file(tmp_path, small_registry):
    datasets.write_all(tmp_path)
    assert datasets.check(tmp_path) == []
    manifest = tmp_path / "MANIFEST.sha256"
    manifest.write_text(manifest.read_text().replace("a", "b", 1))
    assert datasets.check(tmp_path) != []


def test_load_errors(tmp_path, small_registry):
    with pytest.raises(ValueError, match="unknown dataset 'nope'"):
        datasets.load("nope", tmp_path)
    with pytest.raises(ValueError, match="run `make data` first"):
        datasets.load("single_motif", tmp_path)


def test_check_catches_an_edited_data_file(tmp_path, small_registry):
    datasets.write_all(tmp_path)
    sites = tmp_path / "interaction.sites.tsv"
    sites.write_text(sites.read_text() + "0\tA\tACGTG\t0\t5\n")
    assert datasets.check(tmp_path) == ["interaction.sites.tsv on disk"]
    sites.unlink()
    assert datasets.check(tmp_path) == ["interaction.sites.tsv on disk"]


def test_q4_datasets_differ_only_in_motif_probability():
    probs = {n: kw.get("motif_prob", 1.0) for n, (_, kw) in datasets.DATASETS.items()}
    assert {probs[n] for n in probs if n.startswith("single_motif")} == {1.0, 0.8, 0.6, 0.4}


def test_matched_dataset_is_the_interaction_task_with_matched_positions():
    (default, kw_default), (matched, kw_matched) = (
        datasets.DATASETS[n] for n in ("interaction", "interaction_matched")
    )
    assert default is matched is simulate.interaction
    assert kw_matched == {**kw_default, "matched_positions": True}


def test_each_dataset_is_drawn_with_its_purpose_seed(monkeypatch):
    monkeypatch.delenv("KIT_DATA_SEED", raising=False)
    expected = {
        "single_motif": "single_motif",
        "multi_motif": "multi_motif",
        "interaction": "interaction",
        "interaction_matched": "interaction_matched",
        # Q4's datasets share single_motif's seed (the reference's), as before.
        **{f"single_motif_p{p}": "single_motif" for p in (80, 60, 40)},
    }
    assert {n: datasets.purpose(n) for n in datasets.DATASETS} == expected
    with pytest.raises(ValueError, match="unknown dataset"):
        datasets.purpose("nope")


def small(monkeypatch, name):
    """The named dataset's generator and arguments, at 60 sequences."""
    generator, kwargs = datasets.DATASETS[name]
    monkeypatch.setitem(datasets.DATASETS, name, (generator, {**kwargs, "n_pos": 30, "n_neg": 30}))
    return generator, datasets.arguments(name)


@pytest.mark.parametrize("draw", ["0", "3"])
def test_generate_uses_the_purpose_seed(monkeypatch, draw):
    monkeypatch.setenv("KIT_DATA_SEED", draw)
    for name, purpose in [
        ("interaction_matched", "interaction_matched"),
        ("single_motif_p60", "single_motif"),
    ]:
        generator, kwargs = small(monkeypatch, name)
        fresh = datasets.generate(name)
        assert fresh.seqs == generator(**kwargs, seed=task.seed(purpose)).seqs
    small(monkeypatch, "interaction")
    default, matched = (datasets.generate(n) for n in ("interaction", "interaction_matched"))
    assert matched.params == {**default.params, "matched_positions": True}
    # Its own seed: not the default's backgrounds with the motifs moved.
    assert task.seed("interaction_matched") != task.seed("interaction")
    assert sum(a[:20] == b[:20] for a, b in zip(default.seqs, matched.seqs, strict=True)) < 5


def test_the_committed_matched_data_load_and_split():
    data = datasets.load("interaction_matched")
    assert data.params["matched_positions"] is True and len(data) == 8000
    train, val, test = datasets.load_split("interaction_matched")
    assert (len(train), len(val), len(test)) == (5600, 800, 1600)
    assert set(test.negative_mode[test.labels == 0]) == set(simulate.NEGATIVE_MODES)
    far = test.sites.set_index("seq").loc[np.flatnonzero(test.negative_mode == "far_apart")]
    starts = far.pivot_table(index="seq", columns="name", values="start")
    gap = starts["B"] - starts["A"] - len(data.params["motif_a"])
    assert (gap == data.params["gap_max"] + 1).all()


def test_fresh_data_of_a_named_task_has_its_size_and_seed():
    fresh = datasets.generate("multi_motif", seed=5, n=101)
    assert len(fresh) == 101 and int(fresh.labels.sum()) == 50
    assert fresh.seqs == datasets.generate("multi_motif", seed=5, n=101).seqs
    assert fresh.seqs != datasets.generate("multi_motif", seed=6, n=101).seqs
    assert fresh.params["motif_a"] == datasets.generate("multi_motif").params["motif_a"]
    with pytest.raises(ValueError, match="n must be an integer >= 2"):
        datasets.generate("multi_motif", n=1)
