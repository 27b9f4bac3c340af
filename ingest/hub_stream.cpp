#include "ingest/hub_stream.hpp"

#include "ingest/hub.hpp"
#include "ingest/hub/vocabulary.hpp"
#include "ingest/source.hpp"

#include "util/error.hpp"
#include "util/hash.hpp"
#include "util/large_memory.hpp"
#include "util/text.hpp"

#include "ingest/json_error.hpp"
#include "ingest/line_stream.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <bit>
#include <array>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <future>
#include <fcntl.h>
#include <mutex>
#include <ostream>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace medkg::ingest {

namespace {

using graph::AttrKey;
using graph::EdgeKind;
using graph::NodeKind;

// ---- parsing: one chunk of lines into compact records -------------------------------------

// A base's relation: its edge, and whether the line states it (a relation tag,
// base_model_relation, a list of bases) or medkg reads it from the line's evidence.
struct Rel {
    EdgeKind kind = EdgeKind::fine_tuned_from;
    bool stated = false;
};

// A base named by a tag: its relation when the tag states one (`base_model:adapter:ID`).
struct Ref {
    std::string_view id;
    std::optional<EdgeKind> kind;
};

// A string the assembler will intern: bytes in its chunk's arena, hashed by the worker.
struct Str {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
    std::uint64_t hash = 0;
};
// One model line, resolved by the worker: its strings are chunk.refs[first ...]: id, date,
// license, author, pipeline tag (each possibly empty), then the bases, the datasets, and for each
// paper its label ("arXiv:ID") and its id. rels[rels_begin ...] gives each base's relation.
struct Record {
    std::uint32_t line = 0;
    std::uint32_t first = 0;
    std::uint32_t rels_begin = 0;
    std::uint32_t id_hashes = 0; ///< chunk.id_hashes[id_hashes ...]: the id's, the author's,
                                 ///< each base's, each dataset's
    std::uint16_t bases = 0;
    std::uint16_t datasets = 0;
    std::uint16_t papers = 0;
};
constexpr std::uint32_t k_fixed_strings = 5;

// What the SAX handler collects from one line (views into the chunk), before it is resolved.
struct Scratch {
    std::string_view id, author, pipeline, created, license, relation, library, card_library;
    bool quantized_by = false;
    hub::Evidence evidence; // of the tags
    std::vector<std::string_view> unknown_relation_tags; // `base_model:WORD:ID`, WORD unknown
    std::vector<Ref> refs;
    std::vector<std::string_view> card_bases;
    std::vector<std::string_view> datasets;      // from `dataset:` tags
    std::vector<std::string_view> card_datasets; // from cardData.datasets
    std::vector<std::string_view> arxiv; // the whole "arxiv:ID" tag
    void clear() {
        id = author = pipeline = created = license = relation = library = card_library = {};
        quantized_by = false;
        evidence = {};
        unknown_relation_tags.clear();
        refs.clear();
        card_bases.clear();
        datasets.clear();
        card_datasets.clear();
        arxiv.clear();
    }
};

struct Failure {
    std::uint32_t line;
    std::uint32_t column;
    std::string message;
};

// What a worker makes of one chunk of lines. The chunk's text is not kept: each distinct string
// is copied once into `arena`, in first-seen order, so the assembler interns every distinct
// string of the chunk once and in the order a line-by-line reading would meet it (the string ids,
// and so the output, do not depend on the chunking or on timing).
struct Chunk {
    std::uint32_t line_count = 0; ///< newlines in the chunk (lines are relative until applied)
    std::size_t lines = 0;        ///< non-empty lines
    std::size_t bytes = 0;        ///< bytes of the file the chunk covers
    util::LargeVector<Record> records;
    util::LargeVector<std::uint32_t> refs; ///< per record: indices into `strings` (0: the empty string)
    util::LargeVector<Str> strings;        ///< distinct strings; strings[0] is the empty string
    util::LargeVector<char> arena;
    util::LargeVector<Rel> rels;
    util::LargeVector<std::uint64_t> id_hashes; ///< Hub id hashes of each record's id, author, bases,
                                          ///< datasets (see Record)
    util::LargeVector<std::uint32_t> ids; ///< string ids of `strings`, filled by the assembler
    std::vector<Failure> failures; ///< lines skipped
    std::vector<Failure> warnings; ///< parts of lines left out

    /// Empties the chunk for reuse; the vectors keep their memory.
    void clear() {
        line_count = 0;
        lines = 0;
        bytes = 0;
        records.clear();
        refs.clear();
        strings.clear();
        arena.clear();
        rels.clear();
        id_hashes.clear();
        ids.clear();
        failures.clear();
        warnings.clear();
    }
};

// Comparisons against literals with the length known at compile time, so that they compile to
// a few loads instead of a call (the SAX handler makes several per key and per tag).
template <std::size_t N> bool is(std::string_view s, const char (&lit)[N]) {
    return s.size() == N - 1 && std::memcmp(s.data(), lit, N - 1) == 0;
}
template <std::size_t N> bool starts(std::string_view s, const char (&lit)[N]) {
    return s.size() >= N - 1 && std::memcmp(s.data(), lit, N - 1) == 0;
}


// SAX handler that keeps only the fields medkg maps; everything else is skipped by depth.
class Handler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Handler> {
public:
    explicit Handler(Scratch& r) : m_r(r) {}

    void reset() {
        m_r.clear();
        m_depth = 0;
        m_key = Field::none;
        m_card_key = Field::none;
        m_top_is_object = false;
    }
    bool top_is_object() const { return m_top_is_object; }

    bool Null() { return scalar(); }
    bool Bool(bool) { return scalar(); }
    bool Int(int) { return scalar(); }
    bool Uint(unsigned) { return scalar(); }
    bool Int64(std::int64_t) { return scalar(); }
    bool Uint64(std::uint64_t) { return scalar(); }
    bool Double(double) { return scalar(); }
    bool RawNumber(const char*, rapidjson::SizeType, bool) { return scalar(); }

    bool String(const char* s, rapidjson::SizeType n, bool) {
        const std::string_view v(s, n);
        if (m_depth == 1) {
            switch (m_key) {
            case Field::id: m_r.id = v; break;
            case Field::model_id: if (m_r.id.empty()) m_r.id = v; break;
            case Field::author: m_r.author = v; break;
            case Field::pipeline: m_r.pipeline = v; break;
            case Field::created: m_r.created = v; break;
            case Field::library: m_r.library = v; break;
            default: break;
            }
        } else if (m_depth == 2 && m_key == Field::tags && m_in_array[2]) {
            tag(v);
        } else if (m_depth == 2 && m_key == Field::card) {
            switch (m_card_key) {
            case Field::base_model: m_r.card_bases.emplace_back(s, n); break;
            case Field::relation: m_r.relation = v; break;
            case Field::license: m_r.license = v; break;
            case Field::library: m_r.card_library = v; break;
            case Field::quantized_by: m_r.quantized_by = true; break;
            case Field::datasets: m_r.card_datasets.emplace_back(s, n); break;
            default: break;
            }
        } else if (m_depth == 3 && m_key == Field::card && m_in_array[3]) {
            if (m_card_key == Field::base_model) {
                m_r.card_bases.emplace_back(s, n);
            } else if (m_card_key == Field::datasets) {
                m_r.card_datasets.emplace_back(s, n);
            }
        }
        return true;
    }

    bool Key(const char* s, rapidjson::SizeType n, bool) {
        const std::string_view k(s, n);
        if (m_depth == 1) {
            m_key = top_field(k);
        } else if (m_depth == 2 && m_key == Field::card) {
            m_card_key = card_field(k);
        }
        return true;
    }

    bool StartObject() { return open(false); }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool StartArray() { return open(true); }
    bool EndArray(rapidjson::SizeType) { return close(); }

private:
    enum class Field : std::uint8_t {
        none, id, model_id, author, pipeline, created, tags, card, base_model, relation,
        license, datasets, library, quantized_by
    };

    bool scalar() { return true; }

    // Every key of every line comes here: dispatch on the length before comparing bytes.
    static Field top_field(std::string_view k) {
        switch (k.size()) {
        case 2: return is(k, "id") ? Field::id : Field::none;
        case 4: return is(k, "tags") ? Field::tags : Field::none;
        case 6: return is(k, "author") ? Field::author : Field::none;
        case 7: return is(k, "modelId") ? Field::model_id : Field::none;
        case 8: return is(k, "cardData") ? Field::card : Field::none;
        case 9: return is(k, "createdAt") ? Field::created : Field::none;
        case 12: return is(k, "pipeline_tag")   ? Field::pipeline
                        : is(k, "library_name") ? Field::library
                                                : Field::none;
        default: return Field::none;
        }
    }
    static Field card_field(std::string_view k) {
        switch (k.size()) {
        case 7: return is(k, "license") ? Field::license : Field::none;
        case 8: return is(k, "datasets") ? Field::datasets : Field::none;
        case 10: return is(k, "base_model") ? Field::base_model : Field::none;
        case 12: return is(k, "library_name")   ? Field::library
                        : is(k, "quantized_by") ? Field::quantized_by
                                                : Field::none;
        case 19: return is(k, "base_model_relation") ? Field::relation : Field::none;
        default: return Field::none;
        }
    }

    bool open(bool array) {
        if (m_depth == 0) {
            m_top_is_object = !array;
        }
        ++m_depth;
        if (m_depth >= 64) {
            return false; // pathological nesting: the line is reported as malformed
        }
        m_in_array[m_depth] = array;
        return true;
    }
    bool close() {
        --m_depth;
        return true;
    }

    void tag(std::string_view t) {
        if (starts(t, "base_model:")) {
            std::string_view rest = t.substr(11);
            const auto colon = rest.find(':');
            if (colon == std::string_view::npos) {
                m_r.refs.push_back(Ref{rest, std::nullopt});
                return;
            }
            // A Hub id holds no ':', so the word before one is a relation.
            const auto kind = hub::relation_of(rest.substr(0, colon));
            if (!kind) {
                m_r.unknown_relation_tags.push_back(t);
            }
            m_r.refs.push_back(Ref{rest.substr(colon + 1), kind});
            return;
        }
        if (t.size() <= 8) {
            m_r.evidence.note(t); // `gguf`, `peft`, `mergekit`: how the model was made
        }
        if (starts(t, "arxiv:")) {
            m_r.arxiv.emplace_back(t.data(), t.size());
        } else if (starts(t, "dataset:")) {
            m_r.datasets.emplace_back(t.data() + 8, t.size() - 8);
        } else if (starts(t, "license:") && m_r.license.empty()) {
            m_r.license = t.substr(8);
        }
    }

    Scratch& m_r;
    int m_depth = 0;
    Field m_key = Field::none;
    Field m_card_key = Field::none;
    bool m_in_array[65] = {};
    bool m_top_is_object = false;
};

bool kept_strings_valid(const Scratch& r) {
    const auto ok = [](std::string_view s) { return util::is_ascii(s) || util::is_valid_utf8(s); };
    if (!ok(r.author) || !ok(r.pipeline) || !ok(r.created) || !ok(r.license) || !ok(r.relation) ||
        !ok(r.library) || !ok(r.card_library)) {
        return false;
    }
    for (const auto& ref : r.refs) {
        if (!ok(ref.id)) return false;
    }
    for (const auto s : r.card_bases) {
        if (!ok(s)) return false;
    }
    for (const auto s : r.datasets) {
        if (!ok(s)) return false;
    }
    for (const auto s : r.card_datasets) {
        if (!ok(s)) return false;
    }
    for (const auto s : r.arxiv) {
        if (!ok(s)) return false;
    }
    return true;
}

// An open-addressing table of string ids keyed by a 64-bit hash, kept at most three quarters
// full. A slot holds the high half of the hash and the id (0: empty), and the slot's position
// comes from that half too: growing needs no string read again, and a probe past another string
// rarely reads it.
class HashSlots {
public:
    static constexpr std::uint32_t k_none = UINT32_MAX;

    explicit HashSlots(std::size_t slots) : m_slots(slots, 0) {}

    /// The id of the string hashed `h` for which same(id) holds, or k_none with `slot` where it
    /// goes.
    template <typename Same>
    std::uint32_t find(std::uint64_t h, Same&& same, std::size_t& slot) const {
        const std::uint64_t tag = h >> 32;
        const std::size_t mask = m_slots.size() - 1;
        for (slot = tag & mask; m_slots[slot] != 0; slot = (slot + 1) & mask) {
            const std::uint64_t entry = m_slots[slot];
            if ((entry >> 32) == tag && same(static_cast<std::uint32_t>(entry))) {
                return static_cast<std::uint32_t>(entry);
            }
        }
        return k_none;
    }

    /// Puts `id` at the slot find() gave.
    void insert(std::size_t slot, std::uint64_t h, std::uint32_t id) {
        m_slots[slot] = (h >> 32) << 32 | id;
        if (++m_count * 4 > m_slots.size() * 3) {
            grow();
        }
    }

    /// The entry where a lookup of `h` starts (for prefetching ahead).
    const std::uint64_t& first(std::uint64_t h) const {
        return m_slots[(h >> 32) & (m_slots.size() - 1)];
    }

    /// The id in that entry when its tag is h's (the string is probably there), else k_none:
    /// for prefetching what a lookup of `h` will compare, without comparing it.
    std::uint32_t likely(std::uint64_t h) const {
        const std::uint64_t entry = first(h);
        return entry != 0 && (entry >> 32) == (h >> 32) ? static_cast<std::uint32_t>(entry) : k_none;
    }

    void clear() {
        std::fill(m_slots.begin(), m_slots.end(), 0U);
        m_count = 0;
    }
    void release() {
        util::release(m_slots);
        m_count = 0;
    }

private:
    void grow() {
        util::LargeVector<std::uint64_t> slots(m_slots.size() * 2, 0);
        const std::size_t mask = slots.size() - 1;
        for (const std::uint64_t entry : m_slots) {
            if (entry == 0) {
                continue;
            }
            std::size_t slot = (entry >> 32) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = entry;
        }
        m_slots.swap(slots);
    }

    util::LargeVector<std::uint64_t> m_slots;
    std::size_t m_count = 0; // ids held
};

// A chunk's distinct strings: a table (reused from chunk to chunk, small enough to stay in
// cache) over chunk.strings, whose bytes are copied into chunk.arena.
class ChunkStrings {
public:
    void reset(Chunk& c) {
        m_c = &c;
        c.strings.assign(1, Str{}); // index 0: the empty string
        c.arena.clear();
        m_slots.clear();
    }

    /// A string to make one of the chunk's distinct strings. `lookup` false: a string that is
    /// rarely repeated within a chunk (a model id), added without a lookup; the assembler's
    /// interning still makes a repeat the same string, and only the order matters here.
    struct Item {
        std::string_view text;
        bool lookup = true;
        std::uint64_t hash = 0; ///< its lower_hash when the caller has it, else 0 (computed here)
    };

    /// Appends the index of each item (made distinct strings in order) to `out`. The lookups
    /// are independent, so the table slots and strings of a whole batch are fetched before any
    /// is compared: the cache misses overlap instead of queueing.
    void put_all(const std::vector<Item>& items, util::LargeVector<std::uint32_t>& out) {
        constexpr std::size_t k_batch = 64;
        std::array<std::uint64_t, k_batch> hashes{};
        const auto known = [&](std::size_t i, const Item& item) {
            return item.lookup ? m_slots.likely(hashes[i]) : HashSlots::k_none;
        };
        for (std::size_t begin = 0; begin < items.size(); begin += k_batch) {
            const std::size_t n = std::min(k_batch, items.size() - begin);
            const Item* v = items.data() + begin;
            for (std::size_t i = 0; i < n; ++i) {
                hashes[i] = v[i].text.empty() ? 0
                            : v[i].hash != 0   ? v[i].hash
                                               : util::hash64_lower(v[i].text);
                if (v[i].lookup) {
                    __builtin_prefetch(&m_slots.first(hashes[i]));
                }
            }
            for (std::size_t i = 0; i < n; ++i) {
                if (const std::uint32_t id = known(i, v[i]); id != HashSlots::k_none) {
                    __builtin_prefetch(&m_c->strings[id]);
                }
            }
            for (std::size_t i = 0; i < n; ++i) {
                if (const std::uint32_t id = known(i, v[i]); id != HashSlots::k_none) {
                    __builtin_prefetch(m_c->arena.data() + m_c->strings[id].offset);
                }
            }
            for (std::size_t i = 0; i < n; ++i) {
                out.push_back(v[i].text.empty() ? 0
                              : v[i].lookup     ? put(v[i].text, hashes[i])
                                                : add(v[i].text, hashes[i]));
            }
        }
    }

private:
    std::uint32_t put(std::string_view v, std::uint64_t h) {
        std::size_t slot = 0;
        const auto same = [&](std::uint32_t i) { return util::same_bytes(view(i), v); };
        const std::uint32_t known = m_slots.find(h, same, slot);
        if (known != HashSlots::k_none) {
            return known;
        }
        const std::uint32_t i = add(v, h);
        m_slots.insert(slot, h, i);
        return i;
    }

    std::uint32_t add(std::string_view v, std::uint64_t h) {
        const auto i = static_cast<std::uint32_t>(m_c->strings.size());
        m_c->strings.push_back(Str{static_cast<std::uint32_t>(m_c->arena.size()),
                                   static_cast<std::uint32_t>(v.size()), h});
        m_c->arena.insert(m_c->arena.end(), v.begin(), v.end());
        return i;
    }

    std::string_view view(std::uint32_t i) const {
        const Str& s = m_c->strings[i];
        return {m_c->arena.data() + s.offset, s.size};
    }

    Chunk* m_c = nullptr;
    HashSlots m_slots{std::size_t{1} << 15};
};

// hash64 of the ASCII-lower-cased bytes: the hash every string is interned by, so that the ASCII
// case variants of a Hub id are interned next to each other and the assembler finds a model
// whatever the case of its spelling.
std::uint64_t lower_hash(std::string_view s) { return util::hash64_lower(s); }

// Turns a parsed line into a Record: the bases merged (relation tags first, then
// cardData.base_model, where a list is a merge), repeated datasets and papers dropped, and
// every string the assembler needs made one of the chunk's distinct strings, so that the
// assembler's serial work is one lookup per distinct string.
class Resolver {
public:
    Resolver(Chunk& c, ChunkStrings& strings) : m_c(c), m_strings(strings) {}

    void add(const Scratch& s, std::uint32_t line) {
        Record r;
        r.line = line;
        r.rels_begin = static_cast<std::uint32_t>(m_c.rels.size());
        std::string_view created = s.created.substr(0, std::min<std::size_t>(s.created.size(), 10));
        std::string_view author = s.author;
        if (author.empty() && s.id.find('/') != std::string_view::npos) {
            author = s.id.substr(0, s.id.find('/'));
        }
        // The record's strings are put with those of the next few lines, as one batch.
        r.first = static_cast<std::uint32_t>(m_c.refs.size() + m_pending.size());
        // The hashes a line's Hub ids are looked up by (for a dataset or an author: with the
        // lowest bit set when it is a Hub dataset id or user name, else 0, and then it is matched
        // exactly) are the hashes its strings are interned by: computed once, here.
        r.id_hashes = static_cast<std::uint32_t>(m_c.id_hashes.size());
        const std::uint64_t id_hash = lower_hash(s.id);
        m_c.id_hashes.push_back(id_hash);
        const bool author_is_user = valid_hub_user(author);
        const std::uint64_t author_hash = author_is_user ? lower_hash(author) : 0;
        m_c.id_hashes.push_back(author_is_user ? author_hash | 1U : 0);
        m_pending.push_back(ChunkStrings::Item{s.id, false, id_hash});
        put(created);
        put(s.license);
        put(author, author_hash);
        put(s.pipeline);
        // The relations as the general mapping reads them (hub::RecordMapper), through the
        // same vocabulary: stated by a relation tag or base_model_relation, else implied by the
        // line's library, tags and quantized_by, else a fine-tune.
        hub::Evidence evidence = s.evidence;
        evidence.note(!s.library.empty() ? s.library : s.card_library);
        evidence.quantized = evidence.quantized || s.quantized_by;
        const EdgeKind implied = evidence.implied().value_or(EdgeKind::fine_tuned_from);
        for (const auto tag : s.unknown_relation_tags) {
            const auto word = tag.substr(11, tag.find(':', 11) - 11);
            m_c.warnings.push_back(Failure{line, 1,
                                           hub::unknown_relation_message(word, implied) +
                                               ", in tag \"" + std::string(tag) + "\""});
        }
        m_bases.clear();
        for (const auto& ref : s.refs) {
            add_base(ref.id, ref.kind ? Rel{*ref.kind, true} : Rel{implied, false});
        }
        const auto card_kind = hub::relation_of(s.relation);
        const EdgeKind card_unstated = hub::unstated_relation(evidence, s.card_bases.size());
        if (!s.relation.empty() && !card_kind && !s.card_bases.empty()) {
            m_c.warnings.push_back(Failure{line, 1,
                                           hub::unknown_relation_message(s.relation, card_unstated) +
                                               ", in base_model_relation"});
        }
        const bool card_list = s.card_bases.size() > 1;
        for (const auto base : s.card_bases) {
            add_base(base, Rel{card_kind.value_or(card_unstated), card_kind.has_value() || card_list});
        }
        for (const auto& [id, rel] : m_bases) {
            if (id.empty() || id == s.id) {
                continue;
            }
            if (!valid_hub_id(id)) {
                m_c.warnings.push_back(Failure{line, 1, not_a_base_message(id)});
                continue;
            }
            const std::uint64_t base_hash = lower_hash(id);
            put(id, base_hash);
            m_c.id_hashes.push_back(base_hash);
            m_c.rels.push_back(rel);
            ++r.bases;
        }
        // Datasets as the general mapping takes them: tags first, then cardData.datasets, each
        // name trimmed; a name given twice (a `dataset:` tag and cardData.datasets) is one edge,
        // as the general builder's edge merging makes it; likewise a paper. Each is hashed
        // lower-cased, after the bases: a Hub dataset id names one repository whatever its case.
        m_datasets.clear();
        for (const auto* list : {&s.datasets, &s.card_datasets}) {
            for (const auto name : *list) {
                const std::string_view d = util::trim(name);
                if (!d.empty() &&
                    std::find(m_datasets.begin(), m_datasets.end(), d) == m_datasets.end()) {
                    m_datasets.push_back(d);
                    const bool is_id = valid_hub_id(d);
                    const std::uint64_t dataset_hash = is_id ? lower_hash(d) : 0;
                    put(d, dataset_hash);
                    m_c.id_hashes.push_back(is_id ? dataset_hash | 1U : 0);
                    ++r.datasets;
                }
            }
        }
        for (std::size_t i = 0; i < s.arxiv.size(); ++i) {
            if (std::find(s.arxiv.begin(), s.arxiv.begin() + static_cast<std::ptrdiff_t>(i),
                          s.arxiv[i]) != s.arxiv.begin() + static_cast<std::ptrdiff_t>(i)) {
                continue;
            }
            // Papers are labelled "arXiv:ID" (as the general Hub mapping does) and keyed by ID.
            // The label is respelt in a copy, leaving the line's bytes as they were read.
            std::string& label = m_labels.emplace_back(s.arxiv[i]);
            label[2] = 'X';
            put(label);
            put(s.arxiv[i].substr(6));
            ++r.papers;
        }
        m_c.records.push_back(r);
        if (m_pending.size() >= k_flush) {
            flush();
        }
    }

    /// Puts the strings of the lines added since the last flush; call once the chunk is parsed.
    void flush() {
        m_strings.put_all(m_pending, m_c.refs);
        m_pending.clear();
        m_labels.clear();
    }

private:
    // The line's strings after its id, in order, are put as one batch.
    // `hash`: its lower_hash when known, else 0.
    void put(std::string_view v, std::uint64_t hash = 0) {
        m_pending.push_back(ChunkStrings::Item{v, true, hash});
    }

    static constexpr std::size_t k_flush = 48;

    // The first stated relation of a base stands (a relation tag before base_model_relation).
    void add_base(std::string_view id, Rel rel) {
        for (auto& [known, known_rel] : m_bases) {
            if (known == id) {
                if (!known_rel.stated && rel.stated) {
                    known_rel = rel;
                }
                return;
            }
        }
        m_bases.emplace_back(id, rel);
    }

    Chunk& m_c;
    ChunkStrings& m_strings;
    std::vector<std::pair<std::string_view, Rel>> m_bases;
    std::vector<std::string_view> m_datasets;
    std::vector<ChunkStrings::Item> m_pending;
    std::deque<std::string> m_labels; // respelt paper labels until the flush (stable addresses)
};

// Parses the lines of text[0, size) into c. The text ends in a '\n' and 16 readable bytes follow
// it; parsing writes over the text where it decodes an escape.
void parse_chunk(char* text, std::size_t size, Chunk& c, ChunkStrings& strings) {
    char* p = text;
    char* const end = p + size;
    c.clear();
    c.bytes = size;
    std::uint32_t line = 1;
    strings.reset(c);
    Scratch scratch;
    Handler handler(scratch);
    Resolver resolver(c, strings);
    rapidjson::Reader reader;
    const auto is_space = LineStream::is_blank;
    while (p < end) {
        // The parse finds where a line's object ends, and it never reads past the line's '\n'
        // (see LineStream): the '\n' is looked for only from there, not over the whole line.
        char* b = p;
        while (is_space(*b)) ++b; // stops at the '\n' the chunk ends in, at the latest
        if (*b == '\n') {        // a blank line
            ++line;
            p = b + 1;
            continue;
        }
        ++c.lines;
        handler.reset();
        LineStream stream(b);
        // UTF-8 is checked on the strings kept (below), not on every byte of the line.
        constexpr unsigned k_flags = rapidjson::kParseInsituFlag | rapidjson::kParseStopWhenDoneFlag;
        const rapidjson::ParseResult ok = reader.Parse<k_flags>(stream, handler);
        char* rest = b + stream.Tell();
        while (is_space(*rest)) ++rest;
        char* nl = rest;
        if (*nl != '\n') {
            nl = static_cast<char*>(std::memchr(rest, '\n', static_cast<std::size_t>(end - rest)));
            if (nl == nullptr) {
                nl = end - 1; // not reached: every chunk ends in a '\n'
            }
        }
        char* e = nl; // the end of the line's text, without trailing white space
        while (e > b && is_space(e[-1])) --e;
        std::string problem;
        std::uint32_t column = 1;
        if (!ok) {
            // An error at the '\n' (or in the trailing white space before it) is at the end of
            // the line's text, and a string cut off there has lost its closing quote (the scan
            // stopped at a control byte).
            const auto length = static_cast<std::size_t>(e - b);
            const bool at_end = ok.Offset() >= length;
            const bool cut = at_end && ok.Code() == rapidjson::kParseErrorStringEscapeInvalid;
            problem = std::string("invalid JSON: ") +
                      json_error_text(cut ? rapidjson::kParseErrorStringMissQuotationMark : ok.Code());
            column = static_cast<std::uint32_t>(std::min(ok.Offset(), length) + 1);
        } else if (rest != nl) {
            problem = "invalid JSON: text after the object";
            column = static_cast<std::uint32_t>(rest - b + 1);
        }
        if (problem.empty() && !handler.top_is_object()) {
            problem = "expected a JSON object (a Hub model)";
        } else if (problem.empty() && scratch.id.empty()) {
            problem = "Hub model has no string \"id\"";
        } else if (problem.empty() && !valid_hub_id(scratch.id)) {
            problem = "invalid Hub model id \"" + std::string(scratch.id) + "\"";
        } else if (problem.empty() && stream.saw_non_ascii() && !kept_strings_valid(scratch)) {
            problem = "invalid UTF-8 in a string";
        }
        if (!problem.empty()) {
            c.failures.push_back(Failure{line, column, std::move(problem)});
        } else {
            resolver.add(scratch, line);
        }
        ++line;
        p = nl + 1;
    }
    resolver.flush();
    c.line_count = line - 1;
}

// ---- building: records, in line order, into frozen arrays ---------------------------------

// Interns strings straight into the arrays' string arena, with its own hash table. A slot holds
// the string id and the high half of its hash; the slot's position comes from that half too, so
// growing the table needs no string read again, and a probe past another string rarely reads it.
// Ids are given in first-seen order, so they do not depend on timing. The hash is lower_hash,
// of the ASCII-lower-cased bytes: the case variants of a Hub id lie on one probe path, where the
// assembler finds the model another spelling names without a table of its own.
class Interner {
public:
    explicit Interner(graph::FrozenArrays& a) : m_a(a), m_slots(std::size_t{1} << 16) {}

    std::uint32_t intern(std::string_view s) {
        return s.empty() ? 0 : intern(s.data(), static_cast<std::uint32_t>(s.size()), lower_hash(s));
    }

    // Interns a chunk's strings in order. Each lookup is three dependent cache misses (slot,
    // offset, bytes) in tables far larger than the cache. They are fetched in stages ahead of
    // use: the slot 24 strings ahead, its string's offset 16 ahead (the slot is in cache by
    // then) and the bytes 8 ahead, so that no stage waits on memory and the misses of
    // neighbouring strings overlap.
    void intern_all(const char* arena, const util::LargeVector<Str>& strings,
                    util::LargeVector<std::uint32_t>& ids) {
        const std::size_t n = strings.size();
        ids.resize(n);
        constexpr std::size_t k_slot_ahead = 24;
        constexpr std::size_t k_offset_ahead = 16;
        constexpr std::size_t k_bytes_ahead = 8;
        const auto known = [&](const Str& s) { return m_slots.likely(s.hash); };
        for (std::size_t i = 0; i < n; ++i) {
            if (i + k_slot_ahead < n) {
                __builtin_prefetch(&m_slots.first(strings[i + k_slot_ahead].hash));
            }
            if (i + k_offset_ahead < n) {
                const std::uint32_t id = known(strings[i + k_offset_ahead]);
                if (id != HashSlots::k_none) {
                    __builtin_prefetch(&m_a.string_offsets[id]);
                }
            }
            if (i + k_bytes_ahead < n) {
                const std::uint32_t id = known(strings[i + k_bytes_ahead]);
                if (id != HashSlots::k_none) {
                    __builtin_prefetch(m_a.string_bytes.data() + m_a.string_offsets[id]);
                }
            }
            const Str& s = strings[i];
            ids[i] = s.size == 0 ? 0 : intern(arena + s.offset, s.size, s.hash);
        }
    }

    std::string_view view(std::uint32_t id) const {
        return {m_a.string_bytes.data() + m_a.string_offsets[id],
                static_cast<std::size_t>(m_a.string_offsets[id + 1] - m_a.string_offsets[id])};
    }

    std::size_t count() const { return m_a.string_offsets.size() - 1; }

    /// Fetches the table entry where a lookup of hash `h` starts into the cache.
    void prefetch(std::uint64_t h) const { __builtin_prefetch(&m_slots.first(h)); }

    /// The id of a string interned by hash `h` (the lower_hash of its text) for which
    /// pred(id) holds, or HashSlots::k_none: how a string's ASCII case variants are found.
    template <typename Pred> std::uint32_t find_by_hash(std::uint64_t h, Pred&& pred) const {
        std::size_t slot = 0;
        return m_slots.find(h, pred, slot);
    }

    /// Frees the hash table (the strings stay in the arrays); no interning after this.
    void release() { m_slots.release(); }

private:
    std::uint32_t intern(const char* data, std::uint32_t size, std::uint64_t h) {
        const std::string_view s(data, size);
        std::size_t slot = 0;
        const auto same = [&](std::uint32_t id) { return util::same_bytes(view(id), s); };
        const std::uint32_t known = m_slots.find(h, same, slot);
        if (known != HashSlots::k_none) {
            return known;
        }
        const auto id = static_cast<std::uint32_t>(m_a.string_offsets.size() - 1);
        m_a.string_bytes.insert(m_a.string_bytes.end(), s.begin(), s.end());
        m_a.string_offsets.push_back(m_a.string_bytes.size());
        m_slots.insert(slot, h, id);
        return id;
    }

    graph::FrozenArrays& m_a;
    HashSlots m_slots;
};

class Assembler {
public:
    Assembler(HubStreamResult& out, const std::string& source, DanglingPolicy policy)
        : m_out(out), m_a(out.arrays), m_strings(out.arrays), m_policy(policy) {
        m_source = m_strings.intern(source);
    }

    void apply(Chunk& c) {
        const std::uint32_t base = m_next_line - 1;
        m_strings.intern_all(c.arena.data(), c.strings, c.ids);
        for (auto& ref : c.refs) {
            ref = c.ids[ref]; // from the chunk's string to the graph's
        }
        if (m_node_of.size() < m_strings.count() + 1) {
            m_node_of.resize(m_strings.count() + 1, 0);
        }
        m_out.lines += c.lines;
        for (const auto& f : c.failures) {
            m_out.diagnostics.error(util::Location{m_path(), base + f.line, f.column}, f.message);
            ++m_out.skipped;
        }
        for (const auto& w : c.warnings) {
            m_out.diagnostics.warning(util::Location{m_path(), base + w.line, w.column}, w.message);
        }
        // Each record looks up the node of most of its strings, then that node's kind: both
        // are scattered over arrays far larger than the cache, so they are fetched a few
        // records ahead, in two stages.
        const std::size_t records = c.records.size();
        constexpr std::size_t k_slots_ahead = 6;
        constexpr std::size_t k_kinds_ahead = 3;
        for (std::size_t i = 0; i < records; ++i) {
            if (i + k_slots_ahead < records) {
                for_node_refs(c, i + k_slots_ahead,
                              [&](std::uint32_t s) { __builtin_prefetch(&m_node_of[s]); });
            }
            if (i + k_kinds_ahead < records) {
                for_node_refs(c, i + k_kinds_ahead, [&](std::uint32_t s) {
                    if (m_node_of[s] != 0) {
                        __builtin_prefetch(m_a.node_kind.data() + m_node_of[s] - 1);
                    }
                });
                // A model spelling not met before is matched against the other spellings of
                // its lower-cased form, on its probe path in the interner's table.
                const Record& ahead = c.records[i + k_kinds_ahead];
                const std::uint32_t* ids = c.refs.data() + ahead.first;
                const std::uint64_t* hashes = c.id_hashes.data() + ahead.id_hashes;
                for (std::uint32_t k = 0; k <= ahead.bases; ++k) {
                    if (m_node_of[ids[k == 0 ? 0 : k_fixed_strings + k - 1]] == 0) {
                        m_strings.prefetch(hashes[k == 0 ? 0 : k + 1]);
                    }
                }
                // Likewise a Hub user name or dataset id, by its lower-cased form.
                if (ids[3] != 0 && hashes[1] != 0 && m_node_of[ids[3]] == 0) {
                    m_strings.prefetch(hashes[1]);
                }
                for (std::uint32_t k = 0; k < ahead.datasets; ++k) {
                    const std::uint64_t h = hashes[2 + ahead.bases + k];
                    if (h != 0 && m_node_of[ids[k_fixed_strings + ahead.bases + k]] == 0) {
                        m_strings.prefetch(h);
                    }
                }
            }
            record(c, c.records[i], base);
        }
        m_next_line += c.line_count;
    }

    void finish(bool index) {
        // References that no line declared.
        for (std::uint32_t n = 0; n < m_a.node_kind.size(); ++n) {
            if ((m_a.node_flags[n] & graph::k_flag_placeholder) != 0 &&
                m_a.node_kind[n] == static_cast<std::uint8_t>(NodeKind::model)) {
                ++m_out.dangling;
            }
        }
        if (m_policy == DanglingPolicy::report) {
            drop_dangling();
        }
        // The lookup tables are not needed any more. Freed before the layouts and the index
        // allocate theirs, those reuse the pages (a fresh page costs this VM's host a fault).
        m_strings.release();
        util::release(m_node_of);
        util::release(m_other);
        // Lay out each node's provenance and attributes: what m_facts holds first, then the
        // pairs, in the order they were met. The two layouts write different arrays: the second
        // runs on another thread.
        const std::size_t n = m_a.node_kind.size();
        const auto put_attr = [&](std::uint32_t i, const Attr& a) {
            m_a.attr_key[i] = a.key;
            m_a.attr_value[i] = a.value;
            m_a.attr_prov[i] = a.prov;
        };
        const auto declared = [](const NodeFacts& f, AttrKey key, std::uint32_t value) {
            return Attr{static_cast<std::uint8_t>(key), value, f.declared - 1};
        };
        auto attrs = std::async(n >= 65536 ? std::launch::async : std::launch::deferred, [&] {
            layout(
                m_more_attrs, n, m_a.attr_offsets,
                [&](std::uint32_t node) {
                    const NodeFacts& f = m_facts[node];
                    return std::uint32_t{f.date != 0} + std::uint32_t{f.license != 0};
                },
                [&](std::size_t total) {
                    m_a.attr_key.resize(total);
                    m_a.attr_value.resize(total);
                    m_a.attr_prov.resize(total);
                },
                [&](std::uint32_t node, std::uint32_t at) {
                    const NodeFacts& f = m_facts[node];
                    if (f.date != 0) {
                        put_attr(at++, declared(f, AttrKey::date, f.date));
                    }
                    if (f.license != 0) {
                        put_attr(at++, declared(f, AttrKey::license, f.license));
                    }
                    return at;
                },
                put_attr);
        });
        try {
            layout(
                m_more_prov, n, m_a.node_prov_offsets, [](std::uint32_t /*node*/) { return 1U; },
                [&](std::size_t total) { m_a.node_prov.resize(total); },
                [&](std::uint32_t node, std::uint32_t at) {
                    m_a.node_prov[at] = m_facts[node].prov;
                    return at + 1;
                },
                [&](std::uint32_t i, std::uint32_t prov) { m_a.node_prov[i] = prov; });
        } catch (...) {
            attrs.wait();
            throw;
        }
        attrs.get();
        util::release(m_facts);
        util::release(m_more_prov);
        util::release(m_more_attrs);
        if (m_out.duplicates > 0) {
            merge_repeated_edges(); // a repeated id states its edges again
        } else {
            m_a.edge_prov_offsets.clear(); // one provenance per edge: no offsets needed
        }
        if (index) {
            m_a.finish();
        }
    }

    // Reserves room for `factor` times what the arrays hold now (a guess from the first chunk:
    // capacity not written to costs no memory, while growing by doubling copies and can leave
    // half of a large array unused).
    void reserve(double factor) {
        const auto more = [factor](auto& v) {
            v.reserve(static_cast<std::size_t>(static_cast<double>(v.size()) * factor) + 1024);
        };
        more(m_a.string_offsets);
        more(m_a.string_bytes);
        more(m_a.node_label);
        more(m_a.node_kind);
        more(m_a.node_flags);
        more(m_a.edge_source);
        more(m_a.edge_target);
        more(m_a.edge_kind);
        more(m_a.edge_prov);
        more(m_a.provenance);
        more(m_facts);
        more(m_node_of);
    }

private:
    struct Attr {
        std::uint8_t key;
        std::uint32_t value;
        std::uint32_t prov;
    };
    // What nearly every node has, kept by node rather than as (node, value) pairs (a pair is
    // twice the size, and a 1M dump has millions): the provenance of the fact that made it, and
    // for a model the date, license and provenance + 1 (0: not yet) of its first declaration.
    // Nothing the node gets later comes before these in its lists: a model's second
    // declaration, a spelling kept as an alias and a paper's arXiv id are pairs, after them.
    struct NodeFacts {
        std::uint32_t prov;
        std::uint32_t date;
        std::uint32_t license;
        std::uint32_t declared;
    };

    std::string m_path() const { return std::string(m_strings.view(m_source)); }

    // Calls f with the (graph) string of each node a record names: its id, author, pipeline
    // tag, bases, datasets and papers (not its date and license, which are values).
    template <typename F> static void for_node_refs(const Chunk& c, std::size_t record, F&& f) {
        const Record& r = c.records[record];
        const std::uint32_t* ids = c.refs.data() + r.first;
        f(ids[0]);
        f(ids[3]);
        f(ids[4]);
        const std::uint32_t rest = std::uint32_t{r.bases} + r.datasets + 2U * r.papers;
        for (std::uint32_t i = 0; i < rest; ++i) {
            f(ids[k_fixed_strings + i]);
        }
    }

    // A fact read from `line`: stated (confidence 1) or inferred. Every record of the dump
    // has one of these two shapes, each made when first needed.
    std::uint32_t provenance(std::uint32_t line, bool stated) {
        std::uint32_t& shape = m_shape[stated ? 1 : 0];
        if (shape == UINT32_MAX) {
            graph::Provenance p;
            p.source = m_source;
            p.column = 1;
            p.method = graph::Method::api;
            p.confidence = stated ? 1.0F : 0.9F;
            shape = static_cast<std::uint32_t>(m_a.prov_shapes.size());
            m_a.prov_shapes.push_back(p);
        }
        m_a.provenance.push_back(graph::ProvRef{shape, line});
        return static_cast<std::uint32_t>(m_a.provenance.size() - 1);
    }

    // A new node, met first in a fact of provenance `prov`.
    std::uint32_t new_node(NodeKind kind, std::uint32_t label, std::uint8_t flags,
                           std::uint32_t prov) {
        m_a.node_label.push_back(label);
        m_a.node_kind.push_back(static_cast<std::uint8_t>(kind));
        m_a.node_flags.push_back(flags);
        m_facts.push_back(NodeFacts{prov, 0, 0, 0});
        return static_cast<std::uint32_t>(m_a.node_kind.size() - 1);
    }

    // The model node of a Hub id (made as a placeholder when only referenced so far). Hub ids
    // name one repository whatever their ASCII case (the Hub redirects; the general mapping keys
    // models by the lower-cased id), so a spelling that names no model yet is first matched
    // against the other spellings of its lower-cased form (`h`, hashed by the worker). The node
    // is labelled by its first declared spelling, else by the first spelling that referred to it.
    std::uint32_t model(std::uint32_t id_string, std::uint64_t h, bool declare, std::uint32_t prov) {
        std::uint32_t& slot = node_slot(NodeKind::model, id_string);
        if (slot == 0) {
            const std::uint32_t known = other_spelling(NodeKind::model, id_string, h);
            if (known == 0) {
                slot = new_node(NodeKind::model, id_string,
                                static_cast<std::uint8_t>(graph::k_flag_label_is_hf_id |
                                                          (declare ? 0 : graph::k_flag_placeholder)),
                                prov) +
                       1;
                return slot - 1;
            }
            slot = known; // another spelling of a known id
        }
        if (declare) {
            const std::uint32_t node = slot - 1;
            if ((m_a.node_flags[node] & graph::k_flag_placeholder) != 0) {
                m_a.node_flags[node] &= static_cast<std::uint8_t>(~graph::k_flag_placeholder);
                m_a.node_label[node] = id_string;
            } else {
                ++m_out.duplicates;
                if (m_a.node_label[node] != id_string) {
                    keep_spelling(node, id_string, prov); // declared again in another case
                }
            }
            m_more_prov.emplace_back(node, prov);
        }
        return slot - 1;
    }

    // The dataset or institution node of `label`. A Hub dataset id or user name (`h`: its
    // id_hash, 0 for other names) names one repository or account whatever its case, as in the
    // general mapping, where it is the node's hf_id: a spelling that names no node yet is
    // matched against its other spellings, as a model's is, and a second spelling of a known id
    // is kept as an alias and an hf_id. Other names match exactly (case does not change whether
    // a name is a Hub id, so no spelling of theirs is one).
    std::uint32_t hub_named(NodeKind kind, std::uint32_t label, std::uint64_t h, std::uint32_t prov) {
        std::uint32_t& slot = node_slot(kind, label);
        if (slot != 0) {
            return slot - 1;
        }
        if (h == 0) {
            slot = new_node(kind, label, 0, prov) + 1;
            return slot - 1;
        }
        const std::uint32_t known = other_spelling(kind, label, h);
        if (known == 0) {
            slot = new_node(kind, label, graph::k_flag_label_is_hf_id, prov) + 1;
            return slot - 1;
        }
        slot = known;
        keep_spelling(known - 1, label, prov);
        m_more_prov.emplace_back(known - 1, prov);
        return known - 1;
    }

    // The node + 1 of `kind` that another spelling of `label` names, the same up to ASCII case,
    // else 0. The interner places every string by the hash of its lower-cased bytes (`h` for
    // this one; the low bit an id_hash sets is not part of the placing), so its case variants
    // are on the probe path of `h`.
    std::uint32_t other_spelling(NodeKind kind, std::uint32_t label, std::uint64_t h) const {
        const std::string_view name = m_strings.view(label);
        std::uint32_t found = 0;
        m_strings.find_by_hash(h, [&](std::uint32_t other) {
            if (other == label) {
                return false;
            }
            const std::uint32_t node = node_of(kind, other);
            if (node == 0 || !ascii_iequal(m_strings.view(other), name)) {
                return false;
            }
            found = node;
            return true;
        });
        return found;
    }

    // Another spelling of a Hub id is kept, as the general mapping keeps it: an alias, and the
    // hf_id the line states.
    void keep_spelling(std::uint32_t node, std::uint32_t spelling, std::uint32_t prov) {
        m_more_attrs.emplace_back(node, Attr{static_cast<std::uint8_t>(AttrKey::alias), spelling, prov});
        m_more_attrs.emplace_back(node, Attr{static_cast<std::uint8_t>(AttrKey::hf_id), spelling, prov});
    }

    static bool ascii_iequal(std::string_view a, std::string_view b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (std::size_t i = 0; i < a.size(); ++i) {
            const char x = a[i];
            const char y = b[i];
            if (x != y && ((x | 0x20) != (y | 0x20) || (x | 0x20) < 'a' || (x | 0x20) > 'z')) {
                return false;
            }
        }
        return true;
    }

    // The node of `kind` labelled by string `label`, plus one (0: none yet). A string labels one
    // node as a rule; a second kind (a dataset named like a model id) goes to a side table.
    std::uint32_t& node_slot(NodeKind kind, std::uint32_t label) {
        std::uint32_t& slot = m_node_of[label];
        if (slot == 0 || m_a.node_kind[slot - 1] == static_cast<std::uint8_t>(kind)) {
            return slot;
        }
        return m_other[static_cast<std::uint64_t>(kind) << 32 | label];
    }

    // What node_slot(kind, label) holds, without making an entry for it.
    std::uint32_t node_of(NodeKind kind, std::uint32_t label) const {
        const std::uint32_t slot = m_node_of[label];
        if (slot == 0 || m_a.node_kind[slot - 1] == static_cast<std::uint8_t>(kind)) {
            return slot;
        }
        const auto it = m_other.find(static_cast<std::uint64_t>(kind) << 32 | label);
        return it == m_other.end() ? 0 : it->second;
    }

    std::uint32_t shared(NodeKind kind, std::uint32_t label, std::uint32_t prov) {
        std::uint32_t& slot = node_slot(kind, label);
        if (slot == 0) {
            slot = new_node(kind, label, 0, prov) + 1;
        }
        return slot - 1;
    }

    void edge(std::uint32_t from, EdgeKind kind, std::uint32_t to, std::uint32_t prov) {
        m_a.edge_source.push_back(from);
        m_a.edge_target.push_back(to);
        m_a.edge_kind.push_back(static_cast<std::uint8_t>(kind));
        m_a.edge_prov.push_back(prov);
    }

    // Whether an edge of `kind` to `to` was made since edge `first` (this record's).
    bool has_edge(std::uint32_t first, EdgeKind kind, std::uint32_t to) const {
        for (std::size_t e = first; e < m_a.edge_target.size(); ++e) {
            if (m_a.edge_target[e] == to && m_a.edge_kind[e] == static_cast<std::uint8_t>(kind)) {
                return true;
            }
        }
        return false;
    }

    void record(const Chunk& c, const Record& r, std::uint32_t base) {
        const std::uint32_t line = base + r.line;
        const std::uint32_t prov = provenance(line, true);
        const std::uint32_t* ids = c.refs.data() + r.first;
        const std::uint64_t* hashes = c.id_hashes.data() + r.id_hashes;
        const std::uint32_t node = model(ids[0], hashes[0], true, prov);
        ++m_out.models;
        if (NodeFacts& f = m_facts[node]; f.declared == 0) {
            // The first declaration: its values come first among the node's (see NodeFacts).
            f.date = ids[1];
            f.license = ids[2];
            f.declared = prov + 1;
        } else {
            const auto more = [&](AttrKey key, std::uint32_t value) {
                if (value != 0) {
                    m_more_attrs.emplace_back(node, Attr{static_cast<std::uint8_t>(key), value, prov});
                }
            };
            more(AttrKey::date, ids[1]);
            more(AttrKey::license, ids[2]);
        }
        if (ids[3] != 0) {
            edge(node, EdgeKind::developed_by,
                 hub_named(NodeKind::institution, ids[3], hashes[1], prov), prov);
        }
        if (ids[4] != 0) {
            edge(node, EdgeKind::addresses, shared(NodeKind::task, ids[4], prov), prov);
        }
        ids += k_fixed_strings;
        // Two spellings of one base in a line (a tag and cardData.base_model in another case)
        // with one relation are one edge, as the general builder merges them.
        const auto first_base_edge = static_cast<std::uint32_t>(m_a.edge_target.size());
        for (std::uint32_t i = 0; i < r.bases; ++i) {
            const Rel rel = c.rels[r.rels_begin + i];
            const bool stated = rel.stated;
            const EdgeKind kind = rel.kind;
            const std::uint32_t edge_prov = stated ? prov : provenance(line, false);
            const std::uint32_t parent = model(ids[i], hashes[2 + i], false, edge_prov);
            if (!has_edge(first_base_edge, kind, parent)) {
                edge(node, kind, parent, edge_prov);
            }
        }
        ids += r.bases;
        hashes += 2 + r.bases;
        const auto first_dataset_edge = static_cast<std::uint32_t>(m_a.edge_target.size());
        for (std::uint32_t i = 0; i < r.datasets; ++i) {
            const std::uint32_t d =
                hub_named(NodeKind::dataset, ids[i], hashes[i], prov);
            if (!has_edge(first_dataset_edge, EdgeKind::trained_on, d)) { // two spellings of one id
                edge(node, EdgeKind::trained_on, d, prov);
            }
        }
        ids += r.datasets;
        for (std::uint32_t i = 0; i < r.papers; ++i) {
            const std::uint32_t label = ids[2 * i];
            const bool fresh = node_slot(NodeKind::paper, label) == 0;
            const std::uint32_t paper = shared(NodeKind::paper, label, prov);
            if (fresh) {
                m_more_attrs.emplace_back(paper, Attr{static_cast<std::uint8_t>(AttrKey::arxiv),
                                                 ids[2 * i + 1], prov});
            }
            edge(node, EdgeKind::described_in, paper, prov);
        }
    }

    // Groups each node's values: first(node) of them from m_facts, put by put_first(node, at)
    // from position `at` on (it returns the position after them), then the node's (node, value)
    // pairs in their order, each put by place(i, value) (a counting sort). size(total) sizes the
    // grouped arrays once the total is known.
    template <typename T, typename First, typename Size, typename PutFirst, typename Place>
    static void layout(const util::LargeVector<std::pair<std::uint32_t, T>>& pairs,
                       std::size_t nodes, util::LargeVector<std::uint32_t>& offsets, First&& first,
                       Size&& size, PutFirst&& put_first, Place&& place) {
        offsets.assign(nodes + 1, 0);
        for (const auto& p : pairs) {
            ++offsets[p.first + 1];
        }
        for (std::uint32_t node = 0; node < nodes; ++node) {
            offsets[node + 1] += offsets[node] + first(node);
        }
        size(offsets[nodes]);
        util::LargeVector<std::uint32_t> fill(nodes);
        for (std::uint32_t node = 0; node < nodes; ++node) {
            fill[node] = put_first(node, offsets[node]);
        }
        for (const auto& p : pairs) {
            place(fill[p.first]++, p.second);
        }
    }

    // One edge per (source, kind, target), in first-seen order, with every provenance kept.
    void merge_repeated_edges() {
        const std::size_t e = m_a.edge_kind.size();
        util::LargeVector<std::uint32_t> order(e);
        for (std::uint32_t i = 0; i < e; ++i) {
            order[i] = i;
        }
        const auto key = [&](std::uint32_t i) {
            return std::make_tuple(m_a.edge_source[i], m_a.edge_kind[i], m_a.edge_target[i]);
        };
        std::stable_sort(order.begin(), order.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
        util::LargeVector<std::uint32_t> first(e); // edge -> the first edge with its key
        for (std::size_t k = 0; k < e; ++k) {
            first[order[k]] = (k > 0 && key(order[k]) == key(order[k - 1])) ? first[order[k - 1]]
                                                                           : order[k];
        }
        std::vector<std::vector<std::uint32_t>> provs(e);
        for (std::uint32_t i = 0; i < e; ++i) {
            provs[first[i]].push_back(m_a.edge_prov[i]);
        }
        std::size_t w = 0;
        util::LargeVector<std::uint32_t> edge_prov;
        util::LargeVector<std::uint32_t> offsets{0};
        for (std::uint32_t i = 0; i < e; ++i) {
            if (first[i] != i) {
                continue;
            }
            m_a.edge_source[w] = m_a.edge_source[i];
            m_a.edge_target[w] = m_a.edge_target[i];
            m_a.edge_kind[w] = m_a.edge_kind[i];
            edge_prov.insert(edge_prov.end(), provs[i].begin(), provs[i].end());
            offsets.push_back(static_cast<std::uint32_t>(edge_prov.size()));
            ++w;
        }
        m_a.edge_source.resize(w);
        m_a.edge_target.resize(w);
        m_a.edge_kind.resize(w);
        m_a.edge_prov = std::move(edge_prov);
        m_a.edge_prov_offsets = std::move(offsets);
    }

    // Removes placeholder models and their edges, renumbering the rest, reporting each edge.
    void drop_dangling() {
        const std::size_t n = m_a.node_kind.size();
        std::vector<std::uint32_t> remap(n, UINT32_MAX);
        std::uint32_t next = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const bool dangling = (m_a.node_flags[i] & graph::k_flag_placeholder) != 0;
            if (!dangling) {
                remap[i] = next++;
            }
        }
        std::size_t kept = 0;
        for (std::size_t e = 0; e < m_a.edge_kind.size(); ++e) {
            const auto to = m_a.edge_target[e];
            if (remap[to] == UINT32_MAX) {
                const auto p = m_a.provenance[m_a.edge_prov[e]];
                m_out.diagnostics.warning(
                    util::Location{m_path(), p.line, 1},
                    "base model \"" + std::string(m_strings.view(m_a.node_label[to])) +
                        "\" is not in the dump; the " +
                        std::string(graph::to_string(static_cast<EdgeKind>(m_a.edge_kind[e]))) +
                        " edge is left out");
                continue;
            }
            m_a.edge_source[kept] = remap[m_a.edge_source[e]];
            m_a.edge_target[kept] = remap[to];
            m_a.edge_kind[kept] = m_a.edge_kind[e];
            m_a.edge_prov[kept] = m_a.edge_prov[e];
            ++kept;
        }
        m_a.edge_source.resize(kept);
        m_a.edge_target.resize(kept);
        m_a.edge_kind.resize(kept);
        m_a.edge_prov.resize(kept);
        std::size_t w = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (remap[i] != UINT32_MAX) {
                m_a.node_label[w] = m_a.node_label[i];
                m_a.node_kind[w] = m_a.node_kind[i];
                m_a.node_flags[w] = m_a.node_flags[i];
                m_facts[w] = m_facts[i];
                ++w;
            }
        }
        m_a.node_label.resize(w);
        m_a.node_kind.resize(w);
        m_a.node_flags.resize(w);
        m_facts.resize(w);
        auto fix = [&](auto& pairs) {
            std::size_t k = 0;
            for (auto& p : pairs) {
                if (remap[p.first] != UINT32_MAX) {
                    pairs[k] = p;
                    pairs[k].first = remap[p.first];
                    ++k;
                }
            }
            pairs.resize(k);
        };
        fix(m_more_prov);
        fix(m_more_attrs);
    }

    HubStreamResult& m_out;
    graph::FrozenArrays& m_a;
    Interner m_strings;
    DanglingPolicy m_policy;
    std::uint32_t m_source = 0;
    std::uint32_t m_next_line = 1;
    std::array<std::uint32_t, 2> m_shape{UINT32_MAX, UINT32_MAX}; // inferred, stated
    util::LargeVector<std::uint32_t> m_node_of; // string id -> node + 1 (see node_slot)
    std::unordered_map<std::uint64_t, std::uint32_t> m_other; // (kind, string id) -> node + 1
    util::LargeVector<NodeFacts> m_facts; // by node
    util::LargeVector<std::pair<std::uint32_t, std::uint32_t>> m_more_prov; // (node, provenance)
    util::LargeVector<std::pair<std::uint32_t, Attr>> m_more_attrs;         // (node, value)
};

class Progress {
public:
    Progress(std::ostream* out, std::size_t total) : m_out(out), m_total(total) {}
    void update(std::size_t bytes, std::size_t lines, bool last = false) {
        if (m_out == nullptr) {
            return;
        }
        const auto now = std::chrono::steady_clock::now();
        if (!last && now - m_last < std::chrono::milliseconds(200)) {
            return;
        }
        m_last = now;
        const double secs = std::chrono::duration<double>(now - m_start).count();
        const double rate = secs > 0 ? static_cast<double>(lines) / secs : 0.0;
        // A missing final '\n' is added to the last chunk: one byte more than the file.
        const double frac =
            m_total > 0 ? std::min(1.0, static_cast<double>(bytes) / static_cast<double>(m_total)) : 1.0;
        const double eta = frac > 0 ? secs / frac - secs : 0.0;
        char line[160];
        std::snprintf(line, sizeof line, "\r%6.1f%%  %8.1f MB  %9.0f lines/s  ETA %5.1f s ",
                      frac * 100.0, static_cast<double>(bytes) / 1e6, rate, eta);
        *m_out << line << (last ? "\n" : "") << std::flush;
    }

private:
    std::ostream* m_out;
    std::size_t m_total;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point m_last{};
};

// Reads up to `want` bytes (fewer only at the end, or on a short read of a pipe); 0 at the end.
std::size_t read_input(int fd, const std::string& path, char* to, std::size_t want) {
    for (;;) {
        const ssize_t n = ::read(fd, to, want);
        if (n >= 0) {
            return static_cast<std::size_t>(n);
        }
        if (errno != EINTR) {
            throw Error("cannot read \"" + path + "\": " + std::strerror(errno));
        }
    }
}

// Cuts a file or a pipe into runs of whole lines, in turn, each read into the calling worker's
// buffer with the padding the string scan reads past a line and a final '\n' when the input has
// none. The buffers are huge-page backed (util::LargeVector) and reused from run to run. A
// mapping of the file was tried and dropped: on our VMs every first touch of a 4 KiB page of it
// cost a fault of several microseconds (0.5 CPU-s for a 764 MB dump), more than read()'s copy,
// and a build of 1M models took 1.64-1.72 s mapped against 1.14-1.29 s read.
// Not thread-safe: the pipeline calls it under a lock.
class ChunkReader {
public:
    /// `head`: the input's first bytes, already read from `fd`.
    ChunkReader(int fd, std::string path, std::size_t chunk_bytes, std::string_view head)
        : m_fd(fd), m_path(std::move(path)), m_chunk(chunk_bytes), m_carry(head.begin(), head.end()) {}

    /// The next lines: text[0, size), in `text`, which only grows, the last one ending in '\n'
    /// (one is added at the end of the input when missing) and followed by at least
    /// k_scan_padding readable bytes. False when the input is done.
    bool next(util::LargeVector<char>& text, std::size_t& size) {
        if (m_eof && m_carry.empty()) {
            return false;
        }
        std::size_t have = m_carry.size();
        reserve(text, std::max(m_chunk, have) + 1);
        std::copy(m_carry.begin(), m_carry.end(), text.begin());
        m_carry.clear();
        while (!m_eof && have < m_chunk) {
            have += read_some(text.data() + have, m_chunk - have);
        }
        // The lines end at the last '\n'; a line longer than the chunk is read on to its end.
        std::size_t scanned = 0;
        const void* last = ::memrchr(text.data(), '\n', have); // the end of the last line
        std::size_t cut = last == nullptr ? 0 : static_cast<std::size_t>(static_cast<const char*>(last) - text.data()) + 1;
        while (cut == 0 && !m_eof) {
            scanned = have;
            reserve(text, have + m_chunk + 1);
            const std::size_t n = read_some(text.data() + have, m_chunk);
            have += n;
            const void* nl = std::memchr(text.data() + scanned, '\n', have - scanned);
            if (nl != nullptr) {
                cut = static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) + 1;
            }
        }
        if (cut == 0 || m_eof) {
            cut = have; // the end of the file: everything left
        }
        m_carry.assign(text.begin() + static_cast<std::ptrdiff_t>(cut),
                       text.begin() + static_cast<std::ptrdiff_t>(have));
        size = cut;
        if (size > 0 && text[size - 1] != '\n') {
            text[size++] = '\n'; // room was reserved: parsing needs every line to end in one
        }
        return size > 0 || !m_carry.empty() || !m_eof;
    }

private:
    // The string scan loads 16 bytes from any position of a line, up to its '\n'.
    static constexpr std::size_t k_scan_padding = 16;

    static void reserve(util::LargeVector<char>& text, std::size_t n) {
        if (text.size() < n + k_scan_padding) {
            text.resize(n + k_scan_padding);
        }
    }

    std::size_t read_some(char* to, std::size_t want) {
        const std::size_t n = read_input(m_fd, m_path, to, want);
        m_eof = n == 0;
        return n;
    }

    int m_fd;
    std::string m_path;
    std::size_t m_chunk;
    std::vector<char> m_carry;
    bool m_eof = false;
};

// Lowers the calling thread's scheduling weight (nice + 3, about half the weight) below the
// assembler's. With more threads than cores, the kernel would otherwise share the cores equally:
// the assembler, which applies the chunks one at a time, fell behind the workers, which then
// waited for room in the window, and it ran alone at the end on a backlog of chunks (about 0.1 s
// of a 1M build with one core idle). Favoured, it applies each chunk soon after it is parsed; the
// workers take what it leaves. Stream phase of a 1M build: 0.87-0.89 s against 0.88-0.98 s.
void yield_to_assembler() {
    const auto tid = static_cast<id_t>(::gettid());
    errno = 0;
    const int nice = ::getpriority(PRIO_PROCESS, tid);
    if (errno == 0) {
        ::setpriority(PRIO_PROCESS, tid, std::min(nice + 3, 19)); // best effort
    }
}

// Runs `threads` workers that each take the next chunk from the reader (in turn, under a lock),
// parse it into their own buffers and hand the result over; the calling thread applies the
// results strictly in chunk order. At most a window of chunks is ahead of the one applied.
// An exception in a worker or in `apply` stops everything and reaches the caller.
template <typename Apply>
void run_pipeline(ChunkReader& reader, unsigned threads, Apply&& apply) {
    const std::size_t window = std::size_t{4} * threads;
    std::mutex read_mutex;
    std::mutex m;
    std::condition_variable ready;
    std::condition_variable space;
    std::vector<std::unique_ptr<Chunk>> slots(window);
    std::vector<std::unique_ptr<Chunk>> spare; // applied chunks, kept for their memory (under m)
    std::size_t next_index = 0;   // the next chunk to read (under read_mutex)
    std::size_t applied = 0;      // chunks applied (under m)
    std::size_t total = SIZE_MAX; // chunks in the file, once known (under m)
    bool stop = false;
    std::exception_ptr failure;

    const auto work = [&] {
        yield_to_assembler();
        util::LargeVector<char> text;
        ChunkStrings strings;
        try {
            for (;;) {
                std::unique_lock rl(read_mutex);
                std::unique_ptr<Chunk> c;
                {
                    std::unique_lock l(m);
                    space.wait(l, [&] { return stop || next_index < applied + window; });
                    if (stop) {
                        return;
                    }
                    if (!spare.empty()) {
                        c = std::move(spare.back());
                        spare.pop_back();
                    }
                }
                std::size_t size = 0;
                if (!reader.next(text, size)) {
                    std::lock_guard l(m);
                    total = std::min(total, next_index);
                    ready.notify_all();
                    return;
                }
                const std::size_t index = next_index++;
                rl.unlock();
                if (!c) {
                    c = std::make_unique<Chunk>();
                }
                parse_chunk(text.data(), size, *c, strings);
                std::lock_guard l(m);
                slots[index % window] = std::move(c);
                ready.notify_all();
            }
        } catch (...) {
            std::lock_guard l(m);
            if (!failure) {
                failure = std::current_exception();
            }
            stop = true;
            ready.notify_all();
            space.notify_all();
        }
    };
    std::vector<std::thread> pool;
    const auto halt = [&] {
        {
            std::lock_guard l(m);
            stop = true;
        }
        space.notify_all();
        for (auto& t : pool) {
            t.join();
        }
        pool.clear();
    };
    try {
        for (unsigned i = 0; i < threads; ++i) {
            pool.emplace_back(work);
        }
        for (std::size_t index = 0;; ++index) {
            std::unique_ptr<Chunk> c;
            {
                std::unique_lock l(m);
                ready.wait(l, [&] { return stop || slots[index % window] || index >= total; });
                if (failure) {
                    break;
                }
                if (!slots[index % window]) {
                    break; // every chunk applied
                }
                c = std::move(slots[index % window]);
                applied = index + 1;
            }
            space.notify_all();
            apply(*c);
            const std::lock_guard l(m);
            spare.push_back(std::move(c));
        }
    } catch (...) {
        halt();
        throw;
    }
    halt();
    if (failure) {
        std::rethrow_exception(failure);
    }
}

} // namespace

LocalInput::LocalInput(std::string path) : m_path(std::move(path)) {
    struct stat st {};
    m_fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0 || ::fstat(m_fd, &st) != 0) {
        const int error = errno;
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        throw Error("cannot read \"" + m_path + "\": " + std::strerror(error));
    }
    if (S_ISDIR(st.st_mode)) {
        ::close(m_fd);
        throw Error("cannot read \"" + m_path + "\": it is a directory");
    }
    m_regular = S_ISREG(st.st_mode);
    m_size = m_regular ? static_cast<std::size_t>(st.st_size) : 0;
    // Enough to tell the format as detect_format does on the whole text: the first line, whether
    // another follows it, and the 4 KiB it looks in for the marker of JSON entries.
    constexpr std::size_t k_least = 64 << 10;
    constexpr std::size_t k_most = 16 << 20;
    const auto told = [&] {
        const std::size_t nl = m_head.find('\n');
        return nl != std::string::npos && m_head.find_first_not_of(" \t\r\n", nl) != std::string::npos;
    };
    try {
        while (!m_eof && (m_head.size() < k_least || (!told() && m_head.size() < k_most))) {
            const std::size_t have = m_head.size();
            m_head.resize(have + k_least);
            const std::size_t n = read_input(m_fd, m_path, m_head.data() + have, k_least);
            m_head.resize(have + n);
            m_eof = n == 0;
        }
    } catch (...) {
        ::close(m_fd);
        throw;
    }
}

LocalInput::LocalInput(LocalInput&& other) noexcept
    : m_path(std::move(other.m_path)), m_fd(std::exchange(other.m_fd, -1)),
      m_regular(other.m_regular), m_size(other.m_size), m_head(std::move(other.m_head)),
      m_eof(other.m_eof) {}

LocalInput::~LocalInput() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

bool LocalInput::is_hub_dump() const {
    return detect_format(m_path, m_head) == Format::hub_dump;
}

std::string LocalInput::read_all() {
    std::string text = std::move(m_head);
    m_head.clear();
    while (!m_eof) {
        const std::size_t have = text.size();
        const std::size_t want = std::max<std::size_t>(have, 1 << 20);
        text.resize(have + want);
        const std::size_t n = read_input(m_fd, m_path, text.data() + have, want);
        text.resize(have + n);
        m_eof = n == 0;
    }
    return text;
}

int LocalInput::release(std::string& head) {
    head = std::move(m_head);
    m_head.clear();
    return std::exchange(m_fd, -1);
}

HubStreamResult build_from_hub_dump(const std::string& path, const HubStreamOptions& options) {
    return build_from_hub_dump(LocalInput(path), options);
}

HubStreamResult build_from_hub_dump(LocalInput input, const HubStreamOptions& options) {
    const std::string path = input.path();
    const std::size_t total = input.size();
    std::string head;
    const int fd = input.release(head);
    struct FdCloser {
        int fd;
        ~FdCloser() { ::close(fd); }
    } closer{fd};

    const auto started = std::chrono::steady_clock::now();
    HubStreamResult out;
    Assembler assembler(out, path, options.dangling);
    Progress progress(options.progress, total);
    const unsigned threads =
        options.threads > 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
    bool reserved = false;

    ChunkReader reader(fd, path, std::max<std::size_t>(options.chunk_bytes, 1), head);
    head.clear();
    head.shrink_to_fit();
    std::size_t applied_bytes = 0;
    run_pipeline(reader, threads, [&](Chunk& c) {
        assembler.apply(c);
        applied_bytes += c.bytes;
        if (!reserved && total > 0 && c.bytes > 0) {
            reserved = true;
            assembler.reserve(1.1 * static_cast<double>(total) / static_cast<double>(c.bytes));
        }
        progress.update(applied_bytes, out.lines);
    });
    progress.update(applied_bytes, out.lines, true);
    const auto streamed = std::chrono::steady_clock::now();
    assembler.finish(options.index);
    const auto indexed = std::chrono::steady_clock::now();
    out.stream_seconds = std::chrono::duration<double>(streamed - started).count();
    out.index_seconds = std::chrono::duration<double>(indexed - streamed).count();
    return out;
}

} // namespace medkg::ingest
