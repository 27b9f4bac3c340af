#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace medkg::ingest {

/// How remote sources are fetched.
struct FetchOptions {
    std::string cache_dir;              ///< empty: HttpCache::default_directory()
    bool use_cache = true;
    bool offline = false;               ///< only the cache; a miss is an error
    long connect_timeout_ms = 10'000;
    long timeout_ms = 120'000;          ///< whole transfer
    int max_retries = 4;                ///< on 429, 5xx and transient network errors
    long backoff_ms = 500;              ///< first wait; doubles per retry, with jitter
    long max_backoff_ms = 30'000;       ///< also caps Retry-After
    std::size_t max_bytes = 512u << 20; ///< larger responses are refused
    long max_redirects = 5;
    std::size_t max_concurrency = 4;
    double requests_per_second = 0.0;   ///< 0: no rate limit
    std::string bearer_token;           ///< sent only to URLs under token_prefix; never logged
    std::string token_prefix;
    /// Receives one line per retry and revalidation (for stderr); may be empty.
    std::function<void(const std::string&)> log;
};

/// One fetched body.
struct FetchResult {
    std::string url;
    std::string body;
    std::string content_type;
    std::string link_next;   ///< `Link: <...>; rel="next"` of the response
    bool from_cache = false; ///< served from the cache (offline, or revalidated with 304)
    int attempts = 0;        ///< requests made for it (0 when offline)
};

/// What a Fetcher did, for tests and reports.
struct FetchStats {
    std::size_t requests = 0;      ///< HTTP requests sent
    std::size_t bodies = 0;        ///< 200 responses whose body was downloaded
    std::size_t not_modified = 0;  ///< 304 revalidations
    std::size_t retries = 0;
    std::size_t cache_reads = 0;   ///< offline answers from the cache
    std::size_t corrupt_entries = 0;
};

/// Fetches URLs with libcurl: TLS verification on, a User-Agent with medkg's version, connect
/// and total timeouts, a bounded number of redirects, a maximum size, retries with exponential
/// backoff and jitter on 429/5xx honouring Retry-After, ETag/Last-Modified revalidation against
/// the on-disk cache, bounded concurrency (curl multi) and an optional rate limit.
class Fetcher {
public:
    explicit Fetcher(FetchOptions options);
    ~Fetcher();
    Fetcher(const Fetcher&) = delete;
    Fetcher& operator=(const Fetcher&) = delete;

    /// Fetches one URL. Throws medkg::Error naming the URL and the reason on failure.
    FetchResult get(const std::string& url);

    /// Fetches several URLs concurrently; results in the order of `urls`. Throws the first
    /// failure (in `urls` order) after every transfer has ended.
    std::vector<FetchResult> get_all(const std::vector<std::string>& urls);

    [[nodiscard]] const FetchStats& stats() const;
    [[nodiscard]] const FetchOptions& options() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// The `rel="next"` target of a Link header value, or empty.
[[nodiscard]] std::string parse_link_next(const std::string& link_header);

} // namespace medkg::ingest
