#include "core/events/dead_letters.h"

#include <gtest/gtest.h>

namespace samsag::events {
namespace {

TEST(DeadLetters, MasksCprNumbersInTheOriginalButKeepsItsShape) {
  DeadLetterFacts facts;
  facts.reason = samsag::v1::DEAD_LETTER_REASON_INVALID_DATE;
  facts.message = "the date does not exist";
  facts.field = "dato";
  facts.original = "0201609995;BEVILLING_START;2024-02-31";
  facts.municipality_code = 751;
  google::protobuf::Timestamp now;
  now.set_seconds(1'700'000'000);

  const auto letter = make_dead_letter(facts, now);
  EXPECT_EQ(letter.original(), "XXXXXXXXXX;BEVILLING_START;2024-02-31");
  EXPECT_EQ(letter.reason(), samsag::v1::DEAD_LETTER_REASON_INVALID_DATE);
  EXPECT_EQ(letter.field(), "dato");
  EXPECT_EQ(letter.municipality_code(), 751U);
  EXPECT_EQ(letter.rejected_at().seconds(), 1'700'000'000);
}

TEST(DeadLetters, KeepTheCitizenAndTheMaskedHeaderForReplay) {
  DeadLetterFacts facts;
  facts.reason = samsag::v1::DEAD_LETTER_REASON_WRONG_MUNICIPALITY;
  facts.original = "0201609995;MAALGRUPPE;2026-03-02;R1;1;751";
  facts.header = "cpr;haendelse;dato;registrering_id;version;kommunekode 0201609995";
  facts.citizen = "k1:abc";
  const auto letter = make_dead_letter(facts, {});
  EXPECT_EQ(letter.citizen(), "k1:abc");
  EXPECT_EQ(letter.origin().header(),
            "cpr;haendelse;dato;registrering_id;version;kommunekode XXXXXXXXXX");
}

TEST(DeadLetters, ReasonNamesAreShortForMetricLabels) {
  EXPECT_EQ(reason_name(samsag::v1::DEAD_LETTER_REASON_INVALID_CPR), "INVALID_CPR");
  EXPECT_EQ(reason_name(samsag::v1::DEAD_LETTER_REASON_BAD_ENCODING), "BAD_ENCODING");
}

}  // namespace
}  // namespace samsag::events
