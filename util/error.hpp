#pragma once

#include <stdexcept>
#include <string>

namespace medkg {

/// A failing environment: an unreadable file, an HTTP failure, an unwritable output.
/// Thrown once and caught once, in main, which prints "medkg: error: <what>" and exits 1.
/// Bad input is not an Error: readers report it as a Diagnostic and go on.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace medkg
