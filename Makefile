# One-command rebuilds of the kit. `make all` regenerates data, notebooks and figures;
# `make test` proves that everything still runs, that every claim holds and that its results
# agree with the committed ones (exactly where training plays no part, within stated
# tolerances where it does); `make test-exact` asks for byte-identical outputs.
SHELL := /bin/bash
.DEFAULT_GOAL := all

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
KERNEL := hwlib

HWLIB := $(wildcard hwlib/*.py)
DATA_SOURCES := hwlib/simulate.py hwlib/sequences.py hwlib/datasets.py hwlib/task.py
NOTEBOOK_SOURCES := $(sort $(wildcard notebooks/q*_*.py))
NOTEBOOKS := $(NOTEBOOK_SOURCES:.py=.ipynb)

# Reproducible kernels: fixed hash seed, no TensorFlow log noise, no oneDNN round-off drift.
export PYTHONHASHSEED := 0
export TF_CPP_MIN_LOG_LEVEL := 3
export TF_ENABLE_ONEDNN_OPTS := 0
export PYDEVD_DISABLE_FILE_VALIDATION := 1

NBVAL := $(BIN)/pytest -p no:cacheprovider --nbval-cell-timeout=1800 \
	--nbval-sanitize-with tests/nbval_sanitize.cfg
# Notebook runs under test write their figures and tables here, never into figures/.
SCRATCH := $(CURDIR)/.scratch
DRAWS ?= 0 1 2 3
# Student variants make robustness runs too: motif A of 6, 5, 7, 7 and 8 bases, B of 6 to 8
# (hwlib.variants.variant_of_length picked the first of each length).
VARIANTS ?= robustness-0 robustness-2 robustness-3 robustness-8 robustness-60
# A class nobody picked (tools.robustness.class_sample): class-0 to class-11, and class-14, the
# next id with an 8-base motif, which none of the twelve has. CLASS=0 leaves it out.
CLASS ?= 12
# Runs at once: each run is a notebook kernel; two share this 2-core machine well.
JOBS ?= 2

.PHONY: all venv data notebooks test test-exact unit nbval nbval-exact lint bench lab sync \
	clean distclean release autograde test-grading lab-test site site-test site-index robustness \
	learning-curve \
	check-platforms student-requirements

all: $(READY) data notebooks  ## venv, datasets, executed notebooks and figures

venv: $(READY)

# The venv, the pinned packages, hwlib (editable) and a Jupyter kernel that lives in the venv.
$(READY): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) \
		--display-name "Python (hwlib course kit)" >/dev/null
	@echo "compiling memelite's Tomtom with numba (once, about a minute; cached in the venv)"
	$(BIN)/python -W ignore -c "from hwlib.motifs import motif_ppm as m, tomtom; \
		tomtom([m('ACGTG')], [m('ACGTG'), m('TGCAT')], ['a', 'b'])" >/dev/null
	touch $@

data: data/MANIFEST.sha256

data/MANIFEST.sha256: $(DATA_SOURCES) | $(READY)
	$(BIN)/python -m hwlib.datasets data

notebooks: $(NOTEBOOKS)

# A notebook re-executes when its source, hwlib or the data changed.
notebooks/%.ipynb: notebooks/%.py $(HWLIB) data/MANIFEST.sha256 | $(READY)
	$(BIN)/jupytext --quiet --to ipynb --update $<
	@start=$$(date +%s); \
	cd notebooks && ../$(BIN)/jupyter nbconvert --log-level=WARN --to notebook --execute \
		--inplace --ExecutePreprocessor.kernel_name=$(KERNEL) \
		--ExecutePreprocessor.timeout=1800 --ExecutePreprocessor.record_timing=False $*.ipynb \
		&& echo "executed $*.ipynb in $$(( $$(date +%s) - start )) s"

test: $(READY) lint unit nbval test-grading site-test lab-test  ## lint, unit tests, data manifest, notebooks (claims, tolerances), assignment, site, JupyterLab

test-exact: $(READY) lint unit nbval-exact test-grading site-test lab-test  ## as `make test`, but every output byte for byte

lint: | $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check hwlib tests tools

unit: | $(READY)
	$(BIN)/pytest -p no:cacheprovider tests
	$(BIN)/python -m hwlib.datasets --check data

# Every cell runs (so every claim is checked); outputs tagged nbval-check-output (training plays
# no part in them) must be identical; trained numbers are compared by tools.compare_results.
nbval: | $(READY)
	rm -rf $(SCRATCH) && mkdir -p $(SCRATCH)
	KIT_FIGURES_DIR=$(SCRATCH) $(NBVAL) --nbval-lax notebooks
	$(BIN)/python -m tools.compare_results figures $(SCRATCH)

# The reference machine's check: every output, figure and table identical to the committed one.
nbval-exact: | $(READY)
	rm -rf $(SCRATCH) && mkdir -p $(SCRATCH)
	KIT_FIGURES_DIR=$(SCRATCH) $(NBVAL) --nbval notebooks
	cd $(SCRATCH) && for f in *; do cmp "$$f" "$(CURDIR)/figures/$$f" || exit 1; done

# ONLY=q4_noise re-measures one notebook's claims and keeps the other rows of the table;
# DRAWS= or VARIANTS= (empty) leaves the draws or the variants out.
robustness: | $(READY)  ## every claim on draws 0-3, 5 picked variants and a class nobody picked (DRAWS=, VARIANTS=, CLASS=, JOBS=, ONLY=): figures/robustness.csv
	$(BIN)/python -m tools.robustness --draws $(DRAWS) --variants $(VARIANTS) --jobs $(JOBS) \
		--class-size $(CLASS) \
		$(if $(ONLY),--notebooks $(ONLY))

check-platforms: | $(READY)  ## resolve the pins for every supported platform and Python (uv, no installs)
	$(BIN)/python tools/check_platforms.py requirements.txt tools/student_files/requirements.txt

student-requirements: | $(READY)  ## the students' pins (a subset of requirements.txt): tools/student_files/requirements.txt
	$(BIN)/python -m tools.student_requirements

bench: | $(READY)  ## generator and one-hot timings
	$(BIN)/python -m hwlib.bench

# ROSTER=roster.csv (one student id per line) also prints each student's variant and writes
# course/variants.csv.
release: | $(READY)  ## release/: what students get (notebooks, student hwlib, data, Makefile); course/: nbgrader's
	$(BIN)/python -m tools.release release --course course $(if $(ROSTER),--roster $(ROSTER))

# SUBMISSIONS: nbgrader's layout (<id>/hw/...) or one <id>.zip per student.
autograde: | $(READY)  ## grade SUBMISSIONS=DIR with nbgrader: GRADES/grades.csv and GRADES/feedback/
	@test -n "$(SUBMISSIONS)" || (echo "usage: make autograde SUBMISSIONS=DIR [GRADES=grades]" && exit 2)
	$(BIN)/python -m tools.autograde $(SUBMISSIONS) $(or $(GRADES),grades) --course course

test-grading: | $(READY)  ## release, five submissions autograded, the round trip, the cheaters
	$(BIN)/pytest -p no:cacheprovider tests/grading/assignment.py tests/grading/cheaters.py

site: | $(READY)  ## site/: the executed notebooks as offline HTML, and an index of their results
	rm -rf site
	$(BIN)/python tools/build_site.py site

# Installs Debian's chromium if missing (needs root); Playwright drives it.
CHROMIUM := command -v chromium >/dev/null || (apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

site-test: site  ## headless Chromium reads site/ offline; screenshots/ gets a picture of each page
	$(CHROMIUM)
	$(BIN)/pytest -p no:cacheprovider tests/browser/site_pages.py

site-index: site-test  ## figures/site_index.png: the README's picture of the site's index
	cp screenshots/index.png figures/site_index.png

lab-test: | $(READY)  ## JupyterLab on the release in headless Chromium: Q1 with the student's hwlib, the solution's, and run to its end under an id
	$(CHROMIUM)
	$(BIN)/pytest -p no:cacheprovider tests/browser/lab_release.py

lab: | $(READY)  ## JupyterLab on the notebooks, with the kit's kernel
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

sync: | $(READY)  ## bring every .py/.ipynb pair in step (the newer side wins)
	$(BIN)/jupytext --sync $(NOTEBOOK_SOURCES)

clean:  ## caches and generated folders (not the committed data, notebooks or figures)
	rm -rf .pytest_cache .ruff_cache .scratch release course grades site screenshots
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean  ## also the venv
	rm -rf $(VENV)

# CURVES=q5 recomputes one curve.
CURVES ?= q1 q5 q6
learning-curve: | $(READY)  ## figures/qN_learning_curve.csv: Q1's, Q5's and Q6's models on 1,000 to 40,000 training sequences
	for curve in $(CURVES); do $(BIN)/python -m hwlib.learning_curve --curve $$curve || exit 1; done
