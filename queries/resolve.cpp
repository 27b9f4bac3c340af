#include "queries/resolve.hpp"

namespace medkg::query {

std::string describe_node(const graph::FrozenGraph& g, graph::NodeId node) {
    return "\"" + std::string(g.label(node)) + "\" (" + std::string(graph::to_string(g.kind(node))) +
           ")";
}

Resolution resolve_name(const graph::FrozenGraph& g, std::string_view name) {
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
        r.error = "ambiguous name \"" + std::string(name) + "\": could be ";
        for (std::size_t i = 0; i < look.candidates.size(); ++i) {
            r.error += (i > 0 ? ", " : "") + describe_node(g, look.candidates[i]);
        }
        r.error += " (write one of them exactly)";
        return r;
    }
    r.error = "unknown name \"" + std::string(name) + "\"";
    const auto suggestions = g.suggest(name, 3);
    if (!suggestions.empty()) {
        r.error += " (did you mean ";
        for (std::size_t i = 0; i < suggestions.size(); ++i) {
            r.error += (i > 0 ? ", " : "") + ("\"" + suggestions[i] + "\"");
        }
        r.error += "?)";
    }
    return r;
}

} // namespace medkg::query
