import pytest

from hwlib import datasets, simulate


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
