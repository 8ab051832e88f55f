"""The robustness table: a row per claim, the draws it held and failed on, a margin per draw."""

import pandas as pd

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
                "draw": 0,
            },
            {
                "claim": "q1.a",
                "op": "<",
                "threshold": 0.01,
                "margin": -0.002,
                "held": False,
                "draw": 1,
            },
            {"claim": "q1.b", "op": ">", "threshold": 2.0, "margin": 1.5, "held": True, "draw": 0},
            {"claim": "q1.b", "op": ">", "threshold": 2.0, "margin": 0.5, "held": True, "draw": 1},
        ]
    )
    table = robustness.summarise(records).set_index("claim")
    assert table.loc["q1.a", "held_on"] == "0" and table.loc["q1.a", "failed_on"] == "1"
    assert table.loc["q1.b", "held_on"] == "0 1" and table.loc["q1.b", "failed_on"] == ""
    assert table.loc["q1.a", "margin_1"] == -0.002 and table.loc["q1.b", "margin_0"] == 1.5


def test_a_partial_run_replaces_only_its_records(tmp_path):
    path = tmp_path / "robustness_records.csv"

    def run(claim: str, draw: int, margin: float) -> dict:
        fixed = {"draw": draw, "claim": claim, "value": 0.0, "op": ">", "threshold": 0.0}
        return fixed | {"margin": margin, "held": margin > 0}

    first = [run(c, d, 1.0) for c in ("q1.a", "q2.b") for d in (0, 1)]
    robustness.merge_records(path, pd.DataFrame(first), ["q1_x", "q2_y"], [0, 1])
    again = robustness.merge_records(path, pd.DataFrame([run("q2.b", 1, -0.5)]), ["q2_y"], [1])
    table = robustness.summarise(again).set_index("claim")
    assert table.loc["q2.b", "failed_on"] == "1" and table.loc["q2.b", "held_on"] == "0"
    assert table.loc["q1.a", "held_on"] == "0 1" and len(again) == 4
