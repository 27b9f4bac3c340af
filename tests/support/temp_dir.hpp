#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace medkg::test {

/// A new directory /tmp/medkg-test-XXXXXX, removed with everything in it when the object goes
/// (a failed check included), so that test runs leave nothing behind.
class TempDir {
public:
    TempDir() : m_path("/tmp/medkg-test-XXXXXX") { REQUIRE(::mkdtemp(m_path.data()) != nullptr); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }

    [[nodiscard]] const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

} // namespace medkg::test
