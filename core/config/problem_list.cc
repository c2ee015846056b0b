#include "core/config/problem_list.h"

#include <algorithm>

namespace samsag::config {

int SourceMap::line_of(std::string_view path) const {
  while (!path.empty()) {
    if (const auto it = lines_.find(path); it != lines_.end()) return it->second;
    // Strip the last ".name" or "[key]" component; a map key may itself contain dots.
    const auto cut = path.back() == ']' ? path.rfind('[') : path.find_last_of(".[");
    if (cut == std::string_view::npos) break;
    path = path.substr(0, cut);
  }
  return 0;
}

bool ProblemList::reported(std::string_view path) const {
  for (const auto& section : reported_) {
    if (path == section) return true;
    if (path.starts_with(section) && path.size() > section.size() &&
        (path[section.size()] == '.' || path[section.size()] == '[')) {
      return true;
    }
  }
  return false;
}

std::vector<ConfigProblem> ProblemList::take_sorted() {
  std::stable_sort(problems_.begin(), problems_.end(),
                   [](const ConfigProblem& a, const ConfigProblem& b) { return a.line < b.line; });
  return std::move(problems_);
}

}  // namespace samsag::config
