#include "ingest/cache.hpp"

#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/hash.hpp"
#include "util/text.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <ostream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace medkg::ingest {

namespace {

constexpr std::string_view k_magic = "medkg-cache 1";

void make_directories(const std::string& path) {
    std::string partial;
    for (std::size_t i = 0; i <= path.size(); ++i) {
        if (i == path.size() || (path[i] == '/' && i > 0)) {
            partial = path.substr(0, i);
            if (::mkdir(partial.c_str(), 0755) != 0 && errno != EEXIST) {
                throw Error("cannot create cache directory \"" + partial +
                            "\": " + std::strerror(errno));
            }
        }
    }
}

// Header values are single lines; anything else would break the format.
std::string one_line(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return out;
}

} // namespace

HttpCache::HttpCache(std::string directory) : m_directory(std::move(directory)) {}

std::string HttpCache::default_directory() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/') {
        return std::string(xdg) + "/medkg";
    }
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        return std::string(home) + "/.cache/medkg";
    }
    return "/tmp/medkg-cache";
}

std::string HttpCache::path_for(const std::string& url) const {
    return m_directory + "/" + util::digest_hex(url) + ".entry";
}

std::optional<CacheEntry> HttpCache::load(const std::string& url) {
    m_corrupt = false;
    const std::string path = path_for(url);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string data = std::move(buffer).str();
    // Header: magic, then "key: value" lines, a blank line, then the body.
    CacheEntry entry;
    std::size_t length = std::string::npos;
    std::string checksum;
    std::size_t pos = 0;
    bool header_ok = false;
    bool first = true;
    while (pos < data.size()) {
        const auto end = data.find('\n', pos);
        if (end == std::string::npos) {
            break;
        }
        const std::string_view line(data.data() + pos, end - pos);
        pos = end + 1;
        if (first) {
            if (line != k_magic) {
                break;
            }
            first = false;
            continue;
        }
        if (line.empty()) {
            header_ok = true;
            break;
        }
        const auto colon = line.find(": ");
        if (colon == std::string_view::npos) {
            break;
        }
        const std::string_view key = line.substr(0, colon);
        const std::string value(line.substr(colon + 2));
        if (key == "url") {
            entry.url = value;
        } else if (key == "etag") {
            entry.etag = value;
        } else if (key == "last-modified") {
            entry.last_modified = value;
        } else if (key == "content-type") {
            entry.content_type = value;
        } else if (key == "link-next") {
            entry.link_next = value;
        } else if (key == "length") {
            length = value.find_first_not_of("0123456789") == std::string::npos && !value.empty()
                         ? std::stoull(value)
                         : std::string::npos;
        } else if (key == "checksum") {
            checksum = value;
        }
    }
    if (header_ok && entry.url == url && length != std::string::npos &&
        data.size() - pos == length) {
        entry.body = data.substr(pos);
        if (util::digest_hex(entry.body) == checksum) {
            return entry;
        }
    }
    // Corrupt, truncated, or another URL's entry: never trust it.
    m_corrupt = true;
    ::unlink(path.c_str());
    return std::nullopt;
}

void HttpCache::store(const CacheEntry& entry) {
    make_directories(m_directory);
    util::write_file_atomically(path_for(entry.url), [&](std::ostream& out) {
        out << k_magic << '\n'
            << "url: " << one_line(entry.url) << '\n'
            << "etag: " << one_line(entry.etag) << '\n'
            << "last-modified: " << one_line(entry.last_modified) << '\n'
            << "content-type: " << one_line(entry.content_type) << '\n'
            << "link-next: " << one_line(entry.link_next) << '\n'
            << "length: " << entry.body.size() << '\n'
            << "checksum: " << util::digest_hex(entry.body) << '\n'
            << '\n'
            << entry.body;
    });
}

} // namespace medkg::ingest
