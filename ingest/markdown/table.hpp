#pragma once

// Markdown tables for the list reader: rows and cells, what a column means by its header, and the
// values of cells that hold several (`Baichuan , Ziya-LLaMA`, `7, 13`, `8x7`).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::ingest::md {

/// The cells of a table row (`| a | b |` or `a | b`); escaped pipes (`\|`) stay in their cell.
/// Cells are trimmed; the empty cells outside leading and trailing pipes are dropped.
[[nodiscard]] std::vector<std::string> split_row(std::string_view line);

/// True for a header delimiter row: `|---|:--:|`, at least one cell, only dashes and colons.
[[nodiscard]] bool is_delimiter_row(std::string_view line);

/// What a column holds, judged by the meaning of its header, not its position.
enum class Column : std::uint8_t {
    name,          ///< Model / Models / Model Name / Method (when nothing else names) / 模型
    base,          ///< Base / Backbone / Base Model / 底座模型 / ベースのLLM
    merge_base,    ///< the models a merge was made of: マージ元のLLM, Merged from
    architecture,  ///< Architecture / アーキテクチャ / 架构: what a model is, not what it came from
    size,          ///< Para. / Params / Size / 参数量
    date,          ///< Date / Time / Release / 发布时间
    link,          ///< Link / Code / Paper / URL / 地址
    title,         ///< Paper / Paper name / Title beside a name column: a title that may state a base
    institution,   ///< Institution / Organization / 机构
    training_data, ///< Training Data / 训练数据 (or Data when a model column exists)
    eval,          ///< Eval task / Evaluation / Benchmark / 评测
    features,      ///< Features / Description / Notes / 简介
    method,        ///< Method (FT, PT) when another column names the model
    language,      ///< Language / 语言
    license,       ///< License / 许可
    other,
};

/// What the rows of a table are.
enum class TableKind : std::uint8_t { model, dataset, paper, none };

/// Column meanings for a header row, and what its rows are. `unit` is the size unit a header
/// states (`Para. (B)` -> "B"), empty when none. A table with no name column has kind `none`;
/// the reader may then find the column of names in its rows (see name_column_from_rows).
struct TableHeader {
    std::vector<Column> columns;
    TableKind kind = TableKind::none;
    std::string unit;
    bool bases = false; ///< the name column names base models ("底座名称", "Base Model Name")
};

/// Classifies header cells (markup, LaTeX and emoji ignored, case-insensitive).
[[nodiscard]] TableHeader classify_header(const std::vector<std::string>& cells);

/// The column that names the rows of a table whose header names none (an empty first header,
/// `Download`, a header in a language the vocabulary lacks): the first column, among those the
/// header left unclassified, whose cells are mostly links or short names (not numbers, dates or
/// prose). nullopt when there is none.
[[nodiscard]] std::optional<std::size_t> name_column_from_rows(
    const TableHeader& header, const std::vector<std::vector<std::string>>& rows);

/// The values of a multi-valued cell, split on `,` `;` `/` `、` `，` ` and ` ` & `; an `org/name`
/// Hub id stays one value. A value that is only a number after one that ends in a number takes
/// that one's stem (`i2b2 2010, 2012` -> `i2b2 2010`, `i2b2 2012`). Empty values and dashes are
/// dropped.
[[nodiscard]] std::vector<std::string> split_values(std::string_view cell, bool split_slash);

/// The dataset a value of a training-data cell names, without its statistics ("日本語 Wikipedia
/// (0.88B トークン)" -> "日本語 Wikipedia"); empty for statistics, training steps, placeholders
/// and prose.
[[nodiscard]] std::string dataset_in_cell_value(std::string_view value);

/// The language model among a vision-language model's parts ("Sarashina2 + Qwen2-VL + 2-layer
/// MLP" -> "Sarashina2"); empty when the cell is not such a list.
[[nodiscard]] std::string language_model_of_parts(std::string_view text);

/// Parameter counts in a size cell (`7, 13` with unit B -> 7B, 13B; `8x7` -> 8x7B; `80B`;
/// `0.345`). Values without a unit take `unit`, or B when `unit` is empty.
[[nodiscard]] std::vector<std::string> parse_sizes(std::string_view cell, std::string_view unit);

/// A date: year and month (0 when unknown). Reads `2023/03`, `2023.6`, `2023-11-09`, `06/2022`,
/// `2023年5月`, `May 2023`, `2023`. The first date in `text` wins; nullopt when there is none.
struct Date {
    int year = 0;
    int month = 0;
};
[[nodiscard]] std::optional<Date> parse_date(std::string_view text);

/// `2023-06` or `2023`.
[[nodiscard]] std::string format_date(const Date& date);

} // namespace medkg::ingest::md
