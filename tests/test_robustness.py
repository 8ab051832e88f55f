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
