#include "bridge/api/api_server.h"

#include <utility>

#include "bridge/api/api_response.h"
#include "bridge/api/request_body.h"
#include "bridge/api/web_routes.h"

namespace samsag::bridge::api {

Result<std::unique_ptr<ApiServer>> ApiServer::start(const ApiServerOptions& server, ApiOptions api,
                                                    ApiDependencies dependencies) {
  auto coordinator_api = std::make_unique<CoordinatorApi>(std::move(api), dependencies);
  http::Router router;
  coordinator_api->add_routes(router);
  add_web_routes(router);
  http::ServerOptions options;
  options.name = "api";
  options.host = server.host;
  options.port = server.port;
  options.io_threads = server.io_threads;
  options.body_limit = kBodyLimit;
  options.tls = server.tls;
  options.response_headers = security_headers();
  // ApiServer::stop() stops the server, and with it these calls, before the API goes.
  options.on_refusal = [api = coordinator_api.get()](const http::Refusal& refusal) {
    api->audit_refusal(refusal);
  };
  auto started = http::Server::start(std::move(options), std::move(router));
  if (!started) return started.error();
  return std::unique_ptr<ApiServer>(new ApiServer(std::move(coordinator_api), std::move(*started)));
}

ApiServer::ApiServer(std::unique_ptr<CoordinatorApi> api, std::unique_ptr<http::Server> server)
    : api_(std::move(api)), server_(std::move(server)) {}

ApiServer::~ApiServer() { stop(); }

void ApiServer::stop() {
  if (!api_) return;
  api_->close_streams();
  server_->stop();
  api_.reset();
}

}  // namespace samsag::bridge::api
