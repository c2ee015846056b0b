// Consent-first batch assembly (bridge/README.md "Consent first"): sector records wait until the
// consent partition reached the end offset it had when they were consumed, and then go after
// every consent record held.
#include "bridge/loop/partition_intake.h"

#include <gtest/gtest.h>

namespace samsag::bridge {
namespace {

using namespace std::chrono_literals;
using Due = PartitionIntake::Due;

constexpr const char* kConsent = "m.consent.v1";
constexpr const char* kSocial = "m.social.v1";
constexpr const char* kPlan = "m.plan.v1";

kafka::Message record(const std::string& topic, std::int64_t offset) {
  kafka::Message message;
  message.topic = topic;
  message.partition = 2;
  message.offset = offset;
  message.key = "k1:citizen";
  message.value = topic + "@" + std::to_string(offset);
  return message;
}

std::vector<std::string> names(const std::vector<kafka::Message>& batch) {
  std::vector<std::string> out;
  out.reserve(batch.size());
  for (const auto& message : batch) out.push_back(*message.value);
  return out;
}

InputOffsets consent_from(std::int64_t next) {
  InputOffsets offsets;
  if (next > 0) offsets.applied(kConsent, next - 1);
  return offsets;
}

const auto kNow = PartitionIntake::Clock::now();

TEST(PartitionIntake, ConsentAloneIsDueAtOnce) {
  PartitionIntake intake(kConsent, {}, {});
  intake.add(record(kConsent, 0));
  EXPECT_FALSE(intake.needs_barrier());
  EXPECT_EQ(intake.due(std::nullopt, kNow), Due::kConsentOnly);
  EXPECT_EQ(names(intake.take(Due::kConsentOnly)), std::vector<std::string>{"m.consent.v1@0"});
  EXPECT_EQ(intake.held(), 0u);
}

TEST(PartitionIntake, SectorRecordsWaitForABarrier) {
  PartitionIntake intake(kConsent, {}, {});
  intake.add(record(kSocial, 0));
  EXPECT_TRUE(intake.needs_barrier());
  EXPECT_EQ(intake.due(std::nullopt, kNow), Due::kNothing);
}

TEST(PartitionIntake, SectorRecordsWaitUntilConsentReachesTheBarrierThenGoAfterIt) {
  PartitionIntake intake(kConsent, consent_from(3), {});
  intake.add(record(kSocial, 10));
  intake.add(record(kSocial, 11));
  intake.set_barrier({.low = 0, .high = 5}, kNow);
  EXPECT_EQ(intake.due(std::nullopt, kNow), Due::kNothing);
  intake.add(record(kConsent, 3));
  EXPECT_EQ(intake.due(std::nullopt, kNow), Due::kNothing);
  intake.add(record(kConsent, 4));
  ASSERT_EQ(intake.due(std::nullopt, kNow), Due::kFull);
  EXPECT_EQ(names(intake.take(Due::kFull)),
            (std::vector<std::string>{"m.consent.v1@3", "m.consent.v1@4", "m.social.v1@10",
                                      "m.social.v1@11"}));
}

TEST(PartitionIntake, RecordsConsumedAfterTheBarrierWaitForTheNextOne) {
  PartitionIntake intake(kConsent, consent_from(0), {});
  intake.add(record(kSocial, 0));
  intake.set_barrier({.low = 0, .high = 1}, kNow);
  intake.add(record(kPlan, 0));  // consumed after the barrier was read
  intake.add(record(kConsent, 0));
  ASSERT_EQ(intake.due(std::nullopt, kNow), Due::kFull);
  EXPECT_EQ(names(intake.take(Due::kFull)),
            (std::vector<std::string>{"m.consent.v1@0", "m.social.v1@0"}));
  EXPECT_TRUE(intake.needs_barrier());
  intake.set_barrier({.low = 0, .high = 1}, kNow);
  ASSERT_EQ(intake.due(std::nullopt, kNow), Due::kFull);
  EXPECT_EQ(names(intake.take(Due::kFull)), std::vector<std::string>{"m.plan.v1@0"});
}

TEST(PartitionIntake, AConsentBeyondTheBarrierStillGoesFirst) {
  PartitionIntake intake(kConsent, consent_from(0), {});
  intake.add(record(kSocial, 0));
  intake.set_barrier({.low = 0, .high = 0}, kNow);
  intake.add(record(kConsent, 0));  // landed after the barrier: applied first all the same
  ASSERT_EQ(intake.due(std::nullopt, kNow), Due::kFull);
  EXPECT_EQ(names(intake.take(Due::kFull)),
            (std::vector<std::string>{"m.consent.v1@0", "m.social.v1@0"}));
}

TEST(PartitionIntake, EmptyConsentPartitionIsReachedAtOnce) {
  PartitionIntake intake(kConsent, {}, {});
  intake.add(record(kSocial, 0));
  intake.set_barrier({.low = 7, .high = 7}, kNow);  // everything before 7 is gone by retention
  EXPECT_EQ(intake.due(std::nullopt, kNow), Due::kFull);
}

TEST(PartitionIntake, ConsumerPositionPastControlRecordsReachesTheBarrier) {
  PartitionIntake intake(kConsent, consent_from(4), {});
  intake.add(record(kSocial, 0));
  intake.set_barrier({.low = 0, .high = 5}, kNow);  // offset 4: a transaction's commit marker
  EXPECT_EQ(intake.due(4, kNow), Due::kNothing);
  EXPECT_EQ(intake.due(5, kNow), Due::kFull);
}

TEST(PartitionIntake, WaitLimitEndsAWaitThatConsentNeverEnds) {
  PartitionIntake intake(kConsent, consent_from(0), {.max_held = 100, .consent_wait = 50ms});
  intake.add(record(kSocial, 0));
  intake.set_barrier({.low = 0, .high = 3}, kNow);
  EXPECT_EQ(intake.due(std::nullopt, kNow + 49ms), Due::kNothing);
  EXPECT_EQ(intake.due(std::nullopt, kNow + 50ms), Due::kFullAfterWaitLimit);
}

TEST(PartitionIntake, RedeliveredRecordsAreIgnored) {
  PartitionIntake intake(kConsent, consent_from(2), {});
  intake.add(record(kConsent, 1));  // before the checkpoint
  intake.add(record(kSocial, 5));
  intake.add(record(kSocial, 5));
  intake.add(record(kSocial, 4));
  EXPECT_EQ(intake.held(), 1u);
}

TEST(PartitionIntake, BackPressureDropsATopicFromItsFirstExcessRecordAndSaysWhereToReadAgain) {
  PartitionIntake intake(kConsent, consent_from(0), {.max_held = 2, .consent_wait = 10s});
  intake.add(record(kSocial, 0));
  intake.add(record(kPlan, 0));
  intake.add(record(kSocial, 1));   // over the limit: dropped
  intake.add(record(kPlan, 1));     // over the limit: dropped
  intake.add(record(kConsent, 0));  // consent is never dropped
  EXPECT_EQ(intake.held(), 3u);
  intake.set_barrier({.low = 0, .high = 1}, kNow);
  ASSERT_EQ(intake.due(std::nullopt, kNow), Due::kFull);
  EXPECT_EQ(intake.take(Due::kFull).size(), 3u);
  intake.add(record(kSocial, 2));  // still behind the gap at 1: dropped
  EXPECT_EQ(intake.held(), 0u);
  const auto rewinds = intake.take_rewinds();
  EXPECT_EQ(rewinds, (std::map<std::string, std::int64_t>{{kSocial, 1}, {kPlan, 1}}));
  intake.add(record(kSocial, 1));  // read again after the seek
  EXPECT_EQ(intake.held(), 1u);
  EXPECT_TRUE(intake.holds_records_of(kSocial));
  EXPECT_FALSE(intake.holds_records_of(kPlan));
}

}  // namespace
}  // namespace samsag::bridge
