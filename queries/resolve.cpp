#include "queries/resolve.hpp"

#include "graph/model_name.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace medkg::query {

std::string describe_node(const graph::FrozenGraph& g, graph::NodeId node) {
    return "\"" + std::string(g.label(node)) + "\" (" + std::string(graph::to_string(g.kind(node))) +
           ")";
}

namespace {

// `KIND:NAME` with KIND one of the node kinds and NAME not empty; nullopt for any other name.
std::optional<std::pair<graph::NodeKind, std::string_view>> split_kind(std::string_view name) {
    const auto colon = name.find(':');
    if (colon == std::string_view::npos || colon + 1 == name.size()) {
        return std::nullopt;
    }
    const auto kind = graph::parse_node_kind(name.substr(0, colon));
    if (!kind) {
        return std::nullopt;
    }
    return std::pair{*kind, name.substr(colon + 1)};
}

std::string ambiguous(const graph::FrozenGraph& g, std::string_view name,
                      const std::vector<graph::NodeId>& nodes) {
    std::string text = "ambiguous name \"" + std::string(name) + "\": could be ";
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        text += (i > 0 ? ", " : "") + describe_node(g, nodes[i]);
    }
    text += " (write one of them exactly";
    // Nodes of different kinds are also told apart by their kind.
    const auto first = g.kind(nodes.front());
    const auto other = std::find_if(nodes.begin(), nodes.end(),
                                    [&](graph::NodeId n) { return g.kind(n) != first; });
    if (other != nodes.end()) {
        text += ", or with its kind: " + std::string(graph::to_string(g.kind(*other))) + ":" +
                std::string(name);
    }
    return text + ")";
}

void add_suggestions(const graph::FrozenGraph& g, std::string_view name, std::string& error) {
    const auto suggestions = g.suggest(name, 3);
    if (suggestions.empty()) {
        return;
    }
    error += " (did you mean ";
    for (std::size_t i = 0; i < suggestions.size(); ++i) {
        error += (i > 0 ? ", " : "") + ("\"" + suggestions[i] + "\"");
    }
    error += "?)";
}

// The node a name denotes, or why it is ambiguous; nullopt when the name is unknown.
std::optional<Resolution> resolve_known(const graph::FrozenGraph& g, std::string_view name) {
    Resolution r;
    const auto look = g.lookup(name);
    if (look.status == graph::NameIndex::Status::found) {
        r.node = look.node;
        return r;
    }
    if (look.status == graph::NameIndex::Status::ambiguous) {
        std::optional<graph::NodeId> model;
        std::size_t models = 0;
        for (auto c : look.candidates) {
            if (graph::is_model_like(g.kind(c))) {
                model = c;
                ++models;
            }
        }
        if (models == 1) {
            r.node = model;
            return r;
        }
        r.error = ambiguous(g, name, look.candidates);
        return r;
    }
    return std::nullopt;
}

/// The models labelled by a Hub id whose name part is `name` (graph::hub_bare_name:
/// `Llama-2-7b` for `meta-llama/Llama-2-7b-hf`). One pass over the labels: only for names that
/// nothing else finds.
std::vector<graph::NodeId> hub_namesakes(const graph::FrozenGraph& g, std::string_view name) {
    std::vector<graph::NodeId> out;
    if (name.find('/') != std::string_view::npos) {
        return out;
    }
    const std::uint64_t wanted = graph::folded_name_hash(graph::without_hf_suffix(name));
    const std::string folded = graph::fold_name(graph::without_hf_suffix(name));
    for (graph::NodeId n = 0; n < g.node_count(); ++n) {
        const std::string_view label = g.label(n);
        const auto bare = graph::hub_bare_name(label);
        if (bare.empty() || !graph::is_model_like(g.kind(n)) ||
            graph::folded_name_hash(bare) != wanted || graph::fold_name(bare) != folded) {
            continue;
        }
        out.push_back(n);
    }
    return out;
}

Resolution resolve_plain(const graph::FrozenGraph& g, std::string_view name) {
    if (auto known = resolve_known(g, name)) {
        return std::move(*known);
    }
    Resolution r;
    if (const auto namesakes = hub_namesakes(g, name); namesakes.size() == 1) {
        r.node = namesakes.front();
        return r;
    } else if (namesakes.size() > 1) {
        r.error = ambiguous(g, name, namesakes);
        return r;
    }
    r.error = "unknown name \"" + std::string(name) + "\"";
    add_suggestions(g, name, r.error);
    return r;
}

// A name written with its kind: only nodes of that kind answer. A literal name that happens to
// start with a kind and a colon is still found as itself.
Resolution resolve_kind(const graph::FrozenGraph& g, std::string_view name, graph::NodeKind kind,
                        std::string_view rest) {
    Resolution r;
    const auto look = g.lookup(rest, kind);
    if (look.status == graph::NameIndex::Status::found) {
        r.node = look.node;
        return r;
    }
    if (look.status == graph::NameIndex::Status::ambiguous) {
        r.error = ambiguous(g, name, look.candidates);
        return r;
    }
    if (auto literal = resolve_known(g, name)) {
        return std::move(*literal);
    }
    r.error = "no " + std::string(graph::to_string(kind)) + " named \"" + std::string(rest) + "\"";
    const auto plain = resolve_known(g, rest);
    if (plain && plain->node) {
        r.error += " (\"" + std::string(rest) + "\" is " + describe_node(g, *plain->node) + ")";
    } else {
        add_suggestions(g, rest, r.error);
    }
    return r;
}

} // namespace

Resolution resolve_name(const graph::FrozenGraph& g, std::string_view name) {
    if (const auto qualified = split_kind(name)) {
        return resolve_kind(g, name, qualified->first, qualified->second);
    }
    return resolve_plain(g, name);
}

} // namespace medkg::query
