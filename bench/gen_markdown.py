#!/usr/bin/env python3
"""Writes a deterministic synthetic markdown list of about --mb megabytes for the list-reader
benchmark: the formats of real lists (venue-tagged bold names, dated bold titles with authors,
dataset entries, knowledge bases, tables with a base-model column, Chinese nested entries), the
traps (parenthesised URLs, doubled parentheses, stray "(url)", slash aliases), comments, code
blocks and bibtex, spread over nested sections. Same --seed, same bytes.

    bench/gen_markdown.py --mb 50 --seed 42 --out bench/data/markdown-50mb.md
"""
import argparse
import random

FAMILIES = ["LLaMA", "Llama-2", "Llama3", "Alpaca", "Vicuna", "ChatGLM", "GLM", "BLOOMZ",
            "Baichuan", "Qwen", "Mistral", "Gemma", "PaLM", "GPT-4", "ChatGPT", "BERT", "T5",
            "Falcon", "InternLM", "LLaVA"]
SYLLABLES = ["med", "bio", "clin", "rad", "path", "onco", "cardio", "neuro", "derm", "pharm",
             "gen", "health", "care", "doc", "nurse", "thera", "lab", "scan", "ehr", "vita"]
WORDS = ["towards", "scaling", "instruction", "tuned", "clinical", "reasoning", "benchmark",
         "multimodal", "foundation", "model", "for", "medical", "question", "answering",
         "report", "generation", "with", "large", "language", "models", "evaluating",
         "retrieval", "augmented", "safety", "alignment", "patients", "dialogue", "knowledge"]
VENUES = ["Arxiv", "Nature Medicine", "NeurIPS", "ACL", "EMNLP", "npj Digital Medicine",
          "JAMIA", "Bioinformatics", "Cureus", "NEJM AI"]
CN = ["基于{b}的中文问诊模型，通过中文医疗对话数据集进行微调",
      "以{b}为底座，采用指令微调", "模型主干为{b}-7b，使用医学知识图谱",
      "使用ChatGPT生成的数据进行微调", "在{b}的基础上扩充了中文词表"]


def name(rng):
    n = "".join(rng.choice(SYLLABLES).capitalize() for _ in range(rng.randint(1, 2)))
    style = rng.random()
    if style < 0.25:
        return n + "-" + rng.choice(FAMILIES)
    if style < 0.4:
        return n + "GPT"
    if style < 0.5:
        return n + "-" + str(rng.choice([7, 13, 70])) + "B"
    return n


def title(rng, k=8):
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, k))]
    return " ".join(words).capitalize()


def arxiv(rng):
    return "%02d%02d.%05d" % (rng.randint(18, 25), rng.randint(1, 12), rng.randint(0, 99999))


def entry(rng, i):
    kind = rng.random()
    base = rng.choice(FAMILIES)
    if kind < 0.3:
        return "* [**%s, 20%02d.%d**] **%s**: %s fine-tuned on %s. [paper](https://arxiv.org/abs/%s) [code](https://github.com/org%d/%s)\n" % (
            rng.choice(VENUES), rng.randint(18, 25), rng.randint(1, 12), name(rng), title(rng), base,
            arxiv(rng), i % 997, name(rng).lower())
    if kind < 0.55:
        return "- [20%02d/%02d] **%s: %s** *%s et al. %s.* [[paper](https://arxiv.org/abs/%s)] [[code](https://github.com/u%d/r%d)]\n" % (
            rng.randint(18, 25), rng.randint(1, 12), name(rng), title(rng),
            rng.choice(["Zhang", "Li", "Smith", "Garcia"]), rng.choice(VENUES), arxiv(rng), i % 311, i)
    if kind < 0.65:
        return "* **%sQA**: %s dataset 20%02d. [paper](https://www.thelancet.com/x/PIIS%d(23)0%d/fulltext)\n" % (
            name(rng), title(rng), rng.randint(10, 25), i, i % 100)
    if kind < 0.72:
        return "* **%s**: %s. [paper]((https://arxiv.org/abs/%s)) [[paper]] [[code]] (https://github.com/a/b%d)\n" % (
            name(rng) + "/" + name(rng), title(rng), arxiv(rng), i)
    if kind < 0.85:
        return "* %s：\n  * 地址：https://github.com/cn%d/%s\n  * 简介：%s。\n" % (
            name(rng), i % 503, name(rng).lower(), rng.choice(CN).format(b=base))
    return "- [%s](https://arxiv.org/abs/%s) - %s, based on %s-%dB\n" % (
        title(rng, 12), arxiv(rng), title(rng), base, rng.choice([7, 13]))


def table(rng, i):
    rows = ["| Model Name | Base | Para. (B) | Date | Link |", "|---|---|---|---|---|"]
    for r in range(rng.randint(5, 20)):
        rows.append("| %s~ | %s | %s | %02d/20%02d | https://github.com/t%d/m%d |" % (
            name(rng), rng.choice(FAMILIES) + ("/" + rng.choice(FAMILIES) if rng.random() < 0.1 else ""),
            rng.choice(["7", "7, 13", "8x7", "0.34", "-"]), rng.randint(1, 12), rng.randint(18, 25), i, r))
    return "\n".join(rows) + "\n\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=50)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    limit = int(a.mb * 1024 * 1024)
    size = 0
    i = 0
    with open(a.out, "w", encoding="utf-8") as out:
        head = "# Synthetic Medical LLM List\n\n## Table of Contents\n- [Models](#models)\n\n"
        out.write(head)
        size += len(head.encode())
        while size < limit:
            parts = ["## 🔥 Part %d\n\n" % i, "### Fine-tuning General LLMs %d\n" % i]
            for _ in range(rng.randint(20, 60)):
                parts.append(entry(rng, i))
                i += 1
            parts.append("\n### Question Answering %d\n" % i)
            if rng.random() < 0.3:
                parts.append("<!-- hidden\n* **Hidden**: not an entry\n-->\n```bibtex\n@article{x%d,\n title={y}\n}\n```\n" % i)
            parts.append("\n" + table(rng, i))
            text = "".join(parts)
            out.write(text)
            size += len(text.encode())
    print("wrote %s: %d bytes, %d entries" % (a.out, size, i))


if __name__ == "__main__":
    main()
