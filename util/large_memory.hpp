#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace medkg::util {

/// Allocations of at least this many bytes are large (see allocate_large).
inline constexpr std::size_t k_large_allocation = std::size_t{1} << 20;

/// The unit large allocations are aligned to and rounded up to: a transparent huge page.
inline constexpr std::size_t k_huge_page = std::size_t{2} << 20;

/// Memory for `bytes` (> 0) bytes, zero-filled, aligned to a huge page and rounded up to whole
/// huge pages, which the kernel is asked to back with transparent huge pages
/// (madvise(MADV_HUGEPAGE); where THP is off it is ordinary memory). Why: the first touch of
/// every 4 KiB page of anonymous memory costs a page fault, and on the VMs we run on (shadow
/// paging) a fault cost about 10 us: touching 512 MiB took 1.4 s through 4 KiB faults and
/// 0.035 s through huge pages (once the host had backed the memory). A graph of a million
/// models fills hundreds of megabytes of arrays, so this was a second of a one-second build.
/// Throws std::bad_alloc when the address space cannot be had.
[[nodiscard]] void* allocate_large(std::size_t bytes);

/// Gives back what allocate_large(bytes) returned, with the same `bytes`.
void free_large(void* p, std::size_t bytes) noexcept;

/// `bytes` (> 0) of zeros in fresh pages of their own, untouched (see ZeroPages).
[[nodiscard]] void* allocate_zero_pages(std::size_t bytes);

/// Gives back what allocate_zero_pages(bytes) returned, with the same `bytes`.
void free_zero_pages(void* p, std::size_t bytes) noexcept;

/// A standard allocator that takes arrays of k_large_allocation bytes or more from
/// allocate_large and smaller ones from operator new, so that small vectors cost no more than
/// before and big ones fill through huge pages.
template <typename T>
class LargeAllocator {
public:
    using value_type = T;

    LargeAllocator() noexcept = default;
    template <typename U>
    LargeAllocator(const LargeAllocator<U>& /*other*/) noexcept {} // NOLINT: converting, as std's

    [[nodiscard]] T* allocate(std::size_t n) {
        if (n > static_cast<std::size_t>(-1) / sizeof(T)) {
            throw std::bad_array_new_length();
        }
        const std::size_t bytes = n * sizeof(T);
        if (bytes >= k_large_allocation) {
            return static_cast<T*>(allocate_large(bytes));
        }
        return std::allocator<T>().allocate(n);
    }
    void deallocate(T* p, std::size_t n) noexcept {
        const std::size_t bytes = n * sizeof(T);
        if (bytes >= k_large_allocation) {
            free_large(p, bytes);
        } else {
            std::allocator<T>().deallocate(p, n);
        }
    }

    template <typename U>
    bool operator==(const LargeAllocator<U>& /*other*/) const noexcept {
        return true;
    }
};

/// `bytes` bytes from allocate_large (zero-filled by the kernel, not written by us: a buffer
/// about to be filled from a file costs no extra pass), owned; empty when default-made.
class LargeBuffer {
public:
    LargeBuffer() = default;
    explicit LargeBuffer(std::size_t bytes)
        : m_data(bytes > 0 ? static_cast<unsigned char*>(allocate_large(bytes)) : nullptr),
          m_size(bytes) {}
    LargeBuffer(LargeBuffer&& other) noexcept
        : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}
    LargeBuffer& operator=(LargeBuffer&& other) noexcept {
        if (this != &other) {
            free_large(m_data, m_size);
            m_data = std::exchange(other.m_data, nullptr);
            m_size = std::exchange(other.m_size, 0);
        }
        return *this;
    }
    LargeBuffer(const LargeBuffer&) = delete;
    LargeBuffer& operator=(const LargeBuffer&) = delete;
    ~LargeBuffer() { free_large(m_data, m_size); }

    [[nodiscard]] unsigned char* data() const { return m_data; }
    [[nodiscard]] std::size_t size() const { return m_size; }
    [[nodiscard]] bool empty() const { return m_size == 0; }

private:
    unsigned char* m_data = nullptr;
    std::size_t m_size = 0;
};

/// `count` zeros of T (trivial) in memory the kernel fills on each page's first touch: pages a
/// pass never touches cost nothing, not even the zeroing. Ordinary 4 KiB pages, not huge ones:
/// for short processes that touch a little of a big array (a walk's bitmaps over every node of
/// a graph, of which a query reaches one family). std::vector would write every byte first.
/// Throws std::bad_alloc when the memory cannot be had.
template <typename T>
class ZeroPages {
    static_assert(std::is_trivially_default_constructible_v<T> && std::is_trivially_destructible_v<T>);

public:
    ZeroPages() = default;
    explicit ZeroPages(std::size_t count)
        : m_data(count > 0 ? static_cast<T*>(allocate_zero_pages(bytes_for(count))) : nullptr),
          m_size(count) {}
    ZeroPages(ZeroPages&& other) noexcept
        : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}
    ZeroPages& operator=(ZeroPages&& other) noexcept {
        if (this != &other) {
            free_zero_pages(m_data, m_size * sizeof(T));
            m_data = std::exchange(other.m_data, nullptr);
            m_size = std::exchange(other.m_size, 0);
        }
        return *this;
    }
    ZeroPages(const ZeroPages&) = delete;
    ZeroPages& operator=(const ZeroPages&) = delete;
    ~ZeroPages() { free_zero_pages(m_data, m_size * sizeof(T)); }

    [[nodiscard]] T* data() const { return m_data; }
    [[nodiscard]] std::size_t size() const { return m_size; }
    T& operator[](std::size_t i) const { return m_data[i]; }

private:
    static std::size_t bytes_for(std::size_t count) {
        if (count > static_cast<std::size_t>(-1) / sizeof(T)) {
            throw std::bad_array_new_length();
        }
        return count * sizeof(T);
    }
    T* m_data = nullptr;
    std::size_t m_size = 0;
};

/// A vector whose large buffers come from allocate_large: for the arrays of a graph of Hub size.
template <typename T>
using LargeVector = std::vector<T, LargeAllocator<T>>;

/// Frees the memory of a vector (or any container with swap). `v = {}` does not: it assigns an
/// empty initializer list, which keeps the capacity.
template <typename Container> void release(Container& v) {
    Container().swap(v);
}

} // namespace medkg::util
