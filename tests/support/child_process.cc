#include "tests/support/child_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

namespace samsag::testing {
namespace {

using Clock = std::chrono::steady_clock;

// Milliseconds left until `deadline`, rounded up so a poll never returns just before it.
int remaining_ms(Clock::time_point deadline) {
  const auto left = deadline - Clock::now();
  if (left <= Clock::duration::zero()) {
    return 0;
  }
  return static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(left).count());
}

std::runtime_error system_error(const std::string& what) {
  return std::runtime_error(what + ": " + std::strerror(errno));
}

void close_fd(int& fd) {
  if (fd >= 0) {
    ::close(fd);
    fd = -1;
  }
}

}  // namespace

ChildProcess::ChildProcess(std::vector<std::string> argv) {
  if (argv.empty()) {
    throw std::invalid_argument("ChildProcess needs at least the program to run");
  }
  // Everything the child needs is prepared before fork(): between fork and exec only
  // async-signal-safe calls are allowed, since the test may run other threads.
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (auto& arg : argv) {
    args.push_back(arg.data());
  }
  args.push_back(nullptr);

  std::array<int, 2> out{};
  std::array<int, 2>
      exec_report{};  // carries errno from a failed exec; closed by a successful one (CLOEXEC)
  if (::pipe2(out.data(), O_CLOEXEC) != 0) {
    throw system_error("cannot create a pipe for " + argv[0]);
  }
  if (::pipe2(exec_report.data(), O_CLOEXEC) != 0) {
    ::close(out[0]);
    ::close(out[1]);
    throw system_error("cannot create a pipe for " + argv[0]);
  }

  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ < 0) {
    for (int fd : {out[0], out[1], exec_report[0], exec_report[1]}) {
      ::close(fd);
    }
    throw system_error("cannot fork for " + argv[0]);
  }
  if (pid_ == 0) {
    // Dies with the test (strictly: with the forking thread), so a crashed test leaks nothing.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) {
      ::_exit(127);
    }
    ::dup2(out[1], STDOUT_FILENO);  // the duplicate does not inherit O_CLOEXEC
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    ::sigaction(SIGPIPE, &default_action, nullptr);
    ::execvp(args[0], args.data());
    const int error = errno;
    [[maybe_unused]] const auto written = ::write(exec_report[1], &error, sizeof error);
    ::_exit(127);
  }

  ::close(out[1]);
  ::close(exec_report[1]);
  stdout_fd_ = out[0];

  int exec_error = 0;
  ssize_t got = 0;
  do {
    got = ::read(exec_report[0], &exec_error, sizeof exec_error);
  } while (got < 0 && errno == EINTR);
  ::close(exec_report[0]);
  if (got == static_cast<ssize_t>(sizeof exec_error)) {
    kill();
    close_fd(stdout_fd_);
    errno = exec_error;
    throw system_error("cannot start " + argv[0]);
  }

  pid_fd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));  // -1 on kernels before 5.3
}

ChildProcess::~ChildProcess() {
  kill();
  close_fd(stdout_fd_);
  close_fd(pid_fd_);
}

bool ChildProcess::fill_buffer(Clock::time_point deadline) {
  if (stdout_closed_) {
    return false;
  }
  while (true) {
    pollfd fd{stdout_fd_, POLLIN, 0};
    const int ready = ::poll(&fd, 1, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) {
      continue;
    }
    if (ready <= 0) {
      return false;  // the deadline passed
    }
    std::array<char, 4096> chunk{};
    const ssize_t got = ::read(stdout_fd_, chunk.data(), chunk.size());
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got <= 0) {
      stdout_closed_ = true;
      return false;
    }
    buffer_.append(chunk.data(), static_cast<std::size_t>(got));
    return true;
  }
}

std::optional<std::string> ChildProcess::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    const auto newline = buffer_.find('\n');
    if (newline != std::string::npos) {
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      return line;
    }
    if (stdout_closed_) {
      if (buffer_.empty()) {
        return std::nullopt;
      }
      return std::exchange(buffer_, {});
    }
    if (!fill_buffer(deadline) && !stdout_closed_) {
      return std::nullopt;
    }
  }
}

std::optional<std::string> ChildProcess::wait_for_line_starting_with(
    const std::string& prefix, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::milliseconds(remaining_ms(deadline));
    auto line = read_line(left);
    if (!line) {
      return std::nullopt;
    }
    if (line->starts_with(prefix)) {
      return line;
    }
  }
}

std::optional<std::string> ChildProcess::read_all(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!stdout_closed_) {
    if (!fill_buffer(deadline) && !stdout_closed_) {
      return std::nullopt;
    }
  }
  return std::exchange(buffer_, {});
}

void ChildProcess::reap(int status) {
  reaped_ = true;
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  close_fd(pid_fd_);
}

std::optional<int> ChildProcess::wait_for_exit(std::chrono::milliseconds timeout) {
  if (reaped_) {
    return exit_code_;
  }
  const auto deadline = Clock::now() + timeout;
  while (true) {
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      reap(status);
      return exit_code_;
    }
    if (done < 0 && errno != EINTR) {
      throw system_error("waitpid");
    }
    if (Clock::now() >= deadline) {
      return std::nullopt;
    }
    if (pid_fd_ >= 0) {
      // The pidfd becomes readable when the child exits: an event, not a sleep.
      pollfd fd{pid_fd_, POLLIN, 0};
      ::poll(&fd, 1, remaining_ms(deadline));
    } else {
      // Kernels without pidfd: poll waitpid at a short interval, still bounded by the deadline.
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(5, remaining_ms(deadline))));
    }
  }
}

std::optional<int> ChildProcess::terminate(std::chrono::milliseconds timeout) {
  if (reaped_) {
    return exit_code_;
  }
  ::kill(pid_, SIGTERM);
  if (auto code = wait_for_exit(timeout)) {
    return code;
  }
  kill();
  return std::nullopt;
}

void ChildProcess::kill() {
  if (reaped_ || pid_ <= 0) {
    return;
  }
  ::kill(pid_, SIGKILL);
  int status = 0;
  pid_t done = 0;
  do {
    done = ::waitpid(pid_, &status, 0);
  } while (done < 0 && errno == EINTR);
  reap(status);
}

std::string samsag_binary() { return SAMSAG_BINARY; }

int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    throw system_error("socket");
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    const auto error = system_error("cannot find a free loopback port");
    ::close(fd);
    throw error;
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

namespace {

bool loopback_port_free(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return bound;
}

}  // namespace

int free_loopback_port_run(int count) {
  std::random_device random;
  std::uniform_int_distribution<int> below_ephemeral(10'000, 32'000 - count);
  for (int attempt = 0; attempt < 200; ++attempt) {
    const int base = below_ephemeral(random);
    bool all_free = true;
    for (int port = base; port < base + count && all_free; ++port) {
      all_free = loopback_port_free(port);
    }
    if (all_free) return base;
  }
  throw std::runtime_error("no run of " + std::to_string(count) + " free loopback ports");
}

}  // namespace samsag::testing
