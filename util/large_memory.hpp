#pragma once

#include <cstddef>
#include <memory>
#include <new>
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

/// A vector whose large buffers come from allocate_large: for the arrays of a graph of Hub size.
template <typename T>
using LargeVector = std::vector<T, LargeAllocator<T>>;

} // namespace medkg::util
