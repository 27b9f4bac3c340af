#pragma once

#include <curl/curl.h>

namespace medkg::ingest {

/// The libcurl functions medkg calls, loaded from the shared library the first time a remote
/// source is fetched. Linking libcurl made every process map some thirty libraries it pulls in
/// (about 5 ms of each whole-process query, most of its startup); commands that never fetch now
/// never load it. The header gives the types and constants, as it would when linking.
struct CurlApi {
    CURLcode (*global_init)(long flags);
    CURL* (*easy_init)();
    void (*easy_cleanup)(CURL*);
    CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
    const char* (*easy_strerror)(CURLcode);
    CURLM* (*multi_init)();
    CURLMcode (*multi_cleanup)(CURLM*);
    CURLMcode (*multi_add_handle)(CURLM*, CURL*);
    CURLMcode (*multi_remove_handle)(CURLM*, CURL*);
    CURLMcode (*multi_perform)(CURLM*, int*);
    CURLMcode (*multi_poll)(CURLM*, curl_waitfd*, unsigned int, int, int*);
    CURLMsg* (*multi_info_read)(CURLM*, int*);
    curl_slist* (*slist_append)(curl_slist*, const char*);
    void (*slist_free_all)(curl_slist*);
    time_t (*getdate)(const char*, const time_t*);
};

/// libcurl, loaded and globally initialised once (thread-safe). Throws medkg::Error naming the
/// library when it cannot be loaded or lacks a function (libcurl older than 7.66).
[[nodiscard]] const CurlApi& curl_api();

} // namespace medkg::ingest
