"""The robustness table: a row per claim, the runs it held and failed on, a margin per run."""

import re

import pandas as pd
import pytest

from hwlib import claims, variants
from tools import robustness


def test_summary_lists_draws_and_margins():
    records = pd.DataFrame(
        [
            {
                "claim": "q1.a",
                "op": "<",
                "threshold": 0.01,
                "margin": 0.004,
                "held": True,
                "run": "0",
            },
            {
                "claim": "q1.a",
                "op": "<",
                "threshold": 0.01,
                "margin": -0.002,
                "held": False,
                "run": "1",
            },
            {"claim": "q1.b", "op": ">", "threshold": 2.0, "margin": 1.5, "held": True, "run": "0"},
            {"claim": "q1.b", "op": ">", "threshold": 2.0, "margin": 0.5, "held": True, "run": "1"},
        ]
    )
    table = robustness.summarise(records).set_index("claim")
    assert table.loc["q1.a", "held_on"] == "0" and table.loc["q1.a", "failed_on"] == "1"
    assert table.loc["q1.b", "held_on"] == "0 1" and table.loc["q1.b", "failed_on"] == ""
    assert table.loc["q1.a", "margin_1"] == -0.002 and table.loc["q1.b", "margin_0"] == 1.5


def test_a_partial_run_replaces_only_its_records(tmp_path):
    path = tmp_path / "robustness_records.csv"

    def run(claim: str, label: str, margin: float) -> dict:
        fixed = {"run": label, "claim": claim, "value": 0.0, "op": ">", "threshold": 0.0}
        return fixed | {"margin": margin, "held": margin > 0}

    first = [run(c, d, 1.0) for c in ("q1.a", "q2.b") for d in ("0", "1")]
    robustness.merge_records(path, pd.DataFrame(first), ["q1_x", "q2_y"], ["0", "1"])
    again = robustness.merge_records(path, pd.DataFrame([run("q2.b", "1", -0.5)]), ["q2_y"], ["1"])
    table = robustness.summarise(again).set_index("claim")
    assert table.loc["q2.b", "failed_on"] == "1" and table.loc["q2.b", "held_on"] == "0"
    assert table.loc["q1.a", "held_on"] == "0 1" and len(again) == 4


def test_claims_on_the_committed_learning_curves_are_left_out(tmp_path):
    path = tmp_path / "robustness_records.csv"
    rows = [
        {"run": "0", "claim": claim, "value": 0.0, "op": ">", "threshold": 0.0}
        | {"margin": 1.0, "held": True}
        for claim in ("q5.curve_largest_within_0005", "q5.kit_near_ceiling")
    ]
    merged = robustness.merge_records(path, pd.DataFrame(rows), ["q5_x"], ["0"])
    assert list(merged["claim"]) == ["q5.kit_near_ceiling"]


def test_variants_follow_the_draws_and_keep_their_ids(tmp_path):
    path = tmp_path / "robustness_records.csv"
    rows = [
        {"run": run, "claim": "q1.a", "value": 0.0, "op": ">", "threshold": 0.0}
        | {"margin": margin, "held": margin > 0}
        for run, margin in (("robustness-2", -1.0), ("10", 2.0), ("2", 1.0), ("abc", 3.0))
    ]
    merged = robustness.merge_records(path, pd.DataFrame(rows), ["q1_x"], ["robustness-2", "10"])
    assert list(merged["run"]) == ["2", "10", "abc", "robustness-2"]
    row = robustness.summarise(merged).set_index("claim").loc["q1.a"]
    assert row["held_on"] == "2 10 abc" and row["failed_on"] == "robustness-2"
    assert [c for c in row.index if c.startswith("margin_")] == [
        "margin_2",
        "margin_10",
        "margin_abc",
        "margin_robustness-2",
    ]


def test_a_run_label_is_a_draw_or_a_canonical_variant_id():
    assert robustness.run_label(3) == "3"
    assert robustness.run_label("Robustness-0") == "robustness-0"
    with pytest.raises(ValueError, match="student_id"):
        robustness.run_label("no spaces")


ROOT = robustness.ROOT
CHECK = re.compile(
    r'claims\.check\(\s*f?"(q\d\.[^"]+)",\s*(.+?),\s*"(<|<=|>|>=)",\s*([^)\n]+?)\s*\)', re.S
)


def test_every_difference_claim_uses_the_family_bar():
    """A claim in standard errors (named ..._se) is asserted at claims.SE_BAR, never at its own
    threshold: the family-wise rule of docs/robustness.md."""
    found = [
        m
        for p in sorted((ROOT / "notebooks").glob("q*_*.py"))
        for m in CHECK.finditer(p.read_text())
    ]
    difference = [m for m in found if m.group(1).endswith("_se")]
    assert len(found) > 40 and len(difference) > 5, "the source scan found too few claims"
    loose = [m.group(1) for m in difference if m.group(4) != "claims.SE_BAR"]
    assert not loose, f"difference claims not at claims.SE_BAR: {loose}"
    assert claims.SE_BAR == 3.0


def test_the_committed_table_covers_a_class_and_no_claim_fails():
    table = pd.read_csv(ROOT / "figures" / "robustness.csv", dtype=str, keep_default_na=False)
    runs = [c.removeprefix("margin_") for c in table.columns if c.startswith("margin_")]
    missing = set(robustness.class_sample(12)) - set(runs)
    assert len(runs) >= 21 and not missing, f"runs in the table: {runs}; missing: {missing}"
    failed = table.loc[table["failed_on"] != "", "claim"].tolist()
    assert not failed, f"claims that failed on a run: {failed}"
    se = table[table["claim"].str.endswith("_se")]
    assert (se["threshold"].astype(float) == claims.SE_BAR).all(), "an _se claim off the bar"


def test_the_class_sample_is_the_first_ids_then_each_missing_length():
    sample = robustness.class_sample(12)
    assert sample[:12] == [f"class-{i}" for i in range(12)]

    def lengths(ids):
        return {
            len(m) for i in ids for m in (variants.variant(i).motif_a, variants.variant(i).motif_b)
        }

    assert lengths(sample) == {len(m) for m in variants.pool()["consensus"]} == {5, 6, 7, 8}
    for i, extra in enumerate(sample[12:], start=12):
        assert lengths([extra]) - lengths(sample[:i]), f"{extra} brings no new length"


@pytest.mark.parametrize("size", [0, -1, 2.5, True])
def test_a_class_sample_needs_a_positive_size(size):
    with pytest.raises(ValueError, match="size must be an integer"):
        robustness.class_sample(size)
