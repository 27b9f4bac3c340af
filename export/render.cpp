#include "export/render.hpp"

#include "util/atomic_file.hpp"
#include "util/error.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <ostream>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace medkg::exporter {

namespace {

std::string lower_extension(const std::string& path) {
    const auto slash = path.find_last_of('/');
    const auto dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) {
        return {};
    }
    std::string ext = path.substr(dot + 1);
    for (char& c : ext) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return ext;
}

// Finds an executable on PATH (or takes a path with a slash as it is).
std::string find_program(const std::string& name) {
    if (name.find('/') != std::string::npos) {
        return ::access(name.c_str(), X_OK) == 0 ? name : std::string();
    }
    const char* path = std::getenv("PATH");
    std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        const auto colon = dirs.find(':', start);
        std::string dir = dirs.substr(start, colon == std::string::npos ? std::string::npos
                                                                        : colon - start);
        if (dir.empty()) {
            dir = ".";
        }
        const std::string candidate = dir + "/" + name;
        if (::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
        if (colon == std::string::npos) {
            break;
        }
        start = colon + 1;
    }
    return {};
}

} // namespace

std::string render_format_for(const std::string& path) {
    const std::string ext = lower_extension(path);
    if (ext == "svg" || ext == "png" || ext == "pdf") {
        return ext;
    }
    return {};
}

void render_dot(const std::string& dot_text, const std::string& output) {
    const std::string format = render_format_for(output);
    if (format.empty()) {
        throw Error("cannot render to \"" + output +
                    "\": unsupported extension (expected .svg, .png or .pdf)");
    }
    const char* configured = std::getenv("MEDKG_DOT");
    const std::string wanted = configured != nullptr && *configured != '\0' ? configured : "dot";
    const std::string program = find_program(wanted);
    if (program.empty()) {
        throw Error("Graphviz \"" + wanted +
                    "\" was not found; install Graphviz (Debian: apt-get install graphviz) or "
                    "set MEDKG_DOT to its path");
    }
    // dot writes into a temporary file beside the output; rename makes it appear whole.
    std::string tmp_out = output + ".tmp.XXXXXX";
    const int out_fd = ::mkstemp(tmp_out.data());
    if (out_fd < 0) {
        throw Error("cannot write \"" + output + "\": " + std::strerror(errno));
    }
    ::close(out_fd);
    std::string tmp_in = tmp_out + ".dot";
    try {
        util::write_file_atomically(tmp_in, [&](std::ostream& o) { o << dot_text; });
    } catch (...) {
        ::unlink(tmp_out.c_str());
        throw;
    }
    const std::string flag_t = "-T" + format;
    const std::string flag_o = "-o" + tmp_out;
    std::vector<char*> argv{const_cast<char*>(program.c_str()), const_cast<char*>(flag_t.c_str()),
                            const_cast<char*>(flag_o.c_str()), tmp_in.data(), nullptr};
    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, program.c_str(), nullptr, nullptr, argv.data(), environ);
    int status = 0;
    const bool ran = spawned == 0 && ::waitpid(pid, &status, 0) == pid;
    ::unlink(tmp_in.c_str());
    if (!ran || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        ::unlink(tmp_out.c_str());
        throw Error("Graphviz \"" + program + "\" failed to render \"" + output + "\"" +
                    (spawned != 0 ? std::string(": ") + std::strerror(spawned) : std::string()));
    }
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(tmp_out.c_str(), 0666 & ~mask);
    if (std::rename(tmp_out.c_str(), output.c_str()) != 0) {
        const int saved = errno;
        ::unlink(tmp_out.c_str());
        throw Error("cannot write \"" + output + "\": " + std::strerror(saved));
    }
}

} // namespace medkg::exporter
