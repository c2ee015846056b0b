#include <cstdio>
#include <cstdlib>

#include "tests/fuzz/fuzz_inputs.h"

namespace samsag::fuzz {

void fuzz_check(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

}  // namespace samsag::fuzz
