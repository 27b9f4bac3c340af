#pragma once

#include "graph/frozen_graph.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace medkg::query {

/// A user-typed name resolved to a node, or the message that says why not.
struct Resolution {
    std::optional<graph::NodeId> node;
    std::string error; ///< `unknown name "X" (did you mean "Y"?)` or `ambiguous name ...`
};

/// Resolves a name, alias or strong key case-insensitively. When the name denotes several nodes
/// of different kinds and exactly one is a model or base model, that one is chosen (questions
/// are about models); `KIND:NAME` (`dataset:org/name`, `institution:Meta`; KIND as in
/// `to_string(NodeKind)`) asks for the node of that kind, so that every node can be named. A name
/// nothing else finds that is the name part of one Hub id (`Llama-2-7b` for the model
/// `meta-llama/Llama-2-7b-hf`) means that model; of several, it is ambiguous. Unknown names get
/// up to three suggestions.
[[nodiscard]] Resolution resolve_name(const graph::FrozenGraph& graph, std::string_view name);

/// `"Label" (kind)`, for messages.
[[nodiscard]] std::string describe_node(const graph::FrozenGraph& graph, graph::NodeId node);

} // namespace medkg::query
