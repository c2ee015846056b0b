#include "core/runtime/readiness.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace samsag::runtime {
namespace {

TEST(ReadinessTest, IsReadyOnlyWhenEveryConditionIsMet) {
  Readiness readiness{"kafka", "assigned"};
  EXPECT_FALSE(readiness.ready());
  EXPECT_EQ(readiness.waiting_for(), (std::vector<std::string>{"assigned", "kafka"}));
  readiness.set("kafka");
  EXPECT_FALSE(readiness.ready());
  EXPECT_EQ(readiness.waiting_for(), (std::vector<std::string>{"assigned"}));
  readiness.set("assigned");
  EXPECT_TRUE(readiness.ready());
  readiness.set("kafka", false);  // the broker went away
  EXPECT_FALSE(readiness.ready());
}

TEST(ReadinessTest, WithoutConditionsIsReady) {
  Readiness readiness;
  EXPECT_TRUE(readiness.ready());
  readiness.require("caught_up");
  EXPECT_FALSE(readiness.ready());
  readiness.set("caught_up");
  readiness.require("caught_up");  // a known condition keeps its state
  EXPECT_TRUE(readiness.ready());
}

TEST(ReadinessTest, IsNeverReadyAgainOnceStopping) {
  Readiness readiness{"kafka"};
  readiness.set("kafka");
  readiness.mark_stopping();
  EXPECT_FALSE(readiness.ready());
  EXPECT_TRUE(readiness.stopping());
  EXPECT_TRUE(readiness.waiting_for().empty());
}

TEST(ReadinessTest, CallsOnReadyAtEachTransitionToReady) {
  Readiness readiness{"kafka"};
  int calls = 0;
  readiness.on_ready([&] { ++calls; });
  EXPECT_EQ(calls, 0);
  readiness.set("kafka");
  readiness.set("kafka");  // no transition
  EXPECT_EQ(calls, 1);
  readiness.set("kafka", false);
  readiness.set("kafka");
  EXPECT_EQ(calls, 2);
  int late = 0;
  readiness.on_ready([&] { ++late; });  // registered when ready already
  EXPECT_EQ(late, 1);
}

TEST(ReadinessTest, TakesConditionsFromManyThreads) {
  Readiness readiness;
  for (int i = 0; i < 8; ++i) readiness.require("partition-" + std::to_string(i));
  std::atomic<int> became_ready{0};
  readiness.on_ready([&] { ++became_ready; });
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&readiness, i] { readiness.set("partition-" + std::to_string(i)); });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_TRUE(readiness.ready());
  EXPECT_EQ(became_ready.load(), 1);
}

}  // namespace
}  // namespace samsag::runtime
