// The admin endpoint of every process (DESIGN.md "Operations"): /healthz (the process runs),
// /readyz (every readiness condition is met) and /metrics (Prometheus text format), plus the
// systemd side of the same facts: READY=1, STOPPING=1 and the watchdog.
//
// A subcommand's life with it:
//   runtime::Readiness readiness{"kafka"};
//   auto admin = runtime::AdminServer::start(host, port, readiness);   // exits on error
//   ... start components; they call readiness.set("kafka") when connected ...
//   runtime::wait_for_shutdown();
//   admin->begin_shutdown();   // /readyz turns 503, systemd hears STOPPING=1
//   ... stop taking input, flush, commit ...
//   admin->stop();
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/base/result.h"
#include "core/runtime/readiness.h"

namespace samsag::runtime {

class AdminServer {
 public:
  // Serves on host:port (port 0: any free port). `readiness` must outlive the server. Tells
  // systemd READY=1 the first time `readiness` is met. Error: HTTP_LISTEN_FAILED.
  static Result<std::unique_ptr<AdminServer>> start(const std::string& host, std::uint16_t port,
                                                    Readiness& readiness);
  ~AdminServer();  // stop()
  AdminServer(const AdminServer&) = delete;
  AdminServer& operator=(const AdminServer&) = delete;

  std::uint16_t port() const;

  // Shutdown has begun: /readyz answers 503 from now on and systemd hears STOPPING=1, while
  // /healthz and /metrics keep answering until stop(). Idempotent.
  void begin_shutdown();
  // begin_shutdown(), then stops serving. Idempotent.
  void stop();

  struct Impl;

 private:
  explicit AdminServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsag::runtime
