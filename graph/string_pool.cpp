#include "graph/string_pool.hpp"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <functional>

namespace medkg::graph {

namespace {
constexpr std::size_t k_min_chunk = 1 << 16;
std::size_t hash_of(std::string_view text) { return std::hash<std::string_view>{}(text); }
} // namespace

StringPool::StringPool() : m_table(64, 0) { m_strings.emplace_back(); }

std::size_t StringPool::slot_of(std::string_view text, std::size_t hash) const {
    const std::size_t mask = m_table.size() - 1;
    std::size_t slot = hash & mask;
    while (m_table[slot] != 0 && m_strings[m_table[slot] - 1] != text) {
        slot = (slot + 1) & mask;
    }
    return slot;
}

std::optional<StrId> StringPool::find(std::string_view text) const {
    if (text.empty()) {
        return StrId{0};
    }
    const std::size_t slot = slot_of(text, hash_of(text));
    if (m_table[slot] == 0) {
        return std::nullopt;
    }
    return m_table[slot] - 1;
}

std::string_view StringPool::store(std::string_view text) {
    if (m_chunks.empty() || m_chunk_used + text.size() > m_chunk_size) {
        // Chunks grow with the pool so that a big pool has few chunks; an oversized string
        // gets a chunk of its own.
        m_chunk_size = std::max({k_min_chunk, text.size(), m_arena_bytes / 4});
        m_chunks.push_back(std::make_unique<char[]>(m_chunk_size));
        m_chunk_used = 0;
        m_arena_bytes += m_chunk_size;
    }
    char* dest = m_chunks.back().get() + m_chunk_used;
    std::memcpy(dest, text.data(), text.size());
    m_chunk_used += text.size();
    return {dest, text.size()};
}

void StringPool::grow() {
    std::vector<StrId> table(m_table.size() * 2, 0);
    const std::size_t mask = table.size() - 1;
    for (StrId stored : m_table) {
        if (stored == 0) {
            continue;
        }
        std::size_t slot = hash_of(m_strings[stored - 1]) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = stored;
    }
    m_table.swap(table);
}

StrId StringPool::intern(std::string_view text) {
    if (text.empty()) {
        return 0;
    }
    const std::size_t hash = hash_of(text);
    std::size_t slot = slot_of(text, hash);
    if (m_table[slot] != 0) {
        return m_table[slot] - 1;
    }
    // Keep the load factor under 1/2 so probes stay short.
    if ((m_strings.size() + 1) * 2 > m_table.size()) {
        grow();
        slot = slot_of(text, hash);
    }
    const auto id = static_cast<StrId>(m_strings.size());
    m_strings.push_back(store(text));
    m_table[slot] = id + 1;
    return id;
}

std::size_t StringPool::memory_bytes() const {
    return m_arena_bytes + m_strings.capacity() * sizeof(std::string_view) +
           m_table.capacity() * sizeof(StrId);
}

} // namespace medkg::graph
