#pragma once

#include "graph/string_pool.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::graph {

using NodeId = std::uint32_t;

/// The folded form under which names are compared: ASCII letters lower-cased; white space,
/// hyphens, underscores, dots and apostrophes (and their Unicode dash and space forms) dropped.
/// `LLaMA2`, `Llama 2` and `Llama-2` all fold to `llama2`. Other bytes are kept as they are.
[[nodiscard]] std::string fold_name(std::string_view name);
/// fold_name into `out` (replacing what it held), for loops that fold many names.
void fold_name_into(std::string_view name, std::string& out);

/// Like fold_name but keeping case: tells `BiomedGPT` from `BioMedGPT` when both exist.
[[nodiscard]] std::string case_key(std::string_view name);

/// A name with a trailing parameter count: `LLaMA-7B` is family `LLaMA`, size `7B`.
struct SizedName {
    std::string family;
    std::string size; ///< upper-case unit: `7B`, `8x7B`, `345M`, `0.5B`
};

/// Splits a trailing size (`-7B`, ` 70b`, `_13B`, `-8x7B`, `-345M`) off a name; nullopt when the
/// name does not end in a size or nothing would be left of the family.
[[nodiscard]] std::optional<SizedName> split_size_suffix(std::string_view name);

/// The folded-name hash that snapshots persist (stable across builds and machines).
[[nodiscard]] std::uint64_t name_hash(std::string_view folded_or_key);

/// name_hash(fold_name(name)) without allocating for names up to 256 bytes.
[[nodiscard]] std::uint64_t folded_name_hash(std::string_view name);

/// Resolves names and strong keys to nodes. Names are compared folded (see fold_name); when one
/// folded form denotes several nodes, the exact case decides. Strong keys (`hf:org/name`,
/// `arxiv:2303.14070`, `doi:10.1/x`) are compared exactly, after ASCII lower-casing.
class NameIndex {
public:
    enum class Status : std::uint8_t { found, ambiguous, missing };

    /// The result of a lookup: the node when found, the candidates when ambiguous.
    struct Lookup {
        Status status = Status::missing;
        NodeId node = 0;
        std::vector<NodeId> candidates;
    };

    /// Records that `name` denotes `node`. Adding the same pair twice is harmless.
    void add_name(std::string_view name, NodeId node);

    /// Records that `node` carries strong key `key`. A key may belong to several nodes of
    /// different kinds (a model and its paper share an arXiv id); adding a pair twice is harmless.
    void add_key(std::string_view key, NodeId node);

    /// Looks a name (or a strong key with its prefix) up.
    [[nodiscard]] Lookup lookup(std::string_view name) const;

    /// Every node carrying a strong key (`hf:...`, `arxiv:...`, `doi:...`), oldest first.
    [[nodiscard]] std::vector<NodeId> find_key(std::string_view key) const;

    /// Every (spelling, node) pair for the folded form of `name`, in insertion order.
    [[nodiscard]] std::vector<std::pair<std::string_view, NodeId>> spellings(
        std::string_view name) const;

    /// Up to `limit` known spellings closest to `name` (edit distance on folded forms, and
    /// spellings that contain the query), best first, for "did you mean" messages.
    [[nodiscard]] std::vector<std::string> suggest(std::string_view name, std::size_t limit) const;

    /// Chooses among the (spelling, node) pairs a folded name matched: one node is found; several
    /// are decided by exact case; otherwise ambiguous. Shared by every index.
    [[nodiscard]] static Lookup choose(const std::vector<std::pair<std::string_view, NodeId>>& all,
                                      std::string_view name);

    /// True when `text` starts with a strong-key prefix (`hf:`, `arxiv:`, `doi:`).
    [[nodiscard]] static bool is_strong_key(std::string_view text);

    [[nodiscard]] std::size_t memory_bytes() const;

private:
    struct Link {
        NodeId node;
        StrId spelling;
        std::uint32_t next; // index + 1 into m_links, 0 = end
    };

    StringPool m_folded;                // folded names
    std::vector<std::uint32_t> m_head;  // by folded id: first link + 1
    std::vector<std::uint32_t> m_tail;  // by folded id: last link + 1 (keeps insertion order)
    std::vector<Link> m_links;
    StringPool m_spellings;             // names as written
    StringPool m_keys;                  // strong keys, lower-cased
    std::vector<std::vector<NodeId>> m_key_nodes; // by key id
};

} // namespace medkg::graph
