#include "cli/up/child_processes.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <deque>
#include <fstream>
#include <thread>

namespace samsag::cli::up {
namespace {

using Clock = std::chrono::steady_clock;

// How often stop() looks whether the children have exited; the grace period is what bounds it.
constexpr auto kExitPollInterval = std::chrono::milliseconds(20);

}  // namespace

std::string describe_exit(int status) {
  if (WIFEXITED(status)) return "exited with code " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
  return "ended (status " + std::to_string(status) + ")";
}

ChildProcesses::ChildProcesses(std::filesystem::path log_dir) : log_dir_(std::move(log_dir)) {}

ChildProcesses::~ChildProcesses() { stop(order_, std::chrono::seconds(10)); }

Status ChildProcesses::start(const std::string& name, const std::vector<std::string>& args) {
  if (children_.contains(name)) {
    return make_error("CHILD_START_FAILED", "a child named " + name + " runs already");
  }
  const auto log_path = log_file(name);
  const int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log_fd < 0) {
    return make_error("CHILD_START_FAILED",
                      "cannot open " + log_path.string() + ": " + std::strerror(errno));
  }
  // Prepared before fork(): between fork and exec only async-signal-safe calls are allowed.
  std::vector<std::string> argv{"samsag"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> c_args;
  c_args.reserve(argv.size() + 1);
  for (auto& arg : argv) c_args.push_back(arg.data());
  c_args.push_back(nullptr);
  std::array<int, 2> exec_report{};  // errno of a failed exec; a successful one closes it
  if (::pipe2(exec_report.data(), O_CLOEXEC) != 0) {
    ::close(log_fd);
    return make_error("CHILD_START_FAILED",
                      std::string("cannot create a pipe: ") + std::strerror(errno));
  }

  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int error = errno;
    for (int fd : {log_fd, exec_report[0], exec_report[1]}) ::close(fd);
    return make_error("CHILD_START_FAILED",
                      "cannot start " + name + ": fork: " + std::strerror(error));
  }
  if (pid == 0) {
    // No orphans: the child goes when up goes, however up ends.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::setpgid(0, 0);  // a terminal's Ctrl-C reaches up alone; up stops the children in order
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    // up blocks SIGTERM and SIGINT for its signal thread; the mask would survive exec.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    ::sigaction(SIGPIPE, &default_action, nullptr);
    ::execv("/proc/self/exe", c_args.data());
    const int error = errno;
    [[maybe_unused]] const auto written = ::write(exec_report[1], &error, sizeof error);
    ::_exit(127);
  }
  ::close(log_fd);
  ::close(exec_report[1]);
  int exec_error = 0;
  ssize_t got = 0;
  do {
    got = ::read(exec_report[0], &exec_error, sizeof exec_error);
  } while (got < 0 && errno == EINTR);
  ::close(exec_report[0]);
  if (got == static_cast<ssize_t>(sizeof exec_error)) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return make_error("CHILD_START_FAILED", "cannot start " + name + ": exec /proc/self/exe: " +
                                                std::strerror(exec_error));
  }
  children_[name] = Child{.pid = pid};
  order_.push_back(name);
  return ok_status();
}

std::optional<ChildExit> ChildProcesses::find_ended() {
  for (const auto& name : order_) {
    auto& child = children_.at(name);
    if (child.reaped) continue;
    int status = 0;
    if (::waitpid(child.pid, &status, WNOHANG) == child.pid) {
      child.reaped = true;
      child.status = status;
      return ChildExit{.name = name,
                       .how = describe_exit(status),
                       .succeeded = WIFEXITED(status) && WEXITSTATUS(status) == 0};
    }
  }
  return std::nullopt;
}

bool ChildProcesses::running(const std::string& name) const {
  const auto found = children_.find(name);
  return found != children_.end() && !found->second.reaped;
}

pid_t ChildProcesses::pid(const std::string& name) const {
  const auto found = children_.find(name);
  return found == children_.end() ? -1 : found->second.pid;
}

std::filesystem::path ChildProcesses::log_file(const std::string& name) const {
  return log_dir_ / (name + ".log");
}

std::string ChildProcesses::log_tail(const std::string& name, std::size_t lines) const {
  std::ifstream in(log_file(name));
  std::deque<std::string> last;
  for (std::string line; std::getline(in, line);) {
    last.push_back(std::move(line));
    if (last.size() > lines) last.pop_front();
  }
  std::string tail;
  for (const auto& line : last) tail += "  " + line + "\n";
  return tail;
}

std::vector<std::string> ChildProcesses::stop(const std::vector<std::string>& names,
                                              std::chrono::milliseconds grace) {
  std::vector<Child*> stopping;
  for (const auto& name : names) {
    const auto found = children_.find(name);
    if (found == children_.end() || found->second.reaped) continue;
    ::kill(found->second.pid, SIGTERM);
    stopping.push_back(&found->second);
  }
  const auto deadline = Clock::now() + grace;
  auto all_reaped = [&] {
    bool all = true;
    for (auto* child : stopping) {
      if (child->reaped) continue;
      int status = 0;
      if (::waitpid(child->pid, &status, WNOHANG) == child->pid) {
        child->reaped = true;
        child->status = status;
      } else {
        all = false;
      }
    }
    return all;
  };
  while (!all_reaped() && Clock::now() < deadline) std::this_thread::sleep_for(kExitPollInterval);

  std::vector<std::string> killed;
  for (const auto& name : names) {
    const auto found = children_.find(name);
    if (found == children_.end() || found->second.reaped) continue;
    ::kill(found->second.pid, SIGKILL);
    ::waitpid(found->second.pid, &found->second.status, 0);
    found->second.reaped = true;
    killed.push_back(name);
  }
  return killed;
}

}  // namespace samsag::cli::up
