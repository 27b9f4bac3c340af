"""Loads a medkg GraphML file with NetworkX and igraph (Debian's python3 packages) and checks
that both see the node and edge counts medkg reports, and the typed attributes."""
import json
import sys

import igraph
import networkx


def main() -> int:
    path, stats_path = sys.argv[1], sys.argv[2]
    with open(stats_path, encoding="utf-8") as f:
        stats = json.load(f)
    failures = []

    nx = networkx.read_graphml(path)
    if nx.number_of_nodes() != stats["nodes"] or nx.number_of_edges() != stats["edges"]:
        failures.append(f"networkx: {nx.number_of_nodes()} nodes / {nx.number_of_edges()} edges, "
                        f"medkg: {stats['nodes']} / {stats['edges']}")
    kinds = {}
    for _, data in nx.nodes(data=True):
        if not data.get("label"):
            failures.append("networkx: a node without a label")
            break
        kinds[data["kind"]] = kinds.get(data["kind"], 0) + 1
    if kinds != {k: v for k, v in stats["nodes_by_kind"].items() if v}:
        failures.append(f"networkx node kinds {kinds} != {stats['nodes_by_kind']}")
    edge_kinds = {}
    for _, _, data in nx.edges(data=True):
        edge_kinds[data["kind"]] = edge_kinds.get(data["kind"], 0) + 1
        if not isinstance(data["confidence"], float):
            failures.append("networkx: confidence is not a double")
            break
    if edge_kinds != {k: v for k, v in stats["edges_by_kind"].items() if v}:
        failures.append(f"networkx edge kinds {edge_kinds} != {stats['edges_by_kind']}")

    ig = igraph.Graph.Read_GraphML(path)
    if ig.vcount() != stats["nodes"] or ig.ecount() != stats["edges"]:
        failures.append(f"igraph: {ig.vcount()} nodes / {ig.ecount()} edges")
    if sorted(ig.vs["label"]) != sorted(d["label"] for _, d in nx.nodes(data=True)):
        failures.append("igraph and networkx disagree on labels")
    if sorted(ig.es["kind"]) != sorted(d["kind"] for _, _, d in nx.edges(data=True)):
        failures.append("igraph and networkx disagree on edge kinds")
    if not ig.is_directed():
        failures.append("igraph: graph is not directed")

    for failure in failures:
        print("FAIL:", failure)
    print(f"graphml: {nx.number_of_nodes()} nodes, {nx.number_of_edges()} edges; "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
