#include "adapters/runtime/dead_letter_citizen.h"

#include <gtest/gtest.h>

#include "adapters/runtime/envelope.h"
#include "core/privacy/cpr.h"
#include "core/privacy/cpr_shape.h"

namespace samsag::adapters {
namespace {

// MedCom's public test patients (domain.md §6): fine in fixtures, and treated as real.
constexpr const char* kRow = "0201609995;MAALGRUPPE;2026-03-02;R1;1;;751;;ledig";
constexpr const char* kOtherCitizen = "0504909995";

samsag::privacy::Pseudonymiser pseudonymiser() {
  return samsag::privacy::Pseudonymiser::from_key(std::string(32, 'k'), "k1").value();
}

std::string pseudonym_of(const char* cpr) {
  return pseudonymiser().pseudonym(samsag::privacy::Cpr::parse(cpr).value());
}

TEST(DeadLetterCitizen, IsThePseudonymOfTheOnlyCprInTheOriginal) {
  EXPECT_EQ(citizen_of_original(kRow, pseudonymiser()), pseudonym_of("0201609995"));
  // The same number written twice, once with the dash, is still one citizen.
  EXPECT_EQ(citizen_of_original("020160-9995;x;0201609995", pseudonymiser()),
            pseudonym_of("0201609995"));
}

TEST(DeadLetterCitizen, IsUnknownWhenTheOriginalNamesNoneOrSeveralOrAnInvalidNumber) {
  EXPECT_EQ(citizen_of_original(";MAALGRUPPE;2026-03-02", pseudonymiser()), "");
  EXPECT_EQ(citizen_of_original(std::string(kRow) + ";" + kOtherCitizen, pseudonymiser()), "");
  // CPR-shaped but no valid date (29 February 1900): the record cannot name a citizen.
  EXPECT_EQ(citizen_of_original("2902001234;MAALGRUPPE", pseudonymiser()), "");
}

TEST(DeadLetterCitizen, PlaceholderFillsMaskedNumbersInTheirWrittenForm) {
  const std::string masked = samsag::privacy::mask_cpr_shaped("020160-9995;0201609995;X;12");
  const std::string filled = with_placeholder_cpr(masked);
  const auto numbers = samsag::privacy::cpr_shaped_numbers(filled);
  ASSERT_EQ(numbers.size(), 2U);
  EXPECT_EQ(numbers[0].size(), 11U);
  EXPECT_EQ(numbers[1].size(), 10U);
  EXPECT_TRUE(is_placeholder_cpr(numbers[0]));
  EXPECT_TRUE(is_placeholder_cpr(numbers[1]));
  EXPECT_TRUE(samsag::privacy::Cpr::parse(numbers[0]).ok());
  EXPECT_EQ(filled.substr(22), ";X;12");
  // Anything that is not exactly a masked number stays as it was.
  EXPECT_EQ(with_placeholder_cpr("XXXXXXXXXXX;XXXXX-XXXX;9XXXXXXXXXX"),
            "XXXXXXXXXXX;XXXXX-XXXX;9XXXXXXXXXX");
  EXPECT_FALSE(is_placeholder_cpr("0201609995"));
}

TEST(DeadLetterCitizen, AReplayedRecordIsKeyedByTheCitizenNotByThePlaceholder) {
  const auto keys = pseudonymiser();
  EnvelopeContext context{751, samsag::v1::SECTOR_EMPLOYMENT, "momentum", &keys};
  SourceRecord record;
  record.cpr_text = with_placeholder_cpr("XXXXXXXXXX");
  record.citizen = pseudonym_of("0201609995");
  record.record_id = "R1";
  record.record_version = "1";
  record.payload.mutable_target_group_assigned()->set_target_group(samsag::v1::TARGET_GROUP_SICK);
  auto outcome = make_event(record, context, {});
  ASSERT_TRUE(std::holds_alternative<samsag::v1::Event>(outcome));
  EXPECT_EQ(std::get<samsag::v1::Event>(outcome).citizen(), pseudonym_of("0201609995"));
}

}  // namespace
}  // namespace samsag::adapters
