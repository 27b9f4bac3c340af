#include "ingest/builder.hpp"

#include "graph/names.hpp"

#include <algorithm>

namespace medkg::ingest {

namespace {

using graph::EdgeKind;
using graph::NodeId;
using graph::NodeKind;

// Kinds that may be one thing: a model is sometimes listed as a base model and vice versa.
bool compatible(NodeKind a, NodeKind b) {
    return a == b || (graph::is_model_like(a) && graph::is_model_like(b));
}

struct Resolved {
    graph::NameIndex::Status status = graph::NameIndex::Status::missing;
    NodeId node = 0;
    std::vector<NodeId> candidates;
};

class Apply {
public:
    Apply(graph::KnowledgeGraph& g, util::Diagnostics& d) : m_graph(g), m_diags(d) {}

    Resolved resolve(std::string_view name, NodeKind wanted) const {
        Resolved r;
        const auto look = m_graph.lookup(name);
        if (look.status == graph::NameIndex::Status::found) {
            if (compatible(m_graph.kind(look.node), wanted)) {
                r.status = graph::NameIndex::Status::found;
                r.node = look.node;
            }
            return r;
        }
        if (look.status == graph::NameIndex::Status::ambiguous) {
            for (NodeId c : look.candidates) {
                if (compatible(m_graph.kind(c), wanted)) {
                    r.candidates.push_back(c);
                }
            }
            if (r.candidates.size() == 1) {
                r.status = graph::NameIndex::Status::found;
                r.node = r.candidates.front();
            } else if (r.candidates.size() > 1) {
                r.status = graph::NameIndex::Status::ambiguous;
            }
        }
        return r;
    }

    graph::ProvId provenance(const FactBatch& batch, const Origin& o) {
        graph::ProvenanceInput in;
        in.source = batch.source;
        in.line = o.line;
        in.column = o.column;
        in.path = o.path;
        in.cites = o.cites;
        in.evidence = o.evidence;
        in.method = o.method;
        in.confidence = o.confidence;
        return m_graph.add_provenance(in);
    }

    /// Makes `name` a variant of its family when the name carries a size and the family is known.
    std::optional<NodeId> make_variant(const FactBatch& batch, const Origin& o,
                                       std::string_view name, std::optional<NodeKind> kind,
                                       BuildStats& stats) {
        const auto sized = graph::split_size_suffix(name);
        if (!sized) {
            return std::nullopt;
        }
        const Resolved family = resolve(sized->family, NodeKind::base_model);
        if (family.status != graph::NameIndex::Status::found) {
            return std::nullopt;
        }
        Origin vo = o;
        vo.method = graph::Method::name;
        vo.confidence = 0.9F;
        vo.evidence = "size " + sized->size + " in the name \"" + std::string(name) + "\"";
        const graph::ProvId prov = provenance(batch, vo);
        const NodeId node =
            m_graph.add_node(kind.value_or(m_graph.kind(family.node)), name, prov);
        m_graph.add_attribute(node, graph::AttrKey::parameters, sized->size, prov);
        m_graph.add_edge(node, EdgeKind::variant_of, family.node, prov);
        ++stats.variants;
        return node;
    }

    void add_variant_link(const FactBatch& batch, const Origin& o, NodeId node,
                          std::string_view name) {
        const auto sized = graph::split_size_suffix(name);
        if (!sized) {
            return;
        }
        const Resolved family = resolve(sized->family, NodeKind::base_model);
        if (family.status != graph::NameIndex::Status::found || family.node == node) {
            return;
        }
        Origin vo = o;
        vo.method = graph::Method::name;
        vo.confidence = 0.9F;
        vo.evidence = "size " + sized->size + " in the name \"" + std::string(name) + "\"";
        const graph::ProvId prov = provenance(batch, vo);
        m_graph.add_edge(node, EdgeKind::variant_of, family.node, prov);
    }

    std::string describe(NodeId n) const {
        return "\"" + std::string(m_graph.label(n)) + "\" (" +
               std::string(graph::to_string(m_graph.kind(n))) + ")";
    }

    /// A strong key of the fact disagrees with one the node already has: two Hub ids for a model,
    /// a dataset or an institution (a Hub user or organisation), two arXiv ids or DOIs for a
    /// paper. (A model's arXiv id names its paper, and two sources may cite two papers for one
    /// model, so it does not decide a model's identity.)
    bool keys_contradict(NodeId node, const std::vector<std::string>& keys) const {
        for (const auto& key : keys) {
            const auto colon = key.find(':');
            const std::string prefix = key.substr(0, colon);
            const auto attr = prefix == "hf"      ? graph::AttrKey::hf_id
                              : prefix == "arxiv" ? graph::AttrKey::arxiv
                                                  : graph::AttrKey::doi;
            const bool identity = graph::is_model_like(m_graph.kind(node))
                                      ? attr == graph::AttrKey::hf_id
                                      : attr != graph::AttrKey::hf_id ||
                                            m_graph.kind(node) == NodeKind::dataset ||
                                            m_graph.kind(node) == NodeKind::institution;
            if (!identity) {
                continue;
            }
            bool has_key = false;
            bool has_same = false;
            for (const auto& a : m_graph.attributes(node)) {
                if (a.key == attr) {
                    has_key = true;
                    has_same = has_same || a.value == std::string_view(key).substr(colon + 1);
                }
            }
            if (has_key && !has_same) {
                return true;
            }
        }
        return false;
    }

    /// Whether a node fact whose name resolved to `node` denotes the same thing. One source that
    /// declares two spellings differing only in case (BiomedGPT, BioMedGPT) means two things;
    /// a contradicting strong key means two things.
    bool same_thing(NodeId node, const NodeFact& fact, const std::vector<std::string>& keys,
                    std::size_t batch_index) const {
        if (keys_contradict(node, keys)) {
            return false;
        }
        if (node < m_created_by.size() && m_created_by[node] == batch_index) {
            const std::string wanted = graph::case_key(fact.name);
            for (const auto& [spelling, owner] : m_graph.names().spellings(fact.name)) {
                if (owner == node && graph::case_key(spelling) == wanted) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    void nodes(const FactBatch& batch, std::size_t batch_index, std::vector<NodeId>& ids,
               BuildStats& stats) {
        // Strong keys and aliases are identity: gather them per node fact.
        std::vector<std::vector<std::string>> keys(batch.nodes.size());
        std::vector<std::vector<const AttrFact*>> key_facts(batch.nodes.size());
        for (const auto& a : batch.attributes) {
            if (is_strong(a.key)) {
                keys[a.subject].push_back(std::string(strong_prefix(a.key)) + a.value);
                key_facts[a.subject].push_back(&a);
            }
        }
        std::vector<std::vector<const AliasFact*>> aliases(batch.nodes.size());
        for (const auto& a : batch.aliases) {
            aliases[a.subject].push_back(&a);
        }
        ids.resize(batch.nodes.size());
        for (std::size_t i = 0; i < batch.nodes.size(); ++i) {
            const NodeFact& fact = batch.nodes[i];
            const graph::ProvId prov = provenance(batch, fact.origin);
            std::optional<NodeId> existing;
            for (std::size_t k = 0; !existing && k < keys[i].size(); ++k) {
                for (NodeId n : m_graph.names().find_key(keys[i][k])) {
                    if (compatible(m_graph.kind(n), fact.kind)) {
                        existing = n;
                        break;
                    }
                }
            }
            if (!existing) {
                const Resolved r = resolve(fact.name, fact.kind);
                if (r.status == graph::NameIndex::Status::found &&
                    same_thing(r.node, fact, keys[i], batch_index)) {
                    existing = r.node;
                }
                // An alias may be the name another source used first ("Huatuo" for BenTsao).
                for (std::size_t k = 0; !existing && k < aliases[i].size(); ++k) {
                    const Resolved ra = resolve(aliases[i][k]->alias, fact.kind);
                    if (ra.status == graph::NameIndex::Status::found &&
                        !keys_contradict(ra.node, keys[i])) {
                        existing = ra.node;
                    }
                }
            }
            NodeId node = 0;
            if (existing) {
                node = *existing;
                if (m_graph.is_placeholder(node) && !fact.placeholder) {
                    m_graph.declare(node, fact.kind);
                }
                m_graph.add_node_provenance(node, prov);
                if (graph::fold_name(m_graph.label(node)) != graph::fold_name(fact.name) ||
                    graph::case_key(m_graph.label(node)) != graph::case_key(fact.name)) {
                    // Keep the other spelling as an alias so it stays findable.
                    m_graph.add_alias(node, fact.name, prov);
                }
                ++stats.nodes_merged;
            } else {
                node = m_graph.add_node(fact.kind, fact.name, prov, fact.placeholder);
                m_created_by.resize(node + 1, k_no_batch);
                m_created_by[node] = batch_index;
                m_created.push_back(Created{&batch, &fact, node});
                ++stats.nodes_created;
            }
            ids[i] = node;
            // Strong keys join later facts, of this source and the next ones, to this node.
            for (const AttrFact* a : key_facts[i]) {
                add_attribute(batch, *a, node, stats);
            }
            for (const AliasFact* a : aliases[i]) {
                const Resolved ra = resolve(a->alias, fact.kind);
                if (ra.status == graph::NameIndex::Status::found && ra.node != node) {
                    m_diags.warning(batch.at(a->origin.line, a->origin.column),
                                    "alias \"" + a->alias + "\" of \"" + fact.name +
                                        "\" already names " + describe(ra.node) +
                                        "; both keep the name, which is now ambiguous");
                }
                m_graph.add_alias(node, a->alias, provenance(batch, a->origin));
                ++stats.aliases;
            }
        }
    }

    static bool is_strong(graph::AttrKey key) {
        return key == graph::AttrKey::hf_id || key == graph::AttrKey::arxiv ||
               key == graph::AttrKey::doi;
    }

    static std::string_view strong_prefix(graph::AttrKey key) {
        return key == graph::AttrKey::hf_id ? "hf:" : key == graph::AttrKey::arxiv ? "arxiv:" : "doi:";
    }

    void add_attribute(const FactBatch& batch, const AttrFact& a, NodeId node, BuildStats& stats) {
        const auto other = m_graph.add_attribute(node, a.key, a.value, provenance(batch, a.origin));
        ++stats.attributes;
        if (other) {
            m_diags.warning(batch.at(a.origin.line, a.origin.column),
                            std::string(graph::to_string(a.key)) + " \"" + a.value + "\" of " +
                                describe(node) + " already identifies " + describe(*other) +
                                " (duplicate candidates)");
        }
    }

    void attributes(const FactBatch& batch, const std::vector<NodeId>& ids, BuildStats& stats) {
        for (const auto& a : batch.attributes) {
            if (!is_strong(a.key)) {
                add_attribute(batch, a, ids[a.subject], stats);
            }
        }
    }

    void edges(const FactBatch& batch, const std::vector<NodeId>& ids, BuildStats& stats) {
        for (const auto& e : batch.edges) {
            const NodeId from = ids[e.subject];
            const auto where = batch.at(e.origin.line, e.origin.column);
            const NodeKind wanted = e.target_kind.value_or(graph::implied_target_kind(e.kind));
            std::optional<NodeId> to;
            if (e.target_index) {
                to = ids[*e.target_index];
            } else {
                const Resolved r = resolve(e.target, wanted);
                if (r.status == graph::NameIndex::Status::found) {
                    to = r.node;
                } else if (r.status == graph::NameIndex::Status::ambiguous) {
                    std::string list;
                    for (NodeId c : r.candidates) {
                        list += (list.empty() ? "" : ", ") + describe(c);
                    }
                    m_diags.error(where, "relation target \"" + e.target +
                                             "\" is ambiguous (could be " + list +
                                             "); write the exact name");
                    ++stats.facts_rejected;
                    continue;
                } else {
                    to = make_variant(batch, e.origin, e.target, e.target_kind, stats);
                }
            }
            if (!to) {
                const graph::ProvId prov = provenance(batch, e.origin);
                const bool keyed = graph::NameIndex::is_strong_key(e.target);
                // Suggestions before the placeholder exists, or it would suggest itself; a strong
                // key is exact, so it gets none.
                const auto suggestions =
                    keyed ? std::vector<std::string>{} : m_graph.names().suggest(e.target, 3);
                // A placeholder named by a strong key is labelled by its value
                // ("meta-llama/Llama-2-7b-hf"), and keeps the key so a later source joins it.
                to = m_graph.add_node(wanted, keyed ? e.target.substr(e.target.find(':') + 1)
                                                    : e.target,
                                      prov, true);
                if (keyed) {
                    const auto colon = e.target.find(':');
                    const std::string prefix = e.target.substr(0, colon);
                    const std::string value = e.target.substr(colon + 1);
                    const auto key = prefix == "hf"      ? graph::AttrKey::hf_id
                                     : prefix == "arxiv" ? graph::AttrKey::arxiv
                                                         : graph::AttrKey::doi;
                    m_graph.add_attribute(*to, key, value, prov);
                }
                ++stats.placeholders;
                std::string message = "relation target \"" + e.target +
                                      "\" names nothing declared; added as a placeholder " +
                                      std::string(graph::to_string(wanted));
                std::string hint;
                for (const auto& s : suggestions) {
                    if (graph::fold_name(s) != graph::fold_name(e.target)) {
                        hint += (hint.empty() ? "" : ", ") + ("\"" + s + "\"");
                    }
                }
                if (!hint.empty()) {
                    message += " (did you mean " + hint + "?)";
                }
                m_diags.warning(where, message);
            }
            if (*to == from) {
                m_diags.error(where, "\"" + std::string(m_graph.label(from)) + "\" cannot be " +
                                         std::string(graph::to_string(e.kind)) + " itself");
                ++stats.facts_rejected;
                continue;
            }
            const std::size_t before = m_graph.edge_count();
            m_graph.add_edge(from, e.kind, *to, provenance(batch, e.origin));
            if (m_graph.edge_count() > before) {
                ++stats.edges_added;
            } else {
                ++stats.edges_merged;
            }
        }
    }

    /// Links every node made so far whose name carries a size to its family. Runs after all node
    /// facts, so that the order of entries does not matter.
    void link_variants() {
        for (const Created& c : m_created) {
            add_variant_link(*c.batch, c.fact->origin, c.node, c.fact->name);
        }
        m_created.clear();
    }

private:
    static constexpr std::size_t k_no_batch = static_cast<std::size_t>(-1);

    struct Created {
        const FactBatch* batch;
        const NodeFact* fact;
        NodeId node;
    };

    graph::KnowledgeGraph& m_graph;
    util::Diagnostics& m_diags;
    std::vector<Created> m_created;
    std::vector<std::size_t> m_created_by; ///< by node: the batch whose fact made it
};

} // namespace

BuildStats& BuildStats::operator+=(const BuildStats& o) {
    records_seen += o.records_seen;
    records_skipped += o.records_skipped;
    nodes_created += o.nodes_created;
    nodes_merged += o.nodes_merged;
    placeholders += o.placeholders;
    variants += o.variants;
    aliases += o.aliases;
    attributes += o.attributes;
    edges_added += o.edges_added;
    edges_merged += o.edges_merged;
    facts_rejected += o.facts_rejected;
    return *this;
}

std::vector<BuildStats> GraphBuilder::apply(const std::vector<FactBatch>& batches,
                                            util::Diagnostics& diagnostics) {
    std::vector<BuildStats> stats(batches.size());
    std::vector<std::vector<NodeId>> ids(batches.size());
    Apply apply(m_graph, diagnostics);
    for (std::size_t b = 0; b < batches.size(); ++b) {
        diagnostics.append(batches[b].diagnostics);
        stats[b].records_seen = batches[b].records_seen;
        stats[b].records_skipped = batches[b].records_skipped;
        apply.nodes(batches[b], b, ids[b], stats[b]);
    }
    apply.link_variants();
    for (std::size_t b = 0; b < batches.size(); ++b) {
        apply.attributes(batches[b], ids[b], stats[b]);
    }
    for (std::size_t b = 0; b < batches.size(); ++b) {
        apply.edges(batches[b], ids[b], stats[b]);
    }
    return stats;
}

} // namespace medkg::ingest
