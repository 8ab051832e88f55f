"""Named claims: margins, failures, the soft mode and the log that `make robustness` reads."""

import json

import pytest

from hwlib import claims


@pytest.mark.parametrize(
    ("value", "op", "threshold", "margin"),
    [(0.004, "<", 0.01, 0.006), (3.0, ">", 2.0, 1.0), (2.0, ">=", 2.0, 0.0), (5, "<=", 5, 0.0)],
)
def test_margin_is_the_distance_to_breaking_the_claim(value, op, threshold, margin):
    assert claims.check("q1.example", value, op, threshold) == pytest.approx(margin)
    assert claims.table("q1.example").loc["q1.example", "held"]


@pytest.mark.parametrize(("value", "op"), [(0.02, "<"), (0.01, "<"), (1.0, ">"), (0.5, ">=")])
def test_a_broken_claim_raises_with_its_numbers(value, op):
    with pytest.raises(claims.ClaimFailed, match="q2.broken"):
        claims.check("q2.broken", value, op, 0.01 if op == "<" else 1.0)


def test_soft_mode_records_instead_of_raising(monkeypatch, tmp_path):
    log = tmp_path / "claims.jsonl"
    monkeypatch.setenv("KIT_CLAIMS_SOFT", "1")
    monkeypatch.setenv("KIT_CLAIMS_LOG", str(log))
    assert claims.check("q3.soft", 0.02, "<", 0.01) == pytest.approx(-0.01)
    claims.check("q3.kept", 1, ">", 0)
    records = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(r["claim"], r["held"]) for r in records] == [("q3.soft", False), ("q3.kept", True)]
    assert list(claims.table("q3.").index) == ["q3.soft", "q3.kept"]


@pytest.mark.parametrize(
    ("name", "value", "op"),
    [("gap", 1, "<"), ("Q1.gap", 1, "<"), ("q1.gap", 1, "=="), ("q1.gap", float("nan"), "<")],
)
def test_bad_arguments_are_refused(name, value, op):
    with pytest.raises(ValueError, match="name|op|numbers"):
        claims.check(name, value, op, 0)
