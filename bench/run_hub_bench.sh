#!/usr/bin/env bash
# The Hub benchmark driver: medkg against NetworkX and igraph on the same synthetic Hub dump, in the
# same run, every task a whole process, medians over --runs. See bench/README.md.
#
#   bench/run_hub_bench.sh [--models 100000] [--runs 3] [--peers networkx,igraph]
#                          [--out bench/results] [--seed 42] [--tasks LIST] [--no-build]
#                          [--timeout SECONDS] [--keep-outputs] [--check-graphml auto|yes|no]
#
#   --tasks LIST   comma list of: parse,build,load,lineage,descendants,graphml,dot,boost,check
#                  (default: all). parse = bare RapidJSON parse + Python's json.loads floor;
#                  build = medkg build; load = the peers' load; boost = Boost's writers;
#                  check = NetworkX reads medkg's GraphML export back (counts must match).
#   --no-build     use the binaries already in build-bench/.
#   --timeout S    kill any single measured process after S seconds (reported as failed).
#   --idle-wait S  before each measured run wait up to S seconds (default 120; 0: never) until
#                  no other process (niced ones aside) is runnable, so others' compiles on this
#                  2-core machine do not land inside a measurement; runs that had to start busy
#                  are counted in the report.
#   --idle-others N  how many other runnable processes still count as idle (default 0; 1 lets
#                  single-threaded measurements run next to one busy core).
#   --scratch DIR  where the exports are written (default OUT/scratch-NAME). Exports of 1M
#                  models are 1-1.6 GB; on a disk, the kernel's writeback of earlier runs can
#                  throttle later ones by seconds, so a RAM-backed DIR (/dev/shm) measures the
#                  writers rather than the disk. Every tool writes to the same DIR.
#   --check-graphml auto (default: only up to 200k models: NetworkX's read_graphml is slow and
#                  memory-hungry), yes, no.
#
# Results: OUT/hub-N-sSEED.md (Markdown table) and OUT/hub-N-sSEED.json (every run, medians,
# peak memory, ratios, targets); per-run stdout/stderr in OUT/logs-hub-N-sSEED/.
# Dumps, their .meta.json, snapshots and pickles are cached in bench/data/ (gitignored).
#
# 1M: bench/run_hub_bench.sh --models 1000000 --runs 3           (~25-40 min with both peers)
# 2M: bench/run_hub_bench.sh --models 2000000 --runs 3 --peers "" (medkg and baselines only)
set -uo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=/usr/bin/python3
MODELS=100000
RUNS=3
PEERS=networkx,igraph
OUT=bench/results
SEED=42
TASKS=parse,build,load,lineage,descendants,graphml,dot,boost,check
BUILD=1
TIMEOUT=
KEEP=0
CHECK_GRAPHML=auto
IDLE_WAIT=120
IDLE_OTHERS=0
SCRATCH_DIR=

usage() { sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-2}"; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --models) MODELS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --peers) PEERS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --tasks) TASKS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --keep-outputs) KEEP=1; shift ;;
    --check-graphml) CHECK_GRAPHML=$2; shift 2 ;;
    --idle-wait) IDLE_WAIT=$2; shift 2 ;;
    --idle-others) IDLE_OTHERS=$2; shift 2 ;;
    --scratch) SCRATCH_DIR=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "run_hub_bench.sh: unknown argument '$1'" >&2; usage 2 ;;
  esac
done
[[ $MODELS =~ ^[0-9]+$ && $MODELS -gt 0 ]] || { echo "--models must be a positive integer" >&2; exit 2; }
[[ $RUNS =~ ^[0-9]+$ && $RUNS -gt 0 ]] || { echo "--runs must be a positive integer" >&2; exit 2; }

cd "$ROOT" || exit 1
[[ $OUT = /* ]] || OUT=$ROOT/$OUT
BUILD_DIR=$ROOT/build-bench
MEDKG=${MEDKG_BIN:-$BUILD_DIR/medkg} # MEDKG_BIN=path: measure another medkg binary
BARE=$BUILD_DIR/bench/bare_parse
BOOSTW=$BUILD_DIR/bench/boost_writers
TIMEIT=$BUILD_DIR/bench/timeit
DATA=$ROOT/bench/data
NAME=hub-$MODELS-s$SEED
DUMP=$DATA/$NAME.jsonl
META=$DUMP.meta.json
SNAP=$DATA/$NAME.medkg
LOGS=$OUT/logs-$NAME
SCRATCH=${SCRATCH_DIR:-$OUT}/scratch-$NAME
RAW=$OUT/$NAME.raw.tsv
NOTES=$OUT/$NAME.notes.tsv
mkdir -p "$DATA" "$OUT" "$LOGS" "$SCRATCH"
: >"$RAW"
: >"$NOTES"

has_task() { [[ ",$TASKS," == *",$1,"* ]]; }
has_peer() { [[ ",$PEERS," == *",$1,"* ]]; }
say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
note() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$NOTES"; } # task tool text

# ---- build ---------------------------------------------------------------------------------
MEDKG_OK=1
if [[ $BUILD = 1 ]]; then
  say "configuring and building in build-bench (Release)"
  if ! cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMEDKG_BUILD_TESTS=OFF \
       -DMEDKG_BUILD_BENCH=ON >"$LOGS/cmake.log" 2>&1; then
    say "cmake failed (see $LOGS/cmake.log)"; exit 1
  fi
  if ! ninja -C "$BUILD_DIR" bare_parse boost_writers timeit >"$LOGS/ninja-bench.log" 2>&1; then
    say "building bare_parse/boost_writers/timeit failed (see $LOGS/ninja-bench.log)"; exit 1
  fi
  if ! ninja -C "$BUILD_DIR" medkg >"$LOGS/ninja-medkg.log" 2>&1; then
    say "building medkg failed (see $LOGS/ninja-medkg.log): medkg tasks are not available"
    MEDKG_OK=0
    note all medkg "medkg did not build: $(grep -m1 -E 'error' "$LOGS/ninja-medkg.log" | cut -c1-200)"
  fi
fi
[[ -x $MEDKG ]] || { MEDKG_OK=0; note all medkg "no binary $MEDKG"; }

# ---- the dump ------------------------------------------------------------------------------
if [[ ! -s $DUMP || ! -s $META ]]; then
  say "generating $DUMP"
  "$PY" bench/gen_hub_dump.py --models "$MODELS" --seed "$SEED" -o "$DUMP" || exit 1
fi
meta() { "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$META" "$1"; }
DEEP=$(meta deep_model)
ROOTM=$(meta largest_root)
say "dump $DUMP ($(du -h "$DUMP" | cut -f1)); deep model $DEEP; largest root $ROOTM"
cat "$DUMP" >/dev/null # warm the page cache: every tool reads it from memory
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
[[ ${LOAD_BEFORE%% *} > 0.5 ]] && say "note: load average is $LOAD_BEFORE before measuring (other work on this machine skews the figures)"

# ---- measuring -----------------------------------------------------------------------------
# wait_idle: up to IDLE_WAIT s until no other process of normal or higher priority is runnable,
# in 5 samples 0.2 s apart (niced work, e.g. a `nice ninja`, barely competes and is ignored).
# Prints "idle" or "busy".
wait_idle() {
  local deadline=$(( ${EPOCHREALTIME%.*} + IDLE_WAIT )) quiet=0 n
  while (( IDLE_WAIT > 0 )); do
    # Runnable, not niced, not ps itself.
    n=$(ps -e -o stat=,ni=,comm= | awk '$1 ~ /^R/ && $2 !~ /^[1-9]/ && $3 != "ps" {n++} END {print n+0}')
    if (( n <= IDLE_OTHERS )); then
      (( ++quiet >= 5 )) && { echo idle; return; }
    else
      quiet=0
    fi
    (( ${EPOCHREALTIME%.*} >= deadline )) && { echo busy; return; }
    sleep 0.2
  done
  echo unchecked
}

# measure TASK TOOL RUN CMD...: one whole-process run under bench/timeit, which writes what
# `/usr/bin/time -f "%e %M"` writes (peak RSS in KiB), with the wall time from its fork of the
# command to the command's exit in microseconds. Until session 10 the wall time was bash's
# EPOCHREALTIME around /usr/bin/time, which also counted bash's fork and time's exec: a floor
# of 10-12 ms on the VMs of session 10 (2-3 ms before), half of a 20 ms query budget.
measure() {
  local task=$1 tool=$2 run=$3; shift 3
  local base=$LOGS/$task.$tool.$run rc=0 e m
  local -a wrap=()
  [[ -n $TIMEOUT ]] && wrap=(timeout --kill-after=10 "$TIMEOUT")
  local idle
  idle=$(wait_idle)
  "$TIMEIT" -o "$base.time" "${wrap[@]}" "$@" >"$base.out" 2>"$base.err" || rc=$?
  read -r e m < <(tail -n1 "$base.time")
  local us
  us=$(awk -v s="$e" 'BEGIN { printf "%d", s * 1000000 }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$task" "$tool" "$run" "$rc" \
    "$us" "$e" "$m" "$idle" >>"$RAW"
  return $rc
}

# bench TASK TOOL CMD...: RUNS runs; the first failure stops it and is noted "not available".
# FRESH="FILE..." bench ...: remove these files (space-separated) before every run, untimed, so
# that no run pays for freeing the previous run's output: replacing or truncating a file of a
# gigabyte costs a tenth of a second or more.
bench() {
  local task=$1 tool=$2; shift 2
  local r
  for (( r = 1; r <= RUNS; r++ )); do
    local f
    for f in ${FRESH:-}; do rm -f "$f"; done
    if ! measure "$task" "$tool" "$r" "$@"; then
      local why
      why=$(grep -v '^\s*$' "$LOGS/$task.$tool.$r.err" | tail -n1 | cut -c1-200)
      say "$task/$tool: failed; not available"
      [[ -n $why ]] || why=$(grep -m1 -E 'exited|terminated' "$LOGS/$task.$tool.$r.time")
      note "$task" "$tool" "failed: ${why:-no output}"
      return 1
    fi
    say "$task/$tool run $r: $(tail -n1 "$LOGS/$task.$tool.$r.time" | awk '{printf "%s s, %.0f MiB", $1, $2/1024}')"
  done
}

medkg_ok() { [[ $MEDKG_OK = 1 ]]; }

# ---- harness floor: what measuring a process costs by itself ------------------------------
bench floor true /bin/true

# ---- parse baselines -----------------------------------------------------------------------
if has_task parse; then
  bench parse bare_parse "$BARE" --mode dom "$DUMP"
  measure parse_modes bare_parse 1 "$BARE" --mode all "$DUMP" || true
  bench parse python "$PY" bench/peers.py python parse "$DUMP" "$META"
fi

# ---- build / load --------------------------------------------------------------------------
if has_task build && medkg_ok; then
  FRESH=$SNAP bench build medkg "$MEDKG" build "$DUMP" -o "$SNAP" --timings || true
fi
if has_task load; then
  for p in networkx igraph; do
    has_peer $p && bench load $p "$PY" bench/peers.py $p load "$DUMP" "$META"
  done
fi

# ---- queries -------------------------------------------------------------------------------
have_snap() { medkg_ok && [[ -s $SNAP ]]; }
if has_task lineage || has_task descendants; then
  for p in networkx igraph; do
    if has_peer $p; then
      measure pickle $p 1 "$PY" bench/peers.py $p pickle "$DUMP" "$META" "$DATA/$NAME.$p.pkl" ||
        note pickle $p "failed: $(tail -n1 "$LOGS/pickle.$p.1.err")"
    fi
  done
fi
if has_task lineage; then
  if have_snap; then
    bench lineage medkg "$MEDKG" lineage -g "$SNAP" "hf:$DEEP" || true
  elif medkg_ok; then note lineage medkg "no snapshot (medkg build not available)"; fi
  for p in networkx igraph; do
    has_peer $p && [[ -s $DATA/$NAME.$p.pkl ]] &&
      bench lineage $p "$PY" bench/peers.py $p lineage "$DUMP" "$META" "$DATA/$NAME.$p.pkl"
  done
fi
if has_task descendants; then
  if have_snap; then
    bench descendants medkg "$MEDKG" descendants -g "$SNAP" "hf:$ROOTM" --count || true
  elif medkg_ok; then note descendants medkg "no snapshot (medkg build not available)"; fi
  for p in networkx igraph; do
    has_peer $p && [[ -s $DATA/$NAME.$p.pkl ]] &&
      bench descendants $p "$PY" bench/peers.py $p descendants "$DUMP" "$META" "$DATA/$NAME.$p.pkl"
  done
fi

# ---- exports -------------------------------------------------------------------------------
for fmt in graphml dot; do
  has_task $fmt || continue
  if have_snap; then
    FRESH=$SCRATCH/medkg.$fmt bench $fmt medkg "$MEDKG" export -g "$SNAP" --format $fmt -o "$SCRATCH/medkg.$fmt" --timings || true
  elif medkg_ok; then note $fmt medkg "no snapshot (medkg build not available)"; fi
  for p in networkx igraph; do
    has_peer $p && FRESH=$SCRATCH/$p.$fmt bench $fmt $p "$PY" bench/peers.py $p $fmt "$DUMP" "$META" "$SCRATCH/$p.$fmt"
    [[ $KEEP = 1 ]] || rm -f "$SCRATCH/$p.$fmt"
  done
done
if has_task boost; then
  # From medkg's snapshot when there is one: the same graph with the same data elements as
  # medkg's own export (like for like); else Boost's own reading of the dump (fewer elements).
  if have_snap; then
    FRESH="$SCRATCH/boost.graphml $SCRATCH/boost.dot" \
      bench boost boost_writers "$BOOSTW" --snapshot "$SNAP" "$SCRATCH/boost"
  else
    FRESH="$SCRATCH/boost.graphml $SCRATCH/boost.dot" \
      bench boost boost_writers "$BOOSTW" "$DUMP" "$SCRATCH/boost"
  fi
  [[ $KEEP = 1 ]] || rm -f "$SCRATCH/boost.graphml" "$SCRATCH/boost.dot"
fi

# ---- correctness: NetworkX reads medkg's GraphML back ------------------------------------
rm -f "$LOGS/check.json" "$LOGS/check.err" # the report reads this run's check only
if has_task check && ! { have_snap && [[ -s $SCRATCH/medkg.graphml ]]; }; then
  # The export is this run's (the scratch outputs are removed at the end of every run).
  note check medkg "not run: it reads this run's GraphML export (add the graphml task)"
elif has_task check; then
  if [[ $CHECK_GRAPHML = yes || ( $CHECK_GRAPHML = auto && $MODELS -le 200000 ) ]]; then
    if "$MEDKG" stats -g "$SNAP" --format json >"$LOGS/stats.json" 2>"$LOGS/stats.err"; then
      "$PY" - "$SCRATCH/medkg.graphml" "$LOGS/stats.json" >"$LOGS/check.json" 2>"$LOGS/check.err" <<'EOF' || true
import json, sys, time
import networkx as nx
t = time.perf_counter()
g = nx.read_graphml(sys.argv[1])
stats = json.load(open(sys.argv[2]))
n, e = g.number_of_nodes(), g.number_of_edges()
print(json.dumps({"networkx_nodes": n, "networkx_edges": e, "medkg_nodes": stats.get("nodes"),
                  "medkg_edges": stats.get("edges"), "directed": g.is_directed(),
                  "multigraph": g.is_multigraph(),
                  "same_counts": n == stats.get("nodes") and e == stats.get("edges"),
                  "read_seconds": round(time.perf_counter() - t, 2)}))
EOF
      say "GraphML check: $(cat "$LOGS/check.json" 2>/dev/null) $(tail -n1 "$LOGS/check.err" 2>/dev/null)"
    else
      note check medkg "medkg stats -g failed: $(tail -n1 "$LOGS/stats.err")"
    fi
  fi
fi
[[ $KEEP = 1 ]] || rm -f "$SCRATCH/medkg.graphml" "$SCRATCH/medkg.dot"
rmdir "$SCRATCH" 2>/dev/null || true

# ---- report --------------------------------------------------------------------------------
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
"$PY" - "$RAW" "$NOTES" "$META" "$LOGS" "$OUT/$NAME" "$RUNS" "$PEERS" "$LOAD_BEFORE" "$LOAD_AFTER" <<'EOF'
import json, os, platform, re, statistics, subprocess, sys
raw, notes_path, meta_path, logs, out_base, runs, peers, load_before, load_after = sys.argv[1:10]
meta = json.load(open(meta_path))
rows = [l.rstrip("\n").split("\t") for l in open(raw) if l.strip()]
notes = {}
for l in open(notes_path):
    if l.strip():
        t, tool, text = l.rstrip("\n").split("\t", 2)
        notes[(t, tool)] = text

def first_json(path):
    try:
        for line in open(path):
            line = line.strip()
            if line.startswith("{"):
                return json.loads(line)
    except (OSError, ValueError):
        pass
    return None

def kv(path):
    try:
        out = []
        for line in open(path):
            out.append(dict(re.findall(r"(\w+)=(\S+)", line)))
        return out
    except OSError:
        return []

results = {}
busy_runs = 0
for task, tool, run, rc, us, e, m, idle in rows:
    r = results.setdefault(task, {}).setdefault(tool, {"runs": []})
    busy_runs += idle == "busy"
    entry = {"run": int(run), "exit": int(rc), "wall_s": int(us) / 1e6, "start": idle,
             "time_e_s": float(e) if re.match(r"^[0-9.]+$", e or "") else None,
             "peak_kib": int(m) if (m or "").isdigit() else None}
    base = os.path.join(logs, "%s.%s.%s" % (task, tool, run))
    if tool in ("networkx", "igraph", "python"):
        entry["answer"] = first_json(base + ".out") if task != "lineage" else None
        if task == "lineage":
            j = None
            try:
                for line in open(base + ".out"):
                    if line.startswith("{"):
                        j = json.loads(line)
            except (OSError, ValueError):
                pass
            entry["answer"] = j
    elif tool in ("bare_parse", "boost_writers"):
        entry["answer"] = kv(base + ".out")
    elif tool == "medkg":
        try:
            text = open(base + ".out", errors="replace").read()
        except OSError:
            text = ""
        entry["stdout_head"] = text[:400]
        # `--timings` (build, export): "medkg: timings: stream 1.2 s, index 0.4 s, write 0.3 s".
        try:
            err = open(base + ".err", errors="replace").read()
        except OSError:
            err = ""
        m = re.search(r"timings: (.*)", err)
        if m:
            entry["phases_s"] = {k.replace(" ", "_"): float(v)
                                 for k, v in re.findall(r"([a-z][a-z ]*?) ([0-9.eE+-]+) s", m.group(1))}
    r["runs"].append(entry)

for task, tools in results.items():
    for tool, r in tools.items():
        ok = [x for x in r["runs"] if x["exit"] == 0]
        r["status"] = "ok" if ok and len(ok) == len(r["runs"]) else ("failed" if not ok else "partial")
        if ok:
            r["median_s"] = statistics.median(x["wall_s"] for x in ok)
            peaks = [x["peak_kib"] for x in ok if x["peak_kib"]]
            r["peak_mib"] = round(max(peaks) / 1024, 1) if peaks else None
            r["median_peak_mib"] = round(statistics.median(peaks) / 1024, 1) if peaks else None
        if (task, tool) in notes:
            r["note"] = notes[(task, tool)]

def med(task, tool):
    return results.get(task, {}).get(tool, {}).get("median_s")

def med_phase(task, tool, phase):
    """Median of one phase medkg reported itself (--timings), over the successful runs."""
    vals = [x["phases_s"][phase] for x in results.get(task, {}).get(tool, {}).get("runs", [])
            if x["exit"] == 0 and phase in x.get("phases_s", {})]
    return statistics.median(vals) if vals else None

def peak(task, tool):
    return results.get(task, {}).get(tool, {}).get("median_peak_mib")

# Boost writer-only times come from boost_writers' own report.
boost_write = {}
for fmt, key in (("graphml", "graphml_seconds"), ("dot", "dot_seconds")):
    vals = []
    for x in results.get("boost", {}).get("boost_writers", {}).get("runs", []):
        if x["exit"] == 0 and x.get("answer"):
            d = x["answer"][-1]
            if key in d:
                vals.append(float(d[key]))
    if vals:
        boost_write[fmt] = statistics.median(vals)
boost_graph = {}
for x in results.get("boost", {}).get("boost_writers", {}).get("runs", []):
    if x.get("answer"):
        boost_graph = {k: x["answer"][-1].get(k) for k in ("nodes", "edges")}
parse_modes = {}
for x in results.get("parse_modes", {}).get("bare_parse", {}).get("runs", []):
    for d in x.get("answer") or []:
        if "mode" in d:
            parse_modes[d["mode"]] = float(d["seconds"])

# Answers: peers must agree with the generator; medkg's descendants count is parsed if it can be.
checks = {}
for task, expect in (("lineage", meta["deep_model_ancestors"]), ("descendants", meta["largest_root_descendants"])):
    for tool in ("networkx", "igraph"):
        xs = results.get(task, {}).get(tool, {}).get("runs", [])
        got = [x["answer"].get("count") for x in xs if x.get("answer")]
        if got:
            checks["%s.%s" % (task, tool)] = {"answer": got[0], "expected": expect, "ok": got[0] == expect}
    xs = results.get(task, {}).get("medkg", {}).get("runs", [])
    if xs and xs[0]["exit"] == 0:
        head = xs[0].get("stdout_head", "")
        if task == "lineage":
            # Distinct ancestors named in medkg's tree ("relation -> NAME (kind...)").
            try:
                text = open(os.path.join(logs, "lineage.medkg.1.out"), errors="replace").read()
            except OSError:
                text = ""
            names = set(re.findall(r"\u2192 (\S+) \(", text))
            checks["lineage.medkg"] = {"answer": len(names), "expected": expect,
                                       "ok": len(names) == expect}
        if task == "descendants":
            m = re.search(r'"count"\s*:\s*(\d+)', head) or re.search(r"(\d+) descendants", head) \
                or re.search(r"\b(\d+)\b", head)
            got = int(m.group(1)) if m else None
            checks["descendants.medkg"] = {"answer": got, "expected": expect, "ok": got == expect,
                                           "stdout_head": head[:200]}
check_path = os.path.join(logs, "check.json")
graphml_check = first_json(check_path) if os.path.exists(check_path) else None

def ratio(a, b):
    return round(a / b, 4) if a and b else None

# Rows of the table: (task label, medkg key, peers, baseline)
table = [
    ("load / build", ("build", "medkg"), [("load", "networkx"), ("load", "igraph")]),
    ("lineage of the deep model", ("lineage", "medkg"), [("lineage", "networkx"), ("lineage", "igraph")]),
    ("descendants --count of the largest root", ("descendants", "medkg"),
     [("descendants", "networkx"), ("descendants", "igraph")]),
    ("GraphML export (peers: load + write)", ("graphml", "medkg"), [("graphml", "networkx"), ("graphml", "igraph")]),
    ("DOT export (peers: load + write)", ("dot", "medkg"), [("dot", "networkx"), ("dot", "igraph")]),
]
ratios = {}
for label, mk, ps in table:
    for pk in ps:
        a, b = med(*mk), med(*pk)
        ratios["%s:medkg/%s" % (mk[0], pk[1])] = {
            "time_ratio": ratio(a, b), "speedup": ratio(b, a),
            "memory_ratio": ratio(peak(*mk), peak(*pk))}
ratios["build:medkg/bare_parse"] = {"time_ratio": ratio(med("build", "medkg"), med("parse", "bare_parse"))}
for fmt in ("graphml", "dot"):
    if fmt in boost_write:
        ratios["%s:medkg_whole_process/boost_writer_only" % fmt] = {
            "time_ratio": ratio(med(fmt, "medkg"), boost_write[fmt]),
            "speedup": ratio(boost_write[fmt], med(fmt, "medkg"))}
        ratios["%s:medkg_writer_only/boost_writer_only" % fmt] = {
            "medkg_writer_s": med_phase(fmt, "medkg", "write"),
            "time_ratio": ratio(med_phase(fmt, "medkg", "write"), boost_write[fmt]),
            "speedup": ratio(boost_write[fmt], med_phase(fmt, "medkg", "write"))}

def target(name, value, op, bound):
    if value is None:
        return {"target": name, "value": None, "bound": bound, "met": None}
    met = value >= bound if op == ">=" else value <= bound if op == "<=" else value < bound
    return {"target": name, "value": round(value, 4), "op": op, "bound": bound, "met": met}

def sp(a, b):
    return b / a if a and b else None

targets = [
    target("build: igraph load / medkg build", sp(med("build", "medkg"), med("load", "igraph")), ">=", 8),
    target("build: NetworkX load / medkg build", sp(med("build", "medkg"), med("load", "networkx")), ">=", 15),
    target("build: medkg build / bare parse", ratio(med("build", "medkg"), med("parse", "bare_parse")), "<=", 1.5),
    target("build: medkg peak / igraph load peak", ratio(peak("build", "medkg"), peak("load", "igraph")), "<=", 0.5),
    target("lineage: medkg whole process (s)", med("lineage", "medkg"), "<", 0.020),
    target("lineage: igraph from pickle / medkg", sp(med("lineage", "medkg"), med("lineage", "igraph")), ">=", 50),
    target("descendants: medkg whole process (s)", med("descendants", "medkg"), "<", 0.020),
    target("descendants: igraph from pickle / medkg", sp(med("descendants", "medkg"), med("descendants", "igraph")), ">=", 50),
    target("graphml: igraph load+write / medkg export", sp(med("graphml", "medkg"), med("graphml", "igraph")), ">=", 10),
    target("dot: igraph load+write / medkg export", sp(med("dot", "medkg"), med("dot", "igraph")), ">=", 10),
    target("graphml: Boost write_graphml (writer only) / medkg export (whole process)",
           sp(med("graphml", "medkg"), boost_write.get("graphml")), ">=", 2),
    target("dot: Boost write_graphviz_dp (writer only) / medkg export (whole process)",
           sp(med("dot", "medkg"), boost_write.get("dot")), ">=", 2),
    target("graphml: Boost write_graphml (writer only) / medkg writer only (--timings)",
           sp(med_phase("graphml", "medkg", "write"), boost_write.get("graphml")), ">=", 2),
    target("dot: Boost write_graphviz_dp (writer only) / medkg writer only (--timings)",
           sp(med_phase("dot", "medkg", "write"), boost_write.get("dot")), ">=", 2),
]
if graphml_check:
    targets.append({"target": "NetworkX read_graphml of medkg's export has medkg's counts",
                    "value": graphml_check.get("same_counts"), "met": bool(graphml_check.get("same_counts"))})

def cpu():
    try:
        for l in open("/proc/cpuinfo"):
            if l.startswith("model name"):
                return l.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()

def version(mod):
    try:
        return subprocess.run(["/usr/bin/python3", "-c", "import %s; print(%s.__version__)" % (mod, mod)],
                              capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:
        return None

report = {
    "dump": meta.get("dump"), "models": meta["models"], "seed": meta["seed"], "bytes": meta["bytes"],
    "deep_model": meta["deep_model"], "largest_root": meta["largest_root"],
    "expected": {"deep_model_ancestors": meta["deep_model_ancestors"],
                 "largest_root_descendants": meta["largest_root_descendants"]},
    "shape": meta["stats"], "runs": int(runs), "peers": [p for p in peers.split(",") if p],
    "machine": {"cpu": cpu(), "cores": os.cpu_count(),
                "mem_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
                "python": platform.python_version(), "networkx": version("networkx"),
                "igraph": version("igraph"),
                "loadavg_before": load_before, "loadavg_after": load_after,
                "runs_started_busy": busy_runs, "runs": len(rows)},
    "results": results, "boost_writer_only_s": boost_write, "boost_graph": boost_graph,
    "bare_parse_modes_s": parse_modes, "answers": checks, "graphml_check": graphml_check,
    "ratios": ratios, "targets": targets,
}
with open(out_base + ".json", "w") as f:
    json.dump(report, f, indent=2)
    f.write("\n")

def fs(x):
    if x is None:
        return "n/a"
    return "%.1f ms" % (x * 1000) if x < 1 else "%.2f s" % x

def fm(x):
    return "n/a" if x is None else ("%.0f MB" % x if x >= 10 else "%.1f MB" % x)

def cell(task, tool):
    r = results.get(task, {}).get(tool)
    if r is None:
        n = notes.get((task, tool)) or notes.get(("all", tool))
        return "not available (%s)" % n[:80] if n else "not run"
    if r.get("median_s") is None:
        return "not available (%s)" % (r.get("note") or "failed")[:80]
    return "%s, %s" % (fs(r["median_s"]), fm(r.get("median_peak_mib")))

L = []
L.append("# Hub benchmark: %s models (seed %s)\n" % (meta["models"], meta["seed"]))
L.append("Dump `%s`: %.1f MB, %d models; deep model `%s` (depth %d, %d ancestors); largest root `%s` "
         "(%d descendants). Whole-process medians of %s runs (wall time) and median peak RSS. "
         "Machine: %s, %s cores, %s GiB; Python %s, NetworkX %s, igraph %s; load average %s before, "
         "%s after; %d of %d runs had to start while other processes were runnable.\n"
         % (meta.get("dump"), meta["bytes"] / 1e6, meta["models"], meta["deep_model"],
            meta["deep_model_depth"], meta["deep_model_ancestors"], meta["largest_root"],
            meta["largest_root_descendants"], runs, report["machine"]["cpu"], report["machine"]["cores"],
            report["machine"]["mem_gib"], report["machine"]["python"], report["machine"]["networkx"],
            report["machine"]["igraph"], load_before, load_after, busy_runs, len(rows)))
L.append("| task | medkg | NetworkX | igraph | medkg/NetworkX | medkg/igraph |")
L.append("|---|---|---|---|---|---|")
for label, mk, ps in table:
    rs = []
    for pk in ps:
        rr = ratios["%s:medkg/%s" % (mk[0], pk[1])]
        rs.append("n/a" if rr["time_ratio"] is None else "time %.3g (speed-up %.1fx), memory %s" % (
            rr["time_ratio"], rr["speedup"], "n/a" if rr["memory_ratio"] is None else "%.2g" % rr["memory_ratio"]))
    L.append("| %s | %s | %s | %s | %s | %s |" % (label, cell(*mk), cell(*ps[0]), cell(*ps[1]), rs[0], rs[1]))
L.append("")
L.append("| baseline | result |")
L.append("|---|---|")
L.append("| harness floor: `bench/timeit /bin/true`, a process that does nothing (included in every figure) | %s |" % cell("floor", "true"))
L.append("| bare parse (RapidJSON DOM, 1 thread, whole process) | %s |" % cell("parse", "bare_parse"))
if parse_modes:
    L.append("| bare parse modes (in-process) | %s |" % ", ".join("%s %s" % (k, fs(v)) for k, v in parse_modes.items()))
L.append("| Python json.loads of every line (whole process) | %s |" % cell("parse", "python"))
for p in ("networkx", "igraph"):
    r = results.get("pickle", {}).get(p)
    if r:
        L.append("| %s load + pickle.dump (once, setup of the pickled queries) | %s |" % (p, cell("pickle", p)))
L.append("| medkg build / bare parse | %s |" % (
    "n/a" if ratios["build:medkg/bare_parse"]["time_ratio"] is None else "%.2f" % ratios["build:medkg/bare_parse"]["time_ratio"]))
for fmt, fn in (("graphml", "write_graphml"), ("dot", "write_graphviz_dp")):
    if fmt in boost_write:
        rr = ratios.get("%s:medkg_whole_process/boost_writer_only" % fmt, {})
        L.append("| Boost %s, writer only (graph %s nodes, %s edges) | %s%s |" % (
            fn, boost_graph.get("nodes"), boost_graph.get("edges"), fs(boost_write[fmt]),
            "" if not rr.get("speedup") else "; Boost writer only / medkg whole-process export = %.2f" % rr["speedup"]))
        wr = ratios.get("%s:medkg_writer_only/boost_writer_only" % fmt, {})
        if wr.get("speedup"):
            L.append("| medkg %s writer only (its --timings; both write a file) | %s; Boost writer only / medkg writer only = %.2f |" % (
                fmt, fs(wr["medkg_writer_s"]), wr["speedup"]))
if med_phase("build", "medkg", "stream") is not None:
    L.append("| medkg build phases (its --timings, medians) | %s |" % ", ".join(
        "%s %s" % (k, fs(med_phase("build", "medkg", k))) for k in ("stream", "layout", "index", "write", "index_and_write")
        if med_phase("build", "medkg", k) is not None))
L.append("")
if checks or graphml_check:
    L.append("Answers: " + "; ".join("%s %s (expected %s)%s" % (k, v["answer"], v["expected"], "" if v["ok"] else " MISMATCH")
                                  for k, v in checks.items()))
    if graphml_check:
        L.append("")
        L.append("GraphML check: NetworkX read_graphml of medkg's export: %s nodes, %s edges; medkg stats: %s nodes, "
                 "%s edges -> %s." % (graphml_check.get("networkx_nodes"), graphml_check.get("networkx_edges"),
                                      graphml_check.get("medkg_nodes"), graphml_check.get("medkg_edges"),
                                      "same counts" if graphml_check.get("same_counts") else "DIFFERENT"))
    L.append("")
L.append("Targets (stated in issue 5 for the 1M dump; evaluated here at %s models):\n" % meta["models"])
L.append("| target | value | bound | met |")
L.append("|---|---|---|---|")
for t in targets:
    v = t["value"]
    vs = "n/a" if v is None else (str(v) if isinstance(v, bool) else "%.4g" % v)
    L.append("| %s | %s | %s %s | %s |" % (t["target"], vs, t.get("op", ""), t.get("bound", ""),
                                          {True: "yes", False: "NO", None: "n/a"}[t["met"]]))
other = [(k, v) for k, v in notes.items()]
if other:
    L.append("")
    L.append("Notes:")
    for (t, tool), text in other:
        L.append("- %s / %s: %s" % (t, tool, text))
md = "\n".join(L) + "\n"
with open(out_base + ".md", "w") as f:
    f.write(md)
print(md)
EOF
say "wrote $OUT/$NAME.md and $OUT/$NAME.json"
