// The coordinator's page on the API server: GET / (index.html) and the embedded assets of
// bridge/web, from memory. The security headers come with every response of the server
// (api_server.h); the assets hold no personal data, so they may be cached briefly.
#pragma once

#include "core/http/router.h"

namespace samsag::bridge::api {

void add_web_routes(http::Router& router);

}  // namespace samsag::bridge::api
