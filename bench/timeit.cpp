// timeit -o FILE COMMAND [ARG...]: runs COMMAND and writes to FILE what `/usr/bin/time -f "%e %M"`
// would, with the wall time in microseconds instead of hundredths: "SECONDS PEAK_RSS_KIB" on the
// last line, preceded by "Command exited with non-zero status N" or "Command terminated by signal
// N" as GNU time writes them. Exits with the command's status (128 + N for a signal).
//
// Why not /usr/bin/time and the shell's clock around it (as the driver did): the interval then
// holds the driver's own fork of bash and the exec of time itself. On the VMs we run on (shadow
// paging) that harness floor was 10-12 ms for /bin/true, half the budget of a whole-process
// query. Here the clock runs from just before this small process forks to the command's exit:
// what any caller pays for the command's process, and no more.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

double now() {
    timespec t{};
    ::clock_gettime(CLOCK_MONOTONIC, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 4 || std::strcmp(argv[1], "-o") != 0) {
        std::fprintf(stderr, "usage: timeit -o FILE COMMAND [ARG...]\n");
        return 2;
    }
    const char* out_path = argv[2];
    const double start = now();
    const pid_t child = ::fork();
    if (child < 0) {
        std::fprintf(stderr, "timeit: fork: %s\n", std::strerror(errno));
        return 2;
    }
    if (child == 0) {
        ::execvp(argv[3], argv + 3);
        std::fprintf(stderr, "timeit: cannot run %s: %s\n", argv[3], std::strerror(errno));
        ::_exit(127);
    }
    int status = 0;
    rusage usage{};
    while (::wait4(child, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            std::fprintf(stderr, "timeit: wait: %s\n", std::strerror(errno));
            return 2;
        }
    }
    const double seconds = now() - start;
    std::string text;
    int code = 0;
    if (WIFEXITED(status)) {
        code = WEXITSTATUS(status);
        if (code != 0) {
            text += "Command exited with non-zero status " + std::to_string(code) + "\n";
        }
    } else if (WIFSIGNALED(status)) {
        code = 128 + WTERMSIG(status);
        text += "Command terminated by signal " + std::to_string(WTERMSIG(status)) + "\n";
    }
    char line[64];
    std::snprintf(line, sizeof line, "%.6f %ld\n", seconds, usage.ru_maxrss);
    text += line;
    std::FILE* f = std::fopen(out_path, "w");
    if (f == nullptr || std::fputs(text.c_str(), f) < 0 || std::fclose(f) != 0) {
        std::fprintf(stderr, "timeit: cannot write %s\n", out_path);
        return 2;
    }
    return code;
}
