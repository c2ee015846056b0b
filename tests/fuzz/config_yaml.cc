#include <algorithm>

#include "core/config/config.h"
#include "tests/fuzz/fuzz_inputs.h"

namespace samsag::fuzz {

void config_yaml(std::string_view input) {
  // ${file:PATH} reads any file the process can (a FIFO or /dev/zero never ends): the fuzzer
  // must not reach the filesystem. Without a backslash no YAML escape can spell the reference.
  if (input.find("${file:") != std::string_view::npos ||
      input.find('\\') != std::string_view::npos) {
    return;
  }
  const std::string file = "/nonexistent/samsag-fuzz/samsag.yaml";
  const auto loaded = config::load_config_text(input, file);
  const auto lines = static_cast<int>(std::count(input.begin(), input.end(), '\n')) + 1;
  for (const auto& problem : loaded.problems) {
    fuzz_check(!problem.message.empty(), "a config problem says what is wrong");
    fuzz_check(problem.file == file, "a config problem names the file");
    fuzz_check(problem.line >= 0 && problem.line <= lines + 1,
               "a config problem's line is in the file");
  }
  if (loaded.ok())
    fuzz_check(!config::describe(loaded.config).empty(), "a valid config describes itself");
}

}  // namespace samsag::fuzz
