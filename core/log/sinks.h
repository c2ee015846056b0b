// Extra destinations for the process's log lines besides stdout. The unit-test guard uses this to
// see every line a test emits (tests/support/cpr_log_guard.h); a process has no other need.
#pragma once

#include <spdlog/sinks/sink.h>

#include <memory>

namespace samsag::log {

// Adds `sink` to the default logger now and to every default logger init() makes later. The sink
// keeps its own formatter.
void attach_sink(std::shared_ptr<spdlog::sinks::sink> sink);

// Removes a sink added by attach_sink.
void detach_sink(const std::shared_ptr<spdlog::sinks::sink>& sink);

}  // namespace samsag::log
