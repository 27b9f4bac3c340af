#pragma once

#include "graph/frozen_graph.hpp"

#include <string>
#include <vector>

namespace medkg::exporter {

/// Stable, readable node ids for exports: a slug of the label (`chatdoctor`, `llama-2`),
/// suffixed with the kind and then a number when two nodes would share one. Depends only on the
/// graph's contents and order, so the same input gives the same ids.
[[nodiscard]] std::vector<std::string> node_slugs(const graph::FrozenGraph& graph);

/// The slug of one label: ASCII letters and digits lower-cased, runs of anything else one `-`,
/// other UTF-8 bytes as hex (`u-e5-9f-ba`). Never empty.
[[nodiscard]] std::string slugify(std::string_view label);

} // namespace medkg::exporter
