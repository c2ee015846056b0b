#include "bridge/api/web_routes.h"

#include <string>

#include "bridge/web/web_assets.h"

namespace samsag::bridge::api {
namespace {

void serve_asset(const http::Request& request, const http::Responder& responder) {
  const auto* asset = samsag::bridge::web::find_asset(request.path);
  if (asset == nullptr) {
    responder.send(http::Response::text(404, "There is nothing at this path.\n"));
    return;
  }
  http::Response response{200, std::string(asset->content_type), {}, std::string(asset->body)};
  // The page's files change only with the binary; a short cache spares reloads, no-cache on
  // index.html makes a new version show at once.
  response.headers.emplace_back(
      "Cache-Control",
      request.path == "/" || request.path == "/index.html" ? "no-cache" : "max-age=300");
  responder.send(std::move(response));
}

}  // namespace

void add_web_routes(http::Router& router) {
  router.add("GET", "/", serve_asset);
  // The page's files sit at the top level (/app.js, /style.css); anything else is 404.
  router.add("GET", "/{file}", serve_asset);
}

}  // namespace samsag::bridge::api
