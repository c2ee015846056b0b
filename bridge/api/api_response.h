// How the coordinator API answers: JSON bodies, the error shape of API.md, and the headers every
// API response carries (no caching of personal data; CORS stays off, so no Access-Control-*).
#pragma once

#include <string>

#include "core/http/response.h"

namespace samsag::bridge::api {

// An answer that is not the data asked for: status, API.md's error code, a sentence for people,
// and the request field at fault (may be empty).
struct ApiError {
  int status = 500;
  std::string code;
  std::string message;
  std::string field;
};

ApiError invalid(std::string message, std::string field);
ApiError unauthenticated(std::string message);
ApiError forbidden(std::string message);
ApiError not_found(std::string message);
// 503: Kafka did not acknowledge the audit record (or the event) in time.
ApiError unavailable(std::string message);

// {"error":CODE,"message":...,"field":...} plus WWW-Authenticate (401) or Retry-After (503).
http::Response error_response(const ApiError& error);
// A JSON body with Cache-Control: no-store.
http::Response json_response(int status, std::string body);

// The headers of the page and of every response of the API server (also its 404, 405 and 413):
// a strict Content-Security-Policy without inline script, nosniff, no referrer.
http::NameValues security_headers();

}  // namespace samsag::bridge::api
