#pragma once

#include <optional>
#include <string>

namespace medkg::ingest {

/// A cached HTTP response body with what is needed to revalidate it.
struct CacheEntry {
    std::string url;
    std::string etag;
    std::string last_modified;
    std::string content_type;
    std::string link_next; ///< the response's `Link: <...>; rel="next"`, for paginated listings
    std::string body;
};

/// An on-disk cache of HTTP responses, one file per URL named by a digest of the URL (no path is
/// ever built from the URL itself). Entries are written atomically and carry the URL, the body
/// length and a checksum; an entry that fails any check is treated as absent and removed, never
/// trusted. Request headers (and so tokens) are never stored.
class HttpCache {
public:
    /// A cache in `directory` (created on first store).
    explicit HttpCache(std::string directory);

    /// The default directory: `$XDG_CACHE_HOME/medkg`, else `$HOME/.cache/medkg`.
    [[nodiscard]] static std::string default_directory();

    /// The entry for `url`, or nullopt when absent or corrupt (a corrupt file is removed, and
    /// `corrupt()` says so afterwards).
    [[nodiscard]] std::optional<CacheEntry> load(const std::string& url);

    /// Stores `entry` atomically. Throws medkg::Error when the directory cannot be written.
    void store(const CacheEntry& entry);

    /// The file that holds (or would hold) `url`'s entry.
    [[nodiscard]] std::string path_for(const std::string& url) const;

    /// True when the last load found a corrupt entry.
    [[nodiscard]] bool corrupt() const { return m_corrupt; }

    [[nodiscard]] const std::string& directory() const { return m_directory; }

private:
    std::string m_directory;
    bool m_corrupt = false;
};

} // namespace medkg::ingest
