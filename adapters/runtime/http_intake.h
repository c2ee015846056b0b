// HttpIntake: the HTTP side of an adapter whose source posts records (social JSON, FHIR). For
// each request: bearer token checked against the configured SHA-256 hashes (401), body parsed by
// the adapter's parser, every record published, and the answer sent only when Kafka has
// confirmed all of them: 202, or 400 naming the first bad field (those records are on the DLQ
// already), or 503 with Retry-After when Kafka cannot confirm in time, so the source retries and
// nothing is lost. Oversized bodies get 413 from the server before they are read.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "adapters/runtime/publisher.h"
#include "core/http/router.h"

namespace samsag::adapters {

// How the adapter's protocol spells an error: plain JSON for social, a FHIR OperationOutcome for
// health and region.
struct IntakeError {
  int status = 400;
  std::string code;     // e.g. "INVALID_CPR", "UNAUTHENTICATED", "KAFKA_UNAVAILABLE"
  std::string message;  // one sentence, no personal data
  std::string field;
  std::string request_id;
};
using ErrorRenderer = std::function<http::Response(const IntakeError&)>;

// Parses one request body; must be pure and fast (it runs on an io thread).
using RequestParser = std::function<ParseResult(const http::Request&)>;

class HttpIntake {
 public:
  struct Options {
    std::vector<std::string> token_sha256;  // accepted tokens' hashes (lowercase hex)
    std::chrono::milliseconds confirm_timeout{5000};
    ErrorRenderer render_error;
  };

  HttpIntake(Publisher& publisher, Options options);
  ~HttpIntake();  // answers what is still waiting (503) and stops the confirmation thread
  HttpIntake(const HttpIntake&) = delete;
  HttpIntake& operator=(const HttpIntake&) = delete;

  // Adds `method pattern` to `router`, served by `parser`.
  void route(http::Router& router, const std::string& method, const std::string& pattern,
             RequestParser parser);

  // Stops taking requests (they get 503) and answers those waiting once Kafka confirmed them or
  // their deadline passed. Part of graceful shutdown.
  void drain();

 private:
  struct Waiting;
  class Confirmer;

  void handle(const http::Request& request, const http::Responder& responder,
              const RequestParser& parser);
  bool authorised(const http::Request& request) const;
  void answer(Waiting& waiting);

  Publisher& publisher_;
  Options options_;
  std::mutex intake_mutex_;
  bool draining_ = false;  // guarded by intake_mutex_
  std::unique_ptr<Confirmer> confirmer_;
};

// The JSON error body of plain-JSON sources: {"error":{"code":..,"message":..,"field":..,
// "request_id":..}}.
http::Response json_error(const IntakeError& error);

}  // namespace samsag::adapters
