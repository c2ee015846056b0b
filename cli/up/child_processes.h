// The processes `samsag up` runs: each one a subcommand of this very binary (/proc/self/exe), with
// its stdout and stderr in LOG_DIR/NAME.log. A child dies with up (PR_SET_PDEATHSIG), even when up
// itself fails midway, and runs in its own process group, so a Ctrl-C in the terminal reaches up
// alone and up stops the children in order (the broker last, after its clients flushed).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace samsag::cli::up {

// A child that ended, and how.
struct ChildExit {
  std::string name;
  std::string how;         // "exited with code 1", "was killed by signal 9"
  bool succeeded = false;  // exited with code 0
};

class ChildProcesses {
 public:
  explicit ChildProcesses(std::filesystem::path log_dir);
  ~ChildProcesses();  // stops every child still running (SIGTERM, then SIGKILL after 10 s)
  ChildProcesses(const ChildProcesses&) = delete;
  ChildProcesses& operator=(const ChildProcesses&) = delete;

  // Starts `samsag ARGS...` as child `name` (unique) with the environment of this process.
  // Must be called from the thread that lives as long as the children: the kernel sends the
  // death signal when the *forking thread* ends. Error: CHILD_START_FAILED.
  Status start(const std::string& name, const std::vector<std::string>& args);

  // The first child that has ended since it was started (reaps it); nullopt while all run.
  std::optional<ChildExit> find_ended();
  bool running(const std::string& name) const;
  pid_t pid(const std::string& name) const;

  std::filesystem::path log_file(const std::string& name) const;
  // The last `lines` lines of the child's log, for an error message.
  std::string log_tail(const std::string& name, std::size_t lines) const;

  // SIGTERM to each named child still running, waits up to `grace` for them to exit, SIGKILLs
  // and reaps the rest. Returns the names that had to be killed.
  std::vector<std::string> stop(const std::vector<std::string>& names,
                                std::chrono::milliseconds grace);
  // Every child's name, in start order.
  std::vector<std::string> names() const { return order_; }

 private:
  struct Child {
    pid_t pid = -1;
    bool reaped = false;
    int status = 0;
  };
  std::filesystem::path log_dir_;
  std::vector<std::string> order_;  // start order
  std::map<std::string, Child> children_;
};

// "exited with code N" / "was killed by signal N" for a waitpid() status.
std::string describe_exit(int status);

}  // namespace samsag::cli::up
