// The markdown list reader: entry formats, the traps of real lists, tables, Chinese prose,
// structure, and bad input. Expected values are read off the inputs by hand.
#include "ingest/markdown/inline.hpp"
#include "ingest/markdown/bases.hpp"
#include "ingest/markdown/reader.hpp"
#include "ingest/markdown/table.hpp"
#include "ingest/source.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <random>
#include <string>

using namespace medkg;
using graph::AttrKey;
using graph::EdgeKind;
using graph::NodeKind;
namespace md = ingest::md;

namespace {

ingest::MarkdownRead read(const std::string& text) {
    return ingest::read_markdown_detailed(text, "list.md");
}

std::string messages(const ingest::FactBatch& b) {
    std::string out;
    for (const auto& d : b.diagnostics.items()) {
        out += d.str() + "\n";
    }
    return out;
}

std::string dump(const ingest::FactBatch& b) {
    std::string out;
    for (std::size_t i = 0; i < b.nodes.size(); ++i) {
        out += "node " + std::to_string(i) + " " + std::string(graph::to_string(b.nodes[i].kind)) +
               " [" + b.nodes[i].name + "] line " + std::to_string(b.nodes[i].origin.line) + "\n";
    }
    for (const auto& a : b.aliases) {
        out += "alias " + std::to_string(a.subject) + " " + a.alias + "\n";
    }
    for (const auto& a : b.attributes) {
        out += "attr " + std::to_string(a.subject) + " " + std::string(graph::to_string(a.key)) +
               "=" + a.value + "\n";
    }
    for (const auto& e : b.edges) {
        out += "edge [" + b.nodes[e.subject].name + "] " + std::string(graph::to_string(e.kind)) +
               " [" + e.target + "] " + std::string(graph::to_string(e.origin.method)) + " " +
               std::to_string(e.origin.confidence) + " {" + e.origin.evidence + "}\n";
    }
    return out + messages(b);
}

std::optional<std::uint32_t> node(const ingest::FactBatch& b, const std::string& name,
                                  std::optional<NodeKind> kind = std::nullopt) {
    for (std::size_t i = 0; i < b.nodes.size(); ++i) {
        if (b.nodes[i].name == name && (!kind || b.nodes[i].kind == *kind)) {
            return static_cast<std::uint32_t>(i);
        }
    }
    return std::nullopt;
}

std::vector<std::string> attrs(const ingest::FactBatch& b, std::uint32_t subject, AttrKey key) {
    std::vector<std::string> out;
    for (const auto& a : b.attributes) {
        if (a.subject == subject && a.key == key) {
            out.push_back(a.value);
        }
    }
    return out;
}

std::vector<const ingest::EdgeFact*> edges_from(const ingest::FactBatch& b, std::uint32_t subject,
                                                std::optional<EdgeKind> kind = std::nullopt) {
    std::vector<const ingest::EdgeFact*> out;
    for (const auto& e : b.edges) {
        if (e.subject == subject && (!kind || e.kind == *kind)) {
            out.push_back(&e);
        }
    }
    return out;
}

/// The bases a batch gives `model`: targets of its fine-tuned / pre-trained / prompted edges.
std::vector<std::string> bases_of(const ingest::FactBatch& b, const std::string& model) {
    std::vector<std::string> out;
    for (const auto& e : b.edges) {
        if (b.nodes[e.subject].name == model && graph::is_derivation(e.kind) &&
            e.kind != EdgeKind::variant_of) {
            out.push_back(e.target);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::size_t count_kind(const ingest::FactBatch& b, NodeKind kind) {
    return static_cast<std::size_t>(std::count_if(b.nodes.begin(), b.nodes.end(),
                                                  [&](const auto& n) { return n.kind == kind; }));
}

} // namespace

TEST_CASE("ingest::read_markdown_list reads each entry format", "[ingest][markdown]") {
    // heading, entry, expected name, kind, title of its paper ("" = no paper)
    auto [heading, entry, name, kind, title] =
        GENERATE(table<std::string, std::string, std::string, NodeKind, std::string>({
            // A bold venue tag and a bold name, the title after a colon.
            {"### Fine-tuning General LLMs",
             "* [**Cureus, 2023.6**] **ChatDoctor**: A Medical Chat Model Fine-Tuned on LLaMA. "
             "[paper](https://www.cureus.com/articles/152858.pdf)",
             "ChatDoctor", NodeKind::model, "A Medical Chat Model Fine-Tuned on LLaMA"},
            // A bold name with no separator before the title.
            {"### Pre-training from Scratch",
             "* [**Nature, 2023**] **NYUTron** Health system-scale language models are all-purpose "
             "prediction engines [paper](https://www.nature.com/articles/s41586-023-06160-y)",
             "NYUTron", NodeKind::model,
             "Health system-scale language models are all-purpose prediction engines"},
            // A dataset entry with a trailing year.
            {"### Fine-tuning Data",
             "* **MedQA**: What disease does this patient have? a large-scale open domain question "
             "answering dataset from medical exams. 2021. [paper](https://www.mdpi.com/2076-3417/11/14/6421)",
             "MedQA", NodeKind::dataset,
             "What disease does this patient have? a large-scale open domain question answering "
             "dataset from medical exams"},
            // A knowledge base: a bold link.
            {"### Clinical Knowledge Bases", "* **[DrugBank](https://go.drugbank.com/)**", "DrugBank",
             NodeKind::dataset, ""},
            // A dated entry whose bold title starts with the name; authors in italics.
            {"## Specialized Medical LLMs",
             "- [2023/04] **PMC-LLaMA: Towards Building Open-source Language Models for Medicine** "
             "*Chaoyi Wu et al. arXiv.* [[paper](https://arxiv.org/abs/2304.14454)] "
             "[[code](https://github.com/chaoyi-wu/PMC-LLaMA)]",
             "PMC-LLaMA", NodeKind::model,
             "PMC-LLaMA: Towards Building Open-source Language Models for Medicine"},
            // Separator ","
            {"## Specialized Medical LLMs",
             "- [2023/11] **HuatuoGPT-II, One-stage Training for Medical Adaption of LLMs** *Junying "
             "Chen et al. arXiv.* [[paper](https://arxiv.org/abs/2311.09774)]",
             "HuatuoGPT-II", NodeKind::model,
             "HuatuoGPT-II, One-stage Training for Medical Adaption of LLMs"},
            // Separator "--"
            {"## Specialized Medical LLMs",
             "- [2023/04] **MedAlpaca--An Open-Source Collection of Medical Conversational AI "
             "Models and Training Data** *Tianyu Han et al. arXiv.* "
             "[[paper](https://arxiv.org/abs/2304.08247)]",
             "MedAlpaca", NodeKind::model,
             "MedAlpaca--An Open-Source Collection of Medical Conversational AI Models and "
             "Training Data"},
            // No separator at all, and no paper: a named model only.
            {"## Specialized Medical LLMs",
             "- [2023/03] **Palmyra-Large Parameter Autoregressive Language Model** *Writer "
             "Engineering team.* [[code](https://huggingface.co/Writer/palmyra-med-20b)]",
             "Palmyra-Large", NodeKind::model, ""},
            // The title is only the name.
            {"## Specialized Medical LLMs",
             "- [2023/09] **HealGPT** *GR-Tech.* [[code](https://github.com/TONYCHANBB/HealGPT)]",
             "HealGPT", NodeKind::model, ""},
            // "-" bullets and [[paper]](url), the name a plain title prefix.
            {"### Medical Agents",
             "- [**Arxiv, 2026.5**] SEMA-RAG: A Self-Evolving Multi-Agent Retrieval-Augmented "
             "Generation Framework. [[paper]](https://arxiv.org/abs/2605.17101)",
             "SEMA-RAG", NodeKind::model,
             "SEMA-RAG: A Self-Evolving Multi-Agent Retrieval-Augmented Generation Framework"},
            // Numbered items are entries too.
            {"## Models",
             "1. [ChatDoctor](https://github.com/Kent0n-Li/ChatDoctor): a medical chat model",
             "ChatDoctor", NodeKind::model, ""},
        }));
    const auto r = read("# A list\n\n" + heading + "\n" + entry + "\n");
    const auto& b = r.batch;
    INFO(dump(b));
    CHECK(b.records_seen == 1);
    CHECK(b.records_skipped == 0);
    const auto n = node(b, name, kind);
    REQUIRE(n);
    CHECK(b.nodes[*n].origin.line == 4);
    CHECK(b.nodes[*n].origin.cites == "list.md:4");
    const auto papers = edges_from(b, *n, EdgeKind::described_in);
    if (title.empty()) {
        CHECK(papers.empty());
    } else {
        REQUIRE(papers.size() == 1);
        CHECK(b.nodes[*papers.front()->target_index].name == title);
        CHECK(b.nodes[*papers.front()->target_index].kind == NodeKind::paper);
    }
}

TEST_CASE("ingest::read_markdown_list reads tags, authors, links and dates", "[ingest][markdown]") {
    SECTION("venue tag with a month, a code link") {
        const auto r = read("## Fine-tuning\n* [**NeurIPS Datasets/Benchmarks Track, 2023.6**] "
                            "**LLaVA-Med**: Training a large language-and-vision assistant. "
                            "[paper](https://arxiv.org/abs/2306.00890v2) "
                            "[code](https://github.com/microsoft/LLaVA-Med/blob/main/README.md)\n");
        const auto& b = r.batch;
        INFO(dump(b));
        const auto m = node(b, "LLaVA-Med", NodeKind::model);
        REQUIRE(m);
        CHECK(attrs(b, *m, AttrKey::date) == std::vector<std::string>{"2023-06"});
        CHECK(attrs(b, *m, AttrKey::year) == std::vector<std::string>{"2023"});
        CHECK(attrs(b, *m, AttrKey::code) ==
              std::vector<std::string>{"https://github.com/microsoft/LLaVA-Med/blob/main/README.md"});
        const auto p = node(b, "Training a large language-and-vision assistant", NodeKind::paper);
        REQUIRE(p);
        CHECK(attrs(b, *p, AttrKey::venue) == std::vector<std::string>{"NeurIPS Datasets/Benchmarks Track"});
        CHECK(attrs(b, *p, AttrKey::arxiv) == std::vector<std::string>{"2306.00890"});
        CHECK(bases_of(b, "LLaVA-Med") == std::vector<std::string>{"LLaVA"});
    }
    SECTION("authors and venue from italics") {
        const auto r = read("## X\n- [2023/03] **ChatDoctor: A Medical Chat Model** *Yunxiang Li et "
                            "al. Cureus.* [[paper](https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10364849/)]\n");
        const auto& b = r.batch;
        INFO(dump(b));
        const auto p = node(b, "ChatDoctor: A Medical Chat Model", NodeKind::paper);
        REQUIRE(p);
        CHECK(attrs(b, *p, AttrKey::authors) == std::vector<std::string>{"Yunxiang Li et al."});
        CHECK(attrs(b, *p, AttrKey::venue) == std::vector<std::string>{"Cureus"});
        CHECK(attrs(b, *p, AttrKey::date) == std::vector<std::string>{"2023-03"});
        // The paper is also known by the title without the model's name.
        bool alias = false;
        for (const auto& a : b.aliases) {
            alias = alias || (a.subject == *p && a.alias == "A Medical Chat Model");
        }
        CHECK(alias);
    }
    SECTION("an unnamed paper entry is a paper, not a model") {
        const auto r = read("### Prompting\n* [**NEJM AI, 2024**] GPT-4 for Information Retrieval "
                            "and Comparison of Medical Oncology Guidelines. "
                            "[paper](https://ai.nejm.org/doi/abs/10.1056/AIcs2300235)\n");
        const auto& b = r.batch;
        INFO(dump(b));
        CHECK(count_kind(b, NodeKind::model) == 0);
        CHECK(count_kind(b, NodeKind::base_model) == 0);
        CHECK(b.edges.empty());
        const auto p = node(b, "GPT-4 for Information Retrieval and Comparison of Medical Oncology Guidelines");
        REQUIRE(p);
        CHECK(attrs(b, *p, AttrKey::doi) == std::vector<std::string>{"10.1056/aics2300235"});
    }
    SECTION("a heading followed by key: value lines is one entry") {
        const auto r = read("# 医疗\n\n### ChatGLM-Med\n* 地址：https://github.com/SCIR-HI/Med-ChatGLM\n"
                            "* 简介：基于中文医学知识的ChatGLM模型微调。\n");
        const auto& b = r.batch;
        INFO(dump(b));
        CHECK(b.records_seen == 1);
        const auto m = node(b, "ChatGLM-Med", NodeKind::model);
        REQUIRE(m);
        CHECK(attrs(b, *m, AttrKey::code) == std::vector<std::string>{"https://github.com/SCIR-HI/Med-ChatGLM"});
        CHECK(bases_of(b, "ChatGLM-Med") == std::vector<std::string>{"ChatGLM"});
    }
}

TEST_CASE("ingest::read_markdown_list survives the traps of real lists", "[ingest][markdown]") {
    SECTION("a URL with parentheses") {
        const auto r = read("### Reports\n* [**Lancet Digit Health, 2023**] Using ChatGPT to write "
                            "patient clinic letters. [paper](https://www.thelancet.com/journals/landig/"
                            "article/PIIS2589-7500(23)00048-1/fulltext)\n");
        INFO(dump(r.batch));
        const auto p = node(r.batch, "Using ChatGPT to write patient clinic letters", NodeKind::paper);
        REQUIRE(p);
        CHECK(attrs(r.batch, *p, AttrKey::url) ==
              std::vector<std::string>{"https://www.thelancet.com/journals/landig/article/"
                                       "PIIS2589-7500(23)00048-1/fulltext"});
        CHECK(r.batch.edges.empty()); // "Using ChatGPT" in an unnamed paper is no lineage
    }
    SECTION("doubled parentheses and spaces in link targets") {
        const auto r = read("### X\n* [**Arxiv, 2023.5**] **BiomedGPT**: A Generalist Model. "
                            "[paper]((https://arxiv.org/abs/2305.17100))\n"
                            "* [**BioCreative VII, 2021**] Medications detection in tweets. [[paper]]( "
                            "https://arxiv.org/abs/2111.13726) [[code]]( https://github.com/a/b)\n");
        const auto& b = r.batch;
        INFO(dump(b));
        const auto p = node(b, "A Generalist Model", NodeKind::paper);
        REQUIRE(p);
        CHECK(attrs(b, *p, AttrKey::arxiv) == std::vector<std::string>{"2305.17100"});
        const auto q = node(b, "Medications detection in tweets", NodeKind::paper);
        REQUIRE(q);
        CHECK(attrs(b, *q, AttrKey::arxiv) == std::vector<std::string>{"2111.13726"});
        CHECK(attrs(b, *q, AttrKey::code) == std::vector<std::string>{"https://github.com/a/b"});
    }
    SECTION("a label without a URL followed by a stray (url)") {
        const auto r = read("### Leaderboard\n* **ReXrank**: A Public Leaderboard "
                            "[paper](https://arxiv.org/abs/2411.15122/) [[paper]] [[code]] "
                            "(https://github.com/rajpurkarlab/ReXrank)\n");
        const auto& b = r.batch;
        INFO(dump(b));
        const auto d = node(b, "ReXrank", NodeKind::dataset);
        REQUIRE(d);
        CHECK(attrs(b, *d, AttrKey::code) ==
              std::vector<std::string>{"https://github.com/rajpurkarlab/ReXrank"});
        const auto p = node(b, "A Public Leaderboard", NodeKind::paper);
        REQUIRE(p);
        CHECK(attrs(b, *p, AttrKey::arxiv) == std::vector<std::string>{"2411.15122"});
    }
    SECTION("names with periods and spaces stay whole") {
        const auto r = read("### Prompting General LLMs\n* [**Arxiv, 2023.8**] **Dr. Knows**: "
                            "Leveraging a medical knowledge graph. [paper](https://arxiv.org/abs/2308.14321)\n"
                            "### Fine-tuning General LLMs\n* [**Arxiv, 2023.6**] **MedPaLM 2**: Towards "
                            "expert-level medical question answering. [paper](https://arxiv.org/abs/2305.09617)\n");
        const auto& b = r.batch;
        INFO(dump(b));
        CHECK(node(b, "Dr. Knows", NodeKind::model));
        CHECK(node(b, "MedPaLM 2", NodeKind::model));
        CHECK(bases_of(b, "MedPaLM 2") == std::vector<std::string>{"PaLM 2"});
    }
    SECTION("slash aliases") {
        const auto r = read("### X\n* [**Arxiv, 2023.4**] **BenTsao/Huatuo**: Tuning llama model "
                            "with chinese medical knowledge. [paper](https://arxiv.org/abs/2304.06975)\n"
                            "* [**Arxiv, 2023.2/5**] **ChatCAD/ChatCAD+**: Interactive computer-aided "
                            "diagnosis. [paper](https://arxiv.org/abs/2302.07257)\n");
        const auto& b = r.batch;
        INFO(dump(b));
        const auto m = node(b, "BenTsao", NodeKind::model);
        REQUIRE(m);
        REQUIRE(b.aliases.size() >= 2);
        bool huatuo = false;
        bool chatcad = false;
        for (const auto& a : b.aliases) {
            huatuo = huatuo || (a.subject == *m && a.alias == "Huatuo");
            chatcad = chatcad || a.alias == "ChatCAD+";
        }
        CHECK(huatuo);
        CHECK(chatcad);
        CHECK(bases_of(b, "BenTsao") == std::vector<std::string>{"LLaMA"});
        const auto c = node(b, "ChatCAD", NodeKind::model);
        REQUIRE(c);
        CHECK(attrs(b, *c, AttrKey::date) == std::vector<std::string>{"2023-02"});
    }
    SECTION("typos keep their spelling; lineage comes from the name or the link") {
        const auto r = read("### Fine-tuning General LLMs\n"
                            "* [**Huggingface, 2024.5**] **MedLllama3** "
                            "[model](https://huggingface.co/ProbeMedicalYonseiMAILab/medllama3-v20)\n"
                            "* [**Arxiv, 2023.4**] **Visual Med-Alpeca**: A parameter-efficient "
                            "biomedical llm. [github](https://github.com/cambridgeltl/visual-med-alpaca)\n"
                            "* [**Arxiv, 2023.3**] **DelD-GPT**: Zero-shot medical text "
                            "de-identification by gpt-4. [paper](https://arxiv.org/abs/2303.11032)\n");
        const auto& b = r.batch;
        INFO(dump(b));
        CHECK(bases_of(b, "MedLllama3") == std::vector<std::string>{"Llama 3"});
        const auto m = node(b, "MedLllama3");
        REQUIRE(m);
        CHECK(attrs(b, *m, AttrKey::hf_id) ==
              std::vector<std::string>{"ProbeMedicalYonseiMAILab/medllama3-v20"});
        CHECK(bases_of(b, "Visual Med-Alpeca") == std::vector<std::string>{"Alpaca"});
        for (const auto& e : b.edges) {
            if (b.nodes[e.subject].name == "Visual Med-Alpeca" && e.target == "Alpaca") {
                CHECK(e.origin.method == graph::Method::url);
            }
        }
        CHECK(bases_of(b, "DelD-GPT") == std::vector<std::string>{"GPT-4"});
    }
    SECTION("a name repeated in its own title") {
        const auto r = read("### X\n* [**Arxiv, 2023.7**] **Med-Flamingo**: Med-Flamingo: a "
                            "Multimodal Medical Few-shot Learner. [paper](https://arxiv.org/abs/2307.15189)\n");
        const auto& b = r.batch;
        INFO(dump(b));
        CHECK(count_kind(b, NodeKind::model) == 1);
        CHECK(node(b, "Med-Flamingo: a Multimodal Medical Few-shot Learner", NodeKind::paper));
        CHECK(bases_of(b, "Med-Flamingo") == std::vector<std::string>{"Flamingo"});
    }
    SECTION("emoji headings with U+FE0F make clean section paths") {
        const auto r = read("## \xF0\x9F\x97\x82\xEF\xB8\x8F Downstream Biomedical Tasks\n"
                            "#### Question Answering\n"
                            "* **PubMedQA**: Pubmedqa: A dataset for biomedical research question "
                            "answering 2019. [paper](https://arxiv.org/abs/1909.06146)\n");
        const auto& b = r.batch;
        INFO(dump(b));
        const auto d = node(b, "PubMedQA", NodeKind::dataset);
        REQUIRE(d);
        CHECK(b.nodes[*d].origin.path == "Downstream Biomedical Tasks > Question Answering");
        const auto t = node(b, "Question Answering", NodeKind::task);
        REQUIRE(t);
        const auto addr = edges_from(b, *d, EdgeKind::addresses);
        REQUIRE(addr.size() == 1);
        CHECK(*addr.front()->target_index == *t);
    }
    SECTION("CJK titles") {
        const auto r = read("### Fine-tuning\n* [**Github, 2023.4**] **ChatGLM-Med**: ChatGLM-Med: "
                            "基于中文医学知识的ChatGLM模型微调. [github](https://github.com/SCIR-HI/Med-ChatGLM)\n");
        const auto& b = r.batch;
        INFO(dump(b));
        CHECK(bases_of(b, "ChatGLM-Med") == std::vector<std::string>{"ChatGLM"});
        // Github is where it was posted, not a publication: no paper without a paper link.
        CHECK(count_kind(b, NodeKind::paper) == 0);
    }
    SECTION("the same paper in two sections carries the same key") {
        const auto r = read("### A\n* [**Arxiv, 2023**] Qilin-Med-VL: Towards Chinese Large "
                            "Vision-Language Model. [paper](https://arxiv.org/abs/2310.17956)\n"
                            "### Fine-tuning Data\n* **ChiMed-VL**: Qilin-Med-VL: Towards Chinese Large "
                            "Vision-Language Model. 2023. [paper](https://arxiv.org/abs/2310.17956)\n");
        const auto& b = r.batch;
        INFO(dump(b));
        std::size_t keyed = 0;
        for (const auto& a : b.attributes) {
            keyed += a.key == AttrKey::arxiv && a.value == "2310.17956" ? 1U : 0U;
        }
        CHECK(keyed == 2);
        CHECK(node(b, "Qilin-Med-VL", NodeKind::model));
        CHECK(node(b, "ChiMed-VL", NodeKind::dataset));
    }
    SECTION("misleading mentions are not bases") {
        const auto r = read("### Fine-tuning General LLMs\n* [**Arxiv, 2023.10**] **BianQue**: "
                            "Balancing the Questioning and Suggestion Ability of Health LLMs with "
                            "Multi-turn Health Conversations Polished by ChatGPT. "
                            "[paper](https://arxiv.org/abs/2310.15896)\n");
        const auto& b = r.batch;
        INFO(dump(b));
        CHECK(bases_of(b, "BianQue").empty());
        CHECK(count_kind(b, NodeKind::base_model) == 0);
    }
}

TEST_CASE("ingest::md::bases_in_text reads lineage cues", "[ingest][markdown]") {
    // text, expected targets (sorted, joined by ","), or "" for none
    auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"A Medical Chat Model Fine-Tuned on a Large Language Model Meta-AI (LLaMA) Using Medical "
         "Domain Knowledge", "LLaMA"},
        {"Further finetuning llama on medical papers", "LLaMA"},
        {"Clinically Adapted Model Enhanced from LLaMA", "LLaMA"},
        {"An Iterative Optimizing Framework for Radiology Report Summarization with ChatGPT", "ChatGPT"},
        {"a LLaMA-based assistant for doctors", "LLaMA"},
        {"fine-tuned from Llama 2 on clinical notes", "Llama 2"},
        {"we build on top of Qwen1.5-7B", "Qwen1.5-7B"},
        {"based on FooMed-7B, a new model", "FooMed-7B"},
        // Misleading mentions.
        {"Multi-turn Health Conversations Polished by ChatGPT", ""},
        {"fine-tuned on data generated by GPT-4", ""},
        {"our model, compared with ChatGPT, is better", ""},
        {"an evaluation of GPT-4 on medical exams", ""},
        {"Exploring the Boundaries of GPT-4 in Radiology", ""},
        {"trained on ChatGPT-generated dialogues", ""},
        {"based on Instructions and Dialogue", ""},
        {"Built on Synthetic Clinical Notes", ""},
        {"LLaVA-Med outperforms LLaVA", ""},
        // Chinese prose.
        {"基于 ChatGLM-6B的中文问诊模型，通过中文医疗对话数据集进行微调", "ChatGLM-6B"},
        {"以LlaMA为底座，采用指令微调", "LLaMA"},
        {"模型主干为LlaMA-7b，使用医学知识图谱", "LLaMA-7B"},
        {"基于ClueAI/ChatYuan-large-v2作为底座，使用中文医疗问答指令进行微调", "ChatYuan-large-v2"},
        {"基于中文医学知识的ChatGLM模型微调", "ChatGLM"},
        {"使用ChatGPT生成的数据进行微调", ""},
        {"与ChatGPT相比效果更好", ""},
    }));
    INFO(text);
    std::vector<std::string> got;
    for (const auto& c : md::bases_in_text(text)) {
        got.push_back(c.target);
    }
    std::sort(got.begin(), got.end());
    std::string joined;
    for (const auto& g : got) {
        joined += (joined.empty() ? "" : ",") + g;
    }
    CHECK(joined == expected);
}

TEST_CASE("ingest::md::bases_in_text says how and how surely", "[ingest][markdown]") {
    const auto fine = md::bases_in_text("Fine-Tuned on a Large Language Model Meta-AI (LLaMA)");
    REQUIRE(fine.size() == 1);
    CHECK(fine.front().relation == md::Relation::fine_tune);
    CHECK(fine.front().confidence == Approx(0.9));
    CHECK(fine.front().evidence == "Fine-Tuned on a Large Language Model Meta-AI (LLaMA)");
    const auto prompt = md::bases_in_text("Mm-react: Prompting chatgpt for multimodal reasoning");
    REQUIRE(prompt.size() == 1);
    CHECK(prompt.front().target == "ChatGPT");
    CHECK(prompt.front().relation == md::Relation::prompt);
    const auto weak = md::bases_in_text("summarization with ChatGPT");
    REQUIRE(weak.size() == 1);
    CHECK(weak.front().confidence < fine.front().confidence);
    const auto pre = md::bases_in_text("continued pretraining of Llama-2-70B on medical text");
    REQUIRE(pre.size() == 1);
    CHECK(pre.front().target == "Llama-2-70B");
    CHECK(pre.front().relation == md::Relation::pretrain);
}

TEST_CASE("ingest::md::families_in_name", "[ingest][markdown]") {
    // name, expected family ("" = none), expected confidence
    auto [name, family, confidence] = GENERATE(table<std::string, std::string, float>({
        {"PMC-LLaMA", "LLaMA", 0.8F},
        {"Radiology-Llama2", "Llama 2", 0.8F},
        {"MMed-Llama3", "Llama 3", 0.8F},
        {"MedAlpaca", "Alpaca", 0.8F},
        {"BioMistral", "Mistral", 0.8F},
        {"ClinicalBERT", "BERT", 0.8F},   // not ALBERT, though "clinicALBERT" spells it
        {"BioALBERT", "ALBERT", 0.8F},
        {"RoBERTa-MIMIC", "RoBERTa", 0.8F},
        {"MedLllama3", "Llama 3", 0.6F},  // glued: lower confidence
        {"DoctorGLM", "GLM", 0.5F},       // a short key: low confidence
        {"Baize-healthcare", "Baize", 0.8F},
        {"LLaVA-Med", "LLaVA", 0.8F},
        {"Palmyra-Large", "", 0.0F},      // Palmyra is not PaLM
        {"AlpaCare", "", 0.0F},           // nor Alpaca
        {"CephGPT-4", "", 0.0F},          // "-GPT" names are a habit, not a base
        {"HuatuoGPT", "", 0.0F},
        {"LLaMA-7B", "", 0.0F},           // the family itself
        {"Taiyi", "", 0.0F},              // "yi" inside a word
    }));
    INFO(name);
    const auto found = md::families_in_name(name);
    if (family.empty()) {
        CHECK(found.empty());
    } else {
        REQUIRE(found.size() == 1);
        CHECK(std::string(found.front().family->name) == family);
        CHECK(found.front().confidence == Approx(confidence));
    }
}

TEST_CASE("ingest::read_markdown_list reads tables by header meaning", "[ingest][markdown]") {
    SECTION("columns in any order, multi-valued cells, LaTeX leftovers") {
        const auto r = read(
            "### Models\n\n"
            "| Para. (B) | **Backbone** | Models | Date | Link |\n"
            "|---|---|---|---|---|\n"
            "| 7, 13 | LLaMA | MedAlpaca | 04/2023 | https://github.com/kbressem/medAlpaca |\n"
            "| 6 | ChatGLM | BianQue~ | 04/2023 | - |\n"
            "| 13 | Baichuan , Ziya-LLaMA | HuatuoGPT | 05/2023 | - |\n"
            "| 8x7 | Mixtral | MedMix | 2024 | - |\n"
            "| - | Flan-PaLM/PaLM | Med-PaLM | 12/2022 | - |\n"
            "| 5, 20 | Transformer | GatorTron | 06/2022 | - |\n");
        const auto& b = r.batch;
        INFO(dump(b));
        CHECK(b.records_seen == 6);
        CHECK(b.records_skipped == 0);
        const auto m = node(b, "MedAlpaca", NodeKind::model);
        REQUIRE(m);
        CHECK(attrs(b, *m, AttrKey::parameters) == std::vector<std::string>{"7B", "13B"});
        CHECK(attrs(b, *m, AttrKey::date) == std::vector<std::string>{"2023-04"});
        // The base the table states; a guess from the name (Alpaca) is made only when none is.
        CHECK(bases_of(b, "MedAlpaca") == std::vector<std::string>{"LLaMA"});
        CHECK(bases_of(b, "BianQue") == std::vector<std::string>{"ChatGLM"});
        CHECK(bases_of(b, "HuatuoGPT") == std::vector<std::string>{"Baichuan", "Ziya-LLaMA"});
        const auto mix = node(b, "MedMix");
        REQUIRE(mix);
        CHECK(attrs(b, *mix, AttrKey::parameters) == std::vector<std::string>{"8x7B"});
        CHECK(bases_of(b, "Med-PaLM") == std::vector<std::string>{"Flan-PaLM", "PaLM"});
        // An architecture is not a base model.
        CHECK(bases_of(b, "GatorTron").empty());
        const auto g = node(b, "GatorTron");
        REQUIRE(g);
        CHECK(attrs(b, *g, AttrKey::note) == std::vector<std::string>{"architecture: Transformer"});
        for (const auto& e : b.edges) {
            if (graph::is_derivation(e.kind) && b.nodes[e.subject].name == "BianQue") {
                CHECK(e.origin.method == graph::Method::table);
                CHECK(e.origin.line == 6);
            }
        }
    }
    SECTION("a row split over two lines") {
        const auto r = read("### Data\n\n| **Data** | **Type** | **size** | **Link** |\n|---|---|---|---|\n"
                            "| PMC-15M | Multimodel | 15 million Figure-caption |\n"
                            "| pairs | https://arxiv.org/abs/2303.00915 |\n"
                            "| OpenPath | Multimodel | 208,414 images | https://laion.ai/blog/laion-5b/ |\n");
        const auto& b = r.batch;
        INFO(dump(b));
        CHECK(b.records_seen == 2);
        const auto d = node(b, "PMC-15M", NodeKind::dataset);
        REQUIRE(d);
        CHECK(attrs(b, *d, AttrKey::url) == std::vector<std::string>{"https://arxiv.org/abs/2303.00915"});
        CHECK(node(b, "OpenPath", NodeKind::dataset));
    }
    SECTION("Chinese headers and a method column beside the name column") {
        const auto r = read("## 模型\n\n| 模型 | 底座模型 | 参数量 | 机构 |\n| :-- | :-: | --: | -- |\n"
                            "| DoctorGLM | ChatGLM-6B | 6B | 上海科技大学 |\n\n"
                            "| Model Name | Method | Training Data | Eval task |\n|---|---|---|---|\n"
                            "| BioBERT | FT | PubMed, PMC | Biomedical NER, RE, QA |\n");
        const auto& b = r.batch;
        INFO(dump(b));
        CHECK(bases_of(b, "DoctorGLM") == std::vector<std::string>{"ChatGLM-6B"});
        const auto d = node(b, "DoctorGLM");
        REQUIRE(d);
        const auto dev = edges_from(b, *d, EdgeKind::developed_by);
        REQUIRE(dev.size() == 1);
        CHECK(dev.front()->target == "上海科技大学");
        const auto bio = node(b, "BioBERT");
        REQUIRE(bio);
        std::vector<std::string> trained;
        for (const auto* e : edges_from(b, *bio, EdgeKind::trained_on)) {
            trained.push_back(e->target);
        }
        CHECK(trained == std::vector<std::string>{"PubMed", "PMC"});
        CHECK(edges_from(b, *bio, EdgeKind::addresses).size() == 3);
        // An encoder's name says more about its design than its weights (ModernBERT, HuBERT and
        // many Japanese BERTs are trained from scratch): no base is guessed from it.
        CHECK(bases_of(b, "BioBERT").empty());
    }
    SECTION("a table without a name column is not entries, and says so") {
        const auto r = read("## Costs\n\n| Parameters | FLOPs |\n|---|---|\n| 1 Billion | 1.21e+20 |\n");
        INFO(dump(r.batch));
        CHECK(r.batch.records_seen == 0);
        CHECK(messages(r.batch).find("list.md:3:1: note: table has no model, dataset or paper column") !=
              std::string::npos);
    }
}

TEST_CASE("ingest::read_markdown_list reads Chinese lists with nested bullets", "[ingest][markdown]") {
    const auto r = read(
        "# 中文医疗大模型\n\n## 医疗\n\n"
        "* DoctorGLM：\n"
        "  * 地址：https://github.com/xionghonglin/DoctorGLM\n"
        "  ![](https://img.shields.io/github/stars/xionghonglin/DoctorGLM.svg)\n"
        "  * 简介：基于 ChatGLM-6B的中文问诊模型，通过中文医疗对话数据集进行微调。\n\n"
        "* BianQue：\n"
        "  * 地址：https://github.com/scutcyr/BianQue\n"
        "  * 简介：基于ClueAI/ChatYuan-large-v2作为底座，使用中文医疗问答指令与多轮问询对话混合数据集进行微调。\n\n"
        "* Zhongjing：\n"
        "  * 地址：https://github.com/SupritYoung/Zhongjing\n"
        "  * 简介：以LlaMA为底座，模型主干为LlaMA-7b。\n");
    const auto& b = r.batch;
    INFO(dump(b));
    CHECK(b.records_seen == 3);
    CHECK(b.records_skipped == 0);
    CHECK(bases_of(b, "DoctorGLM") == std::vector<std::string>{"ChatGLM-6B"});
    CHECK(bases_of(b, "BianQue") == std::vector<std::string>{"ChatYuan-large-v2"});
    CHECK(bases_of(b, "Zhongjing") == std::vector<std::string>{"LLaMA-7B"});
    // The sized base is declared as named by the entry, so that the builder makes its family.
    const auto glm = node(b, "ChatGLM-6B", NodeKind::base_model);
    REQUIRE(glm);
    CHECK(b.nodes[*glm].named_as_base);
    CHECK_FALSE(node(b, "ChatGLM", NodeKind::base_model));
    const auto d = node(b, "DoctorGLM");
    REQUIRE(d);
    CHECK(attrs(b, *d, AttrKey::code) == std::vector<std::string>{"https://github.com/xionghonglin/DoctorGLM"});
    for (const auto& e : b.edges) {
        if (b.nodes[e.subject].name == "BianQue" && graph::is_derivation(e.kind)) {
            CHECK(e.origin.evidence.find("ChatYuan-large-v2") != std::string::npos);
            CHECK(e.origin.confidence >= 0.7F);
        }
    }
}

TEST_CASE("ingest::read_markdown_list reads structure, not just lines", "[ingest][markdown]") {
    SECTION("HTML headings, comments, code blocks and bibtex") {
        const auto r = read(
            "<h2 align=\"center\">A Practical Guide</h2>\n\n"
            "<!--\n* [**Arxiv, 2023**] **Hidden**: in a comment. [paper](https://arxiv.org/abs/1111.11111)\n-->\n"
            "```markdown\n* [**Name of Conference**] Paper Name. [[paper]](link)\n```\n"
            "### Models\n"
            "* [**Arxiv, 2023**] **Shown**: a model. [paper](https://arxiv.org/abs/2222.22222) "
            "<!-- * **Inline**: hidden too -->\n"
            "<!-- * Holistic Evaluation of GPT-4V. [paper](https://arxiv.org/pdf/2312.05256v1.pdf) -->\n"
            "## Citation\n```bibtex\n@article{x,\n  title={Y},\n}\n```\n"
            "@misc{he2023survey,\n  title={A Survey of Large Language Models},\n  year={2023},\n}\n");
        const auto& b = r.batch;
        INFO(dump(b));
        CHECK(b.records_seen == 1);
        CHECK(node(b, "Shown", NodeKind::model));
        CHECK_FALSE(node(b, "Hidden"));
        CHECK_FALSE(node(b, "Inline"));
        CHECK_FALSE(node(b, "Paper Name"));
        const auto s = node(b, "Shown");
        REQUIRE(s);
        CHECK(b.nodes[*s].origin.path == "A Practical Guide > Models");
    }
    SECTION("navigation, news and prose are not entries, and are not lost silently") {
        const auto r = read("# Title\n\n- [Models](#models)\n- [Data](#data)\n\n"
                            "## News\n- [2023/11/06] Our paper is out [here](https://arxiv.org/abs/2311.01918).\n\n"
                            "## About\n1. How should medical LLMs be built?\n2. What are the measures?\n\n"
                            "## Models\n- **ChatDoctor** [code](https://github.com/Kent0n-Li/ChatDoctor)\n");
        const auto& b = r.batch;
        INFO(dump(b));
        CHECK(b.records_seen == 1);
        std::size_t not_read = 0;
        for (const auto& s : r.sections) {
            not_read += s.items_not_read;
            if (s.path == "News") {
                CHECK_FALSE(s.read);
            }
        }
        CHECK(not_read == 5);
        CHECK(messages(b).find("list.md:10:1: note: list at lines 10-11 has no links") != std::string::npos);
    }
    SECTION("category bullets become part of the section path") {
        const auto r = read("## Resources\n- **Datasets**\n  - [MedQA](https://github.com/jind11/MedQA): "
                            "exam questions\n  - [PubMedQA](https://pubmedqa.github.io/)\n");
        const auto& b = r.batch;
        INFO(dump(b));
        CHECK(b.records_seen == 2);
        const auto d = node(b, "MedQA", NodeKind::dataset);
        REQUIRE(d);
        CHECK(b.nodes[*d].origin.path == "Resources > Datasets");
        CHECK(b.nodes[*d].origin.line == 3);
    }
    SECTION("the same name in two cases without keys is one thing") {
        const auto r = read("## T\n| Model Name | Base |\n|---|---|\n| BlueBERT | BERT |\n\n"
                            "| Model Name | Method |\n|---|---|\n| BlueBert | FT |\n");
        const auto& b = r.batch;
        INFO(dump(b));
        CHECK(node(b, "BlueBERT"));
        CHECK_FALSE(node(b, "BlueBert"));
    }
}

TEST_CASE("ingest::read_markdown_list accounts for every entry", "[ingest][markdown]") {
    const auto r = read("## Papers\n- [2023/01] **A Good Paper** *Someone et al. arXiv.* "
                        "[[paper](https://arxiv.org/abs/2301.00001)]\n"
                        "- [link only](https://example.org/x)\n"
                        "- [](https://example.org/y)\n"
                        "- **Named** without anything else\n");
    const auto& b = r.batch;
    INFO(dump(b));
    CHECK(b.records_seen == 4);
    CHECK(r.entries.size() == 4);
    CHECK(b.records_skipped == 1);
    std::size_t skipped = 0;
    for (const auto& e : r.entries) {
        if (e.skipped) {
            ++skipped;
            CHECK(e.line == 4);
            CHECK_FALSE(e.reason.empty());
        }
    }
    CHECK(skipped == 1);
    CHECK(messages(b).find("list.md:4:1: warning: list entry skipped: only links") != std::string::npos);
}

TEST_CASE("ingest::read_markdown_list never throws on bad input", "[ingest][markdown]") {
    SECTION("empty") {
        for (const std::string text : {"", "  \n\n\t\n"}) {
            const auto r = read(text);
            CHECK(r.batch.records_seen == 0);
            CHECK(messages(r.batch).find("list.md:1:1: error: the file is empty") != std::string::npos);
        }
    }
    SECTION("invalid UTF-8 is reported where it is, and the rest is read") {
        const auto r = read("## Models\n- **Good**: a model [code](https://github.com/a/b)\n"
                            "- **Bad\xC3\x28**: broken [code](https://github.com/c/d)\n");
        INFO(dump(r.batch));
        CHECK(r.batch.diagnostics.has_errors());
        CHECK(messages(r.batch).find("list.md:3:8: error: invalid UTF-8") != std::string::npos);
        CHECK(r.batch.records_seen == 2);
        CHECK(node(r.batch, "Good"));
        CHECK(node(r.batch, "Bad\xEF\xBF\xBD("));
    }
    SECTION("binary junk") {
        std::mt19937 rng(7);
        std::string junk(200000, '\0');
        for (char& c : junk) {
            c = static_cast<char>(rng() & 0xFF);
        }
        const auto r = read(junk);
        CHECK_FALSE(r.entries.size() > r.batch.records_seen);
        CHECK(r.batch.records_seen == r.entries.size());
    }
    SECTION("a 10 MB single line is read in linear time") {
        std::string line = "- [2023/01] **Long** ";
        while (line.size() < 10'000'000) {
            line += "[[x](https://a.org/(b)) ((( ]]] **y** _z_ <a href=\"u\"> ";
        }
        const auto start = std::chrono::steady_clock::now();
        const auto r = read("## L\n" + line + "\n");
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        CHECK(seconds < 10.0);
        CHECK(r.batch.records_seen == 1);
        // The parser is given a bounded part of the line, and the rest is reported.
        CHECK(messages(r.batch).find("list.md:2:1: warning: the rest of the line is not read") !=
              std::string::npos);
    }
    SECTION("a 10 MB line of brackets") {
        const auto r = read(std::string(10'000'000, '['));
        CHECK(r.batch.records_seen == 0);
    }
    SECTION("deeply nested bullets") {
        std::string text = "## Deep\n";
        for (int depth = 0; depth < 5000; ++depth) {
            text += std::string(static_cast<std::size_t>(depth) * 2, ' ') + "- [x" +
                    std::to_string(depth) + "](https://github.com/a/b" + std::to_string(depth) + ")\n";
        }
        const auto r = read(text);
        CHECK(r.batch.records_seen >= 1);
        CHECK(r.batch.records_seen <= 20);
    }
    SECTION("an unclosed code block and comment are reported") {
        const auto r = read("## A\n- **X** [c](https://github.com/a/b)\n```\n- **Y** [c](https://github.com/c/d)\n");
        CHECK(r.batch.records_seen == 1);
        CHECK(messages(r.batch).find("list.md:3:1: warning: code block opened here is never closed") !=
              std::string::npos);
        const auto c = read("## A\n<!-- start\n- **Y** [c](https://github.com/c/d)\n");
        CHECK(c.batch.records_seen == 0);
        CHECK(messages(c.batch).find("HTML comment opened here is never closed") != std::string::npos);
    }
}

TEST_CASE("ingest::md::find_links and classify_link", "[ingest][markdown]") {
    // url, kind, arxiv, doi, repo or hub id
    auto [url, kind, arxiv, doi, id] =
        GENERATE(table<std::string, md::LinkKind, std::string, std::string, std::string>({
            {"https://arxiv.org/abs/2303.14070", md::LinkKind::paper, "2303.14070", "", ""},
            {"https://arxiv.org/pdf/2311.18260v2.pdf", md::LinkKind::paper, "2311.18260", "", ""},
            {"https://export.arxiv.org/abs/2312.07814", md::LinkKind::paper, "2312.07814", "", ""},
            {"https://ui.adsabs.harvard.edu/abs/2023arXiv230511747L/abstract", md::LinkKind::paper,
             "2305.11747", "", ""},
            {"https://dl.acm.org/doi/abs/10.1145/3458754", md::LinkKind::paper, "", "10.1145/3458754", ""},
            {"https://doi.org/10.1109/SITA60746.2023.10373720", md::LinkKind::paper, "",
             "10.1109/sita60746.2023.10373720", ""},
            {"https://academic.oup.com/database/article/doi/10.1093/database/baw068/2630414?ref=x",
             md::LinkKind::paper, "", "10.1093/database/baw068", ""},
            {"https://www.nature.com/articles/s41591-024-03185-2", md::LinkKind::paper, "",
             "10.1038/s41591-024-03185-2", ""},
            {"https://www.medrxiv.org/content/10.1101/2023.10.26.23297629v3", md::LinkKind::paper, "",
             "10.1101/2023.10.26.23297629", ""},
            {"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10364849/", md::LinkKind::paper, "", "", ""},
            {"https://github.com/chaoyi-wu/PMC-LLaMA", md::LinkKind::code, "", "", "chaoyi-wu/PMC-LLaMA"},
            {"https://github.com/wicebing/AlphaBERT.git", md::LinkKind::code, "", "", "wicebing/AlphaBERT"},
            {"https://github.com/mingze-yuan", md::LinkKind::other, "", "", ""},
            {"https://huggingface.co/aaditya/Llama3-OpenBioLLM-70B", md::LinkKind::hf_model, "", "",
             "aaditya/Llama3-OpenBioLLM-70B"},
            {"https://huggingface.co/datasets/HPAI-BSC/CareQA", md::LinkKind::hf_dataset, "", "",
             "HPAI-BSC/CareQA"},
            {"https://huggingface.co/spaces/allen-eric/radiology-gpt", md::LinkKind::hf_space, "", "",
             "allen-eric/radiology-gpt"},
            {"https://huggingface.co/m42-health", md::LinkKind::hf_org, "", "", ""},
            {"https://starmpcc.github.io/CAMEL/", md::LinkKind::blog, "", "", ""},
            {"#-update-news", md::LinkKind::anchor, "", "", ""},
        }));
    const auto info = md::classify_link(url, "");
    INFO(url);
    CHECK(info.kind == kind);
    CHECK(info.arxiv == arxiv);
    CHECK(info.doi == doi);
    CHECK((kind == md::LinkKind::code ? info.repo : info.hf_id) == id);
}

TEST_CASE("ingest::md::find_links handles the link traps", "[ingest][markdown]") {
    const auto links = md::find_links(
        "[[paper](https://arxiv.org/abs/1)] [paper]((https://arxiv.org/abs/2)) "
        "[[paper]]( https://arxiv.org/abs/3) [[code]] (https://github.com/a/4) "
        "[![badge](https://img.shields.io/x.svg)](https://awesome.re) "
        "see https://example.org/5). and <https://example.org/6> "
        "[x](https://a.org/PIIS2589-7500(23)00048-1/fulltext) BLUE\\_Benchmark "
        "[y](https://github.com/ncbi-nlp/BLUE\\_Benchmark)");
    std::vector<std::string> urls;
    for (const auto& l : links) {
        if (!l.image) {
            urls.push_back(l.url);
        }
    }
    CHECK(urls == std::vector<std::string>{
                      "https://arxiv.org/abs/1", "https://arxiv.org/abs/2", "https://arxiv.org/abs/3",
                      "https://github.com/a/4", "https://awesome.re", "https://example.org/5",
                      "https://example.org/6", "https://a.org/PIIS2589-7500(23)00048-1/fulltext",
                      "https://github.com/ncbi-nlp/BLUE_Benchmark"});
    CHECK(md::plain_text("**MedQA** [paper](https://x.org) `code` &amp; <b>bold</b>") ==
          "MedQA paper code & bold");
    CHECK(md::strip_emoji("\xF0\x9F\x97\x82\xEF\xB8\x8F Downstream Tasks \xE2\x9A\xA1") ==
          "Downstream Tasks");
    CHECK(md::clean_latex("MS$\\hat{~}$2") == "MS^2");
    CHECK(md::clean_latex("BianQue~") == "BianQue");
    CHECK(md::clean_latex("\\textgreater 90 billion words") == "> 90 billion words");
}

TEST_CASE("ingest::md table helpers", "[ingest][markdown]") {
    SECTION("split_row and is_delimiter_row") {
        CHECK(md::split_row("| a | b \\| c |  |") == std::vector<std::string>{"a", "b | c", ""});
        CHECK(md::split_row("a | b") == std::vector<std::string>{"a", "b"});
        CHECK(md::is_delimiter_row("|---|:--:|--:|"));
        CHECK(md::is_delimiter_row("--- | ---"));
        CHECK_FALSE(md::is_delimiter_row("---"));
        CHECK_FALSE(md::is_delimiter_row("| a | b |"));
    }
    SECTION("classify_header") {
        const auto h = md::classify_header({"**Model Name**", "**Base**", "**Para. (B)**", "Features",
                                            "Date", "Link", "Institution", "Training Data",
                                            "Eval task", "License"});
        CHECK(h.kind == md::TableKind::model);
        CHECK(h.unit == "B");
        CHECK(h.columns == std::vector<md::Column>{
                               md::Column::name, md::Column::base, md::Column::size,
                               md::Column::features, md::Column::date, md::Column::link,
                               md::Column::institution, md::Column::training_data, md::Column::eval,
                               md::Column::license});
        const auto m = md::classify_header({"Model Name", "Method", "Training Data", "Eval task"});
        CHECK(m.columns[1] == md::Column::method);
        const auto only_method = md::classify_header({"Method", "Backbone"});
        CHECK(only_method.columns[0] == md::Column::name);
        const auto data = md::classify_header({"**Data**", "**Type**", "**size**", "**Link**"});
        CHECK(data.kind == md::TableKind::dataset);
        CHECK(data.columns[2] == md::Column::other);
        CHECK(md::classify_header({"Parameters", "FLOPs"}).kind == md::TableKind::none);
    }
    SECTION("split_values, parse_sizes, parse_date") {
        CHECK(md::split_values("Baichuan , Ziya-LLaMA", true) ==
              std::vector<std::string>{"Baichuan", "Ziya-LLaMA"});
        CHECK(md::split_values("Flan-PaLM/PaLM", true) == std::vector<std::string>{"Flan-PaLM", "PaLM"});
        CHECK(md::split_values("meta-llama/Llama-2-7b", true) ==
              std::vector<std::string>{"meta-llama/Llama-2-7b"});
        CHECK(md::split_values("i2b2 2010, 2012, n2c2 2018", false) ==
              std::vector<std::string>{"i2b2 2010", "i2b2 2012", "n2c2 2018"});
        CHECK(md::split_values("PadChest, ChestXray14, CheXpert and ChestX-Det10", false).size() == 4);
        CHECK(md::split_values("-", true).empty());
        CHECK(md::parse_sizes("7, 13", "B") == std::vector<std::string>{"7B", "13B"});
        CHECK(md::parse_sizes("8x7", "") == std::vector<std::string>{"8x7B"});
        CHECK(md::parse_sizes("80B", "B") == std::vector<std::string>{"80B"});
        CHECK(md::parse_sizes("0.345, 3.9", "B") == std::vector<std::string>{"0.345B", "3.9B"});
        CHECK(md::parse_sizes("-", "B").empty());
        CHECK(md::format_date(*md::parse_date("2023/03")) == "2023-03");
        CHECK(md::format_date(*md::parse_date("Arxiv, 2023.6")) == "2023-06");
        CHECK(md::format_date(*md::parse_date("06/2022")) == "2022-06");
        CHECK(md::format_date(*md::parse_date("2024/2023.10")) == "2024");
        CHECK(md::format_date(*md::parse_date("2023.2/5")) == "2023-02");
        CHECK(md::format_date(*md::parse_date("2023年5月")) == "2023-05");
        CHECK(md::format_date(*md::parse_date("May 2023")) == "2023-05");
        CHECK_FALSE(md::parse_date("no date here"));
    }
}

TEST_CASE("ingest::detect_format and looks_like_markdown_list", "[ingest][markdown]") {
    const std::string list = "# Awesome\n\n## Models\n- [A](https://github.com/a/a) x\n"
                             "- [B](https://github.com/b/b) y\n";
    CHECK(ingest::detect_format("README.md", "anything") == ingest::Format::markdown);
    CHECK(ingest::detect_format("notes.markdown", "") == ingest::Format::markdown);
    CHECK(ingest::detect_format("README", list) == ingest::Format::markdown);
    CHECK(ingest::looks_like_markdown_list(list));
    CHECK_FALSE(ingest::looks_like_markdown_list("{\"medkg_entries\": 1}"));
    CHECK_FALSE(ingest::looks_like_markdown_list("just some text\nwith lines\n"));
    const auto batch = ingest::read_text("README.md", list, ingest::Format::markdown);
    CHECK(batch.records_seen == 2);
    CHECK(batch.source == "README.md");
}

TEST_CASE("ingest::read_markdown_list reads other list layouts", "[ingest][markdown]") {
    SECTION("a multi-line <h1>, a table of contents above numbered sections, base-model tables") {
        const auto r = read(
            "<h1 align=\"center\">\nSome Chinese LLM List\n</h1>\n\n"
            "| 底座名称 | 模型参数大小 | 是否可商用 |\n|---|---|---|\n"
            "| ChatGLM | 6B | 可商用 |\n| LLaMA | 7B/13B | 不可商用 |\n\n"
            "## 目录\n- [1. 模型](#1-模型)\n  - [1.1 文本](#11-文本)\n\n"
            "### 1. <a name='模型'></a>模型\n\n#### 1.1 文本LLM模型\n\n"
            "* SomeModel：\n  * 地址：https://github.com/a/somemodel\n"
            "  * 简介：该模型由 ChatGLM-6B LoRA 16-bit 指令微调得到。\n\n"
            "* huozi\n  * 地址：https://github.com/a/huozi\n  * 简介：该模型以 Bloom 为大模型底座。\n\n"
            "* Robin (罗宾):\n  * 地址：https://github.com/a/robin\n"
            "  * 简介：并在此基础上对LLaMA进行了指令微调。\n");
        const auto& b = r.batch;
        INFO(dump(b));
        CHECK(b.records_seen == 5);
        const auto glm = node(b, "ChatGLM", NodeKind::base_model);
        REQUIRE(glm);
        CHECK(attrs(b, *glm, AttrKey::parameters) == std::vector<std::string>{"6B"});
        const auto m = node(b, "SomeModel", NodeKind::model);
        REQUIRE(m);
        CHECK(b.nodes[*m].origin.path == "模型 > 文本LLM模型"); // no "目录 >", no "1."
        CHECK(bases_of(b, "SomeModel") == std::vector<std::string>{"ChatGLM-6B"});
        CHECK(bases_of(b, "huozi") == std::vector<std::string>{"BLOOM"});
        CHECK(bases_of(b, "Robin") == std::vector<std::string>{"LLaMA"});
        bool alias = false;
        for (const auto& a : b.aliases) {
            alias = alias || a.alias == "罗宾";
        }
        CHECK(alias);
    }
    SECTION("bold linked titles with a dotted byline, <details> summaries as sub-sections") {
        const auto r = read(
            "## Papers\n\n<details open>\n<summary><b>Nature Medicine</b> (2)</summary>\n\n"
            "- **[A foundation model for clinical notes](https://doi.org/10.1038/s41591-025-00001-1)**"
            "<br/>Doe J et al. · *Nature Medicine* · 2025-04-09 🩻\n"
            "</details>\n");
        const auto& b = r.batch;
        INFO(dump(b));
        CHECK(b.records_seen == 1);
        const auto p = node(b, "A foundation model for clinical notes", NodeKind::paper);
        REQUIRE(p);
        CHECK(b.nodes[*p].origin.path == "Papers > Nature Medicine (2)");
        CHECK(attrs(b, *p, AttrKey::authors) == std::vector<std::string>{"Doe J et al."});
        CHECK(attrs(b, *p, AttrKey::venue) == std::vector<std::string>{"Nature Medicine"});
        CHECK(attrs(b, *p, AttrKey::date) == std::vector<std::string>{"2025-04"});
        CHECK(attrs(b, *p, AttrKey::doi) == std::vector<std::string>{"10.1038/s41591-025-00001-1"});
    }
    SECTION("link-first entries: a paper title or a project name") {
        const auto r = read("## Models\n"
                            "- [ChatDoctor: A Medical Chat Model Fine-Tuned on LLaMA]"
                            "(https://arxiv.org/abs/2303.14070) - with code\n"
                            "- [MedicalGPT](https://github.com/shibing624/MedicalGPT) - built on "
                            "Ziya-LLaMA-13B-v1, a medical GPT\n");
        const auto& b = r.batch;
        INFO(dump(b));
        CHECK(bases_of(b, "ChatDoctor") == std::vector<std::string>{"LLaMA"});
        CHECK(node(b, "ChatDoctor: A Medical Chat Model Fine-Tuned on LLaMA", NodeKind::paper));
        CHECK(bases_of(b, "MedicalGPT") == std::vector<std::string>{"Ziya-LLaMA-13B-v1"});
    }
}

TEST_CASE("ingest::read_markdown_list regressions found by fuzzing", "[ingest][markdown]") {
    // A category bullet that opens a new section while the reader held a reference into the
    // sections it was growing (heap-use-after-free under AddressSanitizer).
    const std::string input = "* DoctorGLM\xef\xbc\x9a\n  * \xe5\x9c\xb0\xe5\x9d href=\"https://github.com/"
                              "AI-in-Health/MedLLMsPracticalGuide/graphs/contributors\">\n  <img "
                              "src=\"https://conlaMA-7b\n";
    const auto r = read(input);
    CHECK(r.batch.records_seen == r.entries.size());
    for (const auto& e : r.entries) {
        CHECK(e.section < r.sections.size());
    }
}
