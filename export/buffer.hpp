#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace medkg::exporter {

/// Appends to a large string buffer and hands it to the stream in big writes: the exporters
/// write millions of small pieces, and ostream's per-call cost dominated them.
class OutBuffer {
public:
    explicit OutBuffer(std::ostream& out) : m_out(out) { m_buf.reserve(k_flush * 2); }
    ~OutBuffer() { flush(); }
    OutBuffer(const OutBuffer&) = delete;
    OutBuffer& operator=(const OutBuffer&) = delete;

    OutBuffer& operator<<(std::string_view s) {
        m_buf.append(s);
        maybe_flush();
        return *this;
    }
    OutBuffer& operator<<(char c) {
        m_buf.push_back(c);
        return *this;
    }
    OutBuffer& operator<<(std::size_t n) {
        char digits[24];
        std::size_t i = sizeof digits;
        do {
            digits[--i] = static_cast<char>('0' + n % 10);
            n /= 10;
        } while (n > 0);
        m_buf.append(digits + i, sizeof digits - i);
        return *this;
    }

    /// Appends `text` escaped for XML (see xml_escape).
    void xml(std::string_view text);

    /// Appends `text` as a DOT quoted string, quotes included (see dot_quote).
    void dot(std::string_view text) {
        m_buf.push_back('"');
        std::size_t start = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) {
                continue;
            }
            m_buf.append(text.data() + start, i - start);
            if (c == '"' || c == '\\') {
                m_buf.push_back('\\');
                m_buf.push_back(static_cast<char>(c));
            } else if (c == '\n') {
                m_buf.append("\\n");
            } // other control characters are dropped
            start = i + 1;
        }
        m_buf.append(text.data() + start, text.size() - start);
        m_buf.push_back('"');
        maybe_flush();
    }

    void flush() {
        if (!m_buf.empty()) {
            m_out.write(m_buf.data(), static_cast<std::streamsize>(m_buf.size()));
            m_buf.clear();
        }
    }

private:
    static constexpr std::size_t k_flush = 1 << 20;
    void maybe_flush() {
        if (m_buf.size() >= k_flush) {
            flush();
        }
    }
    std::ostream& m_out;
    std::string m_buf;
};

} // namespace medkg::exporter
