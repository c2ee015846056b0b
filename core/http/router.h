// Which handler answers which request: method plus a path pattern whose {name} segments capture
// parameters, e.g. "/api/v1/cases/{pseudonym}/plan/goals/{id}".
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/request.h"
#include "core/http/responder.h"

namespace samsag::http {

// Runs on an io thread of the server: it must not block. Long work answers later through the
// Responder, from wherever it completes.
using Handler = std::function<void(const Request&, Responder)>;

class Router {
 public:
  // Throws std::invalid_argument for a pattern that is not "/" followed by segments, each a
  // literal or one whole {name}: routes are fixed at start-up, so a bad one is a programming error.
  Router& add(std::string method, std::string_view pattern, Handler handler);

  struct Match {
    const Handler* handler = nullptr;  // null: no route for this method and path
    std::string_view pattern;          // the matched route's pattern: bounded, unlike the path
    NameValues params;
    // When handler is null but the path matches routes of other methods: those methods (405).
    std::vector<std::string> allowed_methods;
  };
  // The route for `method` and percent-encoded `path`. Literal segments win over parameters.
  Match match(std::string_view method, std::string_view path) const;

 private:
  struct Segment {
    std::string text;
    bool is_param = false;
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<Segment> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace samsag::http
