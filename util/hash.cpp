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

std::string digest_hex(std::string_view data) {
    char out[33];
    std::snprintf(out, sizeof out, "%016llx%016llx",
                  static_cast<unsigned long long>(fnv1a64(data)),
                  static_cast<unsigned long long>(fnv1a64(data, 0x84222325cbf29ce4ULL)));
    return out;
}

} // namespace medkg::util
