#pragma once

// Internal to ingest: one Hub model's metadata, whatever it was read from (an API object, a dump
// line, a model card), and its mapping to facts. The streaming dump build maps the same fields
// through the same vocabulary (ingest/hub/vocabulary.hpp).

#include "ingest/facts.hpp"
#include "ingest/hub/vocabulary.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace medkg::ingest::hub {

/// A source-neutral view of one model's metadata.
struct ModelRecord {
    std::string id;           ///< the Hub id, or the name a loose card gives itself
    bool id_is_hub_id = true; ///< false for a card read from a file with no Hub id
    std::string author;
    std::string pipeline_tag;
    std::string created_at;
    std::string license;
    std::string license_name;  ///< a card's `license_name` (the licence when `license: other`)
    std::string library;       ///< `library_name`
    std::string quantized_by;  ///< a card's `quantized_by`
    std::vector<std::string> languages;
    std::vector<std::string> tags;
    std::vector<std::string> card_bases; ///< cardData.base_model (a list means a merge)
    std::string base_relation;           ///< cardData.base_model_relation
    std::vector<std::string> datasets;
    struct Eval {
        std::string dataset;
        std::string metrics; ///< "acc_norm=50.77, ..."
    };
    std::vector<Eval> evals;
    bool keep_card_fields = false; ///< a card: its library, tags and languages become attributes

    /// Where fields were stated, for the facts' locations (a card's lines; 0 = the record's).
    std::uint32_t base_line = 0;
    std::uint32_t relation_line = 0;

    /// What the record's library, tags and `quantized_by` say about how it was made.
    [[nodiscard]] Evidence evidence() const;
};

/// Appends the facts of records to a batch; authors, tasks, datasets and papers named by several
/// records of the batch are one node fact each.
class RecordMapper {
public:
    RecordMapper(FactBatch& batch, graph::Method method) : m_batch(batch), m_method(method) {}

    /// Adds `r`; returns the base model ids it names (valid Hub ids only).
    std::vector<std::string> add(const ModelRecord& r, const Origin& base);

private:
    std::uint32_t node(graph::NodeKind kind, const std::string& name, const Origin& o);
    std::uint32_t shared(graph::NodeKind kind, const std::string& name, const Origin& o,
                         bool hub_id = false, const std::string& path = {});
    void attr(std::uint32_t subject, graph::AttrKey key, const std::string& value,
              const Origin& o, const std::string& path);
    void edge(std::uint32_t subject, graph::EdgeKind kind, std::uint32_t target, const Origin& o,
              const std::string& path, std::string evidence);
    void dataset_edge(std::uint32_t subject, graph::EdgeKind kind, const std::string& name,
                      bool hub_id, const Origin& o, const std::string& path,
                      std::string evidence);

    FactBatch& m_batch;
    graph::Method m_method;
    std::unordered_map<std::string, std::uint32_t> m_shared;
    std::set<std::uint32_t> m_paper_keyed;
};

} // namespace medkg::ingest::hub
