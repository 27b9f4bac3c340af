#pragma once

// LineStream: the in-situ stream the Hub reader parses each line of a dump through, with the
// RapidJSON specialisations that make it fast. Header-only, so that bench/bare_parse measures
// the same parse. Include it before anything instantiates a RapidJSON reader for it.

#include <rapidjson/reader.h>

#include <bit>
#include <cstddef>
#include <cstring>

#include <emmintrin.h>

namespace medkg::ingest {

// An in-situ stream over one line, which RapidJSON parses as it parses an InsituStringStream,
// with three differences:
// - The scan over a string's plain bytes (below) loads 16 bytes from any position. The caller
//   guarantees that every line ends in a '\n' (or a '\0'), where the scan stops at the latest,
//   and that 16 readable bytes follow it: the Hub reader pads every chunk, and its mapped runs
//   end at least 16 bytes before the end of the file.
// - A line ends at its '\n', which is not white space here (see SkipWhitespace below), so
//   nothing is read past it and no terminator is written.
// - Strings are handed over with their length, so the closing quote of a string without
//   escapes is not overwritten: a line in a private file mapping is written to only where an
//   escape is decoded, and only those pages are copied.
struct LineStream {
    using Ch = char;
    explicit LineStream(char* src) : src_(src), dst_(nullptr), head_(src) {}
    char Peek() const { return *src_; }
    char Take() { return *src_++; }
    std::size_t Tell() const { return static_cast<std::size_t>(src_ - head_); }
    void Put(char c) {
        // RapidJSON puts a '\0' for the closing quote; when the text has not moved (no escape
        // in the string) that would be the only write, and the handler does not need it.
        if (dst_ + 1 != src_) {
            high_ |= static_cast<unsigned char>(c) & 0x80U; // a byte an escape decoded to
            *dst_ = c;
        }
        ++dst_;
    }
    char* PutBegin() { return dst_ = src_; }
    std::size_t PutEnd(char* begin) const { return static_cast<std::size_t>(dst_ - begin); }
    void Flush() {}
    char* Push(std::size_t count) { char* begin = dst_; dst_ += count; return begin; }
    void Pop(std::size_t count) { dst_ -= count; }
    /// JSON's white space inside a line: all of it but the '\n' that ends the line.
    static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
    /// False when every string byte read so far is ASCII, so none needs a UTF-8 check.
    bool saw_non_ascii() const { return high_ != 0; }

    char* src_;
    char* dst_;
    char* head_;
    unsigned high_ = 0;
};

// The first byte at or after p that ends a string's plain run: '"', '\\' or a control byte.
// `high` gets a bit set when a byte of the run is not ASCII.
inline char* plain_run_end(char* p, unsigned& high) {
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i control = _mm_set1_epi8(0x1F); // c <= 0x1F  <=>  max(c, 0x1F) == 0x1F
    for (;; p += 16) {
        const __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(s, quote), _mm_cmpeq_epi8(s, backslash)),
                                          _mm_cmpeq_epi8(_mm_max_epu8(s, control), control));
        const auto top = static_cast<unsigned>(_mm_movemask_epi8(s));
        if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit)); mask != 0) {
            high |= top & (mask ^ (mask - 1)); // the run's bytes and the stop byte (ASCII)
            return p + std::countr_zero(mask);
        }
        high |= top;
    }
}

} // namespace medkg::ingest

// No local copies of the stream: the parse is inlined into parse_chunk, which keeps the stream
// in registers anyway, while copying it in and out of every helper stalled on store forwarding
// (a 32-byte copy read back as differently sized parts) and kept the helpers out of line.
template <> struct rapidjson::StreamTraits<medkg::ingest::LineStream> {
    enum { copyOptimization = 0 };
};

// JSON's white space but the '\n' that ends the line: an unfinished object stops there.
template <> inline void rapidjson::SkipWhitespace(medkg::ingest::LineStream& is) {
    char* p = is.src_;
    while (medkg::ingest::LineStream::is_blank(*p)) {
        ++p;
    }
    is.src_ = p;
}

// RapidJSON calls this before it looks at a string's next byte; the generic version does
// nothing, and its own SSE2 versions start with a byte-by-byte run up to an aligned address.
template <>
template <>
inline void rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator>::
    ScanCopyUnescapedString<medkg::ingest::LineStream, medkg::ingest::LineStream>(medkg::ingest::LineStream& is,
                                                                                 medkg::ingest::LineStream&) {
    char* const end = medkg::ingest::plain_run_end(is.src_, is.high_);
    if (is.dst_ != is.src_) { // an escape earlier in the string: the text moves down
        std::memmove(is.dst_, is.src_, static_cast<std::size_t>(end - is.src_));
        is.dst_ += end - is.src_;
    } else {
        is.dst_ = end;
    }
    is.src_ = end;
}

