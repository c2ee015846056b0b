#include "core/runtime/shutdown.h"

#include <pthread.h>
#include <unistd.h>

#include <csignal>
#include <ctime>

namespace samsag::runtime {
namespace {

// SIGUSR2 carries request_shutdown() into the same sigwait as the real signals.
constexpr int kInternalSignal = SIGUSR2;

sigset_t shutdown_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, kInternalSignal);
  return set;
}

}  // namespace

void block_shutdown_signals() {
  sigset_t set = shutdown_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int wait_for_shutdown() {
  sigset_t set = shutdown_signals();
  int signal = 0;
  while (sigwait(&set, &signal) != 0) {
  }
  return signal == kInternalSignal ? 0 : signal;
}

int wait_for_shutdown_for(std::chrono::milliseconds timeout) {
  sigset_t set = shutdown_signals();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout);
  timespec ts{static_cast<time_t>(seconds.count()),
              static_cast<long>(std::chrono::nanoseconds(timeout - seconds).count())};
  const int signal = sigtimedwait(&set, nullptr, &ts);
  if (signal < 0) return -1;
  return signal == kInternalSignal ? 0 : signal;
}

void request_shutdown() { kill(getpid(), kInternalSignal); }

}  // namespace samsag::runtime
