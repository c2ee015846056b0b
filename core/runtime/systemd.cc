#include "core/runtime/systemd.h"

#include <systemd/sd-daemon.h>

#include <cstdint>

#include "core/log/log.h"

namespace samsag::runtime::systemd {

void notify_ready() { sd_notify(0, "READY=1"); }

void notify_stopping() { sd_notify(0, "STOPPING=1"); }

Watchdog::Watchdog() {
  std::uint64_t usec = 0;
  // > 0 only when WATCHDOG_USEC is set and WATCHDOG_PID, if set, is this process.
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return;
  const std::chrono::microseconds interval(usec / 2);
  log::info("systemd watchdog enabled", {{"interval_ms", interval.count() / 1000}});
  thread_ = std::thread([this, interval] { run(interval); });
}

Watchdog::~Watchdog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_requested_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Watchdog::run(std::chrono::microseconds interval) {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    sd_notify(0, "WATCHDOG=1");
    stop_requested_.wait_for(lock, interval, [this] { return stopping_; });
  }
}

}  // namespace samsag::runtime::systemd
