#pragma once

#include "tests/support/paths.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace medkg::test {

/// Compares `actual` with tests/golden/<name>. On a mismatch writes <name>.actual beside it and
/// fails with the diff command. With MEDKG_UPDATE_GOLDEN=1 the golden file is rewritten instead.
inline void check_golden(const std::string& name, const std::string& actual) {
    const std::string path = golden_path(name);
    const char* update = std::getenv("MEDKG_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::ofstream(path, std::ios::binary) << actual;
        WARN("rewrote " << path);
        return;
    }
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream expected;
    expected << in.rdbuf();
    if (expected.str() != actual) {
        std::ofstream(path + ".actual", std::ios::binary) << actual;
        FAIL("output differs from " << path << "; see: diff " << path << " " << path
                                    << ".actual (MEDKG_UPDATE_GOLDEN=1 rewrites it)");
    }
}

} // namespace medkg::test
