#include "util/atomic_file.hpp"

#include "util/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <ostream>
#include <streambuf>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace medkg::util {

int write_fully(int fd, const void* data, std::size_t n, std::int64_t offset, std::size_t piece) {
    const auto* p = static_cast<const char*>(data);
    while (n > 0) {
        const std::size_t size = std::min(n, piece);
        const ssize_t w = offset < 0 ? ::write(fd, p, size) : ::pwrite(fd, p, size, offset);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        p += w;
        n -= static_cast<std::size_t>(w);
        if (offset >= 0) {
            offset += w;
        }
    }
    return 0;
}

int read_fully(int fd, void* data, std::size_t n, std::uint64_t offset) {
    auto* p = static_cast<char*>(data);
    while (n > 0) {
        const ssize_t r = ::pread(fd, p, n, static_cast<off_t>(offset));
        if (r < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        if (r == 0) {
            return EIO;
        }
        p += r;
        n -= static_cast<std::size_t>(r);
        offset += static_cast<std::uint64_t>(r);
    }
    return 0;
}

namespace {

// A minimal buffered streambuf over a POSIX descriptor, so that we can fsync before rename.
class FdBuf : public std::streambuf {
public:
    explicit FdBuf(int fd) : m_fd(fd), m_buffer(1 << 16) {
        setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
    }
    bool failed() const { return m_failed; }

protected:
    int_type overflow(int_type ch) override {
        if (!flush_buffer()) {
            return traits_type::eof();
        }
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }
    int sync() override { return flush_buffer() ? 0 : -1; }

    // Large writes (the exporters hand over a megabyte at a time) go to the descriptor as they
    // are, not copied through the 64 KiB buffer.
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        if (n < static_cast<std::streamsize>(m_buffer.size())) {
            return std::streambuf::xsputn(s, n);
        }
        if (!flush_buffer() || !write_all(s, static_cast<std::size_t>(n))) {
            return 0;
        }
        return n;
    }

private:
    bool write_all(const char* p, std::size_t n) {
        if (const int err = write_fully(m_fd, p, n); err != 0) {
            m_failed = true;
            m_errno = err;
            return false;
        }
        return true;
    }

    bool flush_buffer() {
        if (!write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()))) {
            return false;
        }
        setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
        return true;
    }

    int m_fd;
    std::vector<char> m_buffer;
    bool m_failed = false;

public:
    int m_errno = 0;
};

} // namespace

bool is_special_file(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

namespace {

// Runs `write` into `fd` and closes it. Returns 0, or the errno of the first failure (the
// descriptor is closed either way); an exception from `write` propagates after the close.
int write_and_close(int fd, const std::function<void(std::ostream&)>& write) {
    FdBuf buf(fd);
    std::ostream out(&buf);
    try {
        write(out);
    } catch (...) {
        ::close(fd);
        throw;
    }
    out.flush();
    const int err = buf.failed() || !out ? (buf.m_errno != 0 ? buf.m_errno : EIO) : 0;
    if (::close(fd) != 0 && err == 0) {
        return errno;
    }
    return err;
}

} // namespace

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
    const auto error = [&](int err) {
        return Error("cannot write \"" + path + "\": " + std::strerror(err));
    };
    if (is_special_file(path)) {
        // A device or a pipe (/dev/null, /dev/stdout, a FIFO): written in place. Renaming a
        // temporary file over it would replace the device with a regular file.
        const int fd = ::open(path.c_str(), O_WRONLY);
        if (fd < 0) {
            throw error(errno);
        }
        if (const int err = write_and_close(fd, write); err != 0) {
            throw error(err);
        }
        return;
    }
    std::string tmp = path + ".tmp.XXXXXX";
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0) {
        throw error(errno);
    }
    // mkstemp creates 0600; outputs are ordinary files, so give them the usual mode.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
    // No fsync: rename already makes the file appear whole to every other process, and what
    // medkg reads back (snapshots, cache entries) carries checksums, so a file torn by a power
    // loss is refused rather than trusted. Exports of millions of nodes stay fast.
    int err = 0;
    try {
        err = write_and_close(fd, write);
    } catch (...) {
        ::unlink(tmp.c_str());
        throw;
    }
    if (err == 0 && std::rename(tmp.c_str(), path.c_str()) != 0) {
        err = errno;
    }
    if (err != 0) {
        ::unlink(tmp.c_str());
        throw error(err);
    }
}

void replace_checked_file(const std::string& tmp, const std::string& path) {
    // Only a regular file is exchanged: a directory at `path` must make the write fail, as a
    // rename does, not be swapped away; a symbolic link is replaced, as a rename replaces it.
    struct stat st {};
    const bool regular = ::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
    if (regular &&
        ::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) == 0) {
        // `tmp` now names the old file.
        if (::unlink(tmp.c_str()) != 0) {
            throw Error("wrote \"" + path + "\" but cannot remove the file it replaced, now \"" +
                        tmp + "\": " + std::strerror(errno));
        }
        return;
    }
    // Nothing to replace yet, not a regular file, or no exchange on this file system.
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        throw Error("cannot write \"" + path + "\": " + std::strerror(errno));
    }
}

} // namespace medkg::util
