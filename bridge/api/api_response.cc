#include "bridge/api/api_response.h"

#include <boost/json.hpp>
#include <utility>

namespace samsag::bridge::api {

namespace {
ApiError make(int status, const char* code, std::string message, std::string field = "") {
  return ApiError{status, code, std::move(message), std::move(field)};
}
}  // namespace

ApiError invalid(std::string message, std::string field) {
  return make(400, "INVALID_REQUEST", std::move(message), std::move(field));
}
ApiError unauthenticated(std::string message) {
  return make(401, "UNAUTHENTICATED", std::move(message));
}
ApiError forbidden(std::string message) { return make(403, "FORBIDDEN", std::move(message)); }
ApiError not_found(std::string message) { return make(404, "NOT_FOUND", std::move(message)); }
ApiError unavailable(std::string message) { return make(503, "UNAVAILABLE", std::move(message)); }

http::Response error_response(const ApiError& error) {
  boost::json::object body{{"error", error.code}, {"message", error.message}};
  if (!error.field.empty()) body["field"] = error.field;
  auto response = json_response(error.status, boost::json::serialize(body));
  if (error.status == 401) response.headers.emplace_back("WWW-Authenticate", "Bearer");
  if (error.status == 503) response.headers.emplace_back("Retry-After", "5");
  return response;
}

http::Response json_response(int status, std::string body) {
  auto response = http::Response::json(status, std::move(body));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

http::NameValues security_headers() {
  return {
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
  };
}

}  // namespace samsag::bridge::api
