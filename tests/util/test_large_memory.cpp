#include "util/large_memory.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <numeric>
#include <string>
#include <sys/mman.h>
#include <unordered_map>
#include <vector>

using medkg::util::allocate_large;
using medkg::util::free_large;
using medkg::util::k_huge_page;
using medkg::util::k_large_allocation;
using medkg::util::LargeAllocator;
using medkg::util::LargeVector;
using medkg::util::release;

namespace {

// The mapping that holds `p`, as /proc/self/smaps lists it: its header line and its fields
// (THPeligible among them). Empty when no mapping holds it.
std::string smaps_entry(const void* p) {
    const auto at = reinterpret_cast<std::uintptr_t>(p);
    std::ifstream in("/proc/self/smaps");
    std::string line;
    std::string entry;
    bool inside = false;
    while (std::getline(in, line)) {
        const auto dash = line.find('-');
        const auto space = line.find(' ');
        const bool header = dash != std::string::npos && space != std::string::npos &&
                            dash < space && line.find(':') > space;
        if (header) {
            if (inside) {
                return entry;
            }
            const auto begin = std::stoull(line.substr(0, dash), nullptr, 16);
            const auto end = std::stoull(line.substr(dash + 1, space - dash - 1), nullptr, 16);
            inside = begin <= at && at < end;
            entry = line + "\n";
        } else if (inside) {
            entry += line + "\n";
        }
    }
    return inside ? entry : std::string();
}

} // namespace

TEST_CASE("util::allocate_large", "[util]") {
    SECTION("aligned to a huge page, zero-filled, writable to its rounded-up end") {
        for (const std::size_t bytes : {std::size_t{1}, k_large_allocation, k_huge_page,
                                        k_huge_page + 1, 5 * k_huge_page - 3}) {
            auto* p = static_cast<unsigned char*>(allocate_large(bytes));
            REQUIRE(p != nullptr);
            CHECK(reinterpret_cast<std::uintptr_t>(p) % k_huge_page == 0);
            const std::size_t rounded = (bytes + k_huge_page - 1) / k_huge_page * k_huge_page;
            std::size_t nonzero = 0;
            for (std::size_t i = 0; i < rounded; i += 4096) {
                nonzero += p[i] != 0 ? 1 : 0;
            }
            CHECK(nonzero == 0);
            p[rounded - 1] = 7; // the rounded-up tail is the allocation's
            CHECK(p[rounded - 1] == 7);
            free_large(p, bytes);
        }
    }
    SECTION("the mapping is advised for huge pages") {
        void* p = allocate_large(3 * k_huge_page);
        const std::string entry = smaps_entry(p);
        REQUIRE_FALSE(entry.empty());
        // VmFlags lists "hg" for MADV_HUGEPAGE (man 5 proc).
        const auto flags = entry.find("VmFlags:");
        REQUIRE(flags != std::string::npos);
        CHECK(entry.find(" hg", flags) != std::string::npos);
        free_large(p, 3 * k_huge_page);
        CHECK(smaps_entry(p).empty()); // given back whole
    }
    SECTION("a size that cannot be had is bad_alloc, not a crash") {
        CHECK_THROWS_AS(allocate_large(0), std::bad_alloc);
        CHECK_THROWS_AS(allocate_large(SIZE_MAX - 1), std::bad_alloc);
    }
}

TEST_CASE("util::LargeVector", "[util]") {
    SECTION("small buffers come from operator new, large ones from allocate_large") {
        LargeAllocator<std::uint32_t> alloc;
        std::uint32_t* small = alloc.allocate(16);
        std::uint32_t* large = alloc.allocate(k_large_allocation / sizeof(std::uint32_t));
        CHECK(reinterpret_cast<std::uintptr_t>(large) % k_huge_page == 0);
        CHECK(smaps_entry(large).find(" hg") != std::string::npos);
        CHECK(smaps_entry(small).find(" hg") == std::string::npos);
        alloc.deallocate(small, 16);
        alloc.deallocate(large, k_large_allocation / sizeof(std::uint32_t));
    }
    SECTION("growing across the threshold keeps every element") {
        LargeVector<std::uint64_t> v;
        const std::size_t n = 3 * k_large_allocation / sizeof(std::uint64_t) + 11;
        for (std::size_t i = 0; i < n; ++i) {
            v.push_back(i * 3);
        }
        REQUIRE(v.size() == n);
        std::uint64_t expected = 0;
        for (std::size_t i = 0; i < n; ++i) {
            expected += i * 3;
        }
        CHECK(std::accumulate(v.begin(), v.end(), std::uint64_t{0}) == expected);
        v.resize(5);
        v.shrink_to_fit(); // back below the threshold: freed by the path that allocated it
        CHECK(v.size() == 5);
        CHECK(v[4] == 12);
        LargeVector<std::uint64_t> copy = v;
        CHECK(copy == v);
    }
}

TEST_CASE("util::release frees what assigning {} keeps", "[util]") {
    // The streaming builder "freed" its lookup tables with `v = {}` before building the index,
    // which assigns an empty initializer list and keeps the memory: 44 MB of a 1M build.
    LargeVector<std::uint64_t> kept(k_large_allocation);
    kept = {};
    CHECK(kept.empty());
    CHECK(kept.capacity() == k_large_allocation); // why release() exists
    LargeVector<std::uint64_t> v(k_large_allocation, 7);
    const std::uint64_t* mapped = v.data();
    REQUIRE(!smaps_entry(mapped).empty());
    release(v);
    CHECK(v.empty());
    CHECK(v.capacity() == 0);
    CHECK(smaps_entry(mapped).empty()); // unmapped, not merely emptied
    std::unordered_map<int, int> m{{1, 2}, {3, 4}};
    release(m);
    CHECK(m.empty());
}

TEST_CASE("util::ZeroPages", "[util]") {
    using medkg::util::ZeroPages;
    // How many of the 4 KiB pages of [p, p + bytes) are resident (mincore): a mapping's own
    // count, where smaps would count the neighbours the kernel merged it with.
    const auto resident_pages = [](const void* p, std::size_t bytes) {
        std::vector<unsigned char> pages((bytes + 4095) / 4096);
        REQUIRE(::mincore(const_cast<void*>(p), bytes, pages.data()) == 0);
        std::size_t n = 0;
        for (const auto page : pages) {
            n += page & 1U;
        }
        return n;
    };
    SECTION("zeros, writable, and only the pages touched are resident") {
        constexpr std::size_t words = 64 * 4096 / sizeof(std::uint64_t); // 64 pages
        ZeroPages<std::uint64_t> bits(words);
        REQUIRE(bits.size() == words);
        CHECK(resident_pages(bits.data(), words * 8) == 0);
        bits[7] = 0xFFFF;
        bits[words - 1] = 1;
        CHECK(bits[7] == 0xFFFF);
        CHECK(bits[words / 2] == 0); // a read of an untouched page
        // The two pages written, and perhaps the one read (mapped to the shared zero page).
        CHECK(resident_pages(bits.data(), words * 8) >= 2);
        CHECK(resident_pages(bits.data(), words * 8) <= 3);
        std::uint64_t sum = 0;
        for (std::size_t i = 0; i < words; ++i) {
            sum += bits[i];
        }
        CHECK(sum == 0xFFFF + 1);
    }
    SECTION("moves hand the pages over; empty when made empty") {
        ZeroPages<std::uint32_t> a(1000);
        a[999] = 42;
        ZeroPages<std::uint32_t> b(std::move(a));
        CHECK(a.data() == nullptr); // NOLINT(bugprone-use-after-move): checking the move
        CHECK(a.size() == 0);
        CHECK(b[999] == 42);
        ZeroPages<std::uint32_t> c;
        CHECK(c.data() == nullptr);
        c = std::move(b);
        CHECK(c.size() == 1000);
        CHECK(c[999] == 42);
    }
}
