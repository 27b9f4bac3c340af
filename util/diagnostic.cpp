#include "util/diagnostic.hpp"

#include <algorithm>
#include <ostream>

namespace medkg::util {

std::string Location::str() const {
    std::string out = file.empty() ? std::string("<input>") : file;
    if (line > 0) {
        out += ':' + std::to_string(line);
        if (column > 0) {
            out += ':' + std::to_string(column);
        }
    }
    return out;
}

std::string_view to_string(Severity severity) {
    switch (severity) {
    case Severity::note:
        return "note";
    case Severity::warning:
        return "warning";
    case Severity::error:
        return "error";
    }
    return "error";
}

std::string Diagnostic::str() const {
    std::string out = location.str();
    out += ": ";
    out += to_string(severity);
    out += ": ";
    out += message;
    return out;
}

void Diagnostics::add(Severity severity, Location location, std::string message) {
    m_items.push_back(Diagnostic{severity, std::move(location), std::move(message)});
}

void Diagnostics::error(Location location, std::string message) {
    add(Severity::error, std::move(location), std::move(message));
}

void Diagnostics::warning(Location location, std::string message) {
    add(Severity::warning, std::move(location), std::move(message));
}

void Diagnostics::append(const Diagnostics& other) {
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

std::size_t Diagnostics::count(Severity severity) const {
    return static_cast<std::size_t>(std::count_if(
        m_items.begin(), m_items.end(), [&](const Diagnostic& d) { return d.severity == severity; }));
}

void Diagnostics::print(std::ostream& out, std::size_t limit, std::string_view hint) const {
    // Per file and severity: how many there are, in the order the pairs first appear.
    std::vector<std::pair<std::pair<std::string_view, Severity>, std::size_t>> counts;
    for (const auto& d : m_items) {
        const std::pair<std::string_view, Severity> key{d.location.file, d.severity};
        auto it = std::find_if(counts.begin(), counts.end(),
                               [&](const auto& c) { return c.first == key; });
        if (it == counts.end()) {
            counts.push_back({key, 0});
            it = counts.end() - 1;
        }
        if (++it->second <= limit) {
            out << d.str() << '\n';
        }
    }
    for (const auto& [key, n] : counts) {
        if (n > limit) {
            const auto severity = to_string(key.second);
            out << (key.first.empty() ? std::string_view("<input>") : key.first)
                << ": note: " << n - limit << " more " << severity << (n - limit == 1 ? "" : "s")
                << " not shown";
            if (!hint.empty()) {
                out << "; " << hint;
            }
            out << '\n';
        }
    }
}

} // namespace medkg::util
