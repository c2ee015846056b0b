#include "core/kafka/delivery.h"

#include <gtest/gtest.h>

#include <thread>

#include "core/kafka/detail/delivery_state.h"
#include "core/kafka/error_codes.h"

namespace samsag::kafka {
namespace {

using namespace std::chrono_literals;

// What ProducerCore makes for one record: expecting one answer, sealed.
std::shared_ptr<detail::DeliveryState> one_record() {
  auto state = std::make_shared<detail::DeliveryState>(/*keeps_record=*/true);
  state->expect();
  EXPECT_FALSE(state->seal());
  return state;
}

std::shared_ptr<detail::DeliveryState> group_of(int records) {
  auto state = std::make_shared<detail::DeliveryState>(/*keeps_record=*/false);
  for (int i = 0; i < records; ++i) state->expect();
  return state;
}

Error failure(const char* message) {
  return make_error(std::string(errc::kDeliveryFailed), message);
}

TEST(Delivery, FailedDeliveryIsReadyWithItsError) {
  auto delivery = Delivery::failed(make_error(std::string(errc::kQueueFull), "full"));
  EXPECT_TRUE(delivery.ready());
  auto result = delivery.wait(Clock::now());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, errc::kQueueFull);
}

TEST(Delivery, WaitReportsTimedOutWhileUnanswered) {
  Delivery delivery(one_record());
  auto result = delivery.wait(deadline_in(10ms));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, errc::kTimedOut);
  EXPECT_FALSE(delivery.ready());
}

TEST(Delivery, WaiterWakesWhenAnotherThreadAnswers) {
  auto state = one_record();
  Delivery delivery(state);
  std::thread reporter([state] { EXPECT_TRUE(state->confirm(DeliveredRecord{"t", 2, 41})); });
  auto result = delivery.wait(deadline_in(5s));
  reporter.join();
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(*result, (DeliveredRecord{"t", 2, 41}));
}

TEST(Delivery, CopiesShareTheAnswerAndAnAbandonAfterItChangesNothing) {
  auto state = one_record();
  Delivery delivery(state);
  // NOLINTNEXTLINE(performance-unnecessary-copy-initialization): copies are what is tested
  const Delivery copy = delivery;
  EXPECT_TRUE(state->confirm(DeliveredRecord{"t", 0, 7}));
  state->abandon(failure("late"));
  auto result = copy.wait(Clock::now());
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->offset, 7);
}

TEST(DeliveryGroup, IsConfirmedOnlyWhenSealedAndEveryRecordIsConfirmed) {
  auto state = group_of(3);
  DeliveryGroup group(state);
  EXPECT_EQ(group.size(), 3U);
  EXPECT_FALSE(state->confirm(std::nullopt));
  EXPECT_FALSE(state->confirm(std::nullopt));
  EXPECT_FALSE(state->confirm(std::nullopt));
  EXPECT_FALSE(group.ready()) << "not sealed: more records may come";
  EXPECT_TRUE(state->seal());
  EXPECT_TRUE(group.ready());
  EXPECT_TRUE(group.wait(Clock::now()).ok());
}

TEST(DeliveryGroup, AnEmptySealedGroupIsConfirmedAtOnce) {
  auto state = group_of(0);
  EXPECT_TRUE(state->seal());
  EXPECT_TRUE(DeliveryGroup(state).wait(Clock::now()).ok());
}

TEST(DeliveryGroup, WaitSaysHowManyRecordsAreStillUnansweredAtTheDeadline) {
  auto state = group_of(4);
  EXPECT_FALSE(state->seal());
  EXPECT_FALSE(state->confirm(std::nullopt));
  auto waited = DeliveryGroup(state).wait(deadline_in(10ms));
  ASSERT_FALSE(waited.ok());
  EXPECT_EQ(waited.error().code, errc::kTimedOut);
  EXPECT_NE(waited.error().message.find("3 of 4"), std::string::npos) << waited.error().message;
}

TEST(DeliveryGroup, TheFirstErrorEndsTheWaitWhileOtherRecordsAreStillUnanswered) {
  auto state = group_of(3);
  EXPECT_FALSE(state->seal());
  DeliveryGroup group(state);
  std::thread reporter([state] {
    EXPECT_FALSE(state->reject(failure("first")));
    EXPECT_FALSE(state->reject(make_error(std::string(errc::kQueueFull), "second")));
  });
  auto waited = group.wait(deadline_in(5s));
  reporter.join();
  ASSERT_FALSE(waited.ok());
  EXPECT_EQ(waited.error().message, "first");
  // The third answer still arrives, and makes the state one the producer may forget.
  EXPECT_TRUE(state->confirm(std::nullopt));
  EXPECT_EQ(group.wait(Clock::now()).error().message, "first");
}

TEST(DeliveryGroup, AnAbandonedGroupFailsItsWaiters) {
  auto state = group_of(2);
  DeliveryGroup group(state);
  std::thread closer([state] { state->abandon(failure("closed")); });
  auto waited = group.wait(deadline_in(5s));
  closer.join();
  ASSERT_FALSE(waited.ok());
  EXPECT_EQ(waited.error().code, errc::kDeliveryFailed);
}

}  // namespace
}  // namespace samsag::kafka
