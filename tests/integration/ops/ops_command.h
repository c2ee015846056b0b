// Running a `samsag` ops command to its end, for the ops integration tests.
#pragma once

#include <string>
#include <vector>

namespace samsag::testing {

struct CommandRun {
  int exit_code = -1;
  std::vector<std::string> lines;  // stdout
  std::string output;              // stdout as one text
};

// `samsag ARGS...`; throws when it does not finish within 120 s.
CommandRun run_samsag(const std::vector<std::string>& args);

// The lines of `run` that contain `text`.
std::vector<std::string> lines_with(const CommandRun& run, const std::string& text);

}  // namespace samsag::testing
