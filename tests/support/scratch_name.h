// Names for tests' scratch directories that can never look like a CPR number. Tests log these
// paths, and every unit test fails when a log line carries a CPR-shaped number (tests/support/
// cpr_log_guard.h): a process id followed by a dash and random digits is one now and then.
#pragma once

#include <random>
#include <string>
#include <string_view>

namespace samsag::testing {

// `prefix` followed by 16 random lowercase letters, e.g. "samsag-store-test-qwhzkdmfeuvbxaol".
inline std::string scratch_name(std::string_view prefix) {
  std::random_device random;
  std::string name(prefix);
  for (int i = 0; i < 16; ++i) name.push_back(static_cast<char>('a' + random() % 26));
  return name;
}

}  // namespace samsag::testing
