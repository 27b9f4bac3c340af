#include "util/atomic_file.hpp"

#include "util/error.hpp"

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

private:
    bool flush_buffer() {
        const char* p = pbase();
        while (p < pptr()) {
            const ssize_t n = ::write(m_fd, p, static_cast<std::size_t>(pptr() - p));
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                m_failed = true;
                m_errno = errno;
                return false;
            }
            p += n;
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

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
    std::string tmp = path + ".tmp.XXXXXX";
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0) {
        throw Error("cannot write \"" + path + "\": " + std::strerror(errno));
    }
    // mkstemp creates 0600; outputs are ordinary files, so give them the usual mode.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
    auto fail = [&](const std::string& why) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw Error("cannot write \"" + path + "\": " + why);
    };
    FdBuf buf(fd);
    std::ostream out(&buf);
    try {
        write(out);
    } catch (...) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    out.flush();
    if (buf.failed() || !out) {
        fail(std::strerror(buf.m_errno != 0 ? buf.m_errno : EIO));
    }
    // No fsync: rename already makes the file appear whole to every other process, and what
    // medkg reads back (snapshots, cache entries) carries checksums, so a file torn by a power
    // loss is refused rather than trusted. Exports of millions of nodes stay fast.
    if (::close(fd) != 0) {
        ::unlink(tmp.c_str());
        throw Error("cannot write \"" + path + "\": " + std::strerror(errno));
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int saved = errno;
        ::unlink(tmp.c_str());
        throw Error("cannot write \"" + path + "\": " + std::strerror(saved));
    }
}

} // namespace medkg::util
