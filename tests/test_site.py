"""The static site: offline pages, an index of key figures and headline numbers, byte-stable."""

import base64
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from tools import build_site as site

ROOT = Path(__file__).resolve().parents[1]
FIGURE = ROOT / "figures" / "q1_loss_curves.png"


# Anything a page would fetch from elsewhere: a script, stylesheet, image or frame.
EXTERNAL = re.compile(r"""<(script|link|img|iframe)[^>]*(src|href)=["']?(https?:)?//""", re.I)


def _runs(**columns: list) -> pd.DataFrame:
    """A results table with the given columns."""
    return pd.DataFrame(columns)


def _kit(tmp_path: Path) -> Path:
    """A kit with an executed Q1 (one PNG output), a Q3 table only, and nothing else."""
    root = tmp_path / "kit"
    (root / "notebooks").mkdir(parents=True)
    (root / "figures").mkdir()
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Q1 · a title\n\nThe length $L$ costs nothing."),
            nbformat.v4.new_code_cell(
                "plots.save(fig)",
                execution_count=1,
                outputs=[
                    nbformat.v4.new_output(
                        "display_data",
                        data={"image/png": base64.b64encode(FIGURE.read_bytes()).decode()},
                    )
                ],
            ),
        ]
    )
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"
    nbformat.write(nb, root / "notebooks" / "q1_parameters.ipynb")
    shutil.copyfile(FIGURE, root / "figures" / "q1_loss_curves.png")
    _runs(
        seed=[0, 1, 0, 1],
        roc_auc=[0.94, 0.96, 0.80, 0.90],
        bayes_roc_auc=[0.955] * 4,
        recipe=["converged", "converged", "reference", "reference"],
    ).to_csv(root / "figures" / "q1_baseline_runs.csv", index=False)
    _runs(
        seed=[0, 1, 0],
        kernel_size=[5, 5, 3],
        roc_auc=[0.95, 0.95, 0.7],
        bayes_roc_auc=[0.955] * 3,
        recovered=[True, False, False],
    ).to_csv(root / "figures" / "q3_motif_recovery.csv", index=False)
    return root


def test_headline_gives_auc_against_the_ceiling_per_setting():
    rows = site.headline(
        _runs(
            roc_auc=[0.94, 0.96, 0.80],
            bayes_roc_auc=[0.955, 0.955, 0.9],
            kernel_size=[5, 5, 3],
            recovered=[1, 0, 0],
        ),
        "kernel_size",
        "t.csv",
    )
    assert rows.to_dict("index") == {
        3: {"models": 1, "ROC AUC": "0.800", "Bayes ceiling": "0.900", "motif recovered": "0 of 1"},
        5: {
            "models": 2,
            "ROC AUC": "0.950 ± 0.014",
            "Bayes ceiling": "0.955",
            "motif recovered": "1 of 2",
        },
    }


def test_headline_without_a_group_pools_every_row():
    rows = site.headline(_runs(roc_auc=[0.9, 0.8], bayes_roc_auc=[0.95, 0.95]), None, "t.csv")
    assert rows.to_dict("index") == {
        "all models": {"models": 2, "ROC AUC": "0.850 ± 0.071", "Bayes ceiling": "0.950"}
    }


@pytest.mark.parametrize(
    ("table", "group", "message"),
    [
        (_runs(roc_auc=[0.9]), None, r"no column \['bayes_roc_auc'\]"),
        (_runs(roc_auc=[0.9], bayes_roc_auc=[0.95]), "model", r"no column \['model'\]"),
        (_runs(roc_auc=[], bayes_roc_auc=[]), None, "no rows"),
    ],
)
def test_headline_refuses_a_malformed_table(table, group, message):
    with pytest.raises(ValueError, match=message):
        site.headline(table, group, "t.csv")


def test_index_lists_every_question_and_marks_what_is_not_built(tmp_path):
    root = _kit(tmp_path)
    out = tmp_path / "site"
    written = site.build_site(root, out)
    assert {p.relative_to(out).as_posix() for p in written} == {
        "index.html",
        "q1_parameters.html",
        "figures/q1_loss_curves.png",
    }
    index = (out / "index.html").read_text()
    sections = dict(re.findall(r'<section id="(q\d)">(.*?)</section>', index, re.S))
    assert list(sections) == ["q1", "q2", "q3", "q4", "q5", "q6"]
    q1 = sections["q1"]
    assert '<a href="q1_parameters.html">' in q1 and 'src="figures/q1_loss_curves.png"' in q1
    assert "0.950 ± 0.014" in q1 and "0.850 ± 0.071" in q1 and "0.955" in q1
    assert "not built yet" not in q1
    assert "notebook: not built yet" in sections["q3"] and "figure: not built yet" in sections["q3"]
    assert "1 of 2" in sections["q3"] and "0 of 1" in sections["q3"]
    for key in ("q2", "q4", "q5", "q6"):
        assert sections[key].count("not built yet") == 3, key
    assert (out / "figures" / "q1_loss_curves.png").read_bytes() == FIGURE.read_bytes()


def test_notebook_page_is_self_contained(tmp_path):
    root = _kit(tmp_path)
    page = (site.build_site(root, tmp_path / "site")[0].parent / "q1_parameters.html").read_text()
    assert not EXTERNAL.findall(page), "the page fetches something from outside the site"
    assert "<script src=" not in page
    assert len(re.findall(r'<img [^>]*src="data:image/png;base64,', page)) == 1
    assert '<a href="index.html">' in page
    assert 'The length <math display="inline"><mrow><mi>L</mi></mrow></math> costs nothing.' in page


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("<p>a $K$ b</p>", '<p>a <math display="inline"><mrow><mi>K</mi></mrow></math> b</p>'),
        ("<code>$K$</code> <pre>\n$K$ </pre>", "<code>$K$</code> <pre>\n$K$ </pre>"),
        ("costs \\$5, or $$ nothing", "costs \\$5, or $$ nothing"),
        (
            "$a &lt; 4^{-k}$",
            '<math display="inline"><mrow><mi>a</mi><mo>&#x0003C;</mo><msup><mn>4</mn><mrow>'
            "<mo>&#x02212;</mo><mi>k</mi></mrow></msup></mrow></math>",
        ),
    ],
)
def test_inline_tex_outside_code_becomes_mathml(page, expected):
    assert site.html_with_mathml(page) == expected


def test_the_same_inputs_give_the_same_bytes(tmp_path):
    root = _kit(tmp_path)
    a = site.build_site(root, tmp_path / "a")
    b = site.build_site(root, tmp_path / "b")
    assert [p.relative_to(tmp_path / "a") for p in a] == [p.relative_to(tmp_path / "b") for p in b]
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_two_notebooks_for_one_question_are_refused(tmp_path):
    root = _kit(tmp_path)
    shutil.copyfile(root / "notebooks" / "q1_parameters.ipynb", root / "notebooks" / "q1_b.ipynb")
    with pytest.raises(ValueError, match="several files match"):
        site.build_site(root, tmp_path / "site")


def test_a_folder_without_notebooks_is_refused(tmp_path):
    with pytest.raises(ValueError, match="no notebooks/ folder"):
        site.build_site(tmp_path, tmp_path / "site")


def test_the_real_notebooks_render_without_external_resources(tmp_path):
    pages = [p for p in site.build_site(ROOT, tmp_path) if p.suffix == ".html"]
    built = sorted(p.stem for p in (ROOT / "notebooks").glob("q[1-6]_*.ipynb"))
    assert sorted(p.stem for p in pages) == sorted([*built, "index"])
    for page in pages:
        assert not EXTERNAL.findall(page.read_text()), f"{page.name} fetches from outside"
    q2 = next(p for p in pages if p.stem.startswith("q2_")).read_text()
    prose = site.CODE.sub("", q2)
    assert "<math" in prose and not site.INLINE_MATH.search(prose), "Q2 still shows TeX"
