#!/usr/bin/env bash
# Remote sources through the real binary against the fixture Hub server on 127.0.0.1: ancestors,
# descendants, a second run that downloads no body, offline mode, merging with the dataset, and
# a run killed mid-download that must leave no cache entry. Prints request counts per scenario.
set -euo pipefail
: "${MEDKG:?}" "${PYTHON:?}" "${REMOTE_DIR:?}"
work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$PYTHON" "$REMOTE_DIR/hub_server.py" --port-file "$work/port" --log "$work/log" --lifetime 300 &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
endpoint="http://127.0.0.1:$(cat "$work/port")"
common=(--hf-endpoint "$endpoint" --cache-dir "$work/cache" --timeout 5 --retries 1)
fail=0
check() { local name=$1; shift; if "$@"; then echo "ok: $name"; else echo "FAIL: $name"; fail=1; fi; }
mark=0
scenario() { # prints the requests since the last call: total, 200 with a body, 304
    local name=$1
    local total bodies revalidated
    total=$(tail -n +$((mark + 1)) "$work/log" 2>/dev/null | grep -c '"status"' || true)
    bodies=$(tail -n +$((mark + 1)) "$work/log" 2>/dev/null | grep -c '"status": 200' || true)
    revalidated=$(tail -n +$((mark + 1)) "$work/log" 2>/dev/null | grep -c '"status": 304' || true)
    mark=$(wc -l < "$work/log" 2>/dev/null || echo 0)
    echo "requests: $name: $total total, $bodies with a body, $revalidated revalidated (304)"
    last_bodies=$bodies
    last_total=$total
}
touch "$work/log"

"$MEDKG" lineage hf:malhajar/meditron-7b-chat --source hf:malhajar/meditron-7b-chat --hf-ancestors "${common[@]}" > "$work/anc.txt"
scenario "ancestors, first run"
check "ancestors reach Llama 2 through fine_tuned_from" grep -q 'fine_tuned_from → meta-llama/Llama-2-7b-hf' "$work/anc.txt"
check "the chat model is fine_tuned_from meditron-7b" grep -q 'fine_tuned_from → epfl-llm/meditron-7b' "$work/anc.txt"

"$MEDKG" lineage hf:malhajar/meditron-7b-chat --source hf:malhajar/meditron-7b-chat --hf-ancestors "${common[@]}" > "$work/anc2.txt" 2> "$work/anc2.err"
scenario "ancestors, second run"
check "a second run downloads no body" test "$last_bodies" -eq 0
check "a second run answers the same" cmp -s "$work/anc.txt" "$work/anc2.txt"

"$MEDKG" lineage hf:malhajar/meditron-7b-chat --source hf:malhajar/meditron-7b-chat --hf-ancestors --offline "${common[@]}" > "$work/anc3.txt"
scenario "ancestors, --offline"
check "--offline makes no request" test "$last_total" -eq 0
check "--offline answers the same" cmp -s "$work/anc.txt" "$work/anc3.txt"

"$MEDKG" descendants hf:epfl-llm/meditron-7b --source hf:epfl-llm/meditron-7b --hf-descendants "${common[@]}" > "$work/desc.txt"
scenario "descendants, first run"
check "descendants include the quantization" grep -q 'meditron-7b-GGUF (model) ← quantized_from' "$work/desc.txt"
check "descendants include the adapter" grep -q 'meditron-7b-lora (model) ← adapter_of' "$work/desc.txt"
check "descendants include the merge" grep -q 'meditron-chat-merge (model) ← merged_from' "$work/desc.txt"
"$MEDKG" descendants hf:epfl-llm/meditron-7b --source hf:epfl-llm/meditron-7b --hf-descendants "${common[@]}" > /dev/null
scenario "descendants, second run"
check "a second descendants run downloads no body" test "$last_bodies" -eq 0

"$MEDKG" show Meditron-70B --source default --source hf:epfl-llm/meditron-70b --source "$endpoint/dump.jsonl" "${common[@]}" > "$work/show.txt"
scenario "show Meditron-70B with dataset, Hub and dump"
check "show lists the dataset's provenance" grep -q 'data/medllms.json' "$work/show.txt"
check "show lists the Hub's provenance" grep -q "cites $endpoint/api/models/epfl-llm/meditron-70b" "$work/show.txt"
check "show lists the dump's provenance" grep -q "cites $endpoint/dump.jsonl:" "$work/show.txt"

# A run killed mid-download leaves no cache entry; the next run refetches cleanly.
rm -rf "$work/cache"
"$MEDKG" stats --source "$endpoint/fault/slow-body?kill=1" --hf-endpoint "$endpoint" --cache-dir "$work/cache" --timeout 60 > /dev/null 2>&1 &
victim=$!
sleep 1
kill -9 "$victim" 2>/dev/null || true
wait "$victim" 2>/dev/null || true
check "the killed run had started downloading" grep -q '"event": "start", "path": "/fault/slow-body' "$work/log"
scenario "killed mid-download"
entries=$( (find "$work/cache" -name "*.entry" 2>/dev/null || true) | wc -l)
check "a killed run leaves no cache entry" test "$entries" -eq 0
set +e
"$MEDKG" stats --source "$endpoint/fault/slow-body?kill=1" --offline "${common[@]}" > /dev/null 2> "$work/offline.err"
code=$?
set -e
check "after a killed run, --offline misses clearly" grep -q 'not in the cache' "$work/offline.err"
check "and exits 1" test "$code" -eq 1

set +e
"$MEDKG" lineage X --source hf:nobody/nothing "${common[@]}" > /dev/null 2> "$work/404.err"
code=$?
set -e
scenario "a missing Hub model"
check "a missing Hub model is a clear error" grep -q 'HTTP 404' "$work/404.err"
check "and exits 1" test "$code" -eq 1

# libcurl is loaded on the first fetch: a library that cannot be loaded, or one that is not
# libcurl, is a clear error and exit 1, not a crash.
set +e
MEDKG_LIBCURL=/nonexistent/libcurl.so.4 "$MEDKG" lineage hf:epfl-llm/meditron-7b --source hf:epfl-llm/meditron-7b --hf-endpoint "$endpoint" --cache-dir "$work/nocurl" --timeout 5 --retries 1 2> "$work/nocurl.err"
code=$?
set -e
check "a libcurl that cannot be loaded is explained" grep -q 'remote sources need libcurl, which could not be loaded (/nonexistent/libcurl.so.4: ' "$work/nocurl.err"
check "and exits 1" test "$code" -eq 1
set +e
MEDKG_LIBCURL=libm.so.6 "$MEDKG" lineage hf:epfl-llm/meditron-7b --source hf:epfl-llm/meditron-7b --hf-endpoint "$endpoint" --cache-dir "$work/notcurl" --timeout 5 --retries 1 2> "$work/notcurl.err"
code=$?
set -e
check "a library that is not libcurl is explained" grep -q 'libcurl lacks curl_global_init' "$work/notcurl.err"
check "and exits 1" test "$code" -eq 1

echo "remote: $([ $fail -eq 0 ] && echo passed || echo failed)"
exit $fail
