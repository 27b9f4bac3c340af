#include "ingest/source.hpp"

#include "graph/frozen_graph.hpp"
#include "ingest/graphml_reader.hpp"
#include "ingest/json_entries.hpp"
#include "ingest/markdown/reader.hpp"
#include "ingest/snapshot_source.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cstdlib>
#include <sys/stat.h>

namespace medkg::ingest {

namespace {

std::string file_stem(std::string_view path) {
    const auto slash = path.find_last_of('/');
    std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
    for (std::string_view suffix : {".card.md", ".README.md", ".md"}) {
        if (base.size() > suffix.size() && base.ends_with(suffix)) {
            base.remove_suffix(suffix.size());
            break;
        }
    }
    return std::string(base);
}

class DefaultSource final : public Source {
public:
    [[nodiscard]] std::string name() const override { return "default"; }
    [[nodiscard]] FactBatch read() const override {
        return read_json_entries(default_dataset_text(), std::string(k_default_dataset_name));
    }
};

class FileSource final : public Source {
public:
    /// `text`: the file's text when it was read already (see SourceOptions::read_ahead).
    FileSource(std::string path, std::shared_ptr<const std::string> text)
        : m_path(std::move(path)), m_read(std::move(text)) {}
    [[nodiscard]] std::string name() const override { return m_path; }
    [[nodiscard]] FactBatch read() const override {
        if (m_read) {
            return read_text_of(*m_read, false);
        }
        struct stat st {};
        const bool known = ::stat(m_path.c_str(), &st) == 0;
        if (known && S_ISDIR(st.st_mode)) {
            if (is_hub_cache_dir(m_path)) {
                return read_hub_cache(m_path);
            }
            throw Error("cannot read \"" + m_path +
                        "\": it is a directory (the only directory medkg reads is a Hugging Face "
                        "cache, holding models--ORG--NAME folders)");
        }
        // A regular file is looked at before it is read: a snapshot is mapped, not read. A pipe
        // can be read once only, so it is read first and looked at in memory.
        const bool regular = known && S_ISREG(st.st_mode);
        if (regular && is_snapshot_file(m_path)) {
            return read_snapshot_facts(m_path);
        }
        return read_text_of(util::read_file(m_path), regular);
    }

private:
    FactBatch read_text_of(const std::string& text, bool regular) const {
        if (!regular && text.starts_with(graph::k_snapshot_magic)) {
            throw Error("cannot read \"" + m_path +
                        "\": it is a medkg snapshot, which is mapped; give it as a regular file");
        }
        const auto format = detect_format(m_path, text);
        if (!format) {
            // Nothing of the source could be read: an error about the source, as an unreadable
            // file is, so that nothing (a snapshot above all) is written without it.
            throw Error("cannot tell the format of \"" + m_path +
                        "\" (expected a markdown list (.md), JSON entries with \"medkg_entries\", "
                        "a Hub model or JSON Lines dump (.jsonl), a model card, GraphML, or a medkg "
                        "snapshot)");
        }
        if (*format == Format::model_card) {
            return read_model_card(text, m_path, CardIdentity{{}, file_stem(m_path)});
        }
        return read_text(m_path, text, *format);
    }

    std::string m_path;
    std::shared_ptr<const std::string> m_read;
};

/// A document fetched by URL (through the cache), read in the format its path or content shows.
class UrlSource final : public Source {
public:
    UrlSource(std::string url, Fetcher& fetcher) : m_url(std::move(url)), m_fetcher(fetcher) {}
    [[nodiscard]] std::string name() const override { return m_url; }
    [[nodiscard]] FactBatch read() const override {
        const FetchResult res = m_fetcher.get(m_url);
        std::string path = m_url.substr(0, m_url.find_first_of("?#"));
        const auto format = detect_format(path, res.body);
        if (!format) {
            throw Error("cannot tell the format of " + m_url +
                        " (expected JSON entries, a Hub model or JSON Lines dump, a model card, "
                        "or GraphML)");
        }
        if (*format == Format::model_card) {
            return read_model_card(res.body, m_url,
                                   CardIdentity{hub_id_of_file_url(path), file_stem(path)});
        }
        return read_text(m_url, res.body, *format);
    }

private:
    std::string m_url;
    Fetcher& m_fetcher;
};

/// `hf:ORG/NAME`: a model from the Hub API, with ancestors and descendants as asked.
class HubSource final : public Source {
public:
    HubSource(std::string spec, const HubOptions& options, Fetcher& fetcher)
        : m_spec(std::move(spec)), m_options(options), m_fetcher(fetcher) {}
    [[nodiscard]] std::string name() const override { return m_spec; }
    [[nodiscard]] FactBatch read() const override {
        return crawl_hub(m_spec.substr(3), m_options, m_fetcher, m_spec);
    }

private:
    std::string m_spec;
    HubOptions m_options;
    Fetcher& m_fetcher;
};

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           util::ascii_lower(s.substr(s.size() - suffix.size())) == suffix;
}

} // namespace

namespace {

std::unique_ptr<Source> open_with(const std::string& spec, const SourceOptions& options,
                                  Fetcher* fetcher) {
    if (spec == "default") {
        return std::make_unique<DefaultSource>();
    }
    if (spec.empty()) {
        throw Error("empty source name (expected \"default\", a file, a URL or hf:ORG/NAME)");
    }
    if (spec.starts_with("hf:")) {
        if (!valid_hub_id(spec.substr(3))) {
            throw Error("invalid Hugging Face model id \"" + spec.substr(3) +
                        "\" (expected hf:ORG/NAME)");
        }
        return std::make_unique<HubSource>(spec, options.hub, *fetcher);
    }
    if (spec.starts_with("http://") || spec.starts_with("https://")) {
        return std::make_unique<UrlSource>(spec, *fetcher);
    }
    const auto read = options.read_ahead.find(spec);
    return std::make_unique<FileSource>(spec, read == options.read_ahead.end() ? nullptr : read->second);
}

} // namespace

bool is_remote_spec(std::string_view spec) {
    return spec.starts_with("hf:") || spec.starts_with("http://") || spec.starts_with("https://");
}

bool names_a_file(std::string_view spec) {
    return !spec.empty() && spec != "default" && !is_remote_spec(spec);
}

std::unique_ptr<Source> open_source(const std::string& spec, const SourceOptions& options) {
    // A remote source needs a fetcher that outlives it; load_sources provides one. Here, only
    // sources that need none.
    if (is_remote_spec(spec)) {
        throw Error("remote source \"" + spec + "\" must be read through load_sources");
    }
    return open_with(spec, options, nullptr);
}

void apply_hub_environment(SourceOptions& options) {
    if (const char* endpoint = std::getenv("HF_ENDPOINT"); endpoint != nullptr && *endpoint != '\0') {
        options.hub.endpoint = endpoint;
    }
    if (const char* token = std::getenv("HF_TOKEN"); token != nullptr && *token != '\0') {
        options.fetch.bearer_token = token;
    }
}

std::optional<Format> detect_format(std::string_view name, std::string_view text) {
    if (ends_with_ci(name, ".graphml")) {
        return Format::graphml;
    }
    if (ends_with_ci(name, ".jsonl") || ends_with_ci(name, ".ndjson")) {
        return Format::hub_dump;
    }
    if (looks_like_json_entries(text)) {
        return Format::json_entries;
    }
    if (looks_like_model_card(text)) {
        return Format::model_card;
    }
    if (ends_with_ci(name, ".md") || ends_with_ci(name, ".markdown")) {
        return Format::markdown;
    }
    if (looks_like_hub_dump(text)) {
        // One object on one line is a Hub model as the API returns it; more lines, a dump.
        const auto rest = util::trim(text.substr(std::min(text.size(), text.find('\n'))));
        return rest.empty() ? Format::hub_model : Format::hub_dump;
    }
    if (ends_with_ci(name, ".json")) {
        return Format::json_entries;
    }
    const auto head = text.substr(0, 4096);
    if (head.find("<graphml") != std::string_view::npos) {
        return Format::graphml;
    }
    // A JSON object without our marker is still meant as entries; say so by its errors.
    const auto t = util::trim(head);
    if (!t.empty() && t.front() == '{') {
        return Format::json_entries;
    }
    if (looks_like_markdown_list(text)) {
        return Format::markdown;
    }
    return std::nullopt;
}

FactBatch read_text(std::string name, std::string_view text, Format format) {
    switch (format) {
    case Format::json_entries:
        return read_json_entries(text, std::move(name));
    case Format::graphml:
        return read_graphml_facts(text, std::move(name));
    case Format::hub_dump:
        return read_hub_dump(text, std::move(name));
    case Format::hub_model:
        return read_hub_model(text, std::move(name));
    case Format::model_card:
        return read_model_card(text, name, CardIdentity{{}, file_stem(name)});
    case Format::markdown:
        return read_markdown_list(text, std::move(name));
    }
    return {};
}

Loaded load_sources(const std::vector<std::string>& specs, const SourceOptions& options,
                    FetchStats* fetch_stats) {
    std::vector<std::string> names = specs;
    if (names.empty()) {
        names.emplace_back("default");
    }
    // One fetcher for all remote sources, made only when one is named; the token goes only to
    // the Hub endpoint.
    std::unique_ptr<Fetcher> fetcher;
    for (const auto& spec : names) {
        if (!fetcher && is_remote_spec(spec)) {
            FetchOptions fetch = options.fetch;
            fetch.token_prefix = options.hub.endpoint;
            fetcher = std::make_unique<Fetcher>(std::move(fetch));
        }
    }
    // Read everything first: a source that throws leaves no trace in the graph.
    std::vector<FactBatch> batches;
    batches.reserve(names.size());
    for (const auto& spec : names) {
        batches.push_back(open_with(spec, options, fetcher.get())->read());
    }
    if (fetch_stats != nullptr && fetcher) {
        *fetch_stats = fetcher->stats();
    }
    Loaded loaded;
    loaded.sources = names;
    GraphBuilder builder(loaded.graph, BuildOptions{options.stated_only});
    loaded.stats = builder.apply(batches, loaded.diagnostics);
    return loaded;
}

} // namespace medkg::ingest
