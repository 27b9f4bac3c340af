#!/usr/bin/env bash
# Integration with real consumers: NetworkX and igraph read our GraphML, Graphviz dot renders our
# DOT, and the binary's outputs are deterministic. Needs MEDKG (the binary) and PYTHON (Debian's
# python3, which sees python3-networkx and python3-igraph).
set -euo pipefail
: "${MEDKG:?}" "${PYTHON:?}" "${MEDKG_TEST_DATA:?}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
check() { # name, command...
    local name=$1; shift
    if "$@"; then echo "ok: $name"; else echo "FAIL: $name"; fail=1; fi
}

for source in default "$MEDKG_TEST_DATA/small.json"; do
    tag=$(basename "$source" .json)
    "$MEDKG" export --format graphml --source "$source" -o "$work/$tag.graphml"
    "$MEDKG" stats --format json --source "$source" > "$work/$tag.stats.json"
    check "networkx and igraph read $tag" "$PYTHON" "$here/check_graphml.py" "$work/$tag.graphml" "$work/$tag.stats.json"

    "$MEDKG" export --format dot --source "$source" -o "$work/$tag.dot"
    check "dot renders the whole $tag graph" dot -Tsvg -o "$work/$tag.svg" "$work/$tag.dot"
    check "$tag svg is an svg" grep -q '<svg' "$work/$tag.svg"

    "$MEDKG" export --format graphml --source "$source" -o "$work/$tag.2.graphml"
    "$MEDKG" export --format dot --source "$source" -o "$work/$tag.2.dot"
    check "$tag GraphML is byte-identical across runs" cmp -s "$work/$tag.graphml" "$work/$tag.2.graphml"
    check "$tag DOT is byte-identical across runs" cmp -s "$work/$tag.dot" "$work/$tag.2.dot"
done

# A base guessed from a name is marked: both readers see the one guessed edge as a boolean.
printf '# Models\n\n- [PMC-LLaMA](https://example.org/pmc): a medical model.\n- [ChatDoctor](https://example.org/cd): fine-tuned on LLaMA.\n' > "$work/guess.md"
"$MEDKG" export --format graphml --source "$work/guess.md" -o "$work/guess.graphml"
check "networkx and igraph read the guessed mark" "$PYTHON" -c '
import sys, networkx, igraph
nx = networkx.read_graphml(sys.argv[1])
ig = igraph.Graph.Read_GraphML(sys.argv[1])
nx_guessed = sorted((nx.nodes[a]["label"], nx.nodes[b]["label"]) for a, b, d in nx.edges(data=True) if d.get("guessed") is True)
ig_guessed = sorted((ig.vs[e.source]["label"], ig.vs[e.target]["label"]) for e in ig.es if e["guessed"])
want = [("PMC-LLaMA", "LLaMA")]
sys.exit(0 if nx_guessed == want and ig_guessed == want else print(nx_guessed, ig_guessed) or 1)
' "$work/guess.graphml"

"$MEDKG" render ChatDoctor -o "$work/chatdoctor.svg" 2> "$work/render.err"
check "render writes an svg" grep -q '<svg' "$work/chatdoctor.svg"
check "the rendered lineage names LLaMA" grep -q 'LLaMA' "$work/chatdoctor.svg"
"$MEDKG" render -o "$work/all.png"
check "render writes a png" bash -c "head -c 8 '$work/all.png' | od -An -c | grep -q 'P   N   G'"

set +e
MEDKG_DOT=/nonexistent/dot "$MEDKG" render ChatDoctor -o "$work/none.svg" 2> "$work/nodot.err"
code=$?
set -e
check "a missing dot exits 1" test "$code" -eq 1
check "a missing dot is explained" grep -q 'install Graphviz' "$work/nodot.err"
check "a failed render leaves no file" test ! -e "$work/none.svg"

echo "consumers: $([ $fail -eq 0 ] && echo passed || echo failed)"
exit $fail
