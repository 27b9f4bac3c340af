#!/usr/bin/env bash
# The markdown list reader benchmark: time to read (and build a graph from) each corpus list,
# and reading throughput on a deterministic synthetic list of --mb megabytes (default 50), with
# growing prefixes to show the reader is linear.
#
#   bench/run_markdown.sh [--mb 50] [--seed 42] [--runs 5] [--build-dir DIR] [--no-build]
#
# Builds bench/markdown_bench in DIR (default build-md, RelWithDebInfo) with -DMEDKG_BUILD_BENCH=ON.
# The synthetic list is cached in bench/data/ (gitignored); the report goes to stdout and to
# bench/results/markdown-<MB>mb-s<SEED>.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MB=50
SEED=42
RUNS=5
BUILD_DIR=$ROOT/build-md
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) MB=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --build-dir) BUILD_DIR=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "usage: $0 [--mb N] [--seed N] [--runs N] [--build-dir DIR] [--no-build]" >&2; exit 2 ;;
  esac
done
CORPUS=${MEDKG_CORPUS_DIR:-$ROOT/../shared/corpus}

if [ "$BUILD" = 1 ]; then
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DMEDKG_BUILD_BENCH=ON >/dev/null
  ninja -C "$BUILD_DIR" markdown_bench >/dev/null
fi
BIN=$BUILD_DIR/bench/markdown_bench

mkdir -p "$ROOT/bench/data" "$ROOT/bench/results"
SYN=$ROOT/bench/data/markdown-${MB}mb-s${SEED}.md
if [ ! -s "$SYN" ]; then
  /usr/bin/python3 "$ROOT/bench/gen_markdown.py" --mb "$MB" --seed "$SEED" --out "$SYN"
fi
REPORT=$ROOT/bench/results/markdown-${MB}mb-s${SEED}.md
{
  echo "# Markdown list reader ($(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m))"
  echo
  echo "## Corpus lists"
  echo
  "$BIN" --runs "$((RUNS * 4))" --build "$CORPUS"/lists/*.md
  echo
  echo "## Synthetic list (${MB} MB, seed ${SEED})"
  echo
  "$BIN" --runs "$RUNS" "$SYN"
} | tee "$REPORT"
echo "report: $REPORT"
