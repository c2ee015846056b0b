#include "core/runtime/admin_server.h"

#include <atomic>

#include "core/http/server.h"
#include "core/log/json_string.h"
#include "core/log/log.h"
#include "core/metrics/metrics.h"
#include "core/runtime/systemd.h"

namespace samsag::runtime {
namespace {

// {"ready":false,"stopping":false,"waiting_for":["kafka"]}
std::string readiness_json(const Readiness& readiness) {
  const bool stopping = readiness.stopping();
  const std::vector<std::string> waiting = readiness.waiting_for();
  std::string out = R"({"ready":)";
  out.append(!stopping && waiting.empty() ? "true" : "false");
  out.append(R"(,"stopping":)").append(stopping ? "true" : "false");
  out.append(R"(,"waiting_for":[)");
  for (std::size_t i = 0; i < waiting.size(); ++i) {
    if (i > 0) out.push_back(',');
    log::append_json_string(waiting[i], out);
  }
  out.append("]}\n");
  return out;
}

http::Router admin_routes(Readiness& readiness) {
  http::Router router;
  router.add("GET", "/healthz", [](const http::Request&, const http::Responder& responder) {
    responder.send(http::Response::text(200, "ok\n"));
  });
  router.add("GET", "/readyz",
             [&readiness](const http::Request&, const http::Responder& responder) {
               // Whatever the JSON says, the status is what load balancers and Kubernetes read.
               const bool ready = readiness.ready();
               responder.send(http::Response::json(ready ? 200 : 503, readiness_json(readiness)));
             });
  router.add("GET", "/metrics", [](const http::Request&, const http::Responder& responder) {
    responder.send(http::Response{200, metrics::kTextContentType, {}, metrics::serialize()});
  });
  return router;
}

}  // namespace

struct AdminServer::Impl {
  Readiness* readiness = nullptr;
  std::unique_ptr<http::Server> server;
  std::unique_ptr<systemd::Watchdog> watchdog;
  bool shutting_down = false;
  bool stopped = false;
};

Result<std::unique_ptr<AdminServer>> AdminServer::start(const std::string& host, std::uint16_t port,
                                                        Readiness& readiness) {
  http::ServerOptions options;
  options.name = "admin";
  options.host = host;
  options.port = port;
  options.io_threads = 1;
  options.body_limit = 4096;  // nothing here takes a body
  options.header_timeout = std::chrono::seconds(5);
  options.body_timeout = std::chrono::seconds(5);
  options.write_timeout = std::chrono::seconds(10);
  options.drain_timeout = std::chrono::seconds(2);
  auto server = http::Server::start(std::move(options), admin_routes(readiness));
  if (!server) return server.error();

  auto impl = std::make_unique<Impl>();
  impl->readiness = &readiness;
  impl->server = std::move(*server);
  impl->watchdog = std::make_unique<systemd::Watchdog>();
  // READY=1 once per process life, however often readiness comes and goes afterwards.
  auto told = std::make_shared<std::atomic<bool>>(false);
  readiness.on_ready([told] {
    if (!told->exchange(true)) {
      log::info("process ready");
      systemd::notify_ready();
    }
  });
  return std::unique_ptr<AdminServer>(new AdminServer(std::move(impl)));
}

AdminServer::AdminServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

AdminServer::~AdminServer() { stop(); }

std::uint16_t AdminServer::port() const { return impl_->server->port(); }

void AdminServer::begin_shutdown() {
  if (impl_->shutting_down) return;
  impl_->shutting_down = true;
  impl_->readiness->mark_stopping();
  systemd::notify_stopping();
}

void AdminServer::stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  begin_shutdown();
  impl_->watchdog.reset();
  impl_->server->stop();
}

}  // namespace samsag::runtime
