// An AdapterSource for sources that POST their records: an HTTP(S) server from the adapter's
// `http` config (listen address, token hashes, body limit, read timeout, optional mutual TLS),
// whose routes run through HttpIntake.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "adapters/runtime/adapter_source.h"
#include "adapters/runtime/http_intake.h"

namespace samsag::http {
class Server;
}

namespace samsag::adapters {

struct HttpRoute {
  std::string method;
  std::string pattern;
  RequestParser parser;
};

class HttpSource : public AdapterSource {
 public:
  HttpSource(std::vector<HttpRoute> routes, ErrorRenderer render_error);
  ~HttpSource() override;

  Status start(SourceEnvironment& environment) override;
  void stop() override;
  std::string describe() const override;

 private:
  std::vector<HttpRoute> routes_;
  ErrorRenderer render_error_;
  std::unique_ptr<HttpIntake> intake_;
  std::unique_ptr<http::Server> server_;
  std::string address_;
};

}  // namespace samsag::adapters
