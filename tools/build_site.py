"""A static, offline HTML site of the executed notebooks (``make site``).

Every ``notebooks/qN_*.ipynb`` becomes ``site/qN_*.html`` (nbconvert's lab template with its
outputs' images embedded, and without the scripts it would fetch from a CDN: require.js,
MathJax and mermaid). Inline TeX (``$...$``) outside code becomes MathML when the page is
built (latex2mathml), which browsers render without any script.
``site/index.html`` lists the six questions, each with its key figure (copied into
``site/figures/``) and its headline numbers read from its results table in ``figures/``: ROC
AUC (mean ± sd over seeds) against the Bayes ceiling for each setting, and how often the motif
was recovered where the table says. A question whose notebook, figure or table does not exist
yet is listed as "not built yet". The same inputs give byte-identical files.

Usage: ``python tools/build_site.py OUT_DIR [--root ROOT]`` (``make site``).
"""

import argparse
import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import jinja2
import nbformat
import pandas as pd
from latex2mathml.converter import convert as tex_to_mathml
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Question:
    """One question of the kit and where its results are.

    ``table`` and ``figure`` are file names in ``figures/``; when None, the first
    ``figures/qN_*.csv`` (or ``.png``) in alphabetical order is used. ``group`` is the
    table's column that names a setting (one headline row per value), or None when every
    row of the table is the same setting.
    """

    key: str
    title: str
    table: str | None = None
    figure: str | None = None
    group: str | None = None


QUESTIONS = (
    Question(
        "q1",
        "Parameters and hyper-parameters",
        "q1_baseline_runs.csv",
        "q1_loss_curves.png",
        "recipe",
    ),
    Question(
        "q2", "Kernel-size sweep", "q2_kernel_sweep.csv", "q2_kernel_sweep.png", "kernel_size"
    ),
    Question(
        "q3",
        "Recovering the motif from the filters",
        "q3_motif_recovery.csv",
        "q3_logos.png",
        "kernel_size",
    ),
    Question("q4", "Noise and motif probability", "q4_motif_prob.csv", group="motif_prob"),
    Question(
        "q5", "Several motifs and filter specialisation", "q5_multi_motif.csv", group="recipe"
    ),
    Question("q6", "Motif interactions: co-occurrence and spacing", "q6_models.csv", group="model"),
)

# The lab template minus everything it would load from a CDN, plus a link back to the index.
OFFLINE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}<link rel="icon" href="data:,">{%- endblock html_head_css -%}
{%- block body_header -%}{{ super() }}
<nav style="padding: 8px 16px"><a href="index.html">&larr; all questions</a></nav>
{%- endblock body_header -%}
"""

# Inline maths between single dollars (not escaped, not empty, on one line), and the elements
# whose dollars are code, not maths. The notebooks use no display maths.
INLINE_MATH = re.compile(r"(?<![\\$])\$([^$\n]+?)\$(?!\$)")
CODE = re.compile(r"(<(?:pre|code|script|style)\b.*?</(?:pre|code|script|style)>)", re.S | re.I)


def html_with_mathml(page: str) -> str:
    """``page`` (HTML) with every inline ``$tex$`` outside code, scripts and styles replaced by
    inline MathML."""

    def mathml(match: re.Match) -> str:
        tex = html.unescape(match.group(1))
        return tex_to_mathml(tex).replace(' xmlns="http://www.w3.org/1998/Math/MathML"', "")

    parts = CODE.split(page)
    return "".join(p if i % 2 else INLINE_MATH.sub(mathml, p) for i, p in enumerate(parts))


NOT_BUILT = '<p class="missing">{what}: not built yet</p>'

INDEX = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="icon" href="data:,">
<title>Motif-finding CNNs: the executed notebooks</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; color: #222; }}
section {{ border-top: 1px solid #ccc; padding: 1em 0; display: flex; gap: 1.5em; }}
section > div:first-child {{ flex: none; width: 480px; }}
section img {{ width: 100%; height: auto; border: 1px solid #eee; }}
table {{ border-collapse: collapse; margin: 0.5em 0; }}
th, td {{ padding: 2px 10px; text-align: right; border-bottom: 1px solid #eee; }}
.missing {{ color: #a33; font-style: italic; }}
</style>
</head>
<body>
<h1>Motif-finding CNNs: the executed notebooks</h1>
<p>Each question links to its executed notebook. ROC AUC is on the test sequences, mean ± sd
over the trained models (seeds) of each setting, next to the Bayes-optimal ceiling of the same
sequences: no classifier can do better.</p>
{sections}
</body>
</html>
"""


def _one(folder: Path, pattern: str) -> Path | None:
    """The single file matching ``pattern`` in ``folder``, None if none; ValueError if several."""
    found = sorted(folder.glob(pattern))
    if len(found) > 1:
        raise ValueError(f"several files match {folder / pattern}: {[p.name for p in found]}")
    return found[0] if found else None


def _figure_file(root: Path, question: Question, ext: str, name: str | None) -> Path | None:
    """The mapped file ``name`` in figures/, or the first ``qN_*.ext``; None if absent."""
    if name is not None:
        path = root / "figures" / name
        return path if path.exists() else None
    return next(iter(sorted((root / "figures").glob(f"{question.key}_*.{ext}"))), None)


def headline(table: pd.DataFrame, group: str | None, name: str) -> pd.DataFrame:
    """Per setting: models, ROC AUC mean and sd, Bayes ceiling and (if known) motif recovery.

    Raises ValueError when the table lacks a column it needs.
    """
    needed = {"roc_auc", "bayes_roc_auc"} | ({group} if group else set())
    missing = sorted(needed - set(table.columns))
    if missing:
        raise ValueError(f"{name} has no column {missing} (columns: {list(table.columns)})")
    if table.empty:
        raise ValueError(f"{name} has no rows")
    keys = table[group] if group else pd.Series("all models", index=table.index, name="setting")
    grouped = table.groupby(keys, sort=True)
    rows = pd.DataFrame(
        {
            "models": grouped.size(),
            "ROC AUC": [
                f"{m:.3f} ± {s:.3f}" if n > 1 else f"{m:.3f}"
                for m, s, n in zip(
                    grouped["roc_auc"].mean(),
                    grouped["roc_auc"].std().fillna(0),
                    grouped.size(),
                    strict=True,
                )
            ],
            "Bayes ceiling": grouped["bayes_roc_auc"].mean().map("{:.3f}".format),
        }
    )
    if "recovered" in table.columns:
        found = grouped["recovered"].agg(lambda r: int(r.astype(bool).sum()))
        rows["motif recovered"] = [
            f"{k} of {n}" for k, n in zip(found, grouped.size(), strict=True)
        ]
    return rows


def _section(root: Path, question: Question, page: str | None) -> str:
    """The index's HTML for one question."""
    heading = f"{question.key.upper()} · {html.escape(question.title)}"
    parts = []
    if page:
        parts.append(f'<h2><a href="{page}">{heading}</a></h2>')
    else:
        parts += [f"<h2>{heading}</h2>", NOT_BUILT.format(what="notebook")]
    table = _figure_file(root, question, "csv", question.table)
    if table:
        rows = headline(pd.read_csv(table), question.group, table.name)
        parts.append(rows.reset_index().to_html(classes="headline", border=0, index=False))
    else:
        parts.append(NOT_BUILT.format(what="results table"))
    figure = _figure_file(root, question, "png", question.figure)
    image = (
        f'<img src="figures/{figure.name}" alt="{question.key} key figure">'
        if figure
        else NOT_BUILT.format(what="figure")
    )
    body = "".join(parts)
    return f'<section id="{question.key}">\n<div>{image}</div>\n<div>{body}</div>\n</section>'


def render_notebook(ipynb: Path, out_dir: Path) -> Path:
    """Write ``ipynb`` as a self-contained HTML page in ``out_dir``; return its path."""
    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[jinja2.DictLoader({"offline.html.j2": OFFLINE_TEMPLATE})],
        template_file="offline.html.j2",
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(
        nbformat.read(ipynb, as_version=4), resources={"metadata": {"name": ipynb.stem}}
    )
    page = out_dir / f"{ipynb.stem}.html"
    page.write_text(html_with_mathml(body), encoding="utf-8")
    return page


def build_site(root: Path, out_dir: Path) -> list[Path]:
    """Render every question's notebook and the index into ``out_dir``; return the files."""
    if not (root / "notebooks").is_dir():
        raise ValueError(f"{root} has no notebooks/ folder")
    (out_dir / "figures").mkdir(parents=True, exist_ok=True)
    written, sections = [], []
    for question in QUESTIONS:
        ipynb = _one(root / "notebooks", f"{question.key}_*.ipynb")
        page = render_notebook(ipynb, out_dir) if ipynb else None
        figure = _figure_file(root, question, "png", question.figure)
        if figure:
            shutil.copyfile(figure, out_dir / "figures" / figure.name)
            written.append(out_dir / "figures" / figure.name)
        sections.append(_section(root, question, page.name if page else None))
        written += [page] if page else []
    index = out_dir / "index.html"
    index.write_text(INDEX.format(sections="\n".join(sections)), encoding="utf-8")
    return [index, *written]


def main() -> None:
    """Command line: ``python tools/build_site.py OUT_DIR [--root ROOT]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder for the site")
    parser.add_argument("--root", type=Path, default=ROOT, help="the kit (default: this one)")
    args = parser.parse_args()
    try:
        written = build_site(args.root, args.out_dir)
    except ValueError as error:
        raise SystemExit(f"site: {error}") from error
    for path in written:
        print(path)


if __name__ == "__main__":
    main()
