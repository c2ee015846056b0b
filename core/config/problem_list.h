// Internal to the loader: where each YAML key sits (so that checks after mapping can still say
// file:line) and the problems collected so far. Every stage adds to one list instead of stopping
// at the first problem, because an operator fixing a config wants to see all of them at once.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.h"

namespace samsag::config {

// Field paths such as "adapters[1].http.listen" or "kafka.properties[acks]" mapped to the 1-based
// line of their key (or of their list item).
class SourceMap {
 public:
  void record(std::string path, int line) { lines_.emplace(std::move(path), line); }
  // The line of `path`, else of its nearest recorded parent (a missing key is reported where
  // its section starts), else 0.
  int line_of(std::string_view path) const;

 private:
  std::map<std::string, int, std::less<>> lines_;
};

class ProblemList {
 public:
  explicit ProblemList(std::string file) : file_(std::move(file)) {}

  // `path` (a field path as in SourceMap) marks the field as already reported, so that a later
  // check does not add a second, consequential problem for it (a wrong type, then "is required").
  void add(int line, std::string message, std::string path = {}) {
    problems_.push_back(ConfigProblem{file_, line, std::move(message)});
    if (!path.empty()) reported_.insert(std::move(path));
  }
  // Whether `path` or a section containing it was reported: a section of the wrong shape is one
  // problem, not one per missing setting inside it.
  bool reported(std::string_view path) const;
  bool empty() const { return problems_.empty(); }
  // In file order, so the report reads top to bottom; problems of one line keep their order.
  std::vector<ConfigProblem> take_sorted();

 private:
  std::string file_;
  std::vector<ConfigProblem> problems_;
  std::set<std::string, std::less<>> reported_;
};

}  // namespace samsag::config
