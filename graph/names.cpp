#include "graph/names.hpp"

#include "util/hash.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cctype>
#include <set>

namespace medkg::graph {

namespace {

// Bytes of a UTF-8 sequence that folding drops: U+00A0 (no-break space) and U+2010..U+2015
// (hyphens and dashes), U+3000 (ideographic space). Returns its length, 0 when not droppable.
std::size_t droppable_multibyte(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    if (i + 1 < s.size() && b(0) == 0xC2 && b(1) == 0xA0) {
        return 2;
    }
    if (i + 2 < s.size() && b(0) == 0xE2 && b(1) == 0x80 && b(2) >= 0x90 && b(2) <= 0x95) {
        return 3;
    }
    if (i + 2 < s.size() && b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) {
        return 3;
    }
    return 0;
}

constexpr bool droppable_ascii(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '_' || c == '.' ||
           c == '\'';
}

// What folding does with a byte: keep it, drop it, lower-case it, or look at the sequence it
// starts (the lead bytes of the droppable multibyte forms).
enum FoldClass : std::uint8_t { k_keep, k_drop, k_upper, k_lead };
constexpr std::array<std::uint8_t, 256> k_fold_class = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
        const auto ch = static_cast<char>(c);
        t[static_cast<std::size_t>(c)] = droppable_ascii(ch)                 ? k_drop
                                         : c >= 'A' && c <= 'Z'              ? k_upper
                                         : c == 0xC2 || c == 0xE2 || c == 0xE3 ? k_lead
                                                                               : k_keep;
    }
    return t;
}();

// What folding makes of each byte of an ASCII name: the byte to write (lower-cased or not) and
// whether to keep it; `lead` flags the bytes that may start a droppable multibyte form.
struct FoldTable {
    std::array<char, 256> lower{};
    std::array<char, 256> same{};
    std::array<std::uint8_t, 256> keep{};
    std::array<std::uint8_t, 256> lead{};
};
constexpr FoldTable k_fold_table = [] {
    FoldTable t;
    for (std::size_t c = 0; c < 256; ++c) {
        const auto ch = static_cast<char>(c);
        t.same[c] = ch;
        t.lower[c] = k_fold_class[c] == k_upper ? static_cast<char>(ch - 'A' + 'a') : ch;
        t.keep[c] = k_fold_class[c] == k_drop ? 0 : 1;
        t.lead[c] = k_fold_class[c] == k_lead ? 1 : 0;
    }
    return t;
}();

// Writes the folded form of `name` (at most name.size() bytes) from `w` on; returns its end.
// Names without a lead byte (nearly all: Hub ids are ASCII) take a branch-free loop: a byte is
// always written and the end moves on only past the kept ones. Others are folded byte by byte.
char* fold_to(std::string_view name, bool lower, char* w) {
    const std::array<char, 256>& out = lower ? k_fold_table.lower : k_fold_table.same;
    char* const start = w;
    std::uint8_t leads = 0;
    for (const char c : name) {
        const auto b = static_cast<unsigned char>(c);
        *w = out[b];
        w += k_fold_table.keep[b];
        leads |= k_fold_table.lead[b];
    }
    if (leads == 0) {
        return w;
    }
    w = start;
    for (std::size_t i = 0; i < name.size();) {
        const char c = name[i];
        switch (k_fold_class[static_cast<unsigned char>(c)]) {
        case k_drop: ++i; break;
        case k_upper:
            *w++ = lower ? static_cast<char>(c - 'A' + 'a') : c;
            ++i;
            break;
        case k_lead:
            if (const std::size_t n = droppable_multibyte(name, i); n > 0) {
                i += n;
                break;
            }
            *w++ = c;
            ++i;
            break;
        default:
            *w++ = c;
            ++i;
        }
    }
    return w;
}

void normalise_into(std::string_view name, bool lower, std::string& out) {
    out.resize(name.size());
    out.resize(static_cast<std::size_t>(fold_to(name, lower, out.data()) - out.data()));
}

std::string normalise(std::string_view name, bool lower) {
    std::string out;
    out.reserve(name.size());
    normalise_into(name, lower, out);
    return out;
}

std::string lower_key(std::string_view key) {
    std::string out(key);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

} // namespace

std::string fold_name(std::string_view name) { return normalise(name, true); }
void fold_name_into(std::string_view name, std::string& out) { normalise_into(name, true, out); }

std::uint64_t name_hash(std::string_view folded_or_key) { return util::hash64(folded_or_key); }

std::uint64_t folded_name_hash(std::string_view name) {
    char buffer[256];
    if (name.size() > sizeof buffer) {
        return name_hash(fold_name(name)); // rare long name: the allocating path
    }
    const char* const end = fold_to(name, true, buffer);
    return name_hash(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
}

std::string case_key(std::string_view name) { return normalise(name, false); }

std::optional<SizedName> split_size_suffix(std::string_view name) {
    // Walk back over: unit letter, digits (with one optional '.' or 'x' group), separator.
    if (name.size() < 3) {
        return std::nullopt;
    }
    const char unit = name.back();
    if (unit != 'b' && unit != 'B' && unit != 'm' && unit != 'M') {
        return std::nullopt;
    }
    std::size_t i = name.size() - 1;
    const std::size_t number_end = i;
    bool seen_digit = false;
    bool seen_sep = false;
    while (i > 0) {
        const char c = name[i - 1];
        if (is_digit(c)) {
            seen_digit = true;
            --i;
        } else if ((c == '.' || c == 'x') && seen_digit && !seen_sep) {
            seen_sep = true;
            --i;
        } else {
            break;
        }
    }
    if (!seen_digit || i == 0 || !is_digit(name[i])) {
        return std::nullopt;
    }
    const std::size_t number_begin = i;
    const char before = name[i - 1];
    std::size_t family_end = i;
    if (before == '-' || before == '_' || before == ' ') {
        family_end = i - 1;
    } else if (std::isalpha(static_cast<unsigned char>(before)) == 0) {
        return std::nullopt;
    } else {
        // "GPT3B" is ambiguous; only accept a glued size after a lower/upper letter when the
        // family is at least two characters, e.g. "Llama7B".
    }
    std::string family(name.substr(0, family_end));
    while (!family.empty() && (family.back() == ' ' || family.back() == '-')) {
        family.pop_back();
    }
    if (family.empty() || fold_name(family).empty()) {
        return std::nullopt;
    }
    std::string size(name.substr(number_begin, number_end - number_begin));
    size += static_cast<char>(std::toupper(static_cast<unsigned char>(unit)));
    return SizedName{std::move(family), std::move(size)};
}

bool NameIndex::is_strong_key(std::string_view text) {
    return text.starts_with("hf:") || text.starts_with("arxiv:") || text.starts_with("doi:");
}

void NameIndex::add_name(std::string_view name, NodeId node) {
    const std::string folded = fold_name(name);
    if (folded.empty()) {
        return;
    }
    const StrId fid = m_folded.intern(folded);
    if (fid >= m_head.size()) {
        m_head.resize(fid + 1, 0);
        m_tail.resize(fid + 1, 0);
    }
    const StrId spelling = m_spellings.intern(name);
    for (std::uint32_t l = m_head[fid]; l != 0; l = m_links[l - 1].next) {
        if (m_links[l - 1].node == node && m_links[l - 1].spelling == spelling) {
            return;
        }
    }
    m_links.push_back(Link{node, spelling, 0});
    const auto link = static_cast<std::uint32_t>(m_links.size());
    if (m_tail[fid] == 0) {
        m_head[fid] = link;
    } else {
        m_links[m_tail[fid] - 1].next = link;
    }
    m_tail[fid] = link;
}

void NameIndex::add_key(std::string_view key, NodeId node) {
    const StrId id = m_keys.intern(lower_key(key));
    if (id >= m_key_nodes.size()) {
        m_key_nodes.resize(id + 1);
    }
    auto& nodes = m_key_nodes[id];
    if (std::find(nodes.begin(), nodes.end(), node) == nodes.end()) {
        nodes.push_back(node);
    }
}

std::vector<NodeId> NameIndex::find_key(std::string_view key) const {
    const auto id = m_keys.find(lower_key(key));
    if (!id || *id >= m_key_nodes.size()) {
        return {};
    }
    return m_key_nodes[*id];
}

std::vector<std::pair<std::string_view, NodeId>> NameIndex::spellings(std::string_view name) const {
    std::vector<std::pair<std::string_view, NodeId>> out;
    const auto fid = m_folded.find(fold_name(name));
    if (!fid || *fid >= m_head.size()) {
        return out;
    }
    for (std::uint32_t l = m_head[*fid]; l != 0; l = m_links[l - 1].next) {
        out.emplace_back(m_spellings.view(m_links[l - 1].spelling), m_links[l - 1].node);
    }
    return out;
}

NameIndex::Lookup NameIndex::lookup(std::string_view name) const {
    Lookup result;
    if (is_strong_key(name)) {
        auto nodes = find_key(name);
        if (nodes.size() == 1) {
            result.status = Status::found;
            result.node = nodes.front();
        } else if (nodes.size() > 1) {
            result.status = Status::ambiguous;
            result.candidates = std::move(nodes);
        }
        return result;
    }
    return choose(spellings(name), name);
}

NameIndex::Lookup NameIndex::choose(const std::vector<std::pair<std::string_view, NodeId>>& all,
                                    std::string_view name) {
    // The distinct nodes of the spellings that pass `keep`, in order.
    const auto nodes_of = [&](auto&& keep) {
        std::vector<NodeId> nodes;
        for (const auto& [spelling, node] : all) {
            if (keep(spelling) && std::find(nodes.begin(), nodes.end(), node) == nodes.end()) {
                nodes.push_back(node);
            }
        }
        return nodes;
    };
    Lookup result;
    const auto found = [&](NodeId node) {
        result.status = Status::found;
        result.node = node;
        return result;
    };
    const std::vector<NodeId> nodes = nodes_of([](std::string_view) { return true; });
    if (nodes.empty()) {
        return result;
    }
    if (nodes.size() == 1) {
        return found(nodes.front());
    }
    const std::string wanted = case_key(name);
    const std::vector<NodeId> exact =
        nodes_of([&](std::string_view spelling) { return case_key(spelling) == wanted; });
    if (exact.size() == 1) {
        return found(exact.front());
    }
    // Names that fold alike can still be two things told apart by their keys (the Hub ids
    // `org/data-set` and `org/dataset`): a spelling given byte for byte decides.
    const std::vector<NodeId> verbatim =
        nodes_of([&](std::string_view spelling) { return spelling == name; });
    if (verbatim.size() == 1) {
        return found(verbatim.front());
    }
    result.status = Status::ambiguous;
    result.candidates = exact.empty() ? nodes : exact;
    return result;
}

std::vector<std::string> NameIndex::suggest(std::string_view name, std::size_t limit) const {
    const std::string query = fold_name(name);
    if (query.empty() || limit == 0) {
        return {};
    }
    const std::size_t max_distance = std::max<std::size_t>(2, query.size() / 3);
    std::vector<std::pair<std::size_t, std::string_view>> scored;
    std::string folded;
    std::vector<std::size_t> scratch;
    for (StrId id = 1; id < m_spellings.size(); ++id) {
        const std::string_view spelling = m_spellings.view(id);
        fold_name_into(spelling, folded);
        std::size_t d = util::edit_distance(query, folded, max_distance, scratch);
        if (d > max_distance && query.size() >= 3 && folded.find(query) != std::string::npos) {
            d = max_distance; // a containing name is worth showing, after closer ones
        }
        if (d <= max_distance) {
            scored.emplace_back(d, spelling);
        }
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& [d, spelling] : scored) {
        if (seen.insert(std::string(spelling)).second) {
            out.emplace_back(spelling);
            if (out.size() == limit) {
                break;
            }
        }
    }
    return out;
}

std::size_t NameIndex::memory_bytes() const {
    return m_folded.memory_bytes() + m_spellings.memory_bytes() + m_keys.memory_bytes() +
           (m_head.capacity() + m_tail.capacity()) * sizeof(std::uint32_t) +
           m_links.capacity() * sizeof(Link) + m_key_nodes.capacity() * sizeof(std::vector<NodeId>);
}

} // namespace medkg::graph
