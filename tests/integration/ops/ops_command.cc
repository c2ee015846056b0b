#include "tests/integration/ops/ops_command.h"

#include <sstream>
#include <stdexcept>

#include "tests/support/child_process.h"

namespace samsag::testing {

CommandRun run_samsag(const std::vector<std::string>& args) {
  std::vector<std::string> argv{samsag_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildProcess process(argv);
  auto output = process.read_all(std::chrono::seconds(120));
  auto code = process.wait_for_exit(std::chrono::seconds(10));
  if (!output || !code) throw std::runtime_error("samsag " + args.front() + " did not finish");
  CommandRun run{*code, {}, *output};
  std::istringstream in(*output);
  for (std::string line; std::getline(in, line);) run.lines.push_back(line);
  return run;
}

std::vector<std::string> lines_with(const CommandRun& run, const std::string& text) {
  std::vector<std::string> found;
  for (const auto& line : run.lines) {
    if (line.find(text) != std::string::npos) found.push_back(line);
  }
  return found;
}

}  // namespace samsag::testing
