// A child process for integration and end-to-end tests: started with arguments, its stdout read
// line by line with deadlines (never sleeps), stopped with SIGTERM or killed with SIGKILL.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace samsag::testing {

class ChildProcess {
 public:
  // Starts `argv[0]` with `argv`; stdout is piped to the test, stderr goes to the test's stderr.
  // The child gets SIGKILL if the test process dies first, so a crashed test leaks no process.
  // Throws std::runtime_error when the process cannot be started (e.g. argv[0] does not exist).
  explicit ChildProcess(std::vector<std::string> argv);
  ~ChildProcess();  // kills (SIGKILL) and reaps the child if it still runs
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The next stdout line (without its newline), or nullopt when the deadline passes or stdout
  // closes first. A last line without a newline is returned when stdout closes.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  // Reads lines until one starts with `prefix`; returns that line, or nullopt at the deadline or
  // when stdout closes. Lines before it are dropped.
  std::optional<std::string> wait_for_line_starting_with(const std::string& prefix,
                                                         std::chrono::milliseconds timeout);
  // Everything left on stdout until the child closes it, or nullopt at the deadline.
  std::optional<std::string> read_all(std::chrono::milliseconds timeout);

  // Waits up to `timeout` for the child to exit on its own; returns its exit code (128 + signal
  // number when a signal ended it), or nullopt if it still runs.
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
  // Sends SIGTERM and waits up to `timeout` for the exit; returns the exit code, or nullopt if it
  // had to be killed.
  std::optional<int> terminate(std::chrono::milliseconds timeout);
  // SIGKILL and reap.
  void kill();
  pid_t pid() const { return pid_; }

 private:
  // Reads what stdout has within the deadline into buffer_; false at the deadline or end of stream.
  bool fill_buffer(std::chrono::steady_clock::time_point deadline);
  void reap(int status);

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int pid_fd_ = -1;  // pidfd of the child, polled for its exit; -1 where the kernel has none
  std::string buffer_;
  bool stdout_closed_ = false;
  bool reaped_ = false;
  int exit_code_ = -1;
};

// The path of the built `samsag` binary (compiled in by CMake).
std::string samsag_binary();

// A free TCP port on 127.0.0.1 (bound and released; good enough for tests on one machine).
int free_loopback_port();

// The first of `count` consecutive free TCP ports on 127.0.0.1, for `samsag up --port-base`; below
// Linux's ephemeral range (32768 and up), where a busy machine's outgoing connections would take
// them meanwhile. Throws std::runtime_error when no such run is found.
int free_loopback_port_run(int count);

}  // namespace samsag::testing
