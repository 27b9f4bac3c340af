#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace medkg::graph {

using StrId = std::uint32_t;

/// Interns strings: each distinct string is stored once, in an append-only arena, and named by a
/// dense 32-bit id. Id 0 is always the empty string. Views returned stay valid for the pool's
/// lifetime (the arena never moves). Interning is amortised O(length); lookups never allocate.
class StringPool {
public:
    StringPool();

    /// The id of `text`, adding it when new.
    StrId intern(std::string_view text);

    /// The id of `text` when it was interned before.
    [[nodiscard]] std::optional<StrId> find(std::string_view text) const;

    /// The text of `id`; `id` must come from this pool.
    [[nodiscard]] std::string_view view(StrId id) const { return m_strings[id]; }

    /// Number of distinct strings, the empty string included.
    [[nodiscard]] std::size_t size() const { return m_strings.size(); }

    /// Bytes held by the arena, the id table and the hash table.
    [[nodiscard]] std::size_t memory_bytes() const;

private:
    [[nodiscard]] std::size_t slot_of(std::string_view text, std::size_t hash) const;
    void grow();
    std::string_view store(std::string_view text);

    std::vector<std::unique_ptr<char[]>> m_chunks;
    std::size_t m_chunk_used = 0;
    std::size_t m_chunk_size = 0;
    std::size_t m_arena_bytes = 0;
    std::vector<std::string_view> m_strings;
    std::vector<StrId> m_table; // open addressing; stores id + 1, 0 = empty slot
};

} // namespace medkg::graph
