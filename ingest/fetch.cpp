#include "ingest/fetch.hpp"

#include "ingest/cache.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include "ingest/curl_api.hpp"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

namespace medkg::ingest {

namespace {

using Clock = std::chrono::steady_clock;

// libcurl, loaded on first use (see curl_api.hpp).
const CurlApi& curl() { return curl_api(); }

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && util::ascii_lower(s.substr(0, prefix.size())) == prefix;
}

// One URL's transfer across its attempts.
struct Transfer {
    std::string url;
    CURL* easy = nullptr;
    curl_slist* headers = nullptr;
    std::string body;
    std::string etag;
    std::string last_modified;
    std::string content_type;
    std::string link;
    std::string retry_after;
    bool oversize = false;
    std::size_t max_bytes = 0;
    int attempts = 0;
    Clock::time_point not_before{};
    std::optional<CacheEntry> cached;
    bool done = false;
    std::optional<FetchResult> result;
    std::string error;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    if (t->body.size() + n > t->max_bytes) {
        t->oversize = true;
        return 0; // makes curl stop with a write error
    }
    t->body.append(data, n);
    return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    const std::string_view line(data, n);
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        const std::string key = util::ascii_lower(util::trim(line.substr(0, colon)));
        const std::string value(util::trim(line.substr(colon + 1)));
        if (key == "etag") {
            t->etag = value;
        } else if (key == "last-modified") {
            t->last_modified = value;
        } else if (key == "content-type") {
            t->content_type = value;
        } else if (key == "link") {
            t->link = value;
        } else if (key == "retry-after") {
            t->retry_after = value;
        }
    } else if (starts_with_ci(line, "http/")) {
        // A new response (after a redirect or 100-continue): forget the previous headers.
        t->etag.clear();
        t->last_modified.clear();
        t->content_type.clear();
        t->link.clear();
        t->retry_after.clear();
    }
    return n;
}

bool transient(CURLcode code) {
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return true;
    default:
        return false;
    }
}

} // namespace

std::string parse_link_next(const std::string& header) {
    // <url1>; rel="prev", <url2>; rel="next"
    std::size_t pos = 0;
    while (pos < header.size()) {
        const auto open = header.find('<', pos);
        if (open == std::string::npos) {
            break;
        }
        const auto close = header.find('>', open);
        if (close == std::string::npos) {
            break;
        }
        const auto next_item = header.find('<', close);
        const std::string params = header.substr(close + 1, next_item == std::string::npos
                                                                ? std::string::npos
                                                                : next_item - close - 1);
        if (params.find("rel=\"next\"") != std::string::npos ||
            params.find("rel=next") != std::string::npos) {
            return header.substr(open + 1, close - open - 1);
        }
        pos = close + 1;
    }
    return {};
}

struct Fetcher::Impl {
    FetchOptions options;
    HttpCache cache;
    FetchStats stats;
    CURLM* multi = nullptr;
    std::mt19937_64 random{std::random_device{}()};
    Clock::time_point last_start{};

    explicit Impl(FetchOptions o)
        : options(std::move(o)),
          cache(options.cache_dir.empty() ? HttpCache::default_directory() : options.cache_dir) {
        (void)curl(); // load libcurl now: a machine without it fails here, clearly
        multi = curl().multi_init();
        if (multi == nullptr) {
            throw Error("cannot initialise libcurl");
        }
    }
    ~Impl() { curl().multi_cleanup(multi); }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    void log(const std::string& line) const {
        if (options.log) {
            options.log(line);
        }
    }

    void start(Transfer& t) {
        t.body.clear();
        t.oversize = false;
        t.max_bytes = options.max_bytes;
        t.easy = curl().easy_init();
        if (t.easy == nullptr) {
            throw Error("cannot initialise a libcurl transfer");
        }
        CURL* e = t.easy;
        curl().easy_setopt(e, CURLOPT_URL, t.url.c_str());
        curl().easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
        curl().easy_setopt(e, CURLOPT_MAXREDIRS, options.max_redirects);
        curl().easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
        curl().easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        curl().easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
        curl().easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
        curl().easy_setopt(e, CURLOPT_USERAGENT, "medkg/" MEDKG_VERSION " (knowledge graph of medical LLMs)");
        curl().easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
        curl().easy_setopt(e, CURLOPT_TIMEOUT_MS, options.timeout_ms);
        curl().easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
        curl().easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
        curl().easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
        curl().easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
        curl().easy_setopt(e, CURLOPT_WRITEDATA, &t);
        curl().easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
        curl().easy_setopt(e, CURLOPT_HEADERDATA, &t);
        curl().easy_setopt(e, CURLOPT_PRIVATE, &t);
        t.headers = nullptr;
        if (t.cached) {
            if (!t.cached->etag.empty()) {
                t.headers = curl().slist_append(t.headers, ("If-None-Match: " + t.cached->etag).c_str());
            }
            if (!t.cached->last_modified.empty()) {
                t.headers = curl().slist_append(
                    t.headers, ("If-Modified-Since: " + t.cached->last_modified).c_str());
            }
        }
        if (!options.bearer_token.empty() && !options.token_prefix.empty() &&
            t.url.rfind(options.token_prefix, 0) == 0) {
            t.headers = curl().slist_append(
                t.headers, ("Authorization: Bearer " + options.bearer_token).c_str());
        }
        if (t.headers != nullptr) {
            curl().easy_setopt(e, CURLOPT_HTTPHEADER, t.headers);
        }
        ++t.attempts;
        ++stats.requests;
        last_start = Clock::now();
        curl().multi_add_handle(multi, e);
    }

    void finish_handle(Transfer& t) {
        curl().multi_remove_handle(multi, t.easy);
        curl().easy_cleanup(t.easy);
        t.easy = nullptr;
        curl().slist_free_all(t.headers);
        t.headers = nullptr;
    }

    long backoff_for(const Transfer& t) {
        long wait = options.backoff_ms;
        for (int i = 1; i < t.attempts && wait < options.max_backoff_ms; ++i) {
            wait *= 2;
        }
        // Jitter in [wait/2, wait]: many clients retrying together spread out.
        std::uniform_int_distribution<long> jitter(wait / 2, std::max(wait / 2, wait));
        wait = jitter(random);
        if (!t.retry_after.empty()) {
            long seconds = -1;
            if (t.retry_after.find_first_not_of("0123456789") == std::string::npos) {
                seconds = std::stol(t.retry_after);
            } else {
                const time_t when = curl().getdate(t.retry_after.c_str(), nullptr);
                if (when > 0) {
                    seconds = std::max<long>(0, static_cast<long>(when - std::time(nullptr)));
                }
            }
            if (seconds >= 0) {
                wait = std::max(wait, seconds * 1000);
            }
        }
        return std::min(wait, options.max_backoff_ms);
    }

    void complete(Transfer& t, CURLcode code) {
        long status = 0;
        curl().easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
        finish_handle(t);
        std::string reason;
        bool retry = false;
        if (code == CURLE_OK && status == 304 && t.cached) {
            ++stats.not_modified;
            FetchResult r;
            r.url = t.url;
            r.body = t.cached->body;
            r.content_type = t.cached->content_type;
            r.link_next = t.cached->link_next;
            r.from_cache = true;
            r.attempts = t.attempts;
            t.result = std::move(r);
            t.done = true;
            return;
        }
        if (code == CURLE_OK && status >= 200 && status < 300) {
            ++stats.bodies;
            FetchResult r;
            r.url = t.url;
            r.body = std::move(t.body);
            r.content_type = t.content_type;
            r.link_next = parse_link_next(t.link);
            r.attempts = t.attempts;
            if (options.use_cache) {
                // A cache that cannot be written costs a refetch later, not this answer.
                try {
                    cache.store(CacheEntry{t.url, t.etag, t.last_modified, r.content_type,
                                           r.link_next, r.body});
                } catch (const Error& e) {
                    log(std::string("not cached: ") + e.what());
                }
            }
            t.result = std::move(r);
            t.done = true;
            return;
        }
        if (code == CURLE_OK) {
            reason = "HTTP " + std::to_string(status);
            retry = status == 429 || (status >= 500 && status <= 599);
        } else if (t.oversize || code == CURLE_FILESIZE_EXCEEDED) {
            reason = "response larger than the limit of " + std::to_string(options.max_bytes) +
                     " bytes";
        } else if (code == CURLE_TOO_MANY_REDIRECTS) {
            reason = "more than " + std::to_string(options.max_redirects) +
                     " redirects (a redirect loop?)";
        } else {
            reason = curl().easy_strerror(code);
            if (code == CURLE_PARTIAL_FILE) {
                reason = "the response was truncated (" + reason + ")";
            }
            retry = transient(code);
        }
        if (retry && t.attempts <= options.max_retries) {
            const long wait = backoff_for(t);
            ++stats.retries;
            log("retrying " + t.url + " after " + reason + " (attempt " +
                std::to_string(t.attempts + 1) + " of " + std::to_string(options.max_retries + 1) +
                ", waiting " + std::to_string(wait) + " ms)");
            t.not_before = Clock::now() + std::chrono::milliseconds(wait);
            return;
        }
        t.error = "cannot fetch " + t.url + ": " + reason +
                  (t.attempts > 1 ? " (after " + std::to_string(t.attempts) + " attempts)" : "");
        t.done = true;
    }

    bool may_start_now() const {
        if (options.requests_per_second <= 0.0) {
            return true;
        }
        const auto gap = std::chrono::duration<double>(1.0 / options.requests_per_second);
        return Clock::now() - last_start >= gap;
    }

    std::vector<FetchResult> run(const std::vector<std::string>& urls) {
        std::vector<Transfer> transfers(urls.size());
        for (std::size_t i = 0; i < urls.size(); ++i) {
            Transfer& t = transfers[i];
            t.url = urls[i];
            if (options.use_cache || options.offline) {
                t.cached = cache.load(t.url);
                if (cache.corrupt()) {
                    ++stats.corrupt_entries;
                    log("cache entry for " + t.url + " was corrupt; discarded");
                }
            }
            if (options.offline) {
                t.done = true;
                if (t.cached) {
                    ++stats.cache_reads;
                    t.result = FetchResult{t.url, t.cached->body, t.cached->content_type,
                                           t.cached->link_next, true, 0};
                } else {
                    t.error = "offline: " + t.url +
                              " is not in the cache (run once without --offline)";
                }
            }
        }
        std::size_t active = 0;
        for (;;) {
            // Start what may start: concurrency bound, backoff deadlines, rate limit.
            const auto now = Clock::now();
            Clock::time_point next_due = Clock::time_point::max();
            bool pending = false;
            for (auto& t : transfers) {
                if (t.done || t.easy != nullptr) {
                    continue;
                }
                pending = true;
                if (t.not_before > now) {
                    next_due = std::min(next_due, t.not_before);
                    continue;
                }
                if (active >= options.max_concurrency || !may_start_now()) {
                    continue;
                }
                start(t);
                ++active;
            }
            if (active == 0 && !pending) {
                break;
            }
            int running = 0;
            curl().multi_perform(multi, &running);
            int queued = 0;
            while (CURLMsg* msg = curl().multi_info_read(multi, &queued)) {
                if (msg->msg != CURLMSG_DONE) {
                    continue;
                }
                void* priv = nullptr;
                curl().easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
                auto* t = static_cast<Transfer*>(priv);
                const CURLcode code = msg->data.result;
                --active;
                complete(*t, code);
            }
            if (active > 0) {
                curl().multi_poll(multi, nullptr, 0, 50, nullptr);
            } else if (next_due != Clock::time_point::max() || pending) {
                const auto wait = next_due == Clock::time_point::max()
                                      ? std::chrono::milliseconds(10)
                                      : std::chrono::duration_cast<std::chrono::milliseconds>(
                                            next_due - Clock::now());
                if (wait.count() > 0) {
                    std::this_thread::sleep_for(std::min(wait, std::chrono::milliseconds(200)));
                }
            }
        }
        std::vector<FetchResult> results;
        results.reserve(transfers.size());
        for (auto& t : transfers) {
            if (!t.error.empty()) {
                throw Error(t.error);
            }
            results.push_back(std::move(*t.result));
        }
        return results;
    }
};

Fetcher::Fetcher(FetchOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {}
Fetcher::~Fetcher() = default;

FetchResult Fetcher::get(const std::string& url) { return std::move(m_impl->run({url}).front()); }

std::vector<FetchResult> Fetcher::get_all(const std::vector<std::string>& urls) {
    return m_impl->run(urls);
}

const FetchStats& Fetcher::stats() const { return m_impl->stats; }
const FetchOptions& Fetcher::options() const { return m_impl->options; }

} // namespace medkg::ingest
