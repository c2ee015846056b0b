// Folding a batch of records into cases: changed cases and offsets for the checkpoint, counts
// for the not-consented, and a dead letter (with where it came from) for every record that is no
// valid event of this deployment, without stopping the batch.
#include "bridge/loop/case_batch.h"

#include <gtest/gtest.h>

#include "event_builder.h"

namespace samsag::bridge {
namespace {

using samsag::v1::CitizenCase;
using samsag::v1::Event;
using testing::kAarhus;
using testing::kCitizen;

const config::Topics kTopics = config::Topics::for_municipality("m");

class CaseBatchTest : public ::testing::Test {
 protected:
  kafka::Message record(const std::string& topic, std::int64_t offset, const Event& event) {
    return raw(topic, offset, event.citizen(), event.SerializeAsString());
  }
  kafka::Message raw(const std::string& topic, std::int64_t offset, std::optional<std::string> key,
                     std::optional<std::string> value) {
    kafka::Message message;
    message.topic = topic;
    message.partition = 1;
    message.offset = offset;
    message.key = std::move(key);
    message.value = std::move(value);
    return message;
  }

  BatchResult apply_all(const std::vector<kafka::Message>& records, InputOffsets offsets = {}) {
    auto result = apply_batch(records, std::move(offsets), load_, rules_, now_);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return result.ok() ? std::move(*result) : BatchResult{};
  }

  std::map<std::string, CitizenCase> stored_;
  CaseLoader load_ = [this](const std::string& pseudonym) -> Result<std::optional<CitizenCase>> {
    auto it = stored_.find(pseudonym);
    if (it == stored_.end()) return std::optional<CitizenCase>();
    return std::optional<CitizenCase>(it->second);
  };
  BatchRules rules_{ConsentRules::project_default(), kTopics, kAarhus};
  google::protobuf::Timestamp now_ = testing::at_hour(std::int64_t{24} * 400);
};

TEST_F(CaseBatchTest, ChangedCasesAndTheOffsetsAfterTheBatch) {
  auto result =
      apply_all({record(kTopics.employment, 7,
                        testing::sector_event(Event::kBenefitStarted, "e1", "B-1", 10)),
                 record(kTopics.plan, 3,
                        testing::sector_event(Event::kCoordinatorAssigned, "p1", "C-1", 11))});
  ASSERT_EQ(result.changed.size(), 1u);
  const CitizenCase& citizen_case = result.changed.at(kCitizen);
  EXPECT_EQ(citizen_case.citizen(), kCitizen);
  EXPECT_EQ(citizen_case.sectors_size(), 1);
  EXPECT_EQ(result.offsets.next(kTopics.employment), 8);
  EXPECT_EQ(result.offsets.next(kTopics.plan), 4);
  EXPECT_EQ(result.new_cases, 1u);
  EXPECT_EQ(result.applied_recorded_at.size(), 2u);
  EXPECT_TRUE(result.dead_letters.empty());
}

TEST_F(CaseBatchTest, ADuplicateChangesNothing) {
  const auto event = testing::sector_event(Event::kBenefitStarted, "e1", "B-1", 10);
  auto result =
      apply_all({record(kTopics.employment, 0, event), record(kTopics.employment, 1, event)});
  ASSERT_EQ(result.verdicts.size(), 2u);
  EXPECT_EQ(result.verdicts[0].outcome, Outcome::kApplied);
  EXPECT_EQ(result.verdicts[1].outcome, Outcome::kUnchanged);
  EXPECT_EQ(result.verdicts[1].sector, samsag::v1::SECTOR_EMPLOYMENT);
}

TEST_F(CaseBatchTest, AStoredCaseIsContinued) {
  CitizenCase granted;
  ASSERT_EQ(apply(granted, testing::consent_granted("c1", 1, {samsag::v1::SECTOR_SOCIAL}),
                  rules_.consent())
                .outcome,
            Outcome::kApplied);
  stored_[kCitizen] = granted;
  auto result = apply_all(
      {record(kTopics.social, 0, testing::sector_event(Event::kMeasureGranted, "s1", "M-1", 5))});
  ASSERT_EQ(result.changed.size(), 1u);
  EXPECT_EQ(result.new_cases, 0u);
  EXPECT_EQ(result.changed.at(kCitizen).consent_history_size(), 1);
}

TEST_F(CaseBatchTest, NotConsentedIsCountedNeverStoredNorDeadLettered) {
  auto result = apply_all(
      {record(kTopics.social, 0, testing::sector_event(Event::kMeasureGranted, "s1", "M-1", 5))});
  EXPECT_TRUE(result.changed.empty());
  EXPECT_TRUE(result.dead_letters.empty());
  ASSERT_EQ(result.verdicts.size(), 1u);
  EXPECT_EQ(result.verdicts[0].outcome, Outcome::kNotConsented);
  EXPECT_EQ(result.verdicts[0].reason, "NO_CONSENT");
  EXPECT_EQ(result.offsets.next(kTopics.social), 1);  // read past: it is not retried
}

TEST_F(CaseBatchTest, UnreadableRecordBecomesADeadLetterWithItsOriginAndTheBatchGoesOn) {
  auto result = apply_all({raw(kTopics.social, 41, kCitizen, std::string("\xff\xff not an event")),
                           record(kTopics.employment, 0,
                                  testing::sector_event(Event::kBenefitStarted, "e1", "B-1", 10))});
  ASSERT_EQ(result.dead_letters.size(), 1u);
  const auto& letter = result.dead_letters[0];
  EXPECT_EQ(letter.reason(), samsag::v1::DEAD_LETTER_REASON_INVALID_EVENT);
  EXPECT_EQ(letter.origin().component(), "bridge");
  EXPECT_EQ(letter.origin().topic(), kTopics.social);
  EXPECT_EQ(letter.origin().partition(), 1);
  EXPECT_EQ(letter.origin().offset(), 41);
  EXPECT_EQ(letter.municipality_code(), kAarhus);
  EXPECT_EQ(letter.rejected_at().seconds(), now_.seconds());
  EXPECT_EQ(result.changed.size(), 1u);
  EXPECT_EQ(result.offsets.next(kTopics.social), 42);
  EXPECT_EQ(result.verdicts[0].reason, "INVALID_EVENT");
}

TEST_F(CaseBatchTest, RecordWithoutKeyOrValueIsADeadLetter) {
  auto result = apply_all(
      {raw(kTopics.plan, 0, std::nullopt, "x"), raw(kTopics.plan, 1, kCitizen, std::nullopt)});
  ASSERT_EQ(result.dead_letters.size(), 2u);
  EXPECT_EQ(result.dead_letters[0].field(), "key");
  EXPECT_TRUE(result.changed.empty());
}

TEST_F(CaseBatchTest, EventOfAnotherMunicipalityIsADeadLetter) {
  auto event = testing::sector_event(Event::kBenefitStarted, "e1", "B-1", 10);
  event.set_municipality_code(101);
  auto result = apply_all({record(kTopics.employment, 0, event)});
  ASSERT_EQ(result.dead_letters.size(), 1u);
  EXPECT_EQ(result.dead_letters[0].reason(), samsag::v1::DEAD_LETTER_REASON_WRONG_MUNICIPALITY);
  EXPECT_EQ(result.dead_letters[0].original(), event.SerializeAsString());
  EXPECT_TRUE(result.changed.empty());
}

TEST_F(CaseBatchTest, RecordKeyedByAnotherCitizenIsADeadLetter) {
  const auto event = testing::sector_event(Event::kBenefitStarted, "e1", "B-1", 10);
  auto result =
      apply_all({raw(kTopics.employment, 0, "k1:someone-else", event.SerializeAsString())});
  ASSERT_EQ(result.dead_letters.size(), 1u);
  EXPECT_EQ(result.dead_letters[0].field(), "citizen");
  EXPECT_TRUE(result.changed.empty());
}

TEST_F(CaseBatchTest, EventOnAnotherSectorsTopicIsADeadLetter) {
  auto result = apply_all(
      {record(kTopics.social, 0, testing::sector_event(Event::kBenefitStarted, "e1", "B-1", 10))});
  ASSERT_EQ(result.dead_letters.size(), 1u);
  EXPECT_EQ(result.dead_letters[0].field(), "sector");
  EXPECT_EQ(result.verdicts[0].sector, samsag::v1::SECTOR_SOCIAL);
}

TEST_F(CaseBatchTest, ReducerRefusalIsADeadLetterWithTheReducersReason) {
  auto event = testing::sector_event(Event::kBenefitStarted, "e1", "B-1", 10);
  event.mutable_benefit_started()->clear_benefit_id();
  auto result = apply_all({record(kTopics.employment, 0, event)});
  ASSERT_EQ(result.dead_letters.size(), 1u);
  EXPECT_EQ(result.dead_letters[0].reason(), samsag::v1::DEAD_LETTER_REASON_MISSING_FIELD);
  EXPECT_EQ(result.verdicts[0].reason, "MISSING_FIELD");
}

TEST_F(CaseBatchTest, WithdrawalRemovesTheSectorAndAsksForAPurge) {
  auto result = apply_all(
      {record(kTopics.consent, 0, testing::consent_granted("c1", 1, {samsag::v1::SECTOR_SOCIAL})),
       record(kTopics.social, 0, testing::sector_event(Event::kMeasureGranted, "s1", "M-1", 5)),
       record(kTopics.consent, 1,
              testing::consent_withdrawn("c2", 9, {samsag::v1::SECTOR_SOCIAL}))});
  ASSERT_EQ(result.changed.size(), 1u);
  EXPECT_EQ(result.changed.at(kCitizen).sectors_size(), 0);
  EXPECT_EQ(serialize_case(result.changed.at(kCitizen)).find("M-1"), std::string::npos);
  EXPECT_TRUE(result.deleted_data);
}

TEST_F(CaseBatchTest, StoreErrorStopsTheBatch) {
  CaseLoader failing = [](const std::string&) -> Result<std::optional<CitizenCase>> {
    return make_error("STATE_STORE_FAILED", "disk full");
  };
  auto result =
      apply_batch({record(kTopics.employment, 0,
                          testing::sector_event(Event::kBenefitStarted, "e1", "B-1", 10))},
                  {}, failing, rules_, now_);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "STATE_STORE_FAILED");
}

TEST_F(CaseBatchTest, ExpiryDropsSectorsWhoseConsentRanOut) {
  CitizenCase citizen_case;
  ASSERT_TRUE(apply(citizen_case, testing::consent_granted("c1", 1, {samsag::v1::SECTOR_SOCIAL}),
                    rules_.consent())
                  .changed());
  ASSERT_TRUE(apply(citizen_case, testing::sector_event(Event::kMeasureGranted, "s1", "M-1", 5),
                    rules_.consent())
                  .changed());
  CitizenCase untouched;
  untouched.set_citizen("k1:other");
  InputOffsets offsets;
  offsets.applied(kTopics.social, 9);
  auto result = expire_cases(
      {{kCitizen, serialize_case(citizen_case)}, {"k1:other", serialize_case(untouched)}}, offsets,
      now_);  // 400 days on: the 365-day consent ran out
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->changed.size(), 1u);
  EXPECT_EQ(result->changed.at(kCitizen).sectors_size(), 0);
  EXPECT_TRUE(result->deleted_data);
  EXPECT_EQ(result->offsets, offsets);
  EXPECT_FALSE(expire_cases({{kCitizen, "\xff\xff"}}, offsets, now_).ok());
}

}  // namespace
}  // namespace samsag::bridge
