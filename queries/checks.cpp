#include "queries/checks.hpp"

#include "graph/model_name.hpp"

#include "graph/names.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace medkg::query {

namespace {

using graph::EdgeId;
using graph::NodeId;

bool derives_from(const graph::FrozenGraph& g, NodeId from, NodeId ancestor) {
    std::unordered_set<NodeId> seen{from};
    std::deque<NodeId> queue{from};
    while (!queue.empty()) {
        const NodeId n = queue.front();
        queue.pop_front();
        for (const graph::EdgeId e_ : g.out_edges(n)) {
            if (!graph::is_derivation(g.edge_kind(e_))) {
                continue;
            }
            const NodeId t = g.target_of(e_);
            if (t == ancestor) {
                return true;
            }
            if (seen.insert(t).second) {
                queue.push_back(t);
            }
        }
    }
    return false;
}

std::set<std::string> documents(const graph::FrozenGraph& g, std::span<const graph::ProvId> provs) {
    std::set<std::string> out;
    for (auto p : provs) {
        out.insert(cited_document(g, p));
    }
    return out;
}

// Folded names one edit apart that are not a version or size of each other: a differing digit
// (Med42/Med43, 7B/70B) or a differing last character (BLOOM/BLOOMZ, PaLM 2/PaLM-E) marks a
// version; anything else (LLaMA/LLaVA, Alpaca/Alpeca) may be a typo.
bool looks_like_typo(const std::string& a, const std::string& b) {
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) {
        ++i;
    }
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    if (i + 1 >= std::max(a.size(), b.size())) {
        return false; // the difference is the last character
    }
    const char ca = i < a.size() ? a[i] : '\0';
    const char cb = i < b.size() ? b[i] : '\0';
    return !is_digit(ca) && !is_digit(cb);
}

} // namespace

std::string cited_document(const graph::FrozenGraph& g, graph::ProvId prov) {
    const auto& p = g.provenance(prov);
    std::string doc(p.cites != 0 ? g.str(p.cites) : g.str(p.source));
    if (const auto hash = doc.find("#L"); hash != std::string::npos) {
        doc.resize(hash);
    } else if (const auto colon = doc.rfind(':'); colon != std::string::npos &&
               colon + 1 < doc.size() &&
               doc.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
        doc.resize(colon);
    }
    return doc;
}

std::vector<BaseConflict> find_base_conflicts(const graph::FrozenGraph& g) {
    std::vector<BaseConflict> out;
    for (NodeId n = 0; n < g.node_count(); ++n) {
        std::vector<graph::EdgeId> bases;
        for (const graph::EdgeId e_ : g.out_edges(n)) {
            const auto k = g.edge_kind(e_);
            if (graph::is_derivation(k) && k != graph::EdgeKind::variant_of &&
                k != graph::EdgeKind::merged_from) {
                bases.push_back(e_);
            }
        }
        for (std::size_t i = 0; i < bases.size(); ++i) {
            for (std::size_t j = i + 1; j < bases.size(); ++j) {
                const NodeId a = g.target_of(bases[i]);
                const NodeId b = g.target_of(bases[j]);
                if (a == b || derives_from(g, a, b) || derives_from(g, b, a)) {
                    continue;
                }
                const auto da = documents(g, g.edge_provenance(bases[i]));
                const auto db = documents(g, g.edge_provenance(bases[j]));
                std::vector<std::string> shared;
                std::set_intersection(da.begin(), da.end(), db.begin(), db.end(),
                                      std::back_inserter(shared));
                if (shared.empty()) {
                    out.push_back(BaseConflict{n, bases[i], bases[j]});
                }
            }
        }
    }
    return out;
}

std::vector<Cycle> find_cycles(const graph::FrozenGraph& g) {
    // Iterative colouring DFS; a grey target closes a cycle, read off the explicit path.
    enum : std::uint8_t { white, grey, black };
    std::vector<std::uint8_t> colour(g.node_count(), white);
    std::vector<Cycle> cycles;
    std::set<std::vector<NodeId>> seen;
    for (NodeId start = 0; start < g.node_count(); ++start) {
        if (colour[start] != white) {
            continue;
        }
        struct Frame {
            NodeId node;
            std::vector<NodeId> next;
            std::size_t i = 0;
        };
        std::vector<Frame> stack;
        auto frame = [&](NodeId n) {
            Frame f{n, {}, 0};
            for (const graph::EdgeId e_ : g.out_edges(n)) {
                if (graph::is_derivation(g.edge_kind(e_))) {
                    f.next.push_back(g.target_of(e_));
                }
            }
            return f;
        };
        colour[start] = grey;
        stack.push_back(frame(start));
        while (!stack.empty()) {
            Frame& f = stack.back();
            if (f.i == f.next.size()) {
                colour[f.node] = black;
                stack.pop_back();
                continue;
            }
            const NodeId t = f.next[f.i++];
            if (colour[t] == grey) {
                std::vector<NodeId> cyc;
                auto it = std::find_if(stack.begin(), stack.end(),
                                       [&](const Frame& s) { return s.node == t; });
                for (; it != stack.end(); ++it) {
                    cyc.push_back(it->node);
                }
                std::rotate(cyc.begin(), std::min_element(cyc.begin(), cyc.end()), cyc.end());
                if (seen.insert(cyc).second) {
                    cycles.push_back(Cycle{cyc});
                }
            } else if (colour[t] == white) {
                colour[t] = grey;
                stack.push_back(frame(t));
            }
        }
    }
    return cycles;
}

CheckReport run_checks(const graph::FrozenGraph& g) {
    CheckReport report;
    report.base_conflicts = find_base_conflicts(g);
    report.cycles = find_cycles(g);
    for (NodeId n = 0; n < g.node_count(); ++n) {
        if (g.is_placeholder(n)) {
            report.dangling.push_back(n);
        }
        // Attribute conflicts: a single-valued attribute with distinct values from distinct
        // documents.
        std::map<graph::AttrKey, std::vector<graph::AttrView>> by_key;
        for (const auto& a : g.attributes(n)) {
            if (a.key == graph::AttrKey::year || a.key == graph::AttrKey::parameters ||
                a.key == graph::AttrKey::license || a.key == graph::AttrKey::arxiv ||
                a.key == graph::AttrKey::hf_id) {
                by_key[a.key].push_back(a);
            }
        }
        for (auto& [key, values] : by_key) {
            std::set<std::string_view> distinct;
            for (const auto& v : values) {
                distinct.insert(v.value);
            }
            if (distinct.size() > 1) {
                report.attribute_conflicts.push_back(AttributeConflict{n, key, values});
            }
        }
    }
    // Near-duplicate names among models: folded names one edit apart, neither a size variant.
    std::map<std::size_t, std::vector<std::pair<std::string, NodeId>>> by_length;
    for (NodeId n = 0; n < g.node_count(); ++n) {
        if (graph::is_model_like(g.kind(n)) && !g.is_placeholder(n)) {
            auto folded = graph::fold_name(g.label(n));
            by_length[folded.size()].emplace_back(std::move(folded), n);
        }
    }
    for (const auto& [len, items] : by_length) {
        if (len < 5) {
            continue; // short names (GPT-2, T5) differ by one character by design
        }
        for (std::size_t d = 0; d <= 1; ++d) {
            const auto other = by_length.find(len + d);
            if (other == by_length.end()) {
                continue;
            }
            for (std::size_t i = 0; i < items.size(); ++i) {
                for (std::size_t j = (d == 0 ? i + 1 : 0); j < other->second.size(); ++j) {
                    const auto& [fa, a] = items[i];
                    const auto& [fb, b] = other->second[j];
                    if (a == b || fa == fb) {
                        continue;
                    }
                    if (util::edit_distance(fa, fb, 1) == 1 && looks_like_typo(fa, fb) &&
                        !derives_from(g, a, b) && !derives_from(g, b, a)) {
                        report.duplicates.push_back(
                            DuplicateCandidate{a, b, "names one character apart"});
                    }
                }
            }
        }
    }
    report.name_joins = find_name_joins(g);
    report.guesses = find_guesses(g);
    return report;
}

std::vector<graph::EdgeId> find_guesses(const graph::FrozenGraph& g) {
    std::vector<graph::EdgeId> out;
    for (graph::NodeId n = 0; n < g.node_count(); ++n) {
        for (const graph::EdgeId e : g.out_edges(n)) {
            if (graph::is_derivation(g.edge_kind(e)) && g.edge_is_guess(e)) {
                out.push_back(e);
            }
        }
    }
    std::sort(out.begin(), out.end(), [&](graph::EdgeId a, graph::EdgeId b) {
        const auto ka = std::make_pair(g.label(g.source_of(a)), g.label(g.target_of(a)));
        const auto kb = std::make_pair(g.label(g.source_of(b)), g.label(g.target_of(b)));
        return ka < kb;
    });
    return out;
}

std::vector<NameJoin> find_name_joins(const graph::FrozenGraph& g) {
    // The Hub models by their id's name part (`epfl-llm/meditron-7b` under `meditron7b`).
    std::unordered_map<std::string, std::vector<NodeId>> by_name;
    std::vector<NodeId> named; // models without a Hub id
    for (NodeId n = 0; n < g.node_count(); ++n) {
        if (!graph::is_model_like(g.kind(n))) {
            continue;
        }
        const auto hf = g.attribute(n, graph::AttrKey::hf_id);
        if (!hf) {
            named.push_back(n);
            continue;
        }
        const auto bare = graph::hub_bare_name(*hf);
        if (!bare.empty()) {
            by_name[graph::fold_name(bare)].push_back(n);
        }
    }
    std::vector<NameJoin> out;
    for (NodeId n = 0; n < g.node_count(); ++n) {
        std::string reason;
        for (const auto p : g.node_provenance(n)) {
            const auto evidence = g.str(g.provenance(p).evidence);
            if (evidence.starts_with(graph::k_hub_name_join)) {
                reason = std::string(evidence);
            }
        }
        if (reason.empty()) {
            continue;
        }
        NameJoin j;
        j.node = n;
        j.reason = reason;
        // Another Hub id with the same name part makes the join a choice someone should check.
        if (const auto hf = g.attribute(n, graph::AttrKey::hf_id)) {
            const auto it = by_name.find(graph::fold_name(graph::hub_bare_name(*hf)));
            if (it != by_name.end()) {
                j.hub_models = it->second;
                if (it->second.size() > 1) {
                    j.uncertain = true;
                    j.reason += "; other Hub ids have this name too";
                }
            }
        }
        out.push_back(std::move(j));
    }
    for (const NodeId n : named) {
        const auto it = by_name.find(graph::fold_name(graph::without_hf_suffix(g.label(n))));
        if (it == by_name.end()) {
            continue;
        }
        NameJoin j;
        j.node = n;
        j.hub_models = it->second;
        j.uncertain = true;
        j.reason = it->second.size() > 1 ? "its name is the name of several Hub ids; joined to none"
                                         : "its name is the name of a Hub id it was not joined to";
        out.push_back(std::move(j));
    }
    return out;
}

} // namespace medkg::query
