#include "ingest/builder.hpp"

#include "graph/model_name.hpp"
#include "graph/names.hpp"

#include <algorithm>
#include <unordered_map>

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
    Apply(graph::KnowledgeGraph& g, util::Diagnostics& d, BuildOptions options)
        : m_graph(g), m_diags(d), m_options(options) {}

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

    /// The provenance of a link a name states (`Chat` in `Qwen1.5-14B-Chat`): read from the name,
    /// so a guess at 0.9.
    graph::ProvId name_provenance(const FactBatch& batch, const Origin& o, std::string_view child,
                                  const graph::NameParent& parent) {
        Origin vo = o;
        vo.method = graph::Method::name;
        vo.confidence = graph::k_name_grammar_confidence;
        vo.evidence = std::string(graph::k_name_chain_evidence) +
                      std::string(graph::to_string(parent.relation)) + " " + parent.name + ": \"" +
                      parent.part + "\" in the name \"" + std::string(child) + "\"";
        return provenance(batch, vo);
    }

    /// Links `node` (named `name`) up the chain its name states (graph::name_parents), as far as
    /// the first model of the chain that the graph knows; the models between are made from the
    /// name. With `always`, the whole chain is made when none is known (a base a source names:
    /// `Qwen2.5-7B-Instruct` gives `Qwen2.5-7B` and `Qwen2.5`, so that every list naming one of
    /// them joins one family). Hub ids are left alone: the Hub states their lineage.
    void link_name_chain(const FactBatch& batch, const Origin& o, NodeId node, std::string_view name,
                         bool always, BuildStats& stats) {
        if (!graph::is_model_like(m_graph.kind(node)) || name.find('/') != std::string_view::npos) {
            return;
        }
        const auto chain = graph::name_parents(name);
        std::size_t known = chain.size();
        NodeId known_node = 0;
        for (std::size_t k = 0; k < chain.size(); ++k) {
            const Resolved r = resolve(chain[k].name, NodeKind::base_model);
            if (r.status == graph::NameIndex::Status::found && r.node != node) {
                known = k;
                known_node = r.node;
                break;
            }
        }
        if (known == chain.size() && !always) {
            return;
        }
        // Link child -> parent from the bottom; a missing parent is made from the name (a model
        // the name states, not a dangling reference).
        const NodeKind made_kind =
            known == chain.size() ? NodeKind::base_model : m_graph.kind(known_node);
        NodeId child = node;
        std::string child_name(name);
        for (std::size_t k = 0; k < chain.size() && k <= known; ++k) {
            const graph::ProvId prov = name_provenance(batch, o, child_name, chain[k]);
            NodeId parent = 0;
            if (k == known) {
                parent = known_node;
            } else {
                const Resolved r = resolve(chain[k].name, NodeKind::base_model);
                if (r.status == graph::NameIndex::Status::found && r.node != child) {
                    parent = r.node;
                } else {
                    parent = m_graph.add_node(made_kind, chain[k].name, prov);
                    ++stats.variants;
                }
            }
            if (chain[k].relation == EdgeKind::variant_of && !chain[k].part.empty() &&
                chain[k].part.front() >= '0' && chain[k].part.front() <= '9' &&
                graph::parse_model_name(child_name).size == chain[k].part) {
                m_graph.add_attribute(child, graph::AttrKey::parameters, upper_size(chain[k].part),
                                      prov);
            }
            if (parent != child) {
                m_graph.add_edge(child, chain[k].relation, parent, prov);
            }
            child = parent;
            child_name = chain[k].name;
        }
    }

    /// A relation target no name or key finds, found through names: the one Hub model whose
    /// id's name part it is (a join, recorded on that model), or a model its name makes from a
    /// known one (`Qwen1.5-14B-Chat` when `Qwen1.5` is known). Nullopt otherwise.
    std::optional<NodeId> target_from_names(const FactBatch& batch, const EdgeFact& e,
                                            NodeKind wanted, BuildStats& stats) {
        if (!graph::is_model_like(wanted)) {
            return std::nullopt;
        }
        if (e.target.starts_with("hf:")) {
            // A Hub id no node has yet: the one model named by its name part and carrying no
            // Hub id is that model (a loose card or a list named it); it takes the id.
            const std::string id = e.target.substr(3);
            const std::string_view bare = graph::hub_bare_name(id);
            if (bare.empty()) {
                return std::nullopt;
            }
            const Resolved r = resolve(bare, wanted);
            if (r.status != graph::NameIndex::Status::found ||
                m_graph.attribute(r.node, graph::AttrKey::hf_id)) {
                return std::nullopt;
            }
            const graph::ProvId join = join_provenance(batch, e.origin, m_graph.label(r.node), id);
            m_graph.add_node_provenance(r.node, join);
            m_graph.add_attribute(r.node, graph::AttrKey::hf_id, id, join);
            note_hub_id(r.node, id);
            return r.node;
        }
        if (graph::NameIndex::is_strong_key(e.target)) {
            return std::nullopt;
        }
        if (const auto* namesakes = hub_namesakes(e.target)) {
            std::vector<NodeId> candidates;
            for (NodeId n : *namesakes) {
                if (compatible(m_graph.kind(n), wanted)) {
                    candidates.push_back(n);
                }
            }
            if (candidates.size() == 1) {
                const NodeId n = candidates.front();
                const auto hf = m_graph.attribute(n, graph::AttrKey::hf_id);
                m_graph.add_node_provenance(n,
                                            join_provenance(batch, e.origin, e.target, hf.value_or("")));
                return n;
            }
        }
        for (const auto& parent : graph::name_parents(e.target)) {
            const Resolved r = resolve(parent.name, NodeKind::base_model);
            if (r.status == graph::NameIndex::Status::found) {
                Origin o = e.origin;
                o.method = graph::Method::name;
                o.confidence = graph::k_name_grammar_confidence;
                o.evidence = std::string(graph::k_name_chain_evidence) +
                             "named by a relation, made from \"" +
                             std::string(m_graph.label(r.node)) + "\"";
                const NodeId node = m_graph.add_node(e.target_kind.value_or(m_graph.kind(r.node)),
                                                     e.target, provenance(batch, o));
                ++stats.variants;
                link_name_chain(batch, e.origin, node, e.target, false, stats);
                return node;
            }
        }
        return std::nullopt;
    }

    /// `7b` -> `7B`, `8x7b` -> `8x7B`; size words are kept as written.
    static std::string upper_size(std::string_view size) {
        std::string out(size);
        if (!out.empty() && (out.back() == 'b' || out.back() == 'm')) {
            out.back() = static_cast<char>(out.back() - 'a' + 'A');
        }
        return out;
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
            std::optional<graph::ProvId> join;
            if (!existing && graph::is_model_like(fact.kind)) {
                if (auto j = join_by_hub_name(batch, fact, keys[i])) {
                    existing = j->first;
                    join = j->second;
                }
            }
            NodeId node = 0;
            if (existing) {
                node = *existing;
                if (m_graph.is_placeholder(node) && !fact.placeholder) {
                    m_graph.declare(node, fact.kind);
                }
                m_graph.add_node_provenance(node, prov);
                if (join) {
                    m_graph.add_node_provenance(node, *join);
                }
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
                m_created.push_back(Created{&batch, batch_index, &fact, node});
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

    /// Remembers that `node` carries Hub id `id`, under the name a list or card would use for it
    /// (graph::hub_bare_name: `epfl-llm/meditron-7b` -> `meditron-7b`).
    void note_hub_id(NodeId node, std::string_view id) {
        if (!graph::is_model_like(m_graph.kind(node))) {
            return;
        }
        const std::string_view bare = graph::hub_bare_name(id);
        if (bare.empty()) {
            return;
        }
        auto& nodes = m_by_hub_name[graph::fold_name(bare)];
        if (std::find(nodes.begin(), nodes.end(), node) == nodes.end()) {
            nodes.push_back(node);
        }
    }

    /// The models whose Hub id has `name` as its name part (see note_hub_id).
    const std::vector<NodeId>* hub_namesakes(std::string_view name) const {
        const auto it = m_by_hub_name.find(graph::fold_name(graph::without_hf_suffix(name)));
        return it == m_by_hub_name.end() ? nullptr : &it->second;
    }

    /// The provenance that records why two names were joined as one model.
    graph::ProvId join_provenance(const FactBatch& batch, const Origin& o, std::string_view name,
                                  std::string_view hub_id) {
        Origin jo = o;
        jo.method = graph::Method::name;
        jo.confidence = 0.8F;
        jo.evidence = std::string(graph::k_hub_name_join) + "\"" + std::string(name) +
                      "\" is the name of the Hub id " + std::string(hub_id);
        return provenance(batch, jo);
    }

    /// A list's or card's model and a Hub model are one when the name is the Hub id's name part
    /// (`Meditron-7B` and `epfl-llm/meditron-7b`; `Llama-2-7b` and `meta-llama/Llama-2-7b-hf`),
    /// and no other Hub id has it. A fact with a Hub id joins the one model of that name that has
    /// no other Hub id; a fact without joins the one Hub model of that name. Returns the node and
    /// the provenance recording the join; several candidates are a note, and no join.
    std::optional<std::pair<NodeId, graph::ProvId>> join_by_hub_name(
        const FactBatch& batch, const NodeFact& fact, const std::vector<std::string>& keys) {
        std::string_view hub_id;
        for (const auto& k : keys) {
            if (k.starts_with("hf:")) {
                hub_id = std::string_view(k).substr(3);
            }
        }
        if (!hub_id.empty()) {
            const std::string_view bare = graph::hub_bare_name(hub_id);
            if (bare.empty()) {
                return std::nullopt;
            }
            const Resolved r = resolve(bare, fact.kind);
            if (r.status != graph::NameIndex::Status::found || keys_contradict(r.node, keys)) {
                return std::nullopt;
            }
            return std::pair{r.node, join_provenance(batch, fact.origin, m_graph.label(r.node), hub_id)};
        }
        const auto* namesakes = hub_namesakes(fact.name);
        if (namesakes == nullptr) {
            return std::nullopt;
        }
        std::vector<NodeId> candidates;
        for (NodeId n : *namesakes) {
            if (compatible(m_graph.kind(n), fact.kind)) {
                candidates.push_back(n);
            }
        }
        if (candidates.size() == 1) {
            const auto hf = m_graph.attribute(candidates.front(), graph::AttrKey::hf_id);
            return std::pair{candidates.front(),
                             join_provenance(batch, fact.origin, fact.name, hf.value_or(""))};
        }
        if (candidates.size() > 1) {
            std::string list;
            for (NodeId c : candidates) {
                list += (list.empty() ? "" : ", ") + describe(c);
            }
            m_diags.add(util::Severity::note, batch.at(fact.origin.line, fact.origin.column),
                         "\"" + fact.name + "\" may be any of the Hub models " + list +
                             "; it is joined to none (medkg check lists it)");
        }
        return std::nullopt;
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
        if (a.key == graph::AttrKey::hf_id) {
            note_hub_id(node, a.value);
        }
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
            if (m_options.stated_only && graph::is_guess(e.origin.method, e.origin.confidence)) {
                ++stats.guesses_left_out;
                continue;
            }
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
                    to = target_from_names(batch, e, wanted, stats);
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
                    if (key == graph::AttrKey::hf_id) {
                        note_hub_id(*to, value);
                    }
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
                if (!keyed) {
                    link_name_chain(batch, e.origin, *to, e.target, true, stats);
                }
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

    /// Links every model made so far up the chain its name states (see link_name_chain). Runs
    /// after all node facts, so that the order of entries does not matter.
    void link_name_chains(std::vector<BuildStats>& stats) {
        for (const Created& c : m_created) {
            link_name_chain(*c.batch, c.fact->origin, c.node, c.fact->name,
                            c.fact->named_as_base, stats[c.batch_index]);
        }
        m_created.clear();
    }

private:
    static constexpr std::size_t k_no_batch = static_cast<std::size_t>(-1);

    struct Created {
        const FactBatch* batch;
        std::size_t batch_index;
        const NodeFact* fact;
        NodeId node;
    };

    graph::KnowledgeGraph& m_graph;
    util::Diagnostics& m_diags;
    BuildOptions m_options;
    std::vector<Created> m_created;
    std::vector<std::size_t> m_created_by; ///< by node: the batch whose fact made it
    /// Folded Hub-id name parts (`meditron7b`) -> the models with such a Hub id.
    std::unordered_map<std::string, std::vector<NodeId>> m_by_hub_name;
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
    guesses_left_out += o.guesses_left_out;
    return *this;
}

std::vector<BuildStats> GraphBuilder::apply(const std::vector<FactBatch>& batches,
                                            util::Diagnostics& diagnostics) {
    std::vector<BuildStats> stats(batches.size());
    std::vector<std::vector<NodeId>> ids(batches.size());
    Apply apply(m_graph, diagnostics, m_options);
    for (std::size_t b = 0; b < batches.size(); ++b) {
        diagnostics.append(batches[b].diagnostics);
        stats[b].records_seen = batches[b].records_seen;
        stats[b].records_skipped = batches[b].records_skipped;
        apply.nodes(batches[b], b, ids[b], stats[b]);
    }
    apply.link_name_chains(stats);
    for (std::size_t b = 0; b < batches.size(); ++b) {
        apply.attributes(batches[b], ids[b], stats[b]);
    }
    for (std::size_t b = 0; b < batches.size(); ++b) {
        apply.edges(batches[b], ids[b], stats[b]);
    }
    return stats;
}

} // namespace medkg::ingest
