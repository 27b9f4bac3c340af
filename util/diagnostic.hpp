#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::util {

enum class Severity : std::uint8_t { note, warning, error };

/// Where in an input something was found. `line` and `column` are 1-based; 0 means unknown.
struct Location {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;

    /// "file:line:col", "file:line" or "file", as much as is known.
    [[nodiscard]] std::string str() const;
};

/// One finding about bad input.
struct Diagnostic {
    Severity severity = Severity::error;
    Location location;
    std::string message;

    /// "file:line:col: error: message".
    [[nodiscard]] std::string str() const;
};

/// An ordered collection of diagnostics, appended to by readers that keep going.
class Diagnostics {
public:
    void add(Severity severity, Location location, std::string message);
    void error(Location location, std::string message);
    void warning(Location location, std::string message);
    void append(const Diagnostics& other);

    [[nodiscard]] const std::vector<Diagnostic>& items() const { return m_items; }
    [[nodiscard]] std::size_t count(Severity severity) const;
    [[nodiscard]] bool has_errors() const { return count(Severity::error) > 0; }
    [[nodiscard]] bool empty() const { return m_items.empty(); }

    /// Writes one line per diagnostic (see Diagnostic::str), at most `limit` of each severity
    /// per file; a file and severity over the limit get one more line, a note saying how many
    /// were not shown, ending with `hint` (how to see them all). Order is kept.
    void print(std::ostream& out, std::size_t limit = static_cast<std::size_t>(-1),
               std::string_view hint = {}) const;

private:
    std::vector<Diagnostic> m_items;
};

[[nodiscard]] std::string_view to_string(Severity severity);

} // namespace medkg::util
