#!/usr/bin/python3
"""Deterministic generator of synthetic Hugging Face Hub metadata dumps (JSON Lines).

Usage: gen_hub_dump.py --models N [--seed S] [--order shuffled|created] -o OUT.jsonl

Same arguments -> byte-identical output (only random.Random(seed).random() and getrandbits()
are used, whose streams are stable across CPython versions; nothing depends on string hashing).
Standard library only; run with Debian's /usr/bin/python3.

Each line is one model object the way the Hub API returns it with `full=true&cardData=true`:
id, author, sha, lastModified, createdAt, gated, pipeline_tag (on 90%), library_name,
tags (with `base_model:<id>` and `base_model:<relation>:<id>`, `license:`, `dataset:`, `arxiv:`),
downloads, likes, cardData (base_model as a string, or a list for merges;
base_model_relation on some; license; datasets), config and a short siblings list.
About 760 bytes a line, so 1M models is about 760 MB.

Shape (see bench/README.md for measured figures):
  * ~2% roots (no base model); roots are spread over the creation order;
  * each non-root joins the family of an existing root chosen Zipf-like by root age
    (P(rank k) ~ 1/(k+1)): the oldest roots get ~10^5 descendants at 1M models;
  * inside a family the parent is the root (40%) or an earlier member chosen by preferential
    attachment (weight grows with its children), accepted with probability 0.6^depth, so depth
    falls off geometrically and is capped at 10;
  * relations like the Hub: finetune most, then quantized and adapter (which rarely get children
    of their own), ~5% merges with 2 (70%) or 3 parents (mostly in the same family);
  * ~0.5% of base references name ids that are not in the dump (dangling);
  * most models state bases both as tags and cardData.base_model; ~5% only in cardData
    (with base_model_relation when the relation is not finetune), ~3% only as tags.

Order: with --order shuffled (default) lines come in a seeded random order, so a child's line often
comes before its parent's (like a Hub listing, which is not sorted by lineage); with
--order created lines come in creation order (createdAt ascending), parents always first.
createdAt is always consistent with lineage: a parent is created before its children.

Besides OUT it writes OUT.meta.json: a deep model (the first model of the maximum depth, >= 8 at
100k and more), its number of ancestors, the largest root (most distinct descendants) and its
descendant count, and the shape statistics.
"""
import argparse
import json
import math
import os
import random
import sys
import time

MAX_DEPTH = 10
P_ROOT = 0.02
FAMILY_ZIPF = 1.25
P_PARENT_IS_ROOT = 0.40
DEPTH_ACCEPT = 0.9
P_MERGE = 0.051
P_MERGE3 = 0.30
P_MERGE_OTHER_FAMILY = 0.20
P_DANGLING = 0.005
# Single-parent relations (cumulative): finetune 58%, quantized 22%, adapter 20%.
REL_FINETUNE, REL_QUANTIZED, REL_ADAPTER, REL_MERGE = 0, 1, 2, 3
REL_NAMES = ("finetune", "quantized", "adapter", "merge")
# Probability that a model of this relation is offered as a parent to later models.
P_SLOT = (1.0, 0.05, 0.10, 1.0)

ARCHS = (
    # model_type, architecture, pipeline_tag, library, weight
    ("llama", "LlamaForCausalLM", "text-generation", "transformers", 30),
    ("mistral", "MistralForCausalLM", "text-generation", "transformers", 14),
    ("qwen2", "Qwen2ForCausalLM", "text-generation", "transformers", 14),
    ("gemma2", "Gemma2ForCausalLM", "text-generation", "transformers", 6),
    ("phi3", "Phi3ForCausalLM", "text-generation", "transformers", 5),
    ("gpt2", "GPT2LMHeadModel", "text-generation", "transformers", 4),
    ("bert", "BertForSequenceClassification", "text-classification", "transformers", 7),
    ("roberta", "RobertaForTokenClassification", "token-classification", "transformers", 3),
    ("t5", "T5ForConditionalGeneration", "text2text-generation", "transformers", 3),
    ("whisper", "WhisperForConditionalGeneration", "automatic-speech-recognition", "transformers", 3),
    ("vit", "ViTForImageClassification", "image-classification", "transformers", 3),
    ("clip", "CLIPModel", "zero-shot-image-classification", "transformers", 2),
    ("stable-diffusion", "StableDiffusionPipeline", "text-to-image", "diffusers", 4),
    ("mpnet", "MPNetModel", "sentence-similarity", "sentence-transformers", 2),
)
LICENSES = ("apache-2.0", "mit", "llama3", "other", "cc-by-nc-4.0", "openrail", "gemma",
            "llama2", "cc-by-4.0", "bsd-3-clause")
LICENSE_W = (34, 18, 12, 10, 6, 6, 5, 5, 3, 1)
WORDS = ("chat", "instruct", "med", "bio", "clinical", "code", "math", "law", "fin", "story",
         "rp", "dpo", "sft", "orpo", "kto", "v2", "v3", "uncensored", "tiny", "mini", "pro",
         "reasoning", "vision", "ja", "ko", "zh", "de", "fr", "es", "ar", "hindi", "legal",
         "sql", "agent", "tool", "rag", "summ", "qa", "ner", "sentiment", "radiology", "pubmed")
SIZES = ("0.5b", "1b", "1.5b", "2b", "3b", "7b", "8b", "9b", "13b", "14b", "32b", "70b")
QUANT_SUFFIX = ("GGUF", "AWQ", "GPTQ", "4bit", "8bit", "exl2", "Q4_K_M-GGUF", "bnb-4bit")
ADAPTER_SUFFIX = ("lora", "qlora", "peft", "adapter")
MERGE_SUFFIX = ("merge", "slerp", "ties", "dare-ties", "passthrough", "linear")
SIBLING_POOL = ('{"rfilename":".gitattributes"}', '{"rfilename":"README.md"}',
                '{"rfilename":"config.json"}', '{"rfilename":"generation_config.json"}',
                '{"rfilename":"model.safetensors"}', '{"rfilename":"special_tokens_map.json"}',
                '{"rfilename":"tokenizer.json"}', '{"rfilename":"tokenizer_config.json"}',
                '{"rfilename":"model-00001-of-00002.safetensors"}',
                '{"rfilename":"model-00002-of-00002.safetensors"}',
                '{"rfilename":"model.safetensors.index.json"}', '{"rfilename":"training_args.bin"}')
ADAPTER_SIBLINGS = ('{"rfilename":".gitattributes"}', '{"rfilename":"README.md"}',
                    '{"rfilename":"adapter_config.json"}',
                    '{"rfilename":"adapter_model.safetensors"}',
                    '{"rfilename":"tokenizer_config.json"}', '{"rfilename":"training_args.bin"}')
GGUF_SIBLINGS = ('{"rfilename":".gitattributes"}', '{"rfilename":"README.md"}',
                 '{"rfilename":"model.Q2_K.gguf"}', '{"rfilename":"model.Q3_K_M.gguf"}',
                 '{"rfilename":"model.Q4_K_M.gguf"}', '{"rfilename":"model.Q5_K_M.gguf"}',
                 '{"rfilename":"model.Q6_K.gguf"}', '{"rfilename":"model.Q8_0.gguf"}')
T0 = 1577836800  # 2020-01-01T00:00:00Z
T1 = 1735689600  # 2025-01-01T00:00:00Z


def cumulative(weights):
    total = float(sum(weights))
    out, acc = [], 0.0
    for w in weights:
        acc += w / total
        out.append(acc)
    out[-1] = 1.0
    return out


def pick_cum(cum, u):
    for i, c in enumerate(cum):
        if u < c:
            return i
    return len(cum) - 1


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(t))


class Lineage:
    """The structure: for model i (creation order) its parents, relation, family and depth."""

    def __init__(self, n, rng):
        rnd = rng.random
        self.n = n
        self.parents = [None] * n   # tuple of ints; >= 0 model index, < 0 dangling id -(k+1)
        self.rel = [0] * n          # relation to its parents (meaningless for roots)
        self.family = [0] * n       # index into self.roots
        self.depth = [0] * n        # longest base chain to a parentless node
        self.roots = []             # model indices of the roots, in creation order
        self.n_dangling_ids = max(5, n // 2000)
        slots = []                  # per family: members offered as parents (PA by repetition)
        depth = self.depth
        parents = self.parents
        one_minus_s = 1.0 - FAMILY_ZIPF
        inv_one_minus_s = 1.0 / one_minus_s
        accept = [DEPTH_ACCEPT ** d for d in range(MAX_DEPTH + 1)]

        def pick_family():
            # Zipf-like over root age: density x^-s on [1, r+1], rank = floor(x) - 1.
            r = len(self.roots)
            x = (1.0 - rnd() * (1.0 - (r + 1) ** one_minus_s)) ** inv_one_minus_s
            return min(int(x) - 1, r - 1)

        def pick_in_family(f, max_d, exclude):
            s = slots[f]
            ls = len(s)
            for _ in range(6):
                c = s[int(rnd() * ls)]
                d = depth[c]
                if d <= max_d and c not in exclude and rnd() < accept[d]:
                    return c
            root = self.roots[f]
            return root if root not in exclude and depth[root] <= max_d else -1

        for i in range(n):
            if i == 0 or rnd() < P_ROOT:
                self.family[i] = len(self.roots)
                self.roots.append(i)
                slots.append([i])
                parents[i] = ()
                continue
            f = pick_family()
            root = self.roots[f]
            if rnd() < P_PARENT_IS_ROOT:
                p1 = root
            else:
                p1 = pick_in_family(f, MAX_DEPTH - 1, ())
                if p1 < 0:
                    p1 = root
            ps = [p1]
            if rnd() < P_MERGE:
                rel = REL_MERGE
                want = 3 if rnd() < P_MERGE3 else 2
                for _ in range(want - 1):
                    g = pick_family() if rnd() < P_MERGE_OTHER_FAMILY else f
                    q = pick_in_family(g, MAX_DEPTH - 1, ps)
                    if q >= 0:
                        ps.append(q)
                if len(ps) == 1:
                    rel = REL_FINETUNE
            else:
                u = rnd()
                rel = REL_FINETUNE if u < 0.58 else REL_QUANTIZED if u < 0.80 else REL_ADAPTER
            # Offer the chosen parents more weight (preferential attachment), then the child.
            for p in ps:
                if p != root and self.family[p] == f:
                    slots[f].append(p)
            d = 0
            for j, p in enumerate(ps):
                if rnd() < P_DANGLING:
                    ps[j] = -(int(rnd() * self.n_dangling_ids) + 1)
                else:
                    d = max(d, depth[p])
            if len(ps) > 1 and len(set(ps)) != len(ps):
                ps = [p for j, p in enumerate(ps) if p not in ps[:j]]
            parents[i] = tuple(ps)
            self.rel[i] = rel
            self.family[i] = f
            depth[i] = d + 1
            if rnd() < P_SLOT[rel]:
                slots[f].append(i)

    def children(self):
        kids = [[] for _ in range(self.n)]
        for i, ps in enumerate(self.parents):
            for p in ps:
                if p >= 0:
                    kids[p].append(i)
        return kids


def dangling_id(k):
    return "gone%d/removed-model-%d" % (k % 97, k)


def compute_meta(lin, ids):
    n = lin.n
    kids = lin.children()
    # Distinct descendants of every root (merges make families overlap): BFS with a stamp.
    stamp = [-1] * n
    best_root, best_count, counts = -1, -1, []
    for r in lin.roots:
        stack = [r]
        stamp[r] = r
        count = 0
        while stack:
            v = stack.pop()
            for c in kids[v]:
                if stamp[c] != r:
                    stamp[c] = r
                    count += 1
                    stack.append(c)
        counts.append((count, r))
        if count > best_count:
            best_root, best_count = r, count
    counts.sort(key=lambda x: (-x[0], x[1]))
    max_depth = max(lin.depth)
    deep = lin.depth.index(max_depth)
    # Distinct ancestors of the deep model (dangling ids count: they are nodes of the graph).
    seen, dseen, stack = {deep}, set(), [deep]
    while stack:
        v = stack.pop()
        for p in lin.parents[v]:
            if p < 0:
                dseen.add(p)
            elif p not in seen:
                seen.add(p)
                stack.append(p)
    hist = [0] * (max_depth + 1)
    for d in lin.depth:
        hist[d] += 1
    refs = dangling_refs = merges = 0
    rel_counts = [0, 0, 0, 0]
    dangling_used = set()
    for i, ps in enumerate(lin.parents):
        if not ps:
            continue
        rel_counts[lin.rel[i]] += 1
        if len(ps) > 1:
            merges += 1
        for p in ps:
            refs += 1
            if p < 0:
                dangling_refs += 1
                dangling_used.add(p)
    n_children = [len(k) for k in kids]
    max_children = max(n_children)
    roots = len(lin.roots)
    return {
        "deep_model": ids[deep],
        "deep_model_depth": max_depth,
        "deep_model_ancestors": len(seen) - 1 + len(dseen),
        "largest_root": ids[best_root],
        "largest_root_descendants": best_count,
        "stats": {
            "models": n,
            "roots": roots,
            "roots_pct": round(100.0 * roots / n, 3),
            "merges": merges,
            "merges_pct": round(100.0 * merges / n, 3),
            "base_references": refs,
            "dangling_references": dangling_refs,
            "dangling_pct_of_references": round(100.0 * dangling_refs / max(refs, 1), 3),
            "dangling_ids": len(dangling_used),
            "graph_nodes_models_plus_dangling": n + len(dangling_used),
            "lineage_edges": refs,
            "relations": {REL_NAMES[k]: rel_counts[k] for k in range(4)},
            "max_depth": max_depth,
            "depth_histogram": hist,
            "max_children": max_children,
            "top_families": [{"root": ids[r], "descendants": c} for c, r in counts[:5]],
        },
    }


def generate(n, seed, order, out_path):
    rng = random.Random(seed)
    rnd = rng.random
    bits = rng.getrandbits
    t_start = time.time()
    lin = Lineage(n, rng)
    t_struct = time.time() - t_start

    n_authors = max(50, n // 10)
    n_quantizers = max(5, n // 20000)
    n_datasets = max(20, n // 50)
    arch_cum = cumulative([a[4] for a in ARCHS])
    lic_cum = cumulative(LICENSE_W)
    # Per family: architecture, license, size.
    fam_arch, fam_lic, fam_size = [], [], []
    for _ in lin.roots:
        fam_arch.append(pick_cum(arch_cum, rnd()))
        fam_lic.append(pick_cum(lic_cum, rnd()))
        fam_size.append(SIZES[int(rnd() * len(SIZES))])
    fam_arch[0] = 0  # the oldest (largest) family is a llama, as on the Hub

    # Ids and authors (creation order).
    ids = [None] * n
    authors = [None] * n
    nw = len(WORDS)
    for i in range(n):
        f = lin.family[i]
        arch = ARCHS[fam_arch[f]][0]
        rel = lin.rel[i]
        if not lin.parents[i]:
            a = "org%d" % (int(60 ** rnd()) - 1)  # roots come from a few big labs
            name = "%s-base-%s-%d" % (arch, fam_size[f], i)
        elif rel == REL_QUANTIZED:
            a = "quant%d" % (int(n_quantizers ** rnd()) - 1)
            name = "%s-%s-%s-%d-%s" % (arch, WORDS[int(rnd() * nw)], fam_size[f], i,
                                       QUANT_SUFFIX[int(rnd() * len(QUANT_SUFFIX))])
        else:
            a = "org%d" % (int(n_authors ** rnd()) - 1)
            suffix = (ADAPTER_SUFFIX[int(rnd() * len(ADAPTER_SUFFIX))] if rel == REL_ADAPTER else
                      MERGE_SUFFIX[int(rnd() * len(MERGE_SUFFIX))] if rel == REL_MERGE else
                      WORDS[int(rnd() * nw)])
            name = "%s-%s-%s-%d-%s" % (arch, WORDS[int(rnd() * nw)], fam_size[f], i, suffix)
        authors[i] = a
        ids[i] = a + "/" + name

    meta = compute_meta(lin, ids)

    # Emission order.
    perm = list(range(n))
    if order == "shuffled":
        for i in range(n - 1, 0, -1):
            j = int(rnd() * (i + 1))
            perm[i], perm[j] = perm[j], perm[i]

    step = (T1 - T0) / n
    tmp = out_path + ".tmp.%d" % os.getpid()
    nbytes = 0
    with open(tmp, "w", encoding="utf-8", newline="\n", buffering=1 << 22) as out:
        batch = []
        for i in perm:
            f = lin.family[i]
            mt, archname, ptag, lib, _ = ARCHS[fam_arch[f]]
            rel = lin.rel[i]
            ps = lin.parents[i]
            created = int(T0 + i * step + rnd() * step)
            modified = min(T1 + 86400 * 30, created + int(rnd() * rnd() * 86400 * 400))
            lic = LICENSES[fam_lic[f]] if rnd() < 0.9 else LICENSES[pick_cum(lic_cum, rnd())]
            base_ids = [ids[p] if p >= 0 else dangling_id(-p - 1) for p in ps]
            has_ptag = rnd() < 0.9
            if rel == REL_QUANTIZED and ps:
                library = "gguf" if rnd() < 0.6 else lib
                fmt = "gguf" if library == "gguf" else "safetensors"
                sib_pool = GGUF_SIBLINGS if library == "gguf" else SIBLING_POOL
            elif rel == REL_ADAPTER and ps:
                library, fmt, sib_pool = "peft", "safetensors", ADAPTER_SIBLINGS
            else:
                library, fmt, sib_pool = lib, "safetensors", SIBLING_POOL
            tags = ['"%s"' % library, '"%s"' % fmt, '"%s"' % mt]
            if has_ptag:
                tags.append('"%s"' % ptag)
            if ptag == "text-generation" and rnd() < 0.5:
                tags.append('"conversational"')
            # Where the bases are stated.
            u = rnd() if ps else 1.0
            in_tags = u >= 0.05
            in_card = u < 0.05 or u >= 0.08
            reln = REL_NAMES[rel]
            if ps and in_tags:
                for b in base_ids:
                    tags.append('"base_model:%s"' % b)
                for b in base_ids:
                    tags.append('"base_model:%s:%s"' % (reln, b))
            ds = []
            if rnd() < 0.3:
                ds.append("data%d/set-%d" % (int(500 ** rnd()), int(n_datasets ** rnd()) - 1))
                if rnd() < 0.3:
                    ds.append("data%d/set-%d" % (int(500 ** rnd()), int(n_datasets ** rnd()) - 1))
                if len(ds) == 2 and ds[0] == ds[1]:
                    ds.pop()
            for d in ds:
                tags.append('"dataset:%s"' % d)
            if rnd() < 0.12:
                tags.append('"arxiv:%04d.%05d"' % (1800 + int(rnd() * 700), int(rnd() * 20000)))
            tags.append('"license:%s"' % lic)
            tags.append('"endpoints_compatible"')
            tags.append('"region:us"')
            card = ['"license":"%s"' % lic]
            if ps and in_card:
                if len(base_ids) > 1:
                    card.append('"base_model":[%s]' % ",".join('"%s"' % b for b in base_ids))
                else:
                    card.append('"base_model":"%s"' % base_ids[0])
                if rel != REL_FINETUNE and len(base_ids) == 1 or rnd() < 0.3:
                    card.append('"base_model_relation":"%s"' % reln)
            if ds:
                card.append('"datasets":[%s]' % ",".join('"%s"' % d for d in ds))
            if rnd() < 0.2:
                card.append('"library_name":"%s"' % library)
            k = 1 + int(rnd() * 2.4)
            downloads = int(10 ** (rnd() * 5.5)) - 1
            likes = int(10 ** (rnd() * rnd() * 3.5)) - 1
            mid = ids[i]
            line = (
                '{"id":"%s","author":"%s","sha":"%040x","lastModified":"%s",'
                '"createdAt":"%s","gated":%s,%s'
                '"library_name":"%s","tags":[%s],"downloads":%d,"likes":%d,'
                '"cardData":{%s},"config":{"architectures":["%s"],"model_type":"%s"},'
                '"siblings":[%s]}\n'
            ) % (mid, authors[i], bits(160), iso(modified), iso(created),
                 '"auto"' if rnd() < 0.03 else "false",
                 '"pipeline_tag":"%s",' % ptag if has_ptag else "",
                 library, ",".join(tags), downloads, likes,
                 ",".join(card), archname, mt, ",".join(sib_pool[:k]))
            batch.append(line)
            if len(batch) >= 8192:
                s = "".join(batch)
                nbytes += len(s)
                out.write(s)
                batch.clear()
        s = "".join(batch)
        nbytes += len(s)
        out.write(s)
    os.replace(tmp, out_path)

    meta = {
        "dump": os.path.basename(out_path),
        "models": n,
        "seed": seed,
        "order": order,
        "bytes": os.path.getsize(out_path),
        "bytes_per_line": round(os.path.getsize(out_path) / max(n, 1), 1),
        "generator": "bench/gen_hub_dump.py",
        **meta,
    }
    meta_path = out_path + ".meta.json"
    with open(meta_path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    os.replace(meta_path + ".tmp", meta_path)
    return meta, t_struct, time.time() - t_start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--order", choices=("shuffled", "created"), default="shuffled")
    ap.add_argument("-o", "--out", required=True)
    args = ap.parse_args()
    if args.models < 1:
        ap.error("--models must be positive")
    meta, t_struct, t_all = generate(args.models, args.seed, args.order, args.out)
    s = meta["stats"]
    print("%s: %d models, %.1f MB (%.0f B/line); roots %.2f%%, merges %.2f%%, dangling %.2f%% of "
          "%d references, max depth %d, largest family %d (%s), deep model %s (depth %d, %d "
          "ancestors); %.1f s (structure %.1f s)"
          % (args.out, args.models, meta["bytes"] / 1e6, meta["bytes_per_line"], s["roots_pct"],
             s["merges_pct"], s["dangling_pct_of_references"], s["base_references"],
             s["max_depth"], meta["largest_root_descendants"], meta["largest_root"],
             meta["deep_model"], meta["deep_model_depth"], meta["deep_model_ancestors"],
             t_all, t_struct), file=sys.stderr)


if __name__ == "__main__":
    main()
