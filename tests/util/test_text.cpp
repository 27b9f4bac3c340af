#include "util/text.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace {

// A copy of `s` in an allocation of exactly its size, so that a read past either end is a
// heap overflow under AddressSanitizer (the CI runs this test with it).
std::unique_ptr<char[]> exact_copy(std::string_view s) {
    auto p = std::make_unique<char[]>(s.size() == 0 ? 1 : s.size());
    s.copy(p.get(), s.size());
    return p;
}

} // namespace

TEST_CASE("same_bytes agrees with string comparison for every length and every differing byte",
          "[util][text]") {
    const std::string text = "meta-llama/Llama-2-7b-chat-hf/2024-01-15T10:11:12.000Z";
    for (std::size_t n = 0; n <= 40; ++n) {
        const std::string_view source(text.data(), n);
        const auto a = exact_copy(source);
        const auto b = exact_copy(source);
        const std::string_view va(a.get(), n);
        const std::string_view vb(b.get(), n);
        INFO("length " << n);
        CHECK(medkg::util::same_bytes(va, vb));
        for (std::size_t i = 0; i < n; ++i) {
            INFO("differing byte " << i);
            b[i] = static_cast<char>(b[i] ^ 0x20); // a case change, as ids differ in practice
            CHECK_FALSE(medkg::util::same_bytes(va, vb));
            CHECK_FALSE(medkg::util::same_bytes(vb, va));
            b[i] = static_cast<char>(b[i] ^ 0x20);
        }
        CHECK(medkg::util::same_bytes(va, vb));
        if (n > 0) { // a prefix is not the whole
            CHECK_FALSE(medkg::util::same_bytes(va, va.substr(0, n - 1)));
        }
    }
}

TEST_CASE("same_bytes compares bytes, not characters", "[util][text]") {
    CHECK(medkg::util::same_bytes(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
    CHECK_FALSE(medkg::util::same_bytes(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
    CHECK_FALSE(medkg::util::same_bytes("caf\xc3\xa9", "caf\xc3\xa8"));
    CHECK(medkg::util::same_bytes("", std::string_view()));
}
