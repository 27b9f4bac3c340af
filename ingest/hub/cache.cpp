// The Hugging Face cache as a source: every cached model card, under the Hub id its folder names.
#include "ingest/hub.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace medkg::ingest {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_model_prefix = "models--";

/// `models--ORG--NAME` -> `ORG/NAME`, `models--gpt2` -> `gpt2`; empty for other names. The Hub's
/// tools write a repository id's `/` as `--`, which no repository name holds.
std::string hub_id_of_folder(std::string_view folder) {
    if (!folder.starts_with(k_model_prefix)) {
        return {};
    }
    std::string id(folder.substr(k_model_prefix.size()));
    if (const auto sep = id.find("--"); sep != std::string::npos) {
        id.replace(sep, 2, "/");
    }
    return valid_hub_id(id) ? id : std::string();
}

std::vector<fs::path> sorted_children(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// The snapshot folder of a cached model: the revision `refs/main` names, else the last one by
/// name; empty when there is none.
fs::path snapshot_of(const fs::path& model) {
    std::error_code ec;
    const fs::path main = model / "refs" / "main";
    if (fs::is_regular_file(main, ec)) {
        const std::string rev(util::trim(util::read_file(main.string())));
        if (!rev.empty() && rev.find('/') == std::string::npos &&
            fs::is_directory(model / "snapshots" / rev, ec)) {
            return model / "snapshots" / rev;
        }
    }
    const auto revisions = sorted_children(model / "snapshots");
    return revisions.empty() ? fs::path() : revisions.back();
}

/// Appends `from`'s facts to `into`, renumbering node indices.
void append(FactBatch& into, FactBatch from) {
    const auto offset = static_cast<std::uint32_t>(into.nodes.size());
    for (auto& n : from.nodes) {
        into.nodes.push_back(std::move(n));
    }
    for (auto& a : from.aliases) {
        a.subject += offset;
        into.aliases.push_back(std::move(a));
    }
    for (auto& a : from.attributes) {
        a.subject += offset;
        into.attributes.push_back(std::move(a));
    }
    for (auto& e : from.edges) {
        e.subject += offset;
        if (e.target_index) {
            *e.target_index += offset;
        }
        into.edges.push_back(std::move(e));
    }
    into.diagnostics.append(from.diagnostics);
    into.records_seen += from.records_seen;
    into.records_skipped += from.records_skipped;
}

} // namespace

bool is_hub_cache_dir(const std::string& dir) {
    const fs::path p(dir);
    if (!hub_id_of_folder(p.filename().string()).empty() ||
        (p.filename().empty() && !hub_id_of_folder(p.parent_path().filename().string()).empty())) {
        return true;
    }
    for (const auto& child : sorted_children(p)) {
        if (!hub_id_of_folder(child.filename().string()).empty()) {
            return true;
        }
    }
    return false;
}

FactBatch read_hub_cache(const std::string& dir) {
    fs::path root(dir);
    if (root.filename().empty()) {
        root = root.parent_path(); // "hub/" -> "hub"
    }
    std::vector<fs::path> models;
    if (!hub_id_of_folder(root.filename().string()).empty()) {
        models.push_back(root);
    } else {
        for (const auto& child : sorted_children(root)) {
            std::error_code ec;
            if (!hub_id_of_folder(child.filename().string()).empty() && fs::is_directory(child, ec)) {
                models.push_back(child);
            }
        }
    }
    if (models.empty()) {
        throw Error("cannot read \"" + dir +
                    "\": it is a directory that holds no cached Hub model (models--ORG--NAME)");
    }
    FactBatch batch;
    batch.source = dir;
    for (const auto& model : models) {
        const std::string id = hub_id_of_folder(model.filename().string());
        ++batch.records_seen;
        const fs::path snapshot = snapshot_of(model);
        std::error_code ec;
        const fs::path card = snapshot / "README.md";
        if (snapshot.empty() || !fs::is_regular_file(card, ec)) {
            batch.diagnostics.add(util::Severity::note, util::Location{model.string(), 0, 0},
                                  "no model card cached for " + id + "; it is left out");
            ++batch.records_skipped;
            continue;
        }
        const std::string text = util::read_file(card.string());
        FactBatch one;
        if (looks_like_model_card(text)) {
            one = read_model_card(text, card.string(), CardIdentity{id, id});
        } else {
            one.source = card.string();
            one.records_seen = 1;
            one.records_skipped = 1;
            one.diagnostics.add(util::Severity::note, one.at(1, 1),
                                "the cached README of " + id +
                                    " has no card metadata (front matter); it is left out");
        }
        --batch.records_seen; // the card counts itself
        append(batch, std::move(one));
    }
    return batch;
}

std::string hub_id_of_file_url(std::string_view url) {
    // scheme://host/ORG/NAME/(resolve|raw|blob)/REV/FILE
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) {
        return {};
    }
    const auto path_begin = url.find('/', scheme + 3);
    if (path_begin == std::string_view::npos) {
        return {};
    }
    const auto parts = util::split(url.substr(path_begin + 1), '/');
    if (parts.size() < 5) {
        return {};
    }
    const std::string_view kind = parts[2];
    if (kind != "resolve" && kind != "raw" && kind != "blob") {
        return {};
    }
    std::string id = std::string(parts[0]) + "/" + std::string(parts[1]);
    return valid_hub_id(id) ? id : std::string();
}

} // namespace medkg::ingest
