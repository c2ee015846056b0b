#include "adapters/employment/row_mapper.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/employment/code_lists.h"
#include "samsag/config/v1/config.pb.h"
#include "tests/unit/adapters/employment/employment_test_support.h"

namespace samsag::adapters::employment {
namespace {

using testing::default_settings;
using ::testing::ElementsAre;
using testing::read_export;

ExportRow only_row(const std::string& text) {
  auto rows = read_export(text, default_settings());
  EXPECT_EQ(rows.size(), 1U);
  return rows.empty() ? ExportRow{} : std::move(rows.front());
}

const SourceRecord& accepted(const ExportRow& row) {
  if (const auto* rejection = std::get_if<Rejection>(&row.record)) {
    ADD_FAILURE() << "rejected: " << rejection->message << " (" << rejection->field << ")";
  }
  static const SourceRecord kEmpty;
  const auto* record = std::get_if<SourceRecord>(&row.record);
  return record != nullptr ? *record : kEmpty;
}

Rejection rejected(const ExportRow& row) {
  const auto* rejection = std::get_if<Rejection>(&row.record);
  if (rejection == nullptr) {
    ADD_FAILURE() << "accepted, expected a rejection";
    return {};
  }
  return *rejection;
}

constexpr const char* kBenefitHeader =
    "cpr;haendelse;dato;registrering_id;version;forloeb_id;ydelse\n";

TEST(RowMapperTest, MapsBenefitStartToItsCanonicalCode) {
  const std::string line = "0201609995;YDELSE_START;2026-03-02;R1;1;B1;sygedagpenge";
  const auto row = only_row(kBenefitHeader + line + "\n");
  const SourceRecord& record = accepted(row);
  EXPECT_EQ(record.cpr_text, "0201609995");
  EXPECT_EQ(record.record_id, "R1");
  EXPECT_EQ(record.record_version, "1");
  EXPECT_TRUE(record.source_system.empty());
  ASSERT_TRUE(record.payload.has_benefit_started());
  EXPECT_EQ(record.payload.benefit_started().benefit(), samsag::v1::BENEFIT_SYGEDAGPENGE);
  EXPECT_EQ(record.payload.benefit_started().benefit_id(), "B1");
  EXPECT_TRUE(record.payload.benefit_started().source_code().empty());
  EXPECT_EQ(record.occurred_at.seconds(), 1772406000);  // 2026-03-01T23:00:00Z
  ASSERT_NE(record.position.file, nullptr);
  EXPECT_EQ(record.position.file->name, "test.csv");
  EXPECT_EQ(record.position.line, 2U);
  EXPECT_EQ(record.original, line);
  EXPECT_EQ(row.end_offset, std::string(kBenefitHeader).size() + line.size() + 1);
  EXPECT_EQ(row.next_line, 3U);
}

TEST(RowMapperTest, UnlistedBenefitBecomesOtherWithTheCodeAsWritten) {
  const auto row = only_row(std::string(kBenefitHeader) +
                            "0201609995;YDELSE_START;2026-03-02;R1;1;B1;Boligydelse\n");
  const auto& started = accepted(row).payload.benefit_started();
  EXPECT_EQ(started.benefit(), samsag::v1::BENEFIT_OTHER);
  EXPECT_EQ(started.source_code(), "Boligydelse");
}

TEST(RowMapperTest, UnmappedTargetGroupIsUnknownAndFlaggedNotRejected) {
  const auto row = only_row(
      "cpr;haendelse;dato;registrering_id;version;maalgruppe\n"
      "0201609995;MAALGRUPPE;2026-03-02;R1;1;lokal_afklaringsgruppe\n");
  const auto& assigned = accepted(row).payload.target_group_assigned();
  EXPECT_EQ(assigned.target_group(), samsag::v1::TARGET_GROUP_UNKNOWN);
  EXPECT_EQ(assigned.source_code(), "lokal_afklaringsgruppe");
  EXPECT_TRUE(row.target_group_unmapped);
}

TEST(RowMapperTest, TargetGroupIsMatchedAfterTrimmingAndLowerCasing) {
  const auto row = only_row(
      "cpr;haendelse;dato;registrering_id;version;maalgruppe\n"
      "0201609995;MAALGRUPPE;2026-03-02;R1;1;\" Sygedagpengemodtager \"\n");
  const auto& assigned = accepted(row).payload.target_group_assigned();
  EXPECT_EQ(assigned.target_group(), samsag::v1::TARGET_GROUP_SICK);
  EXPECT_EQ(assigned.source_code(), "Sygedagpengemodtager");
  EXPECT_FALSE(row.target_group_unmapped);
}

TEST(RowMapperTest, MappingFromConfigNormalisesItsCodes) {
  samsag::config::v1::Adapter adapter;
  (*adapter.mutable_target_groups())[" Revalidend"] = samsag::v1::TARGET_GROUP_OTHER_UNEMPLOYED;
  const MappingSettings settings = MappingSettings::from_config(adapter, 101);
  EXPECT_EQ(settings.municipality_code, 101U);
  ASSERT_EQ(settings.target_groups.count("revalidend"), 1U);
  EXPECT_EQ(settings.target_groups.at("revalidend"), samsag::v1::TARGET_GROUP_OTHER_UNEMPLOYED);
}

TEST(RowMapperTest, SourceSystemColumnIsCarriedAndVersionNormalised) {
  const auto row = only_row(
      "CPR ; Haendelse;DATO;registrering_id;version;kildesystem;parathed\n"
      "020160-9995;parathed;02-03-2026;R1;007;ky;ready_for_job\n");
  const SourceRecord& record = accepted(row);
  EXPECT_EQ(record.source_system, "ky");
  EXPECT_EQ(record.record_version, "7");
  EXPECT_EQ(record.cpr_text, "020160-9995");
  EXPECT_EQ(record.payload.readiness_assessed().readiness(), samsag::v1::READINESS_READY_FOR_JOB);
}

TEST(RowMapperTest, ColumnsOfOtherEventTypesAreIgnoredEvenWithBadValues) {
  const auto row = only_row(
      "cpr;haendelse;dato;registrering_id;version;forloeb_id;ydelse;moedetidspunkt;delvis\n"
      "0201609995;YDELSE_START;2026-03-02;R1;1;B1;DAGPENGE;not a time;maybe\n");
  EXPECT_TRUE(accepted(row).payload.has_benefit_started());
}

TEST(RowMapperTest, EmptyOptionalColumnsLeaveDefaults) {
  const auto row = only_row(
      "cpr;haendelse;dato;registrering_id;version;forloeb_id;indsats;leverandoer;planlagt_slut;"
      "timer_pr_uge\n"
      "0201609995;INDSATS_START;2026-04-01;R1;1;I1;MENTOR;;;\n");
  const auto& started = accepted(row).payload.effort_started();
  EXPECT_EQ(started.effort_type(), samsag::v1::EFFORT_TYPE_MENTOR);
  EXPECT_EQ(started.provider_kind(), samsag::v1::PROVIDER_KIND_UNSPECIFIED);
  EXPECT_FALSE(started.has_planned_end());
  EXPECT_EQ(started.hours_per_week(), 0.0);
}

TEST(RowMapperTest, EmptyMandatoryColumnNamesTheColumn) {
  const auto rejection = rejected(
      only_row("cpr;haendelse;dato;registrering_id;version;forloeb_id;moedetype;moedetidspunkt\n"
               "0201609995;MOEDE_PLANLAGT;2026-03-10;R1;1;M1;FOLLOW_UP;\n"));
  EXPECT_EQ(rejection.reason, samsag::v1::DEAD_LETTER_REASON_MISSING_FIELD);
  EXPECT_EQ(rejection.field, "moedetidspunkt");
  EXPECT_EQ(rejection.position.line, 2U);
  EXPECT_THAT(rejection.original, ::testing::HasSubstr("MOEDE_PLANLAGT"));
}

TEST(RowMapperTest, ColumnMissingFromTheFileCountsAsEmpty) {
  const auto rejection =
      rejected(only_row("cpr;haendelse;dato;registrering_id;version\n"
                        "0201609995;YDELSE_START;2026-03-02;R1;1\n"));
  EXPECT_EQ(rejection.reason, samsag::v1::DEAD_LETTER_REASON_MISSING_FIELD);
  EXPECT_EQ(rejection.field, "forloeb_id");
}

TEST(RowMapperTest, AnotherMunicipalityIsReportedBeforeAnythingElse) {
  const auto rejection =
      rejected(only_row("cpr;haendelse;dato;registrering_id;version;kommunekode\n"
                        "0201609995;NO_SUCH_TYPE;2026-02-31;R1;1;0101\n"));
  EXPECT_EQ(rejection.reason, samsag::v1::DEAD_LETTER_REASON_WRONG_MUNICIPALITY);
  EXPECT_EQ(rejection.field, "kommunekode");
}

TEST(RowMapperTest, MessagesNeverRepeatTheValue) {
  const auto rejection =
      rejected(only_row("cpr;haendelse;dato;registrering_id;version;forloeb_id\n"
                        "0201609995;RASKMELDING;2026-03-02;R1;1;S-0201609995\n"));
  EXPECT_EQ(rejection.reason, samsag::v1::DEAD_LETTER_REASON_INVALID_VALUE);
  EXPECT_EQ(rejection.field, "forloeb_id");
  EXPECT_EQ(rejection.message.find("0201609995"), std::string::npos);
}

TEST(RowMapperTest, CodeListsAreTheOnesFormatMdNames) {
  const auto& lists = EmploymentCodeLists::get();
  EXPECT_THAT(lists.readiness.codes(),
              ElementsAre("READY_FOR_JOB", "READY_FOR_EDUCATION", "NOT_YET_READY", "NOT_ASSESSED"));
  EXPECT_THAT(
      lists.benefit.codes(),
      ElementsAre("DAGPENGE", "KONTANTHJAELP", "UDDANNELSESHJAELP", "SELVFORSOERGELSESYDELSE",
                  "SYGEDAGPENGE", "LEDIGHEDSYDELSE", "RESSOURCEFORLOEBSYDELSE",
                  "REVALIDERINGSYDELSE", "FLEKSLOENTILSKUD", "FOERTIDSPENSION"));
  EXPECT_THAT(lists.benefit_status.codes(), ElementsAre("ACTIVE", "SUSPENDED"));
  EXPECT_THAT(lists.effort_type.codes(),
              ElementsAre("WORK_PRACTICE", "WAGE_SUBSIDY", "GUIDANCE_UPSKILLING", "EDUCATION",
                          "MENTOR", "IPS", "UTILITY_WORK", "OTHER"));
  EXPECT_THAT(lists.provider_kind.codes(), ElementsAre("MUNICIPAL", "A_KASSE", "PRIVATE_PROVIDER",
                                                       "EDUCATION_INSTITUTION", "EMPLOYER"));
  EXPECT_THAT(lists.end_reason.codes(),
              ElementsAre("JOB", "EDUCATION", "OTHER_BENEFIT", "EXHAUSTED", "MOVED", "OTHER"));
  EXPECT_THAT(lists.meeting_kind.codes(),
              ElementsAre("EMPLOYMENT_CONVERSATION", "FOLLOW_UP", "ROUNDTABLE",
                          "REHABILITATION_TEAM", "COORDINATION", "HEALTH_APPOINTMENT", "OTHER"));
  EXPECT_THAT(lists.meeting_mode.codes(), ElementsAre("IN_PERSON", "PHONE", "VIDEO"));
  EXPECT_THAT(lists.engagement.codes(), ElementsAre("ORDINARY_JOB", "FLEX_JOB", "EDUCATION"));
  EXPECT_THAT(lists.contact_role.codes(),
              ElementsAre("CASEWORKER", "JOB_ADVISER", "SOCIAL_WORKER", "NURSE", "THERAPIST",
                          "HOSPITAL_COORDINATOR", "OTHER"));
}

}  // namespace
}  // namespace samsag::adapters::employment
