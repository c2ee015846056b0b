// Telling systemd how the process is doing (sd_notify(3)), for units with Type=notify and
// WatchdogSec=. Outside systemd (NOTIFY_SOCKET unset) every call does nothing.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace samsag::runtime::systemd {

// READY=1: start-up is complete; `systemctl start` returns and dependent units start.
void notify_ready();
// STOPPING=1: shutdown has begun.
void notify_stopping();

// Sends WATCHDOG=1 at half the interval systemd asks for (WATCHDOG_USEC), from a thread of its
// own, for as long as it lives. Does nothing when the unit has no watchdog.
class Watchdog {
 public:
  Watchdog();
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  bool enabled() const { return thread_.joinable(); }

 private:
  void run(std::chrono::microseconds interval);

  std::mutex mutex_;
  std::condition_variable stop_requested_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace samsag::runtime::systemd
