#include "ingest/source.hpp"

#include "ingest/graphml_reader.hpp"
#include "ingest/json_entries.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <sys/stat.h>

namespace medkg::ingest {

namespace {

class DefaultSource final : public Source {
public:
    [[nodiscard]] std::string name() const override { return "default"; }
    [[nodiscard]] FactBatch read() const override {
        return read_json_entries(default_dataset_text(), std::string(k_default_dataset_name));
    }
};

class FileSource final : public Source {
public:
    explicit FileSource(std::string path) : m_path(std::move(path)) {}
    [[nodiscard]] std::string name() const override { return m_path; }
    [[nodiscard]] FactBatch read() const override {
        struct stat st {};
        if (::stat(m_path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
            throw Error("cannot read \"" + m_path + "\": it is a directory");
        }
        const std::string text = util::read_file(m_path);
        const auto format = detect_format(m_path, text);
        if (!format) {
            FactBatch batch;
            batch.source = m_path;
            batch.diagnostics.error(batch.at(1, 1),
                                    "unrecognised source format (expected a JSON entries file "
                                    "with \"medkg_entries\", or GraphML)");
            return batch;
        }
        return read_text(m_path, text, *format);
    }

private:
    std::string m_path;
};

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           util::ascii_lower(s.substr(s.size() - suffix.size())) == suffix;
}

} // namespace

std::unique_ptr<Source> open_source(const std::string& spec, const SourceOptions&) {
    if (spec == "default") {
        return std::make_unique<DefaultSource>();
    }
    if (spec.empty()) {
        throw Error("empty source name (expected \"default\" or a file path)");
    }
    return std::make_unique<FileSource>(spec);
}

std::optional<Format> detect_format(std::string_view name, std::string_view text) {
    if (ends_with_ci(name, ".graphml")) {
        return Format::graphml;
    }
    if (ends_with_ci(name, ".json")) {
        return Format::json_entries;
    }
    if (looks_like_json_entries(text)) {
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
    return std::nullopt;
}

FactBatch read_text(std::string name, std::string_view text, Format format) {
    switch (format) {
    case Format::json_entries:
        return read_json_entries(text, std::move(name));
    case Format::graphml:
        return read_graphml_facts(text, std::move(name));
    }
    return {};
}

Loaded load_sources(const std::vector<std::string>& specs, const SourceOptions& options) {
    std::vector<std::string> names = specs;
    if (names.empty()) {
        names.emplace_back("default");
    }
    // Read everything first: a source that throws leaves no trace in the graph.
    std::vector<FactBatch> batches;
    batches.reserve(names.size());
    for (const auto& spec : names) {
        batches.push_back(open_source(spec, options)->read());
    }
    Loaded loaded;
    loaded.sources = names;
    GraphBuilder builder(loaded.graph);
    loaded.stats = builder.apply(batches, loaded.diagnostics);
    return loaded;
}

} // namespace medkg::ingest
