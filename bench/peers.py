#!/usr/bin/python3
"""The peer side of the Hub benchmark: the same tasks done the way a user does them with
Debian's python3-networkx and python3-igraph. One task per process, timed from outside.

Usage: peers.py TOOL TASK DUMP META [PICKLE_OR_OUTPUT]

  TOOL   networkx | igraph | python
  TASK   load         read the JSON Lines dump (json.loads per line) and build the graph
         pickle       load, then save the graph with pickle to PICKLE
         lineage      unpickle PICKLE, then every ancestor of META's deep model
         descendants  unpickle PICKLE, then the number of descendants of META's largest root
         graphml      load, then write GraphML to OUTPUT (networkx.write_graphml / Graph.write_graphml)
         dot          load, then write DOT to OUTPUT (networkx via pygraphviz's write_dot when
                      python3-pygraphviz is installed, else a plain loop; igraph Graph.write_dot)
         parse        (TOOL python) json.loads of every line and nothing else: Python's floor

The graph: one node per model id and per base id it names (dangling ones included), with the
attributes author and pipeline_tag ("" when absent); one edge child -> parent per base, with the
attribute relation. Bases are read the way a user reads them: tags `base_model:<relation>:<id>`,
else tags `base_model:<id>` (finetune), else cardData.base_model (+ base_model_relation; a list is
a merge). Edges point child -> parent, so a model's ancestors are the nodes reachable from it.

Prints one line of JSON on stdout: {"tool", "task", "nodes", "edges", "count", "seconds"}
(`seconds` is the in-process time of the task, for information; the driver times the process).
"""
import json
import pickle
import sys
import time


def bases(m):
    """[(parent id, relation)] of a Hub model object, first-seen order, no repeats."""
    out, seen = [], set()
    tags = m.get("tags") or []
    for t in tags:
        if t.startswith("base_model:"):
            rest = t[11:]
            rel, sep, pid = rest.partition(":")
            if sep and rel in ("finetune", "adapter", "quantized", "merge"):
                if pid not in seen:
                    seen.add(pid)
                    out.append((pid, rel))
    if not out:
        for t in tags:
            if t.startswith("base_model:") and ":" not in t[11:]:
                pid = t[11:]
                if pid not in seen:
                    seen.add(pid)
                    out.append((pid, "finetune"))
    if not out:
        card = m.get("cardData") or {}
        b = card.get("base_model")
        if isinstance(b, str):
            b = [b]
        if isinstance(b, list):
            rel = card.get("base_model_relation") or ("merge" if len(b) > 1 else "finetune")
            for pid in b:
                if isinstance(pid, str) and pid not in seen:
                    seen.add(pid)
                    out.append((pid, rel))
    return out


def load_networkx(path):
    import networkx as nx
    g = nx.DiGraph()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            m = json.loads(line)
            mid = m["id"]
            g.add_node(mid, author=m.get("author") or "", pipeline_tag=m.get("pipeline_tag") or "")
            for pid, rel in bases(m):
                g.add_edge(mid, pid, relation=rel)
    return g


def load_igraph(path):
    import igraph as ig
    index, names, authors, ptags = {}, [], [], []
    src, dst, rels = [], [], []

    def vid(name):
        i = index.get(name)
        if i is None:
            i = index[name] = len(names)
            names.append(name)
            authors.append("")
            ptags.append("")
        return i

    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            m = json.loads(line)
            i = vid(m["id"])
            authors[i] = m.get("author") or ""
            ptags[i] = m.get("pipeline_tag") or ""
            for pid, rel in bases(m):
                src.append(i)
                dst.append(vid(pid))
                rels.append(rel)
    g = ig.Graph(n=len(names), edges=list(zip(src, dst)), directed=True,
                 vertex_attrs={"name": names, "author": authors, "pipeline_tag": ptags},
                 edge_attrs={"relation": rels})
    return g


def counts(tool, g):
    if tool == "networkx":
        return g.number_of_nodes(), g.number_of_edges()
    return g.vcount(), g.ecount()


def write_dot_networkx(g, out):
    import networkx as nx
    try:
        import pygraphviz  # noqa: F401  (nx_agraph needs it)
        nx.drawing.nx_agraph.write_dot(g, out)
        return "pygraphviz"
    except ImportError:
        pass

    def q(s):
        return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'

    with open(out, "w", encoding="utf-8") as f:
        f.write("digraph {\n")
        for n, d in g.nodes(data=True):
            f.write("%s [author=%s, pipeline_tag=%s];\n" % (q(n), q(d.get("author", "")),
                                                            q(d.get("pipeline_tag", ""))))
        for a, b, d in g.edges(data=True):
            f.write("%s -> %s [relation=%s];\n" % (q(a), q(b), q(d.get("relation", ""))))
        f.write("}\n")
    return "loop"


def main(argv):
    if len(argv) < 5:
        sys.stderr.write(__doc__)
        return 2
    tool, task, dump, meta_path = argv[1:5]
    extra = argv[5] if len(argv) > 5 else None
    if tool not in ("networkx", "igraph", "python"):
        sys.stderr.write("peers.py: unknown tool %r\n" % tool)
        return 2
    with open(meta_path, encoding="utf-8") as f:
        meta = json.load(f)
    t0 = time.perf_counter()
    result = {"tool": tool, "task": task}
    load = load_networkx if tool == "networkx" else load_igraph

    if task == "parse":
        n = 0
        with open(dump, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    json.loads(line)
                    n += 1
        result["lines"] = n
    elif tool == "python":
        sys.stderr.write("peers.py: tool python only does parse\n")
        return 2
    elif task == "load":
        g = load(dump)
        result["nodes"], result["edges"] = counts(tool, g)
    elif task == "pickle":
        g = load(dump)
        result["nodes"], result["edges"] = counts(tool, g)
        with open(extra, "wb") as f:
            pickle.dump(g, f, protocol=pickle.HIGHEST_PROTOCOL)
    elif task in ("lineage", "descendants"):
        if tool == "networkx":
            import networkx as nx
        with open(extra, "rb") as f:
            g = pickle.load(f)
        if task == "lineage":
            model = meta["deep_model"]
            if tool == "networkx":
                found = nx.descendants(g, model)  # edges go child -> parent
                names = sorted(found)
            else:
                v = g.vs.find(name=model).index
                found = g.subcomponent(v, mode="out")
                names = sorted(g.vs[i]["name"] for i in found if i != v)
            for name in names:
                print(name)
            result["model"] = model
            result["count"] = len(names)
            result["expected"] = meta["deep_model_ancestors"]
        else:
            root = meta["largest_root"]
            if tool == "networkx":
                result["count"] = len(nx.ancestors(g, root))
            else:
                v = g.vs.find(name=root).index
                result["count"] = len(g.subcomponent(v, mode="in")) - 1
            result["model"] = root
            result["expected"] = meta["largest_root_descendants"]
    elif task == "graphml":
        g = load(dump)
        result["nodes"], result["edges"] = counts(tool, g)
        if tool == "networkx":
            import networkx as nx
            nx.write_graphml(g, extra)
        else:
            g.write_graphml(extra)
    elif task == "dot":
        g = load(dump)
        result["nodes"], result["edges"] = counts(tool, g)
        if tool == "networkx":
            result["writer"] = write_dot_networkx(g, extra)
        else:
            g.write_dot(extra)
    else:
        sys.stderr.write("peers.py: unknown task %r\n" % task)
        return 2
    result["seconds"] = round(time.perf_counter() - t0, 3)
    print(json.dumps(result))
    if "expected" in result and result["count"] != result["expected"]:
        sys.stderr.write("peers.py: %s %s answered %d, the generator says %d\n"
                         % (tool, task, result["count"], result["expected"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
