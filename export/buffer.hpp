#pragma once

#include "util/large_memory.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace medkg::exporter {

/// Appends to a buffer in big pieces: the exporters write millions of small pieces, and
/// ostream's per-call cost dominated them. Appends are inline copies. A buffer made on a stream
/// hands its bytes to the stream whenever it fills (a piece larger than the buffer goes to the
/// stream directly); a buffer made without one keeps every byte (see bytes() and clear()), which
/// is how blocks are formatted on several threads (export/blocks.hpp).
class OutBuffer {
public:
    explicit OutBuffer(std::ostream& out) : m_out(&out) { reset(k_capacity); }
    OutBuffer() { reset(k_capacity); }
    ~OutBuffer() { flush(); }
    OutBuffer(const OutBuffer&) = delete;
    OutBuffer& operator=(const OutBuffer&) = delete;

    OutBuffer& operator<<(std::string_view s) {
        append(s.data(), s.size());
        return *this;
    }
    OutBuffer& operator<<(char c) {
        if (m_pos == m_end) [[unlikely]] {
            make_room(1);
        }
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
        dot_text(text);
        *this << '"';
    }
    /// Appends `text` escaped for the inside of a DOT quoted string: what dot() puts between
    /// the quotes, so that a quoted string can be written in pieces.
    void dot_text(std::string_view text);

    /// Hands the buffered bytes to the stream; a buffer without a stream keeps them.
    void flush() {
        if (m_out != nullptr && m_pos != m_buf.data()) {
            m_out->write(m_buf.data(), m_pos - m_buf.data());
            m_pos = m_buf.data();
        }
    }

    /// What a buffer without a stream holds.
    [[nodiscard]] std::string_view bytes() const {
        return {m_buf.data(), static_cast<std::size_t>(m_pos - m_buf.data())};
    }
    /// Forgets what a buffer without a stream holds, keeping its memory.
    void clear() { m_pos = m_buf.data(); }

    /// Appends `piece` after flushing, without copying it into the buffer: for blocks that
    /// were formatted elsewhere.
    void put(std::string_view piece) {
        if (m_out == nullptr) {
            append(piece.data(), piece.size());
            return;
        }
        flush();
        m_out->write(piece.data(), static_cast<std::streamsize>(piece.size()));
    }

    /// True while the stream has not failed (always true without a stream).
    [[nodiscard]] bool good() const { return m_out == nullptr || m_out->good(); }

    /// Word-at-a-time byte tests for escapers: the result is non-zero when some byte of `w` is
    /// below `c` (c <= 0x80), or equal to `c`. They may answer yes for a word without such a
    /// byte (a borrow crosses into the next byte), never no for a word with one.
    static constexpr std::uint64_t word_has_below(std::uint64_t w, unsigned char c) {
        constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
        constexpr std::uint64_t k_highs = 0x8080808080808080ULL;
        return (w - k_ones * c) & ~w & k_highs;
    }
    static constexpr std::uint64_t word_has(std::uint64_t w, unsigned char c) {
        return word_has_below(w ^ (0x0101010101010101ULL * c), 1);
    }

private:
    static constexpr std::size_t k_capacity = 1 << 20;

    // Appends `text`, copying runs of ordinary bytes at once. Eight bytes at a time are tested
    // with `may_need` (see word_has); only a word that may hold a special byte is looked at byte
    // by byte, and a byte for which `special` answers true is handed to `replace` instead of
    // being copied.
    template <typename MayNeed, typename Special, typename Replace>
    void append_escaped(std::string_view text, MayNeed may_need, Special special, Replace replace) {
        const char* const data = text.data();
        const std::size_t n = text.size();
        std::size_t start = 0;
        std::size_t i = 0;
        while (i < n) {
            if (i + 8 <= n) {
                std::uint64_t w = 0;
                std::memcpy(&w, data + i, 8);
                if (!may_need(w)) {
                    i += 8;
                    continue;
                }
            }
            const std::size_t stop = std::min(n, i + 8);
            for (; i < stop; ++i) {
                const auto c = static_cast<unsigned char>(data[i]);
                if (!special(c)) {
                    continue;
                }
                append(data + start, i - start);
                replace(c);
                start = i + 1;
            }
        }
        append(data + start, n - start);
    }

    void append(const char* s, std::size_t n) {
        if (n > static_cast<std::size_t>(m_end - m_pos)) [[unlikely]] {
            if (m_out != nullptr) {
                flush();
                if (n > k_capacity) {
                    m_out->write(s, static_cast<std::streamsize>(n));
                    return;
                }
            } else {
                make_room(n);
            }
        }
        std::memcpy(m_pos, s, n);
        m_pos += n;
    }
    // Room for `n` more bytes: a stream's buffer is flushed, a memory buffer grows.
    void make_room(std::size_t n) {
        if (m_out != nullptr) {
            flush();
            return;
        }
        const auto used = static_cast<std::size_t>(m_pos - m_buf.data());
        if (m_buf.size() - used >= n) {
            return;
        }
        util::LargeVector<char> bigger(std::max(m_buf.size() * 2, used + n));
        std::memcpy(bigger.data(), m_buf.data(), used);
        m_buf.swap(bigger);
        m_pos = m_buf.data() + used;
        m_end = m_buf.data() + m_buf.size();
    }
    void reset(std::size_t capacity) {
        m_buf.resize(capacity);
        m_pos = m_buf.data();
        m_end = m_buf.data() + m_buf.size();
    }

    std::ostream* m_out = nullptr;
    util::LargeVector<char> m_buf; // huge pages: a block's text is megabytes, touched once
    char* m_pos = nullptr;
    char* m_end = nullptr;
};

} // namespace medkg::exporter
