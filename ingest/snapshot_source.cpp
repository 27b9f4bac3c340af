#include "ingest/snapshot_source.hpp"

#include "graph/frozen_graph.hpp"

#include <fstream>

namespace medkg::ingest {

bool is_snapshot_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[graph::k_snapshot_magic.size()] = {};
    in.read(magic, sizeof magic);
    return in.gcount() == sizeof magic && std::string_view(magic, sizeof magic) == graph::k_snapshot_magic;
}

FactBatch read_snapshot_facts(const std::string& path) {
    const auto g = graph::FrozenGraph::open(path);
    FactBatch batch;
    batch.source = path;
    const auto origin = [&](graph::ProvId id) {
        const graph::Provenance p = g.provenance(id);
        Origin o;
        o.cites = g.brief(id);
        o.evidence = std::string(g.str(p.evidence));
        o.path = std::string(g.str(p.path));
        o.method = p.method;
        o.confidence = p.confidence;
        return o;
    };
    const auto first_origin = [&](std::span<const graph::ProvId> provs) {
        return provs.empty() ? Origin{} : origin(provs.front());
    };
    batch.nodes.reserve(g.node_count());
    for (graph::NodeId n = 0; n < g.node_count(); ++n) {
        ++batch.records_seen;
        const auto provs = g.node_provenance(n);
        NodeFact fact{g.kind(n), std::string(g.label(n)), first_origin(provs), g.is_placeholder(n)};
        batch.nodes.push_back(std::move(fact));
        for (const auto& a : g.attributes(n)) {
            if (a.key == graph::AttrKey::alias) {
                batch.aliases.push_back(AliasFact{n, std::string(a.value), origin(a.prov)});
            } else {
                batch.attributes.push_back(AttrFact{n, a.key, std::string(a.value), origin(a.prov)});
            }
        }
    }
    for (graph::EdgeId e = 0; e < g.edge_count(); ++e) {
        ++batch.records_seen;
        // One edge fact per provenance keeps every source of the edge.
        for (const auto p : g.edge_provenance(e)) {
            EdgeFact fact;
            fact.subject = g.source_of(e);
            fact.kind = g.edge_kind(e);
            fact.target = std::string(g.label(g.target_of(e)));
            fact.target_index = g.target_of(e);
            fact.origin = origin(p);
            batch.edges.push_back(std::move(fact));
        }
    }
    return batch;
}

} // namespace medkg::ingest
