#pragma once

#include <cstring>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::exporter {

/// Appends to a fixed buffer and hands it to the stream in big writes: the exporters write
/// millions of small pieces, and ostream's per-call cost dominated them. Appends are inline
/// copies into the buffer; a piece larger than the buffer goes to the stream directly.
class OutBuffer {
public:
    explicit OutBuffer(std::ostream& out)
        : m_out(out), m_buf(k_capacity), m_pos(m_buf.data()), m_end(m_buf.data() + k_capacity) {}
    ~OutBuffer() { flush(); }
    OutBuffer(const OutBuffer&) = delete;
    OutBuffer& operator=(const OutBuffer&) = delete;

    OutBuffer& operator<<(std::string_view s) {
        append(s.data(), s.size());
        return *this;
    }
    OutBuffer& operator<<(char c) {
        room(1);
        *m_pos++ = c;
        return *this;
    }
    OutBuffer& operator<<(std::size_t n) {
        char digits[24];
        std::size_t i = sizeof digits;
        do {
            digits[--i] = static_cast<char>('0' + n % 10);
            n /= 10;
        } while (n > 0);
        append(digits + i, sizeof digits - i);
        return *this;
    }

    /// Appends `text` escaped for XML (see xml_escape).
    void xml(std::string_view text);

    /// Appends `text` as a DOT quoted string, quotes included (see dot_quote).
    void dot(std::string_view text) {
        *this << '"';
        std::size_t start = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) {
                continue;
            }
            append(text.data() + start, i - start);
            if (c == '"' || c == '\\') {
                *this << '\\' << static_cast<char>(c);
            } else if (c == '\n') {
                append("\\n", 2);
            } // other control characters are dropped
            start = i + 1;
        }
        append(text.data() + start, text.size() - start);
        *this << '"';
    }

    void flush() {
        if (m_pos != m_buf.data()) {
            m_out.write(m_buf.data(), m_pos - m_buf.data());
            m_pos = m_buf.data();
        }
    }

private:
    static constexpr std::size_t k_capacity = 1 << 20;

    void append(const char* s, std::size_t n) {
        if (n > static_cast<std::size_t>(m_end - m_pos)) {
            flush();
            if (n > k_capacity) {
                m_out.write(s, static_cast<std::streamsize>(n));
                return;
            }
        }
        std::memcpy(m_pos, s, n);
        m_pos += n;
    }
    void room(std::size_t n) {
        if (n > static_cast<std::size_t>(m_end - m_pos)) {
            flush();
        }
    }

    std::ostream& m_out;
    std::vector<char> m_buf;
    char* m_pos;
    char* m_end;
};

} // namespace medkg::exporter
