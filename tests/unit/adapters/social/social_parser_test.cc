#include "adapters/social/social_parser.h"

#include <gtest/gtest.h>

#include <variant>

#include "adapters/runtime/envelope.h"
#include "core/privacy/pseudonymiser.h"

namespace samsag::adapters::social {
namespace {

constexpr std::uint32_t kAarhus = 751;

std::string meeting(int number, const std::string& cpr = "0201609995") {
  return R"({"type": "MEETING_SCHEDULED", "record_id": "nexus-)" + std::to_string(number) +
         R"(", "version": 1, "cpr": ")" + cpr +
         R"(", "occurred_at": "2026-03-02", "meeting_id": "mt-1", "kind": "FOLLOW_UP",
             "scheduled_at": "2026-03-10T10:00:00+01:00"})";
}

std::string batch(int events) {
  std::string body = R"({"events": [)";
  for (int i = 0; i < events; ++i) body += (i > 0 ? "," : "") + meeting(i);
  return body + "]}";
}

TEST(SocialParserTest, SingleObjectKeepsTheWholeBodyAsItsOriginal) {
  const std::string body = meeting(1);
  const SocialParse parsed = parse_social_request({body, "req-1", kAarhus});
  ASSERT_EQ(parsed.parsed.records.size(), 1U);
  const auto& record = std::get<SourceRecord>(parsed.parsed.records[0]);
  EXPECT_EQ(record.original, body);
  EXPECT_EQ(record.position.request_id, "req-1");
  EXPECT_EQ(record.position.index, 0);
  EXPECT_EQ(record.record_id, "nexus-1");
  EXPECT_EQ(record.record_version, "1");
  EXPECT_TRUE(record.payload.has_meeting_scheduled());
}

TEST(SocialParserTest, BatchRecordOriginalHoldsOnlyItsOwnEvent) {
  const std::string body =
      R"({"events": [)" + meeting(1, "0201609995") + "," + meeting(2, "0504909995") + "]}";
  const SocialParse parsed = parse_social_request({body, "req-2", kAarhus});
  ASSERT_EQ(parsed.parsed.records.size(), 2U);
  const auto& second = std::get<SourceRecord>(parsed.parsed.records[1]);
  EXPECT_EQ(second.position.index, 1);
  EXPECT_NE(second.original.find("0504909995"), std::string::npos);
  EXPECT_EQ(second.original.find("0201609995"), std::string::npos);
}

TEST(SocialParserTest, AThousandEventsAreOneBatchAndOneMoreIsTooLarge) {
  EXPECT_EQ(parse_social_request({batch(1000), "r", kAarhus}).parsed.records.size(), 1000U);
  const SocialParse too_many = parse_social_request({batch(1001), "r", kAarhus});
  EXPECT_TRUE(too_many.body_rejected);
  ASSERT_EQ(too_many.parsed.records.size(), 1U);
  EXPECT_EQ(std::get<Rejection>(too_many.parsed.records[0]).reason,
            samsag::v1::DEAD_LETTER_REASON_TOO_LARGE);
}

TEST(SocialParserTest, FirstErrorNamesTheFirstRejectedFieldAndIndex) {
  const std::string body =
      R"({"events": [)" + meeting(1) + "," + meeting(2, "3102601234") + "," + meeting(3, "") + "]}";
  const SocialParse parsed = parse_social_request({body, "r", kAarhus});
  ASSERT_TRUE(parsed.first_error.has_value());
  EXPECT_FALSE(parsed.body_rejected);
  EXPECT_EQ(parsed.first_error->code, "INVALID_CPR");
  EXPECT_EQ(parsed.first_error->field, "events[1].cpr");
  EXPECT_EQ(parsed.first_error->index, 1);
  EXPECT_EQ(parsed.first_error->message.find("3102601234"), std::string::npos);
}

TEST(SocialParserTest, UnparseableBodyNamesLineAndColumn) {
  const SocialParse parsed = parse_social_request({"{\"events\": [\n  {\"type\": }]}", "r", 0});
  EXPECT_TRUE(parsed.body_rejected);
  ASSERT_TRUE(parsed.first_error.has_value());
  EXPECT_EQ(parsed.first_error->code, "UNPARSEABLE");
  EXPECT_NE(parsed.first_error->message.find("line 2, column 12"), std::string::npos)
      << parsed.first_error->message;
  EXPECT_EQ(std::get<Rejection>(parsed.parsed.records[0]).original,
            "{\"events\": [\n  {\"type\": }]}");
}

TEST(SocialParserTest, MunicipalityIsNotCheckedWhenTheAdapterNamesNone) {
  const std::string body = R"({"type": "MEASURE_GRANTED", "record_id": "n-1", "version": 1,
      "municipality_code": 730, "cpr": "0201609995", "occurred_at": "2026-03-02",
      "measure_id": "m-1", "legal_basis": "SEL-85", "start": "2026-03-02"})";
  EXPECT_TRUE(std::holds_alternative<SourceRecord>(
      parse_social_request({body, "r", 0}).parsed.records.at(0)));
  EXPECT_TRUE(std::holds_alternative<Rejection>(
      parse_social_request({body, "r", kAarhus}).parsed.records.at(0)));
}

TEST(SocialParserTest, AcceptedRecordsBecomeSocialEventsInTheRuntime) {
  const auto pseudonymiser =
      samsag::privacy::Pseudonymiser::from_key(std::string(32, 'k'), "k1").value();
  EnvelopeContext context{kAarhus, samsag::v1::SECTOR_SOCIAL, "nexus", &pseudonymiser};
  const SocialParse parsed = parse_social_request({batch(3), "r", kAarhus});
  for (const ParsedRecord& record : parsed.parsed.records) {
    auto event = make_event(std::get<SourceRecord>(record), context, {});
    ASSERT_TRUE(std::holds_alternative<samsag::v1::Event>(event));
    EXPECT_EQ(std::get<samsag::v1::Event>(event).SerializeAsString().find("0201609995"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace samsag::adapters::social
