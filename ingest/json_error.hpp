#pragma once

#include <rapidjson/error/en.h>

#include <cctype>
#include <string>

namespace medkg::ingest {

/// RapidJSON's message for `code` in the house style: lower-case, without the final period.
inline std::string json_error_text(rapidjson::ParseErrorCode code) {
    std::string message = rapidjson::GetParseError_En(code);
    if (!message.empty() && message.back() == '.') {
        message.pop_back();
    }
    if (!message.empty()) {
        message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    }
    return message;
}

} // namespace medkg::ingest
