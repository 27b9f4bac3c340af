#pragma once

#include <string>

namespace medkg::test {

/// tests/data/<name>
inline std::string data_path(const std::string& name) {
    return std::string(MEDKG_TEST_DATA_DIR) + "/" + name;
}

/// tests/golden/<name>
inline std::string golden_path(const std::string& name) {
    return std::string(MEDKG_TEST_GOLDEN_DIR) + "/" + name;
}

/// ../shared/corpus/<name> (the real inputs the project is tested against)
inline std::string corpus_path(const std::string& name) {
    return std::string(MEDKG_CORPUS_DIR) + "/" + name;
}

} // namespace medkg::test
