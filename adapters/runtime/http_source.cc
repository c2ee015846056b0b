#include "adapters/runtime/http_source.h"

#include "core/config/host_port.h"
#include "core/http/server.h"

namespace samsag::adapters {

HttpSource::HttpSource(std::vector<HttpRoute> routes, ErrorRenderer render_error)
    : routes_(std::move(routes)), render_error_(std::move(render_error)) {}

HttpSource::~HttpSource() { stop(); }

Status HttpSource::start(SourceEnvironment& environment) {
  const auto& http_config = environment.adapter.http();
  auto listen = samsag::config::parse_host_port(http_config.listen());
  if (!listen.ok()) return listen.error();

  HttpIntake::Options intake_options;
  intake_options.token_sha256.assign(http_config.token_sha256().begin(),
                                     http_config.token_sha256().end());
  if (environment.config.kafka().delivery_timeout_ms() > 0) {
    intake_options.confirm_timeout =
        std::chrono::milliseconds(environment.config.kafka().delivery_timeout_ms());
  }
  intake_options.render_error = render_error_;
  intake_ = std::make_unique<HttpIntake>(environment.publisher, std::move(intake_options));

  http::Router router;
  for (auto& route : routes_) intake_->route(router, route.method, route.pattern, route.parser);

  http::ServerOptions options;
  options.name = "source";
  options.host = listen->host;
  options.port = listen->port;
  options.io_threads = 2;
  if (http_config.max_body_bytes() > 0) options.body_limit = http_config.max_body_bytes();
  if (http_config.read_timeout_ms() > 0) {
    options.header_timeout = std::chrono::milliseconds(http_config.read_timeout_ms());
    options.body_timeout = std::chrono::milliseconds(http_config.read_timeout_ms());
  }
  if (http_config.has_tls()) {
    options.tls =
        http::TlsFiles{http_config.tls().certificate_file(), http_config.tls().private_key_file(),
                       http_config.tls().client_ca_file()};
  }
  auto server = http::Server::start(std::move(options), std::move(router));
  if (!server.ok()) return server.error();
  server_ = std::move(server).value();
  address_ = (http_config.has_tls() ? "https://" : "http://") + listen->host + ":" +
             std::to_string(server_->port());
  environment.set_source_ready(true, "");
  return ok_status();
}

void HttpSource::stop() {
  // The server first, so no new request reaches the intake; then the intake answers the rest.
  if (server_) server_->stop();
  if (intake_) intake_->drain();
}

std::string HttpSource::describe() const { return address_; }

}  // namespace samsag::adapters
