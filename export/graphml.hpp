#pragma once

#include "export/blocks.hpp"
#include "graph/frozen_graph.hpp"

#include <iosfwd>

namespace medkg::exporter {

/// Writes `graph` as GraphML, streaming (no document is built in memory). Every key has an
/// `attr.type`; nodes carry `label` (what Gephi shows), `kind`, `status`, one key per attribute
/// name (several values joined by " | ") and `sources`; edges carry `kind`, `label`,
/// `confidence` (the highest of its sources) and `sources`. Ids are stable slugs; output is
/// byte-identical for the same graph. `nodes`, when given, restricts the output to those nodes
/// (and the edges among them). Blocks of nodes and of edges are formatted on every core
/// (`parallelism`); the bytes do not depend on how many threads there are.
void write_graphml(std::ostream& out, const graph::FrozenGraph& graph,
                   const std::vector<bool>* nodes = nullptr, const Parallelism& parallelism = {});

/// `text` escaped for XML character data and attribute values; characters XML 1.0 forbids
/// (C0 controls other than tab, newline and carriage return) become U+FFFD.
[[nodiscard]] std::string xml_escape(std::string_view text);

} // namespace medkg::exporter
