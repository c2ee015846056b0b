#include "bridge/web/web_assets.h"

#include <algorithm>

namespace samsag::bridge::web {

const Asset* find_asset(std::string_view path) {
  if (path == "/") {
    path = "/index.html";
  }
  const std::span<const Asset> assets = all_assets();
  const auto found = std::ranges::lower_bound(assets, path, {}, &Asset::path);
  if (found == assets.end() || found->path != path) {
    return nullptr;
  }
  return &*found;
}

}  // namespace samsag::bridge::web
