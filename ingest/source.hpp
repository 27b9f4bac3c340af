#pragma once

#include "graph/knowledge_graph.hpp"
#include "ingest/builder.hpp"
#include "ingest/facts.hpp"
#include "ingest/fetch.hpp"
#include "ingest/hub.hpp"
#include "util/diagnostic.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::ingest {

/// The formats a source's bytes can be in.
enum class Format : std::uint8_t { json_entries, graphml, hub_dump, hub_model, model_card, markdown };

/// Settings shared by every source.
struct SourceOptions {
    FetchOptions fetch; ///< URLs and the Hub: timeouts, retries, cache, offline
    HubOptions hub;     ///< `hf:` sources: endpoint, ancestors, descendants, limit
    /// The text of file sources already read whole, by the spec naming them: a pipe can be read
    /// once only, and `medkg build` reads one to tell whether to stream it.
    std::map<std::string, std::shared_ptr<const std::string>> read_ahead;
    /// Leave out bases a name or a link alone suggested (BuildOptions::stated_only).
    bool stated_only = false;
};

/// Fills the Hub and fetch settings from the environment the way the Hub's own tools do:
/// HF_ENDPOINT (the API host) and HF_TOKEN (sent only to that host, never logged or cached).
void apply_hub_environment(SourceOptions& options);

/// A place facts come from: the built-in dataset, a file, later a URL, a Hub id, a snapshot.
/// Every kind of source produces a complete FactBatch, or throws before producing anything.
class Source {
public:
    virtual ~Source() = default;
    Source() = default;
    Source(const Source&) = delete;
    Source& operator=(const Source&) = delete;

    /// The source as the user named it ("default", a path).
    [[nodiscard]] virtual std::string name() const = 0;

    /// Reads every record. Bad input becomes diagnostics in the batch; a failing environment
    /// (unreadable file) throws medkg::Error.
    [[nodiscard]] virtual FactBatch read() const = 0;
};

/// Whether `spec` names a remote source (`hf:ORG/NAME`, `http://`, `https://`).
[[nodiscard]] bool is_remote_spec(std::string_view spec);
/// Whether `spec` names a file or a pipe: not `default`, not remote, not empty.
[[nodiscard]] bool names_a_file(std::string_view spec);

/// The source that `spec` names: `default` is the built-in dataset, `hf:ORG/NAME` a Hugging
/// Face model, `http://` or `https://` a document fetched through the cache, anything else a file
/// path. Throws medkg::Error when the spec names nothing medkg can read.
[[nodiscard]] std::unique_ptr<Source> open_source(const std::string& spec,
                                                  const SourceOptions& options = {});

/// The format of `text` read from `name`: by extension first, then by content.
[[nodiscard]] std::optional<Format> detect_format(std::string_view name, std::string_view text);

/// Parses bytes of a known format into facts.
[[nodiscard]] FactBatch read_text(std::string name, std::string_view text, Format format);

/// The built-in dataset's text (data/medllms.json, compiled in) and its display name.
[[nodiscard]] std::string_view default_dataset_text();
inline constexpr std::string_view k_default_dataset_name = "data/medllms.json";

/// A graph built from sources, with what each source contributed and every diagnostic.
struct Loaded {
    graph::KnowledgeGraph graph;
    std::vector<std::string> sources;
    std::vector<BuildStats> stats; ///< parallel to `sources`
    util::Diagnostics diagnostics;
};

/// Reads every source (in order) and builds one graph. An empty `specs` means {"default"}.
/// Throws medkg::Error when a source cannot be read at all; then nothing is built.
/// `fetch_stats`, when given, receives what the remote sources cost.
[[nodiscard]] Loaded load_sources(const std::vector<std::string>& specs,
                                  const SourceOptions& options = {},
                                  FetchStats* fetch_stats = nullptr);

} // namespace medkg::ingest
