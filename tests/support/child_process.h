// A child process for integration and end-to-end tests: started with arguments, its stdout read
// line by line with deadlines (never sleeps), stopped with SIGTERM or killed with SIGKILL.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace samsag::testing {

class ChildProcess {
 public:
  // Starts `argv[0]` with `argv`; stdout is piped to the test, stderr goes to the test's stderr.
  // Throws std::runtime_error when the process cannot be started.
  explicit ChildProcess(std::vector<std::string> argv);
  ~ChildProcess();  // kills (SIGKILL) and reaps the child if it still runs
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The next stdout line, or nullopt when the deadline passes or stdout closes first.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  // Reads lines until one starts with `prefix`; returns that line, or nullopt at the deadline.
  std::optional<std::string> wait_for_line_starting_with(const std::string& prefix,
                                                         std::chrono::milliseconds timeout);

  // Sends SIGTERM and waits up to `timeout` for the exit; returns the exit code, or nullopt if it
  // had to be killed.
  std::optional<int> terminate(std::chrono::milliseconds timeout);
  // SIGKILL and reap.
  void kill();
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string buffer_;
  bool reaped_ = false;
};

// The path of the built `samsag` binary (compiled in by CMake).
std::string samsag_binary();

// A free TCP port on 127.0.0.1 (bound and released; good enough for tests on one machine).
int free_loopback_port();

}  // namespace samsag::testing
