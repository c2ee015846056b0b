#include "core/http/router.h"

#include <algorithm>
#include <stdexcept>

namespace samsag::http {
namespace {

// "/a/b/" -> {"a", "b", ""}; "/" -> {""}. The empty last segment keeps "/a/" distinct from "/a".
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  path.remove_prefix(1);
  while (true) {
    const std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

}  // namespace

Router& Router::add(std::string method, std::string_view pattern, Handler handler) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + std::string(pattern));
  }
  Route route{std::move(method), std::string(pattern), {}, std::move(handler)};
  for (const std::string_view segment : split_path(pattern)) {
    const bool opens = segment.find('{') != std::string_view::npos;
    const bool closes = segment.find('}') != std::string_view::npos;
    if (!opens && !closes) {
      route.segments.push_back({std::string(segment), false});
      continue;
    }
    if (segment.size() < 3 || segment.front() != '{' || segment.back() != '}' ||
        segment.substr(1, segment.size() - 2).find_first_of("{}") != std::string_view::npos) {
      throw std::invalid_argument("a route parameter must be a whole segment like {name}: " +
                                  std::string(pattern));
    }
    route.segments.push_back({std::string(segment.substr(1, segment.size() - 2)), true});
  }
  routes_.push_back(std::move(route));
  return *this;
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match found;
  if (path.empty() || path.front() != '/') return found;
  const std::vector<std::string_view> segments = split_path(path);
  const Route* best = nullptr;
  std::vector<bool> best_literals;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::vector<bool> literals;
    bool matches = true;
    for (std::size_t i = 0; i < segments.size() && matches; ++i) {
      const Segment& segment = route.segments[i];
      matches = segment.is_param ? !segments[i].empty() : segment.text == segments[i];
      literals.push_back(!segment.is_param);
    }
    if (!matches) continue;
    if (route.method != method) {
      found.allowed_methods.push_back(route.method);
      continue;
    }
    // Literal segments win, leftmost first: "/cases/search" over "/cases/{pseudonym}".
    if (best == nullptr || literals > best_literals) {
      best = &route;
      best_literals = std::move(literals);
    }
  }
  if (best == nullptr) {
    std::sort(found.allowed_methods.begin(), found.allowed_methods.end());
    found.allowed_methods.erase(
        std::unique(found.allowed_methods.begin(), found.allowed_methods.end()),
        found.allowed_methods.end());
    return found;
  }
  found.allowed_methods.clear();
  found.handler = &best->handler;
  found.pattern = best->pattern;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (best->segments[i].is_param) {
      found.params.emplace_back(best->segments[i].text, percent_decode(segments[i], false));
    }
  }
  return found;
}

}  // namespace samsag::http
