#include "core/kafka/delivery.h"

#include <gtest/gtest.h>

#include <thread>

#include "core/kafka/detail/delivery_state.h"
#include "core/kafka/error_codes.h"

namespace samsag::kafka {
namespace {

using namespace std::chrono_literals;

TEST(Delivery, FailedDeliveryIsReadyWithItsError) {
  auto delivery = Delivery::failed(make_error(std::string(errc::kQueueFull), "full"));
  EXPECT_TRUE(delivery.ready());
  auto result = delivery.wait(Clock::now());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, errc::kQueueFull);
}

TEST(Delivery, WaitReportsTimedOutWhileUnanswered) {
  Delivery delivery(std::make_shared<detail::DeliveryState>());
  auto result = delivery.wait(deadline_in(10ms));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, errc::kTimedOut);
  EXPECT_FALSE(delivery.ready());
}

TEST(Delivery, WaiterWakesWhenAnotherThreadResolves) {
  auto state = std::make_shared<detail::DeliveryState>();
  Delivery delivery(state);
  std::thread reporter([state] { state->resolve(DeliveredRecord{"t", 2, 41}); });
  auto result = delivery.wait(deadline_in(5s));
  reporter.join();
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(*result, (DeliveredRecord{"t", 2, 41}));
}

TEST(Delivery, FirstAnswerWinsAndCopiesShareIt) {
  auto state = std::make_shared<detail::DeliveryState>();
  Delivery delivery(state);
  // NOLINTNEXTLINE(performance-unnecessary-copy-initialization): copies are what is tested
  const Delivery copy = delivery;
  state->resolve(DeliveredRecord{"t", 0, 7});
  state->resolve(make_error(std::string(errc::kDeliveryFailed), "late"));
  auto result = copy.wait(Clock::now());
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->offset, 7);
}

}  // namespace
}  // namespace samsag::kafka
