#include "ingest/curl_api.hpp"

#include "util/error.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <string>
#include <type_traits>
#include <vector>

namespace medkg::ingest {

namespace {

CurlApi load() {
    // $MEDKG_LIBCURL when set (a library elsewhere); else the runtime names of libcurl 4
    // (Debian's libcurl4 and libcurl3-gnutls), then the development link, in that order.
    std::vector<std::string> names{"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"};
    const char* chosen = std::getenv("MEDKG_LIBCURL");
    const bool by_user = chosen != nullptr && *chosen != '\0';
    if (by_user) {
        names = {chosen};
    }
    void* lib = nullptr;
    std::string why;
    for (const auto& name : names) {
        lib = ::dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (lib != nullptr) {
            break;
        }
        const char* err = ::dlerror();
        why = err != nullptr ? err : name;
    }
    if (lib == nullptr) {
        throw Error("remote sources need libcurl, which could not be loaded (" + why + "); " +
                    (by_user ? "check MEDKG_LIBCURL, or unset it to use the system's"
                             : "install libcurl4 (apt-get install libcurl4)"));
    }
    const auto get = [lib](auto& fn, const char* symbol) {
        void* p = ::dlsym(lib, symbol);
        if (p == nullptr) {
            throw Error(std::string("libcurl lacks ") + symbol +
                        " (remote sources need libcurl 7.66 or newer)");
        }
        fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(p);
    };
    CurlApi api{};
    get(api.global_init, "curl_global_init");
    get(api.easy_init, "curl_easy_init");
    get(api.easy_cleanup, "curl_easy_cleanup");
    get(api.easy_setopt, "curl_easy_setopt");
    get(api.easy_getinfo, "curl_easy_getinfo");
    get(api.easy_strerror, "curl_easy_strerror");
    get(api.multi_init, "curl_multi_init");
    get(api.multi_cleanup, "curl_multi_cleanup");
    get(api.multi_add_handle, "curl_multi_add_handle");
    get(api.multi_remove_handle, "curl_multi_remove_handle");
    get(api.multi_perform, "curl_multi_perform");
    get(api.multi_poll, "curl_multi_poll");
    get(api.multi_info_read, "curl_multi_info_read");
    get(api.slist_append, "curl_slist_append");
    get(api.slist_free_all, "curl_slist_free_all");
    get(api.getdate, "curl_getdate");
    if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        throw Error("libcurl failed to initialise");
    }
    return api; // the library stays loaded for the life of the process
}

} // namespace

const CurlApi& curl_api() {
    static const CurlApi api = load(); // a throw leaves it unset: the next call tries again
    return api;
}

} // namespace medkg::ingest
