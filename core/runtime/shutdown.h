// Graceful shutdown: SIGTERM and SIGINT are turned into one event that every component of a
// process waits on (DESIGN.md "Operations": stop taking input, flush, commit, exit 0).
#pragma once

#include <chrono>

namespace samsag::runtime {

// Blocks SIGTERM and SIGINT in the calling thread and every thread started after it, so they are
// only ever taken by wait_for_shutdown(). Call first thing in a subcommand, before any thread.
void block_shutdown_signals();

// Blocks until SIGTERM or SIGINT arrives or request_shutdown() is called; returns the signal
// number (0 for request_shutdown). Call from one thread only.
int wait_for_shutdown();

// Like wait_for_shutdown() but gives up after `timeout`; returns -1 then.
int wait_for_shutdown_for(std::chrono::milliseconds timeout);

// Ends wait_for_shutdown() from inside the process (a fatal component error, a test).
void request_shutdown();

}  // namespace samsag::runtime
