#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace medkg::cli {

/// Runs medkg with `args` (without the program name), writing data to `out` and diagnostics to
/// `err`. Returns the exit code: 0 ok, 1 bad input or no answer, 2 usage. Never throws.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace medkg::cli
