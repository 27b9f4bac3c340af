#include "util/hash.hpp"

#include <cstdio>
#include <cstring>

namespace medkg::util {

std::uint64_t fnv1a64(std::string_view data, std::uint64_t basis) {
    std::uint64_t h = basis;
    for (const char c : data) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

std::uint64_t hash64(std::string_view data) {
    constexpr std::uint64_t k_mul = 0x9E3779B97F4A7C15ULL;
    std::uint64_t h = 0x243F6A8885A308D3ULL ^ (data.size() * k_mul);
    std::size_t i = 0;
    for (; i + 8 <= data.size(); i += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, data.data() + i, 8);
        h = (h ^ w) * k_mul;
        h ^= h >> 32;
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, data.data() + i, data.size() - i);
    h = (h ^ tail) * k_mul;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 32;
    return h;
}

std::string digest_hex(std::string_view data) {
    char out[33];
    std::snprintf(out, sizeof out, "%016llx%016llx",
                  static_cast<unsigned long long>(fnv1a64(data)),
                  static_cast<unsigned long long>(fnv1a64(data, 0x84222325cbf29ce4ULL)));
    return out;
}

} // namespace medkg::util
