#include "util/hash.hpp"
#include "util/text.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace {

// hash64 as first written: words, then the tail assembled one byte at a time. Snapshots store
// tables placed by hash64, so the inline version must give these values for every length.
std::uint64_t reference_hash64(std::string_view data) {
    constexpr std::uint64_t k_mul = 0x9E3779B97F4A7C15ULL;
    std::uint64_t h = 0x243F6A8885A308D3ULL ^ (data.size() * k_mul);
    std::size_t i = 0;
    for (; i + 8 <= data.size(); i += 8) {
        std::uint64_t w = 0;
        for (std::size_t b = 0; b < 8; ++b) {
            w |= std::uint64_t{static_cast<unsigned char>(data[i + b])} << (8 * b);
        }
        h = (h ^ w) * k_mul;
        h ^= h >> 32;
    }
    std::uint64_t tail = 0;
    for (std::size_t b = 0; i + b < data.size(); ++b) {
        tail |= std::uint64_t{static_cast<unsigned char>(data[i + b])} << (8 * b);
    }
    h = (h ^ tail) * k_mul;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 32;
    return h;
}

} // namespace

TEST_CASE("util::hash64 gives the reference values at every length and offset") {
    // Bytes of every value, high ones included, so a sign extension would show.
    std::string text;
    for (int i = 0; i < 300; ++i) {
        text.push_back(static_cast<char>((i * 151 + 7) & 0xFF));
    }
    for (std::size_t offset = 0; offset < 9; ++offset) {
        for (std::size_t n = 0; n <= 40; ++n) {
            const std::string_view s(text.data() + offset, n);
            INFO("offset " << offset << ", length " << n);
            CHECK(medkg::util::hash64(s) == reference_hash64(s));
        }
    }
}

TEST_CASE("util::hash64 tells apart strings that differ in one tail byte or in length") {
    CHECK(medkg::util::hash64("") != medkg::util::hash64(std::string_view("\0", 1)));
    CHECK(medkg::util::hash64("abc") != medkg::util::hash64("abd"));
    CHECK(medkg::util::hash64("abcdefghi") != medkg::util::hash64("abcdefghj"));
    CHECK(medkg::util::hash64("abcdefgh") != medkg::util::hash64(std::string_view("abcdefgh\0", 9)));
}

TEST_CASE("util::hash64_lower is hash64 of the ASCII-lower-cased bytes at every length and offset") {
    // Every byte value, so that the letters' neighbours ('@', '[', '`', '{') and the high bytes
    // whose low seven bits are a letter (0xC1, 0xDA) are all met at every position of a word.
    std::string text;
    for (int i = 0; i < 300; ++i) {
        text.push_back(static_cast<char>((i * 151 + 7) & 0xFF));
    }
    text += "Meta-Llama/LLAMA-2-7B-Chat-HF@[Z]`a{z}";
    for (std::size_t offset = 0; offset + 40 <= text.size(); ++offset) {
        for (std::size_t n = 0; n <= 40; ++n) {
            const std::string_view s(text.data() + offset, n);
            INFO("offset " << offset << ", length " << n);
            CHECK(medkg::util::hash64_lower(s) == medkg::util::hash64(medkg::util::ascii_lower(s)));
        }
    }
    CHECK(medkg::util::hash64_lower("Org/Model") == medkg::util::hash64_lower("org/model"));
    CHECK(medkg::util::hash64_lower("org/model") == medkg::util::hash64("org/model"));
    CHECK(medkg::util::hash64_lower("org/model-a") != medkg::util::hash64_lower("org/model-b"));
}
