#include "util/large_memory.hpp"

#include <cstdint>
#include <sys/mman.h>

namespace medkg::util {

namespace {
std::size_t round_up(std::size_t bytes) {
    return (bytes + k_huge_page - 1) & ~(k_huge_page - 1);
}
} // namespace

void* allocate_large(std::size_t bytes) {
    if (bytes == 0 || bytes > SIZE_MAX - 2 * k_huge_page) {
        throw std::bad_alloc();
    }
    const std::size_t size = round_up(bytes);
    // Over-reserve by one huge page, then cut the mapping to an aligned span: a huge page can
    // only back a 2 MiB range that is 2 MiB aligned.
    const std::size_t span = size + k_huge_page;
    void* area = ::mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (area == MAP_FAILED) {
        throw std::bad_alloc();
    }
    const auto start = reinterpret_cast<std::uintptr_t>(area);
    const std::uintptr_t aligned = (start + k_huge_page - 1) & ~(k_huge_page - 1);
    if (aligned > start) {
        ::munmap(area, aligned - start);
    }
    const std::uintptr_t tail = start + span - (aligned + size);
    if (tail > 0) {
        ::munmap(reinterpret_cast<void*>(aligned + size), tail);
    }
    auto* p = reinterpret_cast<void*>(aligned);
    // Advice only: where THP is off or unsupported the memory is ordinary, and nothing fails.
    ::madvise(p, size, MADV_HUGEPAGE);
    return p;
}

void free_large(void* p, std::size_t bytes) noexcept {
    if (p != nullptr) {
        ::munmap(p, round_up(bytes));
    }
}

void* allocate_zero_pages(std::size_t bytes) {
    if (bytes == 0) {
        throw std::bad_alloc();
    }
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        throw std::bad_alloc();
    }
    return p;
}

void free_zero_pages(void* p, std::size_t bytes) noexcept {
    if (p != nullptr) {
        ::munmap(p, bytes);
    }
}

} // namespace medkg::util
