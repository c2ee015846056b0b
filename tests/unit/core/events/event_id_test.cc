#include "core/events/event_id.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace samsag::events {
namespace {

// Expected values computed independently when the test was written (Python's hashlib):
//   base32(sha256("samsag-gen\x1fB-1\x1f3")[:16]), lower case, no padding.
TEST(EventIdTest, MatchesIndependentlyComputedSha256) {
  EXPECT_EQ(derive_event_id("samsag-gen", "B-1", "3"), "yxkg43zegsnjuozdc2ihglp2gm");
  EXPECT_EQ(derive_event_id("employment-system", "R123", "1"), "ppyyr3qcrvafmoxksk5at3weui");
}

// The hashing context is reused per thread: one id must not leak into the next.
TEST(EventIdTest, RepeatedAndInterleavedCallsGiveTheSameIds) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(derive_event_id("employment-system", "R123", "1"), "ppyyr3qcrvafmoxksk5at3weui");
    EXPECT_EQ(derive_event_id("samsag-gen", "B-1", "3"), "yxkg43zegsnjuozdc2ihglp2gm");
  }
}

TEST(EventIdTest, ThreadsDeriveTheSameIds) {
  std::vector<std::string> ids(4);
  std::vector<std::thread> threads;
  for (auto& id : ids) {
    threads.emplace_back([&id] {
      for (int i = 0; i < 100; ++i) id = derive_event_id("samsag-gen", "B-1", "3");
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& id : ids) EXPECT_EQ(id, "yxkg43zegsnjuozdc2ihglp2gm");
}

}  // namespace
}  // namespace samsag::events
