# Script mode: cmake -DINPUT=... -DOUTPUT=... -DSYMBOL=... -P embed.cmake
# Writes a C++ file defining `std::string_view SYMBOL()` with INPUT's bytes, so that the binary
# carries its default dataset and works from any directory.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
string(REGEX REPLACE "(('[^']*',){24})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp" "// Generated from ${NAME} by cmake/embed.cmake; do not edit.
#include <string_view>
namespace medkg::ingest {
namespace {
constexpr char k_bytes[] = {\n${bytes}'\\0'};
} // namespace
std::string_view ${SYMBOL}() { return {k_bytes, ${byte_count}}; }
} // namespace medkg::ingest
")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
