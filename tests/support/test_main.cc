// main() of every unit-test binary: gtest plus the CPR log guard (tests/support/cpr_log_guard.h).
#include <gtest/gtest.h>

#include "tests/support/cpr_log_guard.h"

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  samsag::testing::install_cpr_log_guard();
  return RUN_ALL_TESTS();
}
