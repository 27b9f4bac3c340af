// bare_parse: the parse-limit baseline for `medkg build`.
//
//   bare_parse [--mode dom|dom-reuse|insitu|sax|line|all] [--validate-encoding] FILE.jsonl
//
// Reads FILE in large blocks (never the whole file at once), splits it into lines and parses every
// non-empty line with RapidJSON, single-threaded, doing nothing else with the result. Prints one
// line per mode:  mode=dom lines=N bytes=B seconds=S mb_per_s=R errors=E peak_rss_kib=K
//
// Modes:
//   dom        rapidjson::Document::Parse(line, length), one Document whose pool allocator is
//              cleared before every line (no malloc per line). The "bare parse" the benchmark reports.
//   dom-reuse  one rapidjson::Document reused for every line, the way a plain loop would do it.
//              RapidJSON 1.1 never frees a Document's pool between Parse calls, so its memory grows
//              with the input; compare peak_rss_kib with `dom`.
//   insitu     Document::ParseInsitu on the line in the read buffer (strings not copied).
//   sax        rapidjson::Reader into a handler that ignores every event.
//   line       rapidjson::Reader in situ through medkg's LineStream (ingest/line_stream.hpp), the
//              stream `medkg build` parses Hub dumps with, into the same handler: the parse
//              limit of the build itself, where the other modes are RapidJSON as shipped.
//   all        dom, insitu, sax and line one after the other (dom-reuse only when asked for).
// --validate-encoding adds kParseValidateEncodingFlag (what medkg's Hub reader uses).

#include "ingest/line_stream.hpp"

#include <rapidjson/document.h>
#include <rapidjson/reader.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::size_t k_block = std::size_t{8} << 20; // 8 MiB reads
constexpr std::size_t k_pad = 16; // readable bytes kept after the data (LineStream's scan)

struct Counts {
    std::size_t lines = 0;
    std::size_t bytes = 0;
    std::size_t errors = 0;
    std::size_t checksum = 0; // members seen, so the parse cannot be optimised away
};

/// Calls `on_line(char* begin, std::size_t length)` for every non-empty line of `path`; the line
/// is writable and followed by a writable byte (its '\n', or one spare byte at end of file), and
/// then by at least k_pad more bytes of the buffer.
template <typename OnLine>
bool for_each_line(const char* path, Counts& counts, OnLine&& on_line) {
    std::FILE* f = std::fopen(path, "rb");
    if (f == nullptr) {
        std::perror(path);
        return false;
    }
    std::vector<char> buf(k_block + 1 + k_pad);
    std::size_t have = 0; // bytes in buf not yet consumed (a partial line at the front)
    bool eof = false;
    while (!eof || have > 0) {
        if (!eof) {
            if (have == buf.size() - 1 - k_pad) { // one line longer than the buffer: grow it
                buf.resize(buf.size() * 2);
            }
            const std::size_t want = buf.size() - 1 - k_pad - have;
            const std::size_t got = std::fread(buf.data() + have, 1, want, f);
            counts.bytes += got;
            have += got;
            if (got < want) {
                if (std::ferror(f) != 0) {
                    std::perror(path);
                    std::fclose(f);
                    return false;
                }
                eof = true;
            }
        }
        char* p = buf.data();
        char* const end = buf.data() + have;
        for (;;) {
            char* nl = static_cast<char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
            if (nl == nullptr) {
                if (eof && p < end) { // last line without '\n'
                    *end = '\0';
                    on_line(p, static_cast<std::size_t>(end - p));
                    ++counts.lines;
                    p = end;
                }
                break;
            }
            std::size_t len = static_cast<std::size_t>(nl - p);
            if (len > 0 && p[len - 1] == '\r') {
                --len;
            }
            if (len > 0) {
                on_line(p, len);
                ++counts.lines;
            }
            p = nl + 1;
        }
        have = static_cast<std::size_t>(end - p);
        std::memmove(buf.data(), p, have);
        if (eof && have == 0) {
            break;
        }
    }
    std::fclose(f);
    return true;
}

struct NullHandler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, NullHandler> {
    std::size_t keys = 0;
    bool Key(const char*, rapidjson::SizeType, bool) {
        ++keys;
        return true;
    }
};

template <unsigned Flags>
bool run_mode(const std::string& mode, const char* path, Counts& c) {
    if (mode == "dom") {
        // One Document on a pool allocator of our own, cleared before every line (a pool never
        // frees; SetNull first so the Document holds nothing in the memory being cleared).
        std::vector<char> value_buffer(256 * 1024);
        rapidjson::MemoryPoolAllocator<> values(value_buffer.data(), value_buffer.size());
        rapidjson::Document doc(&values);
        return for_each_line(path, c, [&](char* s, std::size_t n) {
            doc.SetNull();
            values.Clear();
            doc.Parse<Flags>(s, n);
            if (doc.HasParseError() || !doc.IsObject()) {
                ++c.errors;
            } else {
                c.checksum += doc.MemberCount();
            }
        });
    }
    if (mode == "dom-reuse") {
        rapidjson::Document doc;
        return for_each_line(path, c, [&](char* s, std::size_t n) {
            doc.Parse<Flags>(s, n);
            if (doc.HasParseError() || !doc.IsObject()) {
                ++c.errors;
            } else {
                c.checksum += doc.MemberCount();
            }
        });
    }
    if (mode == "insitu") {
        std::vector<char> value_buffer(256 * 1024);
        rapidjson::MemoryPoolAllocator<> values(value_buffer.data(), value_buffer.size());
        rapidjson::Document doc(&values);
        return for_each_line(path, c, [&](char* s, std::size_t n) {
            s[n] = '\0';
            doc.SetNull();
            values.Clear();
            doc.ParseInsitu<Flags>(s);
            if (doc.HasParseError() || !doc.IsObject()) {
                ++c.errors;
            } else {
                c.checksum += doc.MemberCount();
            }
        });
    }
    if (mode == "sax") {
        rapidjson::Reader reader;
        NullHandler handler;
        bool ok = for_each_line(path, c, [&](char* s, std::size_t n) {
            rapidjson::MemoryStream ms(s, n);
            if (reader.Parse<Flags>(ms, handler).IsError()) {
                ++c.errors;
            }
        });
        c.checksum = handler.keys;
        return ok;
    }
    if (mode == "line") {
        rapidjson::Reader reader;
        NullHandler handler;
        bool ok = for_each_line(path, c, [&](char* s, std::size_t) {
            medkg::ingest::LineStream stream(s);
            constexpr unsigned k_line_flags = Flags | rapidjson::kParseInsituFlag | rapidjson::kParseStopWhenDoneFlag;
            if (reader.Parse<k_line_flags>(stream, handler).IsError()) {
                ++c.errors;
            }
        });
        c.checksum = handler.keys;
        return ok;
    }
    std::fprintf(stderr, "bare_parse: unknown mode '%s'\n", mode.c_str());
    return false;
}

long peak_rss_kib() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

int usage() {
    std::fprintf(stderr,
                 "usage: bare_parse [--mode dom|dom-reuse|insitu|sax|line|all] [--validate-encoding] "
                 "FILE.jsonl\n");
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    std::string mode = "dom";
    bool validate = false;
    const char* path = nullptr;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--mode" && i + 1 < argc) {
            mode = argv[++i];
        } else if (a.starts_with("--mode=")) {
            mode = std::string(a.substr(7));
        } else if (a == "--validate-encoding") {
            validate = true;
        } else if (a == "-h" || a == "--help") {
            usage();
            return 0;
        } else if (!a.starts_with("-") && path == nullptr) {
            path = argv[i];
        } else {
            return usage();
        }
    }
    if (path == nullptr) {
        return usage();
    }
    std::vector<std::string> modes;
    if (mode == "all") {
        modes = {"dom", "insitu", "sax", "line"};
    } else {
        modes = {mode};
    }
    for (const auto& m : modes) {
        Counts c;
        const auto t0 = std::chrono::steady_clock::now();
        const bool ok = validate ? run_mode<rapidjson::kParseValidateEncodingFlag>(m, path, c)
                                 : run_mode<rapidjson::kParseDefaultFlags>(m, path, c);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!ok) {
            return 1;
        }
        std::printf("mode=%s%s lines=%zu bytes=%zu seconds=%.3f mb_per_s=%.1f errors=%zu "
                    "checksum=%zu peak_rss_kib=%ld\n",
                    m.c_str(), validate ? "+validate" : "", c.lines, c.bytes, s,
                    s > 0 ? static_cast<double>(c.bytes) / 1e6 / s : 0.0, c.errors, c.checksum,
                    peak_rss_kib());
        std::fflush(stdout);
    }
    return 0;
}
