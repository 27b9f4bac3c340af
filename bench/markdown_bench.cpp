// Times the markdown list reader: each file read N times (median), optionally the whole graph
// build from it, and for the largest file the reading speed on growing prefixes, to show that the
// reader is linear. Prints a Markdown table. Run by bench/run_markdown.sh.
//
//   markdown_bench [--runs N] [--build] FILE...
#include "ingest/markdown/reader.hpp"
#include "ingest/source.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

struct Timing {
    double seconds = 0.0;
    std::size_t entries = 0;
    std::size_t facts = 0;
};

Timing time_read(const std::string& text, int runs) {
    std::vector<double> samples;
    Timing t;
    for (int r = 0; r < runs; ++r) {
        const auto start = Clock::now();
        const auto batch = medkg::ingest::read_markdown_list(text, "bench.md");
        samples.push_back(std::chrono::duration<double>(Clock::now() - start).count());
        t.entries = batch.records_seen;
        t.facts = batch.nodes.size() + batch.aliases.size() + batch.attributes.size() +
                  batch.edges.size();
    }
    t.seconds = median(samples);
    return t;
}

double time_build(const std::string& path, int runs) {
    std::vector<double> samples;
    for (int r = 0; r < runs; ++r) {
        const auto start = Clock::now();
        const auto loaded = medkg::ingest::load_sources({path});
        samples.push_back(std::chrono::duration<double>(Clock::now() - start).count());
        if (loaded.graph.node_count() == 0) {
            std::fprintf(stderr, "markdown_bench: %s built an empty graph\n", path.c_str());
        }
    }
    return median(samples);
}

std::string base_name(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

} // namespace

int main(int argc, char** argv) {
    int runs = 5;
    bool build = false;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc) {
            runs = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--build") {
            build = true;
        } else {
            files.push_back(a);
        }
    }
    if (files.empty()) {
        std::fprintf(stderr, "usage: markdown_bench [--runs N] [--build] FILE...\n");
        return 2;
    }
    std::printf("| file | bytes | entries | facts | read (ms, median of %d) | MB/s |%s\n", runs,
                build ? " read + build graph (ms) |" : "");
    std::printf("|---|---:|---:|---:|---:|---:|%s\n", build ? "---:|" : "");
    std::string largest;
    std::string largest_text;
    for (const auto& f : files) {
        const std::string text = medkg::util::read_file(f);
        const Timing t = time_read(text, runs);
        std::printf("| %s | %zu | %zu | %zu | %.2f | %.1f |", base_name(f).c_str(), text.size(),
                    t.entries, t.facts, t.seconds * 1000.0,
                    static_cast<double>(text.size()) / t.seconds / 1e6);
        if (build) {
            std::printf(" %.2f |", time_build(f, runs) * 1000.0);
        }
        std::printf("\n");
        if (text.size() > largest_text.size()) {
            largest = f;
            largest_text = text;
        }
    }
    // Linearity: the same bytes cut at line boundaries.
    std::printf("\nReading prefixes of %s (linear time means constant MB/s):\n\n",
                base_name(largest).c_str());
    std::printf("| prefix | bytes | entries | read (ms) | MB/s |\n|---|---:|---:|---:|---:|\n");
    for (const double fraction : {0.125, 0.25, 0.5, 1.0}) {
        std::size_t cut =
            static_cast<std::size_t>(static_cast<double>(largest_text.size()) * fraction);
        cut = std::min(largest_text.size(), largest_text.find('\n', cut) == std::string::npos
                                                ? largest_text.size()
                                                : largest_text.find('\n', cut) + 1);
        const std::string prefix = largest_text.substr(0, cut);
        const Timing t = time_read(prefix, std::max(1, runs / 2));
        std::printf("| %.3f | %zu | %zu | %.1f | %.1f |\n", fraction, prefix.size(), t.entries,
                    t.seconds * 1000.0, static_cast<double>(prefix.size()) / t.seconds / 1e6);
    }
    return 0;
}
