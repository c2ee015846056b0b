// What a handler answers: status, content type, extra headers and body.
#pragma once

#include <string>
#include <utility>

#include "core/http/request.h"

namespace samsag::http {

struct Response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  NameValues headers;
  std::string body;

  static Response text(int status, std::string body) {
    return Response{status, "text/plain; charset=utf-8", {}, std::move(body)};
  }
  static Response json(int status, std::string body) {
    return Response{status, "application/json", {}, std::move(body)};
  }
};

}  // namespace samsag::http
