# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python (hwlib course kit)
#     language: python
#     name: hwlib
# ---

# %% [markdown]
# # Q3 · Does the model recover the implanted motif?
#
# **Question.** The positives carry your motif of $L$ bases (printed below). After training,
# is some convolution filter that motif, and how sure can we be?
#
# **What the reference did.** For its motif `ACGTG` it trained one model (16 filters of width 5,
# 10 epochs) and scored each filter's PWM by the motif positions it got right. Its best filter
# read `AAGTG`, and it concluded that the motif was not recovered.

# %% [markdown] tags=["instructor"]
# **Question.** The positives carry an implanted motif of $L$ bases (`hwlib.task.motif()`,
# printed below). After training, does some convolution filter *be* that motif, and how sure
# can we be?
#
# **What the reference did.** For its motif `ACGTG` ($L = 5$) it trained one model (16 filters
# of width 5, the motif's length; 10 epochs at learning rate $10^{-3}$), took each filter's
# 112 top-scoring 5-mers (its rule keeps max(50, 2% of the training *sequences*) windows per
# filter, 112 of 5,600, not 2% of all windows; `motifs.reference_window_count`), and scored a
# filter by the fraction of motif positions its PWM got right. Here, unlike in its two-motif
# cell (Q5), the windows were cut from the sequences the activations came from. The best filter
# read `AAGTG` (similarity 0.80), one mismatch from the motif, and it concluded that the motif
# was not recovered.
#
# **Plan.** Train to convergence over several seeds and three kernel widths; turn every filter
# into a PWM from the windows that switch it on; call a filter a recovery only if its
# PWM's consensus *is* the motif; match filters to the motif and to the JASPAR database with
# Tomtom; ask which transcription factors bind the motif, with its JASPAR record as the
# ground truth; and check, base by base, what the trained model attends to.

# %% [markdown]
# **Your variant.** Your motifs and data come from your student id, written once for all six
# notebooks in `student_id.txt` beside them (`make id ID=<your id>` writes it). Run the
# notebook from the top: the next cell prints your motifs.

# %% [markdown] tags=["instructor"]
# The instructor's edition has no `student_id.txt`: the kit's default variant (motifs `ACGTG` and `TGCAT`).

# %% tags=["nbval-check-output"]
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Markdown, display
from scipy import stats

from hwlib import (
    bayes,
    checks,
    claims,
    datasets,
    interpret,
    logos,
    metrics,
    models,
    motifs,
    plots,
    probes,
    task,
    training,
)

STUDENT_ID = task.student_id()
print(task.describe(task.use(STUDENT_ID)))

data = datasets.load("single_motif")
train_set, val_set, test_set = datasets.load_split("single_motif")
MOTIF = data.params["motif"]
ceiling = bayes.ceiling(test_set)
KERNELS, SEEDS = [len(MOTIF), len(MOTIF) + 2, len(MOTIF) + 6], task.seeds()
FIT = {"max_epochs": 300, "patience": 10, "batch_size": 128}
print(f"motif {MOTIF}; Bayes ceiling on the test set: ROC AUC {ceiling['roc_auc']:.3f}")

# %% tags=["autograded", "points-1", "nbval-check-output"]
print(checks.own_variant(STUDENT_ID, "single_motif", data))

# %% [markdown]
# ## 0. Your tools
#
# Write four functions (restart the kernel after editing `hwlib`):
#
# - `motifs.activation_pwm(model, x, threshold)`: for each filter of the layer `conv1`, add
#   up the one-hot windows of `x` whose activation exceeds `threshold` times that filter's
#   maximum over `x`; return the counts (filters, width, 4) and the number of windows per filter.
# - `motifs.consensus(ppm, min_prob)`: the most probable base of each column, or `N` where its
#   probability is below `min_prob`.
# - `interpret.ism(model, x)`: in-silico mutagenesis, the change in the model's output for
#   every single-base substitution, (N, L, 4), 0 at each sequence's own base.
# - `interpret.grad_times_input(model, x)`: the gradient of the output with respect to the
#   one-hot input, times the input.
#
# Grading uses other cases than the checks below.

# %% [markdown] tags=["instructor"]
# This question reads trained filters and models with four functions you write (restart the
# kernel after editing `hwlib`):
#
# - `motifs.activation_pwm(model, x, threshold)`: for each filter of the layer `conv1`, add
#   up the one-hot windows of `x` whose activation exceeds `threshold` times that filter's
#   maximum over `x`; return the counts (filters, width, 4) and the number of windows per filter.
# - `motifs.consensus(ppm, min_prob)`: the most probable base of each column, or `N` where its
#   probability is below `min_prob`.
# - `interpret.ism(model, x)`: in-silico mutagenesis, the change in the model's output for
#   every single-base substitution, (N, L, 4), 0 at each sequence's own base.
# - `interpret.grad_times_input(model, x)`: the gradient of the output with respect to the
#   one-hot input, times the input.
#
# The checks replay stored cases: a model with one filter set by hand to a one-hot motif (its
# counts, and the consensus that must give that motif back), random PPMs, and small models for
# ISM and gradient x input; a failing case says which call differs and by how much. Grading
# uses other cases, computed independently (loops, finite differences).

# %% tags=["autograded", "points-3", "nbval-check-output"]
print(checks.activation_pwm(motifs.activation_pwm, motifs.consensus))
### BEGIN HIDDEN TESTS
from hwlib import grader_checks

grader_checks.activation_pwm(motifs.activation_pwm, motifs.consensus, seed=9)
### END HIDDEN TESTS

# %% tags=["autograded", "points-1", "nbval-check-output"]
print(checks.consensus(motifs.consensus))
### BEGIN HIDDEN TESTS
from hwlib import grader_checks

grader_checks.consensus(motifs.consensus, seed=4)
### END HIDDEN TESTS

# %% tags=["autograded", "points-2", "nbval-check-output"]
print(checks.ism(interpret.ism))
### BEGIN HIDDEN TESTS
from hwlib import grader_checks

grader_checks.ism(interpret.ism, seed=6)
### END HIDDEN TESTS

# %% tags=["autograded", "points-2", "nbval-check-output"]
print(checks.grad_times_input(interpret.grad_times_input))
### BEGIN HIDDEN TESTS
from hwlib import grader_checks

grader_checks.grad_times_input(interpret.grad_times_input, seed=8)
### END HIDDEN TESTS

# %% [markdown]
# ## 1. Training: three kernel widths, several seeds each
#
# Q1's baseline trained to convergence, with kernel widths $L$, $L + 2$ and $L + 6$.

# %% [markdown] tags=["instructor"]
# Q1's converged training of the baseline: 16 filters, 32 hidden units, Adam at
# $3 \cdot 10^{-3}$, early stopping with patience 10. Kernel width $L$, the motif's length, is
# the reference's choice; $L + 2$ (the width of the kit's recommended recipe) and $L + 6$ leave
# room around it.

# %%
L = len(MOTIF)
K_MOTIF, RECOMMENDED, K_WIDE = KERNELS  # L, L + 2, L + 6
print(f"L = {L}: kernel widths {KERNELS}")
configs = {
    k: (
        lambda k=k: models.deepbind(seq_len=101, filters=16, kernel_size=k),
        train_set,
        val_set,
        test_set,
    )
    for k in KERNELS
}
sweep, by_kernel = training.grid_sweep(configs, SEEDS, column="kernel_size", **FIT)
runs = {(k, s): r for k, results in by_kernel.items() for s, r in zip(SEEDS, results, strict=True)}
metrics.mean_sd(sweep, "kernel_size").assign(bayes_roc_auc=ceiling["roc_auc"]).round(3)

# %% [markdown]
# ## 2. From a filter to a PWM
#
# A filter's PWM stacks the training windows that switch it on (above half its maximum) and
# counts bases per column, with a pseudocount; flanking columns below 0.5 bits are trimmed.
# A filter **recovers** the motif when its trimmed PWM's consensus (`N` where no base reaches
# 0.5), flanking `N`s stripped, is exactly the motif. The filters of each width's seed-0 model:

# %% [markdown] tags=["instructor"]
# A filter is a $K \times 4$ weight matrix; what it *detects* is clearer from the sequences
# that switch it on. For each filter, take every window of the training sequences whose
# activation exceeds half the filter's maximum over them, stack the windows, and count bases
# per column (`motifs.activation_pwm`). Counts become probabilities with a pseudocount rule
# shared by every matrix in this notebook: each column is mixed with the uniform distribution
# at weight 0.1, $(p + 0.1/4)/1.1$, whatever the number of windows (`motifs.to_ppm`). Flanking
# columns below 0.5 bits are trimmed.
#
# **Recovered** means: the trimmed PWM's consensus (the most probable base of each column,
# `N` where it is below 0.5), with flanking `N`s stripped, is exactly the motif. This is
# stricter than "the motif appears somewhere in the consensus": a filter that prefers an extra
# base (the motif and one flanking base) or misses one (the motif without its last base) also
# fires on sites that are not the motif.
#
# Here are the filters of one model of each width (seed 0):

# %% tags=["solution"]
# TODO: `tables`: kernel size in KERNELS -> the filter table of its seed-0 model, runs[k, 0].model (one row per filter with columns filter, n_windows, window, ppm, consensus and recovers: call motifs.filter_table on the training sequences and MOTIF)
tables = {k: motifs.filter_table(runs[k, 0].model, train_set.x, MOTIF) for k in KERNELS}
pd.concat(
    {k: t.drop(columns="ppm").set_index("filter") for k, t in tables.items()}, axis=1
).swaplevel(axis=1).sort_index(axis=1)[["window", "consensus", "recovers"]]

# %% tags=["self-check"]
assert sorted(tables) == KERNELS, "`tables`: kernel size -> that width's seed-0 filter table"
COLUMNS = {"filter", "n_windows", "window", "ppm", "consensus", "recovers"}
assert all(COLUMNS <= set(t.columns) for t in tables.values()), f"columns {sorted(COLUMNS)}"
assert all(len(t) == 16 and t["n_windows"].sum() > 0 for t in tables.values())

# %% [markdown]
# ## 3. Tomtom: matching filters to the motif and to JASPAR
#
# Tomtom (`motifs.tomtom`, memelite's implementation) gives the p-value of a PWM's best
# alignment to each target; the E-value is that p-value times the number of targets. Targets:
# your motif and JASPAR 2024's vertebrate matrices. The first call compiles numba code (about a
# minute).

# %% [markdown] tags=["instructor"]
# Tomtom (here `memelite`'s implementation, wrapped by `motifs.tomtom`) slides a query PWM
# along each target, on both strands, and gives the p-value of the best alignment's
# similarity under a null built from the target columns; the E-value is that p-value times the
# number of targets. Targets: the true motif plus every vertebrate matrix of JASPAR 2024 CORE
# (bundled with `pyjaspar`, offline; counted below), all through the same pseudocount rule.
#
# *The first Tomtom call in a fresh environment compiles memelite's numba code, which takes
# about a minute (longer on a busy machine); the compiled code is cached on disk, so later
# runs start at once. The next cell only triggers that compilation.*

# %% tags=["nbval-check-output"]
jaspar = motifs.jaspar_motifs()
TARGETS = [motifs.motif_ppm(MOTIF), *jaspar["ppm"]]
TARGET_IDS = ["true motif", *jaspar["matrix_id"]]
_ = motifs.tomtom([motifs.motif_ppm(MOTIF)], TARGETS, TARGET_IDS)
print(f"{len(jaspar)} JASPAR matrices: {len(TARGETS)} targets with the true motif")


# %% [markdown]
# For every filter of a model: its PWM, whether it recovers the motif, and Tomtom's verdict
# against the true motif (p-value, E-value, and the true motif's rank among all targets).
# The filter reported for a model is a recovering one if there is any, the best Tomtom match
# to the true motif otherwise.


# %% tags=["solution"]
# TODO: `reports`: (kernel size, seed) -> that run's motifs.filter_report against TARGETS (TARGET_IDS, the motif's id "true motif"): one row per filter, best first, with the columns of filter_table plus p_value, e_value and rank
reports = {
    key: motifs.filter_report(run.model, train_set.x, MOTIF, TARGETS, TARGET_IDS, "true motif")
    for key, run in runs.items()
}
reports[RECOMMENDED, 0].drop(columns="ppm").head(6).round(6)

# %% tags=["self-check"]
assert sorted(reports) == sorted(runs), "`reports`: one per run, keyed (kernel size, seed)"
order = reports[RECOMMENDED, 0]
assert (COLUMNS | {"p_value", "e_value", "rank"}) <= set(order.columns), "filter_report's columns"
assert len(order) == 16 and order["recovers"].is_monotonic_decreasing, "recovering filters first"

# %% [markdown]
# Which transcription factors bind your motif? The kit's motifs are cores of JASPAR 2024
# matrices, so the motif's record (its matrices, their factors' family and class) is the
# ground truth.

# %% [markdown] tags=["instructor"]
# Which transcription factors bind the motif? The kit's motifs are cores of JASPAR 2024
# matrices (`hwlib.variants`), so the question has a ground truth: the motif's record in the
# pool, the matrices whose core it is (on one strand or the other), with their factors' family
# and class (`variants.motif_record`). A JASPAR matrix shares the motif's class when one of its
# classes is one of the record's.

# %% tags=["nbval-check-output"]
from hwlib import variants

record = variants.motif_record(MOTIF)
OWN = record["matrix_ids"].split("; ")
own_classes = set(record["tf_class"].split("; "))
jaspar["own_class"] = jaspar["tf_class"].map(lambda c: bool(own_classes & set(c.split("; "))))
record[["consensus", "matrix_ids", "names", "tf_family", "tf_class"]].to_frame(MOTIF)

# %% [markdown] tags=["instructor"]
# The record says which JASPAR matrices the kit took the motif from, not which factor binds it:
# a motif of 5 to 8 bases is part of the sites of many factors, and Tomtom's ranking cannot
# single one out either. The kit's default variant shows how: its motif `ACGTG` is half of the
# E-box `CACGTG` that bHLH-ZIP factors such as MYC, MAX and CLOCK bind, and the core of the
# hypoxia response element (`RCGTG`) that HIF1A and EPAS1 bind with ARNT; its record names
# ARNT, HIF1A, EPAS1 and CREB3L4. The variant pool drops palindromes (a consensus equal to its
# reverse complement, `hwlib.variants`), and the cores of MYC, MAX and CLOCK are the palindrome
# `CACGTG`, so those factors can never be a variant's answer, even where the motif is part of
# their site.

# %% [markdown]
# What does Tomtom say about what a recovering filter learned? The best JASPAR matches (the
# true motif left out) of the reported width-$(L + 2)$ filter of the first seed whose
# width-$(L + 2)$ model recovers the motif, and whether each shares the motif's class:

# %%
EXAMPLE_SEED = next((s for s in SEEDS if reports[RECOMMENDED, s].iloc[0]["recovers"]), SEEDS[0])
best = reports[RECOMMENDED, EXAMPLE_SEED].iloc[0]
hits = motifs.tomtom([best["ppm"]], TARGETS, TARGET_IDS)
annotated = hits.merge(jaspar.drop(columns="ppm"), left_on="target", right_on="matrix_id")
jaspar_hits = annotated.nsmallest(8, "p_value")
COLS = ["matrix_id", "name", "tf_family", "tf_class", "own_class", "p_value", "e_value", "strand"]
jaspar_hits[COLS]

# %% [markdown]
# ## 4. Logos: the true motif, the learned PWM and the raw weights
#
# Top row: the reference's width ($L$, the motif's length), seed 0; bottom row: width $L + 2$,
# seed 0. In each row, the reported filter's activation PWM (in bits) and its raw convolution
# weights.

# %%
ratios = [K_MOTIF, RECOMMENDED, RECOMMENDED]
fig, axes = plt.subplots(2, 3, figsize=(14, 5), gridspec_kw={"width_ratios": ratios})
for row, k in zip(axes, (K_MOTIF, RECOMMENDED), strict=True):
    filt = reports[k, 0].iloc[0]
    weights = runs[k, 0].model.get_layer("conv1").get_weights()[0][:, :, filt.name]
    logos.pwm_logo(motifs.motif_ppm(MOTIF), row[0], f"true motif {MOTIF}")
    logos.pwm_logo(filt["ppm"], row[1], f"K={k}, filter {filt.name}: PWM {filt['consensus']}")
    logos.weights_logo(weights, row[2], f"K={k}, filter {filt.name}: raw weights")
fig.tight_layout()
plots.save(fig, "q3_logos")

# %% [markdown]
# ## 5. Recovery over seeds and kernel widths
#
# For every run: its test AUCs next to the Bayes ceiling, whether some filter recovers the
# motif, the reported filter's consensus, and Tomtom's E-value for it against the true motif,
# with the true motif's rank among all targets.

# %%
reported = pd.DataFrame(
    [
        {"kernel_size": k, "seed": s, **order.iloc[0][["recovers", "consensus", "e_value", "rank"]]}
        for (k, s), order in reports.items()
    ]
).rename(
    columns={"recovers": "recovered", "e_value": "evalue_true_motif", "rank": "rank_true_motif"}
)
COLUMNS = "kernel_size seed roc_auc bayes_roc_auc pr_auc bayes_pr_auc recovered consensus"
COLUMNS = [*COLUMNS.split(), "evalue_true_motif", "rank_true_motif", "epochs", "best_epoch"]
recovery = reported.merge(sweep, on=["kernel_size", "seed"])[COLUMNS]
recovery["n_recovering_filters"] = [int(o["recovers"].sum()) for o in reports.values()]
recovery["mean_base_prob"] = [o.iloc[0]["ppm"].max(axis=1).mean() for o in reports.values()]
plots.save_table(recovery, "q3_motif_recovery")
recovery.drop(columns=["epochs", "best_epoch"]).round(4)

# %%
summary = metrics.mean_sd(recovery, "kernel_size").set_index("kernel_size")
summary["recovered"] = recovery.groupby("kernel_size")["recovered"].sum()
summary["bayes_roc_auc"], summary["bayes_pr_auc"] = ceiling["roc_auc"], ceiling["pr_auc"]
summary["roc_gap"] = summary["bayes_roc_auc"] - summary["roc_auc_mean"]
summary.round(3)

# %% [markdown] tags=["instructor"]
# ## 6. What a Tomtom E-value can say about a motif of $L$ columns
#
# The exact motif, blurred by pseudocounts from 0.01 to 1 (`base_prob`: the probability of the
# motif's base in each column), as a query in two settings: against the kit's targets, whose
# true motif and JASPAR matrices keep the 0.1 rule (as a learned PWM of that sharpness would
# be judged above); and against targets blurred by the same pseudocount as the query.

# %% tags=["nbval-check-output", "instructor"]
PSEUDOCOUNTS = [0.01, 0.1, 0.2, 0.3, 0.5, 1.0]
rows = []
for a in PSEUDOCOUNTS:
    query, alike = motifs.motif_ppm(MOTIF, a), motifs.jaspar_motifs(pseudocount=a)["ppm"]
    # Row 0 of a Tomtom table is the query against target 0, the true motif.
    kit = motifs.tomtom([query], TARGETS, TARGET_IDS).iloc[0]
    same = motifs.tomtom([query], [query, *alike], TARGET_IDS).iloc[0]
    rows.append(
        {
            "pseudocount": a,
            "base_prob": query.max(),
            "e_value": kit["e_value"],
            "rank": kit["rank"],
            "e_value_alike": same["e_value"],
            "rank_alike": same["rank"],
        }
    )
sharpness = pd.DataFrame(rows).set_index("pseudocount")
sharpness.assign(**{c: sharpness[c].map("{:.2g}".format) for c in ("e_value", "e_value_alike")})

# %% [markdown] tags=["instructor"]
# And what does Tomtom say about PWMs that are *not* the motif: the motif with one mismatch
# (its second base replaced, `motifs.one_mismatch`, as the reference's best filter `AAGTG` was
# one mismatch from its motif `ACGTG`), the motif's two pieces of $L - 1$ bases, and an
# unrelated motif (Q5's motif B)?

# %% tags=["nbval-check-output", "instructor"]
MISMATCH = motifs.one_mismatch(MOTIF)
PIECE_FIRST, PIECE_LAST = f"piece 1-{L - 1}", f"piece 2-{L}"
CONTROLS = {"exact": MOTIF, "one mismatch": MISMATCH, PIECE_FIRST: MOTIF[:-1]}
CONTROLS.update({PIECE_LAST: MOTIF[1:], "unrelated": task.motifs()[1]})
control_hits = motifs.tomtom([motifs.motif_ppm(m) for m in CONTROLS.values()], TARGETS, TARGET_IDS)
controls = control_hits[control_hits["target"] == "true motif"].assign(
    query=list(CONTROLS), consensus=list(CONTROLS.values())
)
controls[["query", "consensus", "p_value", "e_value", "rank"]].assign(
    p_value=controls["p_value"].map("{:.2g}".format),
    e_value=controls["e_value"].map("{:.2g}".format),
)

# %% [markdown] tags=["instructor"]
# ## 7. Why a filter as wide as the motif often misses it
#
# A filter that has learned a piece of the motif can be placed against it: from the longest
# run of letters in its (untrimmed) consensus that occurs in the motif, `motifs.motif_offset`
# gives the column at which the whole motif would start. A width-$K$ filter can hold the whole
# motif only if that start lies in $0 \ldots K-L$: one possible start for $K = L$, three for
# $K = L + 2$, seven for $K = L + 6$. Over all filters of all runs that learned a piece of at
# least three bases:

# %% tags=["instructor"]
pieces = (
    pd.DataFrame(
        {
            "kernel_size": k,
            "seed": s,
            "window": w,
            "offset": motifs.motif_offset(w, MOTIF),
            "recovers": r,
        }
        for (k, s), order in reports.items()
        for w, r in zip(order["window"], order["recovers"], strict=True)
    )
    .dropna(subset="offset")
    .astype({"offset": int})
)
pieces["motif_fits"] = pieces["offset"].between(0, pieces["kernel_size"] - len(MOTIF))
placement = pieces.groupby(["kernel_size", "motif_fits"])["recovers"].agg(
    filters="size", recover="sum"
)
placement.unstack("motif_fits", fill_value=0)

# %% [markdown] tags=["instructor"]
# ## 8. Is "not recovered" an artefact of the rule's thresholds?
#
# The rule above makes three choices: which windows build a filter's PWM (activation above
# half the filter's maximum lets in windows with one mismatch), the consensus' 0.5 per column,
# and trimming at 0.5 bits (a column with 63% of one base carries only about 0.46 bits). Here
# every run is judged again with each choice moved: windows above 0.5 or 0.9 of the maximum,
# or each filter's 100 or 1,000 most activating windows (`motifs.top_activation_pwm`); a
# consensus cut of 0.4, 0.5 or 0.6; trimming at 0.25, 0.5 or 1 bit
# (`motifs.recovery_sensitivity`). Two rules are counted: **exact** (the trimmed consensus is
# the motif, as above) and **contains** (the motif occurs in it, preferred flanking bases
# allowed). The table gives, for each width and choice of windows, the lowest and highest
# number of the five runs recovered over the nine consensus and trimming settings.

# %% tags=["instructor"]
sensitivity = pd.concat(
    motifs.recovery_sensitivity(run.model, train_set.x, MOTIF, thresholds=(0.5, 0.9)).assign(
        kernel_size=k, seed=s
    )
    for (k, s), run in runs.items()
)
sensitivity["exact"] = sensitivity["n_recovering"] > 0
sensitivity["contains"] = sensitivity["n_containing"] > 0
per_setting = sensitivity.groupby(["kernel_size", "windows", "min_prob", "min_ic"], sort=False)
counts = per_setting[["exact", "contains"]].sum()
low_high = counts.groupby(["kernel_size", "windows"], sort=False).agg(["min", "max"])
low_high.T.groupby(level=0).agg(lambda c: f"{c.iloc[0]}–{c.iloc[1]}").T.unstack("kernel_size")

# %% [markdown] tags=["instructor"]
# A rule with no threshold at all reads the weights: a filter's score of a $K$-mer is the sum
# of its weights for that $K$-mer's bases (plus the bias), so its best-scoring $K$-mers over all
# $4^K$ can be listed exactly (`motifs.best_kmers`). By this rule a run holds the motif when some
# filter's best $K$-mer contains it. Per width, the runs recovered by the rule of section 2 and
# by this one, and, for the first width-$L$ run that misses the motif, the best $L$-mers of its
# filters that learned a piece of it (with the motif's own rank among that filter's $4^L$,
# `motifs.kmer_rank`):

# %% tags=["instructor"]
kmers = {key: motifs.best_kmers(run.model, n=3) for key, run in runs.items()}
holds = {
    key: bool(t[(t["rank"] == 1) & (t["score"] > 0)]["kmer"].str.contains(MOTIF).any())
    for key, t in kmers.items()
}
recovery["best_kmer_holds_motif"] = recovery.apply(lambda r: holds[r.kernel_size, r.seed], axis=1)
display(recovery.groupby("kernel_size")[["recovered", "best_kmer_holds_motif"]].sum())
missing_l = [s for s in SEEDS if not holds[K_MOTIF, s]]
if missing_l:
    table, best_col = kmers[K_MOTIF, missing_l[0]], f"best {L}-mers"
    motif_rank = pd.Series(motifs.kmer_rank(runs[K_MOTIF, missing_l[0]].model, MOTIF))
    top = table.groupby("filter")["kmer"].agg(", ".join).to_frame(best_col)
    top = top.assign(score=table[table["rank"] == 1].set_index("filter")["score"])
    piece = top[best_col].str.contains(MOTIF[:-1]) | top[best_col].str.contains(MOTIF[1:])
    display(top[piece].assign(motif_rank=motif_rank).round(2))

# %% [markdown] tags=["instructor"]
# What, then, do the width-$L$ models that miss the motif respond to? A probe in fresh random
# sequences (`probes.piece_probe`, 500 of each kind): the motif itself; its two pieces, the
# motif without its last base in the first half of the sequence and the motif without its
# first base in the second half, each kept from completing the motif; each piece alone;
# neither. The mean predicted probability per run:

# %% tags=["instructor"]
x_piece, piece_kind = probes.piece_probe(MOTIF, n=500, seed=11)
piece_p = pd.DataFrame(
    {
        key: pd.Series(training.predict(run.model, x_piece)).groupby(piece_kind).mean()
        for key, run in runs.items()
    }
).T.rename_axis(["kernel_size", "seed"])[list(probes.PIECE_CONTENTS)]
piece_p["recovered"] = recovery.set_index(["kernel_size", "seed"])["recovered"]
piece_p.round(3)

# %% [markdown] tags=["instructor"]
# For comparison, two rules that only ask whether sequences contain something, on the test set:
# both pieces somewhere (in any order, at any distance), and the motif itself.

# %% tags=["nbval-check-output", "instructor"]
test_codes = np.argmax(test_set.x, axis=-1).astype(np.uint8)
pieces_present = bayes.all_pieces_present(test_codes, MOTIF, L - 1)
piece_rule = metrics.roc_pr(test_set.labels, pieces_present)
motif_rule = metrics.roc_pr(test_set.labels, bayes.all_pieces_present(test_codes, MOTIF, L))
negatives = test_set.labels == 0
both_pieces = pieces_present[negatives].mean()
pd.DataFrame({"both pieces present": piece_rule, "motif present": motif_rule}).T.round(4)

# %% [markdown]
# ## What the trained model looks at
#
# Two attribution maps of 20 test positives, from a width-$(L + 2)$ model: in-silico mutagenesis
# (minus the mean change at each base) and gradient × input. The shaded span is the implanted
# site. Where does each sequence's largest attribution fall?

# %% [markdown] tags=["instructor"]
# ## 9. What the trained model looks at
#
# Two attribution maps for test positives, from a width-$(L + 2)$ model (seed 0): in-silico
# mutagenesis (ISM: the change in predicted probability for every single-base substitution;
# shown as minus the mean change at each sequence base) and gradient × input. The shaded span
# is the implanted site. Does the largest attribution of each sequence fall on its site?

# %%
model = runs[RECOMMENDED, 0].model
positives = np.flatnonzero(test_set.labels == 1)[:20]
x = test_set.x[positives]
site = test_set.sites.set_index("seq").loc[positives, ["start", "end"]].to_numpy()
ism_map = -interpret.ism(model, x).mean(axis=-1, keepdims=True) * x
gxi_map = interpret.grad_times_input(model, x)
peaks = {
    name: m.sum(axis=-1).argmax(axis=1) for name, m in (("ISM", ism_map), ("grad×input", gxi_map))
}
on_site = {name: (p >= site[:, 0]) & (p < site[:, 1]) for name, p in peaks.items()}
pd.DataFrame(
    {name: [f"{hit.sum()} of {len(hit)}"] for name, hit in on_site.items()},
    index=["peak on the site"],
)

# %%
fig, axes = plt.subplots(4, 2, figsize=(16, 8), sharex=True)
for i, row in enumerate(axes):
    for ax, (name, attr) in zip(row, (("ISM", ism_map), ("grad×input", gxi_map)), strict=True):
        logos.attribution_logo(attr[i], ax, tuple(site[i]), f"test positive {positives[i]}: {name}")
fig.tight_layout()
plots.save(fig, "q3_attribution")

# %% [markdown] tags=["instructor"]
# ## Answer
#
# First the facts that involve no training: Tomtom on fixed matrices (the motif, its pieces,
# a one-mismatch copy, blurred copies of the motif), the same on every draw of the data.

# %% tags=["nbval-check-output", "instructor"]
ctl = controls.set_index("query")
exact_jaspar = control_hits[control_hits["query"] == 0].merge(
    jaspar, left_on="target", right_on="matrix_id"
)


def own_rank(matches: pd.DataFrame) -> int:
    """Rank among the JASPAR matrices of a Tomtom table of the best of the motif's own."""
    ranks = matches["p_value"].rank(method="min")
    return int(ranks[matches["matrix_id"].isin(OWN)].min())


assert ctl.loc[PIECE_FIRST, "rank"] == 1
# Against targets blurred alike, the query is one of the targets: that E-value is the floor of
# Tomtom's scale for L columns among all targets, not a finding, so nothing is asserted on it.
assert sharpness["e_value"].iloc[-1] > 1

# %% [markdown] tags=["instructor"]
# Then what the trained runs show, each claim checked with a margin. Recovery counts are over
# five seeds per width, and reported, not claimed: on the variant robustness-0 (a 6-base
# motif) width $L + 2$ recovered the motif in 3 of 5 seeds and sat 0.0107 below the ceiling,
# and on robustness-8 the widest width, $L + 6$, in 4 of 5. The difference in proportions of piece filters that complete the motif
# (wider widths against width $L$) is given in standard errors, with the Agresti–Caffo
# adjustment (one success and one failure added to each group) so that a proportion of 0 or 1
# still has an error; it is not claimed, since on some variants it stays under two.

# %% tags=["instructor"]
rec, k_l, k_wide = summary.loc[RECOMMENDED], summary.loc[K_MOTIF], summary.loc[K_WIDE]
both = pd.MultiIndex.from_product([["filters", "recover"], [False, True]])
fits = placement.unstack("motif_fits").reindex(index=KERNELS, columns=both, fill_value=0)
fits = fits.fillna(0).astype(int)
full = recovery[recovery["recovered"]]
off_l, in_l = fits.loc[K_MOTIF, ("filters", False)], fits.loc[K_MOTIF, ("filters", True)]
full_l = fits.loc[K_MOTIF, ("recover", True)]
in_wide, wide_full = fits.loc[[RECOMMENDED, K_WIDE], [("filters", True), ("recover", True)]].sum()
p_l = pieces[pieces["kernel_size"] == K_MOTIF]
overhang = {"left": int((p_l["offset"] < 0).sum()), "right": int((p_l["offset"] > 0).sum())}
aucs = lambda k: recovery.loc[recovery["kernel_size"] == k, "roc_auc"]  # noqa: E731
z_wide = metrics.difference_in_se(aucs(RECOMMENDED), aucs(K_WIDE))
assert (fits[("recover", False)] == 0).all(), "a filter the motif overhangs cannot hold all of it"


def agresti_caffo_z(hits1, n1, hits2, n2):
    """(p2 - p1) in standard errors, each proportion with one success and one failure added."""
    p1, p2 = (hits1 + 1) / (n1 + 2), (hits2 + 1) / (n2 + 2)
    return (p2 - p1) / np.sqrt(p1 * (1 - p1) / (n1 + 2) + p2 * (1 - p2) / (n2 + 2))


# %% tags=["instructor"]
z_complete = agresti_caffo_z(full_l, in_l, wide_full, in_wide)
for side, count in overhang.items():
    claims.check(f"q3.motif_width_pieces_overhang_{side}", count, ">=", 1)

# %% [markdown] tags=["instructor"]
# What Tomtom says about the learned PWMs, all reported, none claimed: how many recovering
# filters an $(L - 1)$-base piece of the motif outscores (none on some variants); whether the
# example filter's ranking of all JASPAR matrices follows the exact motif's (one-sided Spearman
# test of their Tomtom p-values: a filter whose consensus is the motif cannot fail it);
# whether the recovering filters' E-values follow how sharp their columns are (one-sided
# Spearman test: it failed on the variant robustness-8, p = 0.38); and whether the example
# filter's best 8 matches share the motif's class more often than JASPAR's matrices do
# (binomial test at 1%: even the exact motif's best 8 matches pass it for only some of the
# pool's motifs, and the test counts the 8 as independent draws while matrices of one family
# resemble each other, so its p-value is too small).

# %% tags=["instructor"]
piece_e = ctl.loc[PIECE_FIRST, "e_value"]
n_worse = int((full["evalue_true_motif"] > piece_e).sum())
sharp_test = stats.spearmanr(full["mean_base_prob"], full["evalue_true_motif"], alternative="less")
rho, p_sharp = (1.0, 1.0) if np.isnan(sharp_test.pvalue) else sharp_test
paired = exact_jaspar.set_index("matrix_id")["p_value"]
paired = pd.DataFrame({"motif": paired, "filter": annotated.set_index("matrix_id")["p_value"]})
follow_test = stats.spearmanr(paired["motif"], paired["filter"], alternative="greater")
rho_j, p_follow = (0.0, 1.0) if np.isnan(follow_test.pvalue) else follow_test
own_hits, class_rate = int(jaspar_hits["own_class"].sum()), jaspar["own_class"].mean()
p_class = stats.binom.sf(own_hits - 1, len(jaspar_hits), class_rate)
significant = jaspar_hits[jaspar_hits["e_value"] < 0.05]

# %% [markdown] tags=["instructor"]
# Whether the verdict survives other thresholds (section 8): how far the width-$L$ count moves
# over the settings and both rules is reported, not claimed (it moved by one on two variants).
# The strictness of "exact" is shown where it bites: some wide run fails it with the 100 most
# activating windows. How often the "contains" rule gives the threshold-free count (the best
# $K$-mer), whether the width-$L$ runs that miss the motif answer the pieces apart more than
# either piece alone, and how many runs answer the motif above the two pieces apart (one run of
# a class variant, class-5, answered the pieces apart higher) are reported, not claimed: each
# failed on some variant.

# %% tags=["instructor"]
by_width = counts.reset_index()
kmer_count = recovery.groupby("kernel_size")["best_kmer_holds_motif"].sum()
off_kmer = int((by_width["contains"] != by_width["kernel_size"].map(kmer_count)).sum())
w_l = by_width[by_width["kernel_size"] == K_MOTIF][["exact", "contains"]]
w_l_low, w_l_high = int(w_l.min().min()), int(w_l.max().max())
top100 = by_width[(by_width["kernel_size"] > K_MOTIF) & (by_width["windows"] == "top 100 windows")]
claims.check(
    "q3.exact_rule_fails_wide_runs_on_top_windows",
    (top100["contains"] - top100["exact"]).max(),
    ">=",
    1,
)
single_piece = piece_p[["first piece", "last piece"]].max(axis=1)
motif_above_apart = int((piece_p["motif"] > piece_p["pieces apart"]).sum())
misses = piece_p.loc[K_MOTIF][~piece_p.loc[K_MOTIF, "recovered"]]
pieces_gain = misses["pieces apart"] - single_piece.loc[K_MOTIF][misses.index]
n_settings = len(per_setting) // len(KERNELS)


def span(values: pd.Series) -> str:
    return f"{values.min():.2f} to {values.max():.2f}"


found = piece_p[piece_p["recovered"]]
reward_text = (
    "So they reward co-occurring pieces, with graded scores rather than a yes/no."
    if (pieces_gain > 0).all()
    else f"""{int((pieces_gain <= 0).sum())} of them answer the pieces apart no more than their
better piece alone, so not all of them reward co-occurring pieces."""
)
kmer_agree = (
    "at every width and under every setting"
    if off_kmer == 0
    else f"for {len(by_width) - off_kmer} of the {len(by_width)} pairs of width and setting"
)
piece_ranks = motif_rank.loc[top[piece].index] if missing_l else pd.Series(dtype=int)
kmer_text = (
    f"""in seed {missing_l[0]} no filter's best-scoring {L}-mer is `{MOTIF}`, and the filters
holding a piece rank the motif between {piece_ranks.min():,} and {piece_ranks.max():,} of
{4**L:,} {L}-mers. """
    if len(piece_ranks)
    else ""
)
pieces_text = (
    f"On this draw every width-{K_MOTIF} run has a filter that reads the whole motif."
    if not len(misses)
    else f"""The {len(misses)} width-{K_MOTIF} runs without such a filter read pieces: {kmer_text}In
fresh sequences they answer the two pieces placed far apart with {span(misses["pieces apart"])}
(mean predicted probability), against {span(single_piece.loc[K_MOTIF][misses.index])}
for their better piece alone, and the motif itself with {span(misses["motif"])}; runs with a
full-motif filter answer the pieces apart with {span(found["pieces apart"])}. Of all
{len(piece_p)} runs, {motif_above_apart} answer the motif above the two pieces apart.
{reward_text} What
that is worth:
{both_pieces:.1%} of test negatives hold both pieces, and the rule "both pieces present"
reaches ROC AUC {piece_rule["roc_auc"]:.3f}, against {motif_rule["roc_auc"]:.3f} for "motif
present". These runs reach
{span(recovery.set_index(["kernel_size", "seed"]).loc[K_MOTIF].loc[misses.index, "roc_auc"])}
here, but that they beat the pieces rule is not claimed: on some draws of the kit's default
data (`make robustness`), width-5 runs without a full-motif filter fell below it."""
)


# %% tags=["instructor"]
def pm(row, col):
    return f"{row[col + '_mean']:.3f} ± {row[col + '_sd']:.3f}"


e_lo, e_hi = full["evalue_true_motif"].min(), full["evalue_true_motif"].max()
blur, flat = sharpness.loc[0.3], sharpness.iloc[-1]
p_text = "< 1e-4" if p_sharp < 1e-4 else f"= {p_sharp:.1g}"
track_text = "track" if p_sharp < 0.01 else "on this variant do not detectably track"
p_follow_text = "< 1e-4" if p_follow < 1e-4 else f"= {p_follow:.1g}"
w_l_text = (
    f"stays at {w_l_low}"
    if w_l_low == w_l_high
    else f"moves between {w_l_low} and {w_l_high} (section 2's rule: {int(k_l['recovered'])})"
)
piece_text = (
    f"better than {n_worse} of those {len(full)} recovering filters"
    if n_worse
    else f"worse than all {len(full)} of those recovering filters on this run, but in the same range"
)
mismatch = ctl.loc["one mismatch"]
n_own = len(OWN)
own_text = f"matrix {OWN[0]}" if n_own == 1 else f"{n_own} matrices ({', '.join(OWN)})"
others = jaspar_hits.drop(significant.index)["e_value"]
listed = ", ".join(f"{r.name}, E = {r.e_value:.2g}" for r in significant.itertuples()) or "none"
significance_text = (
    f"""That is a statement about the ranking, not about each match: only {len(significant)} of
the {len(jaspar_hits)} reach E < 0.05 ({listed}); the others (E from {others.min():.2g} to
{others.max():.2g}) are merely the nearest matrices in JASPAR, not evidence that those factors
bind the filter's sites."""
    if len(others)
    else f"All {len(jaspar_hits)} reach E < 0.05 ({listed})."
)
class_text = (
    f"more than chance explains (binomial p = {p_class:.1g})"
    if p_class < 0.01
    else f"not beyond chance at 1% (binomial p = {p_class:.2g})"
)
own_exact, own_filter = own_rank(exact_jaspar), own_rank(annotated)
rank_text = (
    "Tomtom puts one of those matrices first, for the exact motif and for the example filter."
    if own_exact == own_filter == 1
    else "Tomtom's ranking finds that answer only roughly."
)
claims.table("q3.")

# %% [markdown]
# ## Answer

# %% [markdown] tags=["answer", "points-5"]
# **Your answer** (5 points, graded by hand). Does the model recover your motif? Say for which
# widths and how often, how sure Tomtom can be, which factors the motif belongs to, and where
# the model looks, from your own numbers.
#
# ### BEGIN SOLUTION
# **Rubric (5 points).**
# - **2 points**: recovery counted over seeds for each width, with the rule stated, and a reason why a filter exactly as wide as the motif recovers it less often than a wider one (it must land on the motif in register; a piece of the motif also separates).
# - **1 point**: the AUCs next to the Bayes ceiling: a model can classify well without any single filter being the motif.
# - **1 point**: Tomtom read with care: a short motif's E-values are weak evidence, and the JASPAR matches are judged against the motif's own record (family, class).
# - **1 point**: the attribution maps: how many peaks fall on the implanted site, by both methods.
#
# **Model answer.** With recovery meaning "the PWM's consensus is exactly the motif", the
# answer counts recovering seeds per width. A filter of width $L$ must sit on the motif base
# for base; one that has learned a shifted piece plus a flanking base still separates the
# classes well, so a model can score near the ceiling without any filter being the motif, and
# wider filters leave room for the motif at several offsets. A single 10-epoch run with a
# one-mismatch filter, as in the reference, is therefore weak evidence that the motif cannot
# be learned. Tomtom should rank the true motif first for a recovering filter, but for a motif
# of five to eight columns even a perfect match has a modest E-value among a thousand targets,
# so an E-value alone proves little; the JASPAR matches are judged against the motif's own
# record (family and class). The attribution maps say where the model looks: the answer counts
# how many of the 20 peaks fall on the implanted site by each method.
# ### END SOLUTION

# %% [markdown] tags=["instructor"]
# ## The instructor's discussion

# %% tags=["instructor"]
# The instructor's answer, from this run's numbers.
display(
    Markdown(f"""
**Yes, the model recovers `{MOTIF}`, once its filters are wider than the motif.** With
kernel width {RECOMMENDED} (the motif's length plus 2, the width of the kit's recommended
recipe; here with 16 filters, trained to convergence), {int(rec["recovered"])} of
{int(rec["n"])} seeds have a filter whose trimmed activation PWM has exactly `{MOTIF}` as its
consensus, and the models reach test ROC AUC {pm(rec, "roc_auc")} and PR AUC
{pm(rec, "pr_auc")} (mean ± sd over seeds) against a Bayes ceiling of
{ceiling["roc_auc"]:.3f} and {ceiling["pr_auc"]:.3f} on the same test sequences: within
{rec["roc_gap"]:.3f} ROC AUC of it.

**At the reference's width ({K_MOTIF}, the motif's length), filters tend to learn pieces.** On
this draw {int(k_l["recovered"])} of {int(k_l["n"])} width-{K_MOTIF} seeds recover the motif
(ROC AUC {pm(k_l, "roc_auc")}, {k_l["roc_gap"]:.3f} below the ceiling). Of the {off_l + in_l}
width-{K_MOTIF} filters that learned three or more of its bases, {off_l} sit off register, with
the motif overhanging the window's edge ({overhang["right"]} like `N{MOTIF[:-1]}`: the final
{MOTIF[-1]} would fall outside; {overhang["left"]} like `{MOTIF[1:]}N`: the leading {MOTIF[0]}
would), so they can hold at most {L - 1} bases; and only {full_l} of the {in_l} in-register
ones complete the motif. {pieces_text} With width {RECOMMENDED} or {K_WIDE} the motif fits at
several offsets, and {wide_full} of the {in_wide} in-register piece filters of those runs hold
the full motif, against {full_l} of {in_l} at width {K_MOTIF}: {z_complete:.1f} standard errors
of the difference (not claimed: on some variants it stays under two). The
reference's best filter was one mismatch from its motif (`AAGTG` for `ACGTG`); the same change
here, `{MISMATCH}`, gets E = {mismatch["e_value"]:.2g} against the true motif, which ranks
{mismatch["rank"]} among the {len(TARGETS)} targets. The reference's "not recovered" describes
one model of the motif's width, not the model: a filter two bases wider recovers the motif in
{int(rec["recovered"])} of {int(rec["n"])} seeds.

**The verdict does not hinge on the rule's thresholds.** Over the {n_settings} settings of
section 8 (the windows above 0.5 or 0.9 of a filter's maximum, or its 100 or 1,000 best; a
consensus cut of 0.4 to 0.6; trimming at 0.25 to 1 bit), the width-{K_MOTIF} count
{w_l_text}, by either rule; and the "contains" rule gives, {kmer_agree}, the count
that needs no threshold at all: the runs with a filter whose
best-scoring $K$-mer over all $4^K$ contains `{MOTIF}` ({", ".join(f"{n} of {len(SEEDS)} at width {k}" for k, n in kmer_count.items())}).
The exact rule, for its part, can fail wide filters fed their 100 most activating windows
(down to {int(top100["exact"].min())} of {len(SEEDS)} runs at width {int(top100.loc[top100["exact"].idxmin(), "kernel_size"])}): the very top windows of a wide filter also
agree on the flanking bases it mildly prefers, so its consensus grows past the motif. That is
the exact rule's strictness at work, not a lost motif.

**Wider also recovers it, and what extra width costs is a question for Q2.** Width {K_WIDE}
recovers the motif in {int(k_wide["recovered"])} of {int(k_wide["n"])} seeds, with ROC AUC
{pm(k_wide, "roc_auc")}; on this draw that is {k_wide["roc_gap"]:.3f} below the ceiling and
{abs(z_wide):.1f} standard errors of the difference {"below" if z_wide > 0 else "above"} width {RECOMMENDED}. One draw and five
seeds do not make that a cost of width: Q2 sweeps more widths on the same data, with more
seeds; and filters wider than the motif keep recovering it (here {int(rec["recovered"])} and
{int(k_wide["recovered"])} of {len(SEEDS)} seeds at widths {RECOMMENDED} and {K_WIDE}), since it
fits them at several offsets.

**What Tomtom can and cannot show.** Against the true motif plus JASPAR 2024 CORE vertebrates,
the exact motif scores E = {sharpness.loc[0.1, "e_value"]:.1g} against itself. That is a matrix
matched to its own copy, so it only shows what the best {L} columns among {len(TARGETS)} targets
can score (the same holds when query and targets are blurred alike: the query is then a
target); it is not evidence of anything. The informative rows are those where query and target
differ. A correct consensus that is blurrier than the targets loses significance: with base
probability {blur["base_prob"]:.2f} it gets E = {blur["e_value"]:.2g} (the true motif at rank
{int(blur["rank"])}), with {flat["base_prob"]:.2f} E = {flat["e_value"]:.2g} (rank
{int(flat["rank"])}). So the recovering filters' E-values against the true motif run from
{e_lo:.1g} to {e_hi:.2g} and {track_text} how sharp their columns are (Spearman ρ = {rho:.2f} between
mean base probability and E-value over the {len(full)} runs with a recovering filter, one-sided
p {p_text}), not whether they are right; and a piece of {L - 1} bases (`{MOTIF[:-1]}`) gets
E = {piece_e:.2g} with the true motif ranked first, {piece_text}. Tomtom says what a PWM resembles; it cannot certify that the motif was
recovered, which is why recovery is judged by the consensus.

**Which factors bind it?** A motif of {L} bases cannot name its transcription factor: it is
part of the sites of many. What the kit can say is where it took the motif from: `{MOTIF}` (or
its reverse complement) is the core of JASPAR {own_text}, of {record["names"].replace("; ", ", ")}
(JASPAR's family: {record["tf_family"].replace("; ", " / ")}; class:
{record["tf_class"].replace("; ", " / ")}). {rank_text} For the exact motif, the best of its
own matrices ranks {own_exact} among the {len(jaspar)} JASPAR matrices; for the example filter
(width {RECOMMENDED}, seed {EXAMPLE_SEED}) it ranks {own_filter}, and the filter's Tomtom
p-values over all of JASPAR follow the exact motif's (Spearman ρ = {rho_j:.2f}, one-sided p {p_follow_text}): the
filter is matched as the motif would be, as it must be with the motif as its consensus. {own_hits} of its {len(jaspar_hits)} best matches
({", ".join(jaspar_hits["name"])}) share the motif's class, against {class_rate:.0%} of
JASPAR's matrices: {class_text}, a test that counts the {len(jaspar_hits)} matches as
independent although matrices of one family resemble each other, so its p-value is too small.
{significance_text} Tomtom ranks the matrices a learned filter resembles, and factors of
related specificity resemble each other: the record says which matrices the motif came from,
the ranking only which ones it resembles, and neither which factor binds a given site.

**What the model looks at.** For {len(positives)} test positives, the largest attribution falls on
the implanted site in {on_site["ISM"].sum()} (ISM) and {on_site["grad×input"].sum()}
(gradient × input) of them.
""")
)
