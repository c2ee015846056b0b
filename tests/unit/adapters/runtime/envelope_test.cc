#include "adapters/runtime/envelope.h"

#include <gtest/gtest.h>

#include "adapters/runtime/event_id.h"

namespace samsag::adapters {
namespace {

class EnvelopeTest : public ::testing::Test {
 protected:
  EnvelopeTest()
      : pseudonymiser_(
            samsag::privacy::Pseudonymiser::from_key(std::string(32, 'k'), "k1").value()) {
    context_.municipality_code = 751;
    context_.sector = samsag::v1::SECTOR_EMPLOYMENT;
    context_.source_system = "samsag-gen";
    context_.pseudonymiser = &pseudonymiser_;
    recorded_at_.set_seconds(1'800'000'000);
  }

  static SourceRecord benefit_record(std::string cpr) {
    SourceRecord record;
    record.cpr_text = std::move(cpr);
    record.record_id = "B-1";
    record.record_version = "3";
    record.occurred_at.set_seconds(1'700'000'000);
    record.payload.mutable_benefit_started()->set_benefit_id("B-1");
    record.payload.mutable_benefit_started()->set_benefit(samsag::v1::BENEFIT_KONTANTHJAELP);
    record.original = cpr_line_;
    record.position.line = 7;
    return record;
  }

  static inline const std::string cpr_line_ = "0201609995;YDELSE_START;2024-01-02";
  samsag::privacy::Pseudonymiser pseudonymiser_;
  EnvelopeContext context_;
  google::protobuf::Timestamp recorded_at_;
};

TEST_F(EnvelopeTest, ValidRecordBecomesEventKeyedByPseudonym) {
  auto result = make_event(benefit_record("020160-9995"), context_, recorded_at_);
  ASSERT_TRUE(std::holds_alternative<samsag::v1::Event>(result));
  const auto& event = std::get<samsag::v1::Event>(result);
  EXPECT_EQ(event.citizen().substr(0, 3), "k1:");
  EXPECT_EQ(event.citizen().size(), 3U + 52U);
  EXPECT_EQ(event.event_id(), derive_event_id("samsag-gen", "B-1", "3"));
  EXPECT_EQ(event.municipality_code(), 751U);
  EXPECT_EQ(event.sector(), samsag::v1::SECTOR_EMPLOYMENT);
  EXPECT_EQ(event.occurred_at().seconds(), 1'700'000'000);
  EXPECT_EQ(event.recorded_at().seconds(), 1'800'000'000);
  EXPECT_TRUE(event.has_benefit_started());
  EXPECT_EQ(event.SerializeAsString().find("0201609995"), std::string::npos);
}

TEST_F(EnvelopeTest, DashedAndPlainCprGiveTheSamePseudonym) {
  auto dashed = make_event(benefit_record("020160-9995"), context_, recorded_at_);
  auto plain = make_event(benefit_record("0201609995"), context_, recorded_at_);
  EXPECT_EQ(std::get<samsag::v1::Event>(dashed).citizen(),
            std::get<samsag::v1::Event>(plain).citizen());
}

TEST_F(EnvelopeTest, MissingCprIsRejectedWithItsReason) {
  auto result = make_event(benefit_record(""), context_, recorded_at_);
  ASSERT_TRUE(std::holds_alternative<Rejection>(result));
  EXPECT_EQ(std::get<Rejection>(result).reason, samsag::v1::DEAD_LETTER_REASON_MISSING_CPR);
}

TEST_F(EnvelopeTest, ImpossibleBirthDateIsInvalidCprAndKeepsTheOriginalAndPosition) {
  auto result = make_event(benefit_record("3102609995"), context_, recorded_at_);
  ASSERT_TRUE(std::holds_alternative<Rejection>(result));
  const auto& rejection = std::get<Rejection>(result);
  EXPECT_EQ(rejection.reason, samsag::v1::DEAD_LETTER_REASON_INVALID_CPR);
  EXPECT_EQ(rejection.field, "cpr");
  EXPECT_EQ(rejection.position.line, 7U);
  EXPECT_FALSE(rejection.original.empty());
}

TEST_F(EnvelopeTest, PayloadOfAnotherSectorIsRejected) {
  auto record = benefit_record("0201609995");
  record.payload.mutable_hospital_admitted()->set_encounter_id("E-1");
  auto result = make_event(std::move(record), context_, recorded_at_);
  ASSERT_TRUE(std::holds_alternative<Rejection>(result));
  EXPECT_EQ(std::get<Rejection>(result).reason, samsag::v1::DEAD_LETTER_REASON_INVALID_VALUE);
}

TEST(EventId, IsDeterministicAndSeparatesItsParts) {
  EXPECT_EQ(derive_event_id("s", "r", "1"), derive_event_id("s", "r", "1"));
  EXPECT_NE(derive_event_id("s", "r", "1"), derive_event_id("s", "r", "2"));
  EXPECT_NE(derive_event_id("ab", "c", "1"), derive_event_id("a", "bc", "1"));
  EXPECT_EQ(derive_event_id("s", "r", "1").size(), 26U);
}

}  // namespace
}  // namespace samsag::adapters
