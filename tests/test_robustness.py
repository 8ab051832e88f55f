"""The robustness table: a row per claim, the runs it held and failed on, a margin per run."""

import pandas as pd
import pytest

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
