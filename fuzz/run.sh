#!/usr/bin/env bash
# Fuzzes the markdown list reader with libFuzzer (clang from Debian), AddressSanitizer and
# UndefinedBehaviorSanitizer. Not part of CI: a benchmark-like run.
#
#   fuzz/run.sh [SECONDS] [extra libFuzzer flags...]     (default 600 seconds)
#
# Seeds: the lists in ../shared/corpus/lists, the reader's case files and small hand-written
# ones (fuzz/seeds/, made here). Findings go to fuzz/out/ (crash-*, timeout-*, oom-*); the corpus grown by the run is kept
# in fuzz/out/corpus/ so that a later run starts where this one stopped. Prints the executions
# libFuzzer reports; exits non-zero when libFuzzer found something.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECONDS_TO_RUN=${1:-600}
shift || true
CXX=${CXX:-$(command -v clang++-14 || command -v clang++)}
OUT=$ROOT/fuzz/out
BIN=$OUT/markdown_fuzzer
CORPUS_DIR=${MEDKG_CORPUS_DIR:-$ROOT/../shared/corpus}

mkdir -p "$OUT/corpus" "$OUT/seeds"

# Only the sources the reader needs: the harness links no Boost, no libcurl, no RapidJSON.
SOURCES=(
  "$ROOT/fuzz/markdown_fuzzer.cpp"
  "$ROOT"/ingest/markdown/*.cpp
  "$ROOT/graph/names.cpp" "$ROOT/graph/model_name.cpp" "$ROOT/graph/string_pool.cpp"
  "$ROOT/graph/kinds.cpp" "$ROOT/util/text.cpp" "$ROOT/util/diagnostic.cpp" "$ROOT/util/hash.cpp"
)
echo "fuzz: building $BIN with $CXX"
"$CXX" -std=c++20 -O1 -g -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$ROOT" "${SOURCES[@]}" -o "$BIN" \
  /usr/lib/x86_64-linux-gnu/libcmark-gfm-extensions.a /usr/lib/x86_64-linux-gnu/libcmark-gfm.a

# Seeds: the real lists, and small inputs that reach each construct quickly.
cp "$CORPUS_DIR"/lists/*.md "$OUT/seeds/" 2>/dev/null || echo "fuzz: no corpus lists at $CORPUS_DIR"
# The reader's case files: small, and each reaches one shape of entry.
for f in "$ROOT"/tests/ingest/markdown/cases/*.md; do
  cp "$f" "$OUT/seeds/case-$(basename "$f")"
done
printf '## M\n* [**Arxiv, 2023.4**] **A/B**: Tuning llama [paper]((https://arxiv.org/abs/2304.06975)) [[code]] (https://github.com/a/b)\n' > "$OUT/seeds/entry.md"
printf '| Model | Base | Para. (B) |\n|---|---|---|\n| X~ | Flan-PaLM/PaLM | 7, 13 |\n| Y | pairs |\n' > "$OUT/seeds/table.md"
printf '* DoctorGLM：\n  * 地址：https://github.com/a/b\n  * 简介：基于 ChatGLM-6B的模型，以LlaMA为底座，模型主干为LlaMA-7b\n' > "$OUT/seeds/chinese.md"
printf '<!--\n- x\n-->\n```\n- y\n```\n@article{a,\n title={b}\n}\n<h2>T</h2>\n<details><summary>S</summary>\n- **[T](https://doi.org/10.1/x)**<br/>A et al. · *V* · 2024-01-02\n' > "$OUT/seeds/structure.md"

echo "fuzz: running for $SECONDS_TO_RUN s"
set +e
"$BIN" "$OUT/corpus" "$OUT/seeds" \
  -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
  -artifact_prefix="$OUT/" -print_final_stats=1 "$@" 2>&1 | tee "$OUT/last-run.log" | \
  grep -E "^#[0-9]+ +(INITED|DONE|pulse)|stat::|ERROR|SUMMARY|Test unit written" 
status=${PIPESTATUS[0]}
set -e
echo "fuzz: libFuzzer exit status $status (log: $OUT/last-run.log)"
exit "$status"
