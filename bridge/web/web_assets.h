// The coordinator's page (bridge/web/*.html, *.css, *.js), compiled into the binary so the bridge
// serves exactly the files it was built with. The API server answers GET requests with these.
#pragma once

#include <span>
#include <string_view>

namespace samsag::bridge::web {

struct Asset {
  std::string_view path;          // "/index.html", "/app.js", ...
  std::string_view content_type;  // with charset for text
  std::string_view body;
};

// The asset served at `path` ("/" is index.html), or nullptr. A query string is not part of path.
const Asset* find_asset(std::string_view path);

// Every embedded asset, sorted by path.
std::span<const Asset> all_assets();

}  // namespace samsag::bridge::web
