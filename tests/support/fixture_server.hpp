#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace medkg::test {

/// Runs tests/remote/hub_server.py on 127.0.0.1 for the lifetime of the object: a real HTTP
/// server, reached through real libcurl. Its request log is readable with requests().
class FixtureServer {
public:
    FixtureServer() {
        char dir[] = "/tmp/medkg-server-XXXXXX";
        REQUIRE(::mkdtemp(dir) != nullptr);
        m_dir = dir;
        const std::string script = std::string(MEDKG_REMOTE_DIR) + "/hub_server.py";
        const std::string port_file = m_dir + "/port";
        m_log = m_dir + "/requests.log";
        std::vector<std::string> args{MEDKG_PYTHON, script, "--port-file", port_file, "--log",
                                      m_log, "--lifetime", "300"};
        std::vector<char*> argv;
        for (auto& a : args) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        REQUIRE(::posix_spawn(&m_pid, MEDKG_PYTHON, nullptr, nullptr, argv.data(), environ) == 0);
        for (int i = 0; i < 200; ++i) {
            std::ifstream in(port_file);
            if (in >> m_port) {
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        REQUIRE(m_port > 0);
    }
    ~FixtureServer() {
        ::kill(m_pid, SIGTERM);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        std::system(("rm -rf '" + m_dir + "'").c_str());
    }
    FixtureServer(const FixtureServer&) = delete;
    FixtureServer& operator=(const FixtureServer&) = delete;

    [[nodiscard]] std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(m_port) + path;
    }
    [[nodiscard]] std::string endpoint() const { return url(""); }
    [[nodiscard]] const std::string& dir() const { return m_dir; }

    /// The request log so far, one JSON object per line.
    [[nodiscard]] std::vector<std::string> requests() const {
        std::vector<std::string> out;
        std::ifstream in(m_log);
        for (std::string line; std::getline(in, line);) {
            out.push_back(line);
        }
        return out;
    }

    /// Requests whose log line contains `fragment`.
    [[nodiscard]] std::size_t count(const std::string& fragment) const {
        std::size_t n = 0;
        for (const auto& r : requests()) {
            n += static_cast<std::size_t>(r.find(fragment) != std::string::npos);
        }
        return n;
    }

private:
    std::string m_dir;
    std::string m_log;
    pid_t m_pid = 0;
    int m_port = 0;
};

} // namespace medkg::test
