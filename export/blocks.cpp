#include "export/blocks.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace medkg::exporter {

void write_in_blocks(OutBuffer& out, std::size_t count, const BlockFormat& format,
                     const Parallelism& parallelism) {
    const std::size_t block = std::max<std::size_t>(1, parallelism.block);
    const std::size_t blocks = (count + block - 1) / block;
    const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
    const std::size_t threads = std::min<std::size_t>(
        parallelism.threads > 0 ? parallelism.threads : std::min(cores, 8U), blocks);
    if (threads <= 1) {
        format(out, 0, count);
        return;
    }

    std::atomic<std::size_t> next_block{0};
    std::mutex mutex;
    std::condition_variable turn;
    std::size_t next_out = 0; // the block whose turn it is to be written
    bool stop = false;
    std::exception_ptr error;
    const auto fail = [&](std::exception_ptr e) {
        const std::lock_guard lock(mutex);
        if (!error && e) {
            error = std::move(e);
        }
        stop = true;
        turn.notify_all();
    };
    const auto work = [&] {
        OutBuffer text;
        for (;;) {
            const std::size_t b = next_block.fetch_add(1);
            if (b >= blocks) {
                return;
            }
            try {
                text.clear();
                format(text, b * block, std::min(count, (b + 1) * block));
            } catch (...) {
                fail(std::current_exception());
                return;
            }
            {
                std::unique_lock lock(mutex);
                turn.wait(lock, [&] { return stop || next_out == b; });
                if (stop) {
                    return;
                }
            }
            // Only the thread holding block `next_out` writes, so the stream needs no lock.
            try {
                out.put(text.bytes());
            } catch (...) {
                fail(std::current_exception());
                return;
            }
            if (!out.good()) {
                fail(nullptr);
                return;
            }
            const std::lock_guard lock(mutex);
            next_out = b + 1;
            turn.notify_all();
        }
    };
    out.flush();
    std::vector<std::jthread> helpers;
    helpers.reserve(threads - 1);
    for (std::size_t i = 1; i < threads; ++i) {
        helpers.emplace_back(work);
    }
    work();
    helpers.clear(); // joins
    if (error) {
        std::rethrow_exception(error);
    }
}

} // namespace medkg::exporter
