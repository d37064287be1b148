"""scripts/bench's table: the rows of one audience size and its ratio block, from what the runs left
in the bench folder (no run happens here).

    bench_report.py header CORES HEAP
    bench_report.py size DIR N CORES

For each run NAME-N of the size (readfloor, follows, full, mllib, sklearn, corenlp) it reads
DIR/logs/NAME-N.time (GNU time: wall seconds, peak RSS KiB), .gc (the JVM's -Xlog:gc: peak heap in
use = the largest heap before a collection), .status (exit code), .log (key=value lines of the bench
entry points), DIR/logs/ari-NAME-N.txt (`needmap evaluate`), the needmap runs' manifest.json and the
Spark event logs in DIR/events/NAME-N/.
"""

import json
import os
import re
import sys

STAGES = ["ingest", "topics", "features", "segment", "profile", "report"]
COLUMNS = ["accounts", "system", "seconds", *(f"{s} s" for s in STAGES), "peak heap GiB", "RSS GiB", "ARI",
           "ARI accounts", "Spark jobs/stages", "load", "notes"]
SYSTEMS = [("readfloor", "read floor (plain Spark CSV -> Parquet)"), ("follows", "needmap follows only"),
           ("followsk", "needmap follows only, planted k (segment stage only)"), ("full", "needmap full"), ("mllib", "MLlib baseline"), ("sklearn", "scikit-learn baseline"),
           ("corenlp", "CoreNLP floor (alone)")]
TOTAL_TARGET_SECONDS = 600
HEAP_TARGET_GIB = 8


def header(cores, heap, version):
    print(f"needmap benchmark ({version}): {cores} cores, driver heap -Xmx{heap}; realistic audiences (60 follows "
          f"and 3 posts per account on average). seconds: wall clock of the whole process (JVM and Spark "
          f"start included); stage seconds from the run's manifest; peak heap: largest heap in use before a "
          f"GC; ARI against the planted segments over the accounts in both (needmap evaluate); load: 1-minute "
          f"load average at the start and end of the run (a run alone brings it to about {cores}; more means "
          f"other work shared the machine and the seconds are inflated)")
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS), flush=True)


class Run:
    """What one measured process left behind."""

    def __init__(self, d, name, n):
        self.name = f"{name}-{n}"
        base = f"{d}/logs/{self.name}"
        self.ok = read(f"{base}.status", "missing").strip() == "0"
        self.ran = os.path.exists(f"{base}.status")
        self.wall = self.rss = self.heap = None
        time_lines = read(f"{base}.time", "").split()
        if len(time_lines) >= 2:  # the last line is ours; earlier ones are GNU time's notes
            self.wall, self.rss = float(time_lines[-2]), int(time_lines[-1]) / 1024 / 1024
        if os.path.exists(f"{base}.gc"):
            before = [int(m) for m in re.findall(r"(\d+)M->", read(f"{base}.gc", ""))]
            self.heap = max(before) / 1024 if before else 0.0
        # key=value pairs of the entry points' output, several to a line in the scikit-learn peer's.
        self.kv = dict(re.findall(r"(?:^|(?<=\s))([\w.]+)=(\S+)", read(f"{base}.log", ""), re.M))
        self.load = read(f"{base}.load", "").split()
        ari = dict(re.findall(r"^(\w+)=(\S+)", read(f"{d}/logs/ari-{self.name}.txt", ""), re.M)) if self.ok else {}
        self.ari = float(ari["adjusted_rand_index"]) if "adjusted_rand_index" in ari else None
        self.ari_accounts = ari.get("accounts")
        manifest = f"{d}/out/{self.name}/manifest.json"
        self.manifest = json.load(open(manifest)) if self.ok and os.path.exists(manifest) else None
        self.stages = (self.manifest or {}).get("stage_seconds", {})
        self.events = spark_events(f"{d}/events/{self.name}")


def read(path, default):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return default


def spark_events(folder):
    """Spark jobs and stages of a run from its event log (JSON lines), and jobs per job group.

    Stages counts the stages that ran (StageSubmitted); a job's Stage Infos also lists stages it
    skipped because an earlier job had computed their shuffle output. A job is grouped by its
    spark.jobGroup.id, else its spark.job.description, when the pipeline sets them."""
    # Spark 4 writes a rolling log by default: a folder eventlog_v2_<app>/ with events_<n>_<app> parts
    # (and an appstatus_ marker); an application without rolling writes one file named after it.
    files = sorted(os.path.join(root, name) for root, _, names in os.walk(folder) for name in names
                   if not name.startswith((".", "appstatus_")))
    if not files:
        return None
    jobs, stages, listed, groups = 0, 0, 0, {}
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if '"Event":"SparkListenerJobStart"' in line:
                    event = json.loads(line)
                    jobs += 1
                    listed += len(event.get("Stage Infos", []))
                    props = event.get("Properties") or {}
                    group = props.get("spark.jobGroup.id") or props.get("spark.job.description")
                    if group:
                        groups[group] = groups.get(group, 0) + 1
                elif '"Event":"SparkListenerStageSubmitted"' in line:
                    stages += 1
    return {"jobs": jobs, "stages": stages, "skipped": listed - stages, "groups": groups}


def fmt(value, digits=1):
    return "-" if value is None else f"{value:.{digits}f}"


def row(n, label, run, notes):
    if not run.ran:
        cells = [n, label, "not run", *["-"] * (len(COLUMNS) - 4), notes]
    elif not run.ok:
        cells = [n, label, f"FAILED after {fmt(run.wall, 0)} s", *["-"] * (len(COLUMNS) - 4),
                 f"see logs/{run.name}.log"]
    else:
        ev = run.events
        spark = f"{ev['jobs']}/{ev['stages']}" if ev else "-"
        cells = [n, label, fmt(run.wall), *(fmt(run.stages.get(s)) if run.stages else "-" for s in STAGES),
                 fmt(run.heap, 2), fmt(run.rss, 2), fmt(run.ari, 3), run.ari_accounts or "-", spark,
                 "-".join(run.load) or "-", notes]
    print("| " + " | ".join(str(c) for c in cells) + " |", flush=True)


def number(kv, key):
    try:
        return float(kv[key])
    except (KeyError, ValueError):
        return None


def topics_tokens(full, corenlp):
    """Tokens of every fragment the topics stage read (the manifest counts them by source, cached ones
    included), estimated from the CoreNLP floor's sampled tokens per fragment of each source."""
    texts = (full.manifest or {}).get("topics", {}).get("texts", {})
    overall = number(corenlp.kv, "tokens") / max(1.0, number(corenlp.kv, "sampled_fragments") or 1.0)
    total = 0.0
    for source, counts in texts.items():
        per_fragment = number(corenlp.kv, f"{source}.tokens_per_fragment") or overall
        total += counts.get("fragments", 0) * per_fragment
    return total


def size(d, n, cores):
    n = int(n)
    runs = {name: Run(d, name, n) for name, _ in SYSTEMS}
    fl, flk, full, ml, sk, rf, nlp = (runs[k] for k in ("follows", "followsk", "full", "mllib", "sklearn", "readfloor",
                                                        "corenlp"))
    notes = {}
    if rf.ok:
        tables = [t for t in ("accounts", "follows", "interests", "posts") if f"{t}.seconds" in rf.kv]
        multi = [t for t in tables if rf.kv.get(f"{t}.multiline") == "true"]
        notes["readfloor"] = (f"read+write {rf.kv.get('seconds')} s ("
                              + ", ".join(f"{t} {rf.kv[t + '.seconds']}" for t in tables)
                              + f"); multi-line: {', '.join(multi) or 'none'}; "
                              + f"multi-line detection {rf.kv.get('detect_seconds')} s, not in the floor")
    for run in (fl, full):
        if run.manifest:
            k = run.manifest.get("segmentation", {}).get("k")
            groups = run.events["groups"] if run.events else {}
            notes[run.name.split("-")[0]] = f"k={k}" + (
                "; jobs by stage: " + ", ".join(f"{g} {c}" for g, c in groups.items()) if groups else "")
    k_planted = read(f"{d}/logs/k-{n}.txt", "?").strip()
    notes["mllib"] = f"k={k_planted} (planted); TF-IDF, no reduction, 20 iterations"
    if sk.ok:
        steps = ", ".join(f"{s} {sk.kv[s + '_seconds']}" for s in ("read", "svd", "kmeans") if s + "_seconds" in sk.kv)
        notes["sklearn"] = (f"k={k_planted} (planted); {steps} s; {sk.kv.get('components', '?')} SVD components, "
                            f"{sk.kv.get('followed', '?')} followed accounts (followed by >= 2), "
                            f"n_init={sk.kv.get('n_init', '?')}; peak memory = RSS")
    floor = number(nlp.kv, "tokens_per_s_per_core") if nlp.ok else None
    if nlp.ok:
        notes["corenlp"] = (f"{nlp.kv.get('tokens_per_s_per_core')} tokens/s/core, {nlp.kv.get('cores')} threads, "
                            f"{nlp.kv.get('sampled_fragments')} sampled fragments of the full run's texts")
    for name, label in SYSTEMS:
        row(n, label, runs[name], notes.get(name, ""))

    # The ratio block: one row per target, with the value and whether it is met.
    def ratio(what, value, target=None, met=None, digits=2):
        verdict = "-" if met is None else ("ok" if met else "MISSED")
        shown = value if isinstance(value, str) else fmt(value, digits)
        print(f"| {n} | ratio | {what} | {shown} | {target or 'no target'} | {verdict} |", flush=True)

    in_band = 200_000 <= n <= 300_000
    if fl.ok and ml.ok:
        r = fl.wall / ml.wall
        ratio("time follows only / MLlib", r, "<= 1", r <= 1)
    if fl.ok and sk.ok:
        r = fl.wall / sk.wall
        ratio("time follows only / scikit-learn", r, "<= 1.5 at 200k-300k", r <= 1.5 if in_band else None)
    if fl.ari is not None and sk.ari is not None:
        r = fl.ari - sk.ari
        ratio("ARI follows only - scikit-learn", f"{r:+.3f}", ">= +0.1 at 200k-300k", r >= 0.1 if in_band else None)
    if flk.ari is not None and sk.ari is not None:
        ratio("ARI follows only at the planted k - scikit-learn", f"{flk.ari - sk.ari:+.3f}", "no target (same k)")
    if fl.ari is not None and ml.ari is not None:
        ratio("ARI follows only - MLlib", f"{fl.ari - ml.ari:+.3f}")
    ingest_run = fl if fl.ok else full
    if ingest_run.ok and rf.ok and number(rf.kv, "seconds"):
        r = ingest_run.stages.get("ingest", 0) / number(rf.kv, "seconds")
        ratio(f"ingest ({ingest_run.name.split('-')[0]} run) / read floor", r, "<= 2", r <= 2)
    if full.ok and nlp.ok and floor and full.stages.get("topics"):
        cores_used = int(nlp.kv.get("cores", cores))
        stage = topics_tokens(full, nlp) / full.stages["topics"] / cores_used
        ratio("topics stage / CoreNLP floor, tokens/s/core",
              f"{stage / floor:.2f} ({stage:.0f} / {floor:.0f})", ">= 0.8", stage / floor >= 0.8)
    if fl.ok and full.ok:
        for s in STAGES:
            if s != "topics" and fl.stages.get(s) and s in full.stages:
                r = full.stages[s] / fl.stages[s] - 1
                ratio(f"{s}: full vs follows only", f"{100 * r:+.0f}% ({full.stages[s]:.1f} / {fl.stages[s]:.1f} s)",
                      "<= +10%", r <= 0.10)
    if n == 1_000_000 and full.ok:
        ratio("full end to end / 600 s", f"{full.wall / TOTAL_TARGET_SECONDS:.2f} ({full.wall:.0f} s)", "<= 1",
              full.wall <= TOTAL_TARGET_SECONDS)
        ratio("full peak heap GiB", full.heap, f"<= {HEAP_TARGET_GIB}", full.heap is not None and full.heap <= HEAP_TARGET_GIB)


if __name__ == "__main__":
    if sys.argv[1] == "header":
        header(*sys.argv[2:5])
    else:
        size(*sys.argv[2:5])
