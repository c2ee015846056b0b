// The bridge's API address (bridge.api_listen): the coordinator API and the page on one HTTP
// server, with the page's security headers on every response and the API's 64 KiB body limit.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "bridge/api/coordinator_api.h"
#include "core/base/result.h"
#include "core/http/server.h"

namespace samsag::bridge::api {

struct ApiServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  int io_threads = 2;
  std::optional<http::TlsFiles> tls;
};

class ApiServer {
 public:
  // Error: HTTP_LISTEN_FAILED, HTTP_TLS_INVALID.
  static Result<std::unique_ptr<ApiServer>> start(const ApiServerOptions& server, ApiOptions api,
                                                  ApiDependencies dependencies);
  ~ApiServer();  // stop()

  std::uint16_t port() const { return server_->port(); }
  // Ends the event streams, lets requests in flight finish, answers what waits for Kafka.
  // Idempotent.
  void stop();

 private:
  ApiServer(std::unique_ptr<CoordinatorApi> api, std::unique_ptr<http::Server> server);
  std::unique_ptr<CoordinatorApi> api_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace samsag::bridge::api
