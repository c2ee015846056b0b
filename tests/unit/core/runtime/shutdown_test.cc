#include "core/runtime/shutdown.h"

#include <gtest/gtest.h>

#include <csignal>

namespace samsag::runtime {
namespace {

using namespace std::chrono_literals;

TEST(ShutdownTest, RequestShutdownEndsTheWaitWithZero) {
  block_shutdown_signals();
  request_shutdown();
  EXPECT_EQ(wait_for_shutdown_for(10s), 0);
}

TEST(ShutdownTest, SigtermEndsTheWaitWithItsNumber) {
  block_shutdown_signals();
  ASSERT_EQ(std::raise(SIGTERM), 0);  // blocked, so it waits for sigwait instead of killing us
  EXPECT_EQ(wait_for_shutdown_for(10s), SIGTERM);
}

TEST(ShutdownTest, GivesUpAfterTheTimeout) {
  block_shutdown_signals();
  EXPECT_EQ(wait_for_shutdown_for(20ms), -1);
}

}  // namespace
}  // namespace samsag::runtime
