#include "cli/dlq/dead_letter_view.h"

#include <gtest/gtest.h>

#include "core/privacy/cpr_shape.h"

namespace samsag::cli::dlq {
namespace {

// MedCom's public test patient (domain.md §6); a dead letter should never hold it unmasked, and
// the views mask it again if one does.
constexpr const char* kUnmaskedRow = "0201609995;MAALGRUPPE;2026-03-02;R1;1;751";

StoredDeadLetter sample() {
  StoredDeadLetter stored{3, 17, {}, std::nullopt};
  auto& letter = stored.letter;
  letter.set_reason(samsag::v1::DEAD_LETTER_REASON_WRONG_MUNICIPALITY);
  letter.set_message("The record belongs to another municipality than this adapter's.");
  letter.set_field("kommunekode");
  letter.set_original(std::string(kUnmaskedRow) + "\x1b[2J");
  letter.set_citizen("k1:abc");
  letter.set_municipality_code(715);
  letter.mutable_rejected_at()->set_seconds(1'772'445'600);
  letter.mutable_rejected_at()->set_nanos(123);
  auto& origin = *letter.mutable_origin();
  origin.set_component("adapter employment");
  origin.set_file("export-00001.csv");
  origin.set_line(2);
  origin.set_header("cpr;haendelse;dato;registrering_id;version;kommunekode");
  return stored;
}

TEST(DeadLetterView, ListIsATableWithoutTheOriginal) {
  const auto lines = list_lines({sample()});
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].rfind("POSITION  REJECTED_AT", 0), 0U) << lines[0];
  EXPECT_EQ(lines[1],
            "3:17      2026-03-02T10:00:00Z  adapter employment  WRONG_MUNICIPALITY  The record "
            "belongs to another municipality than this adapter's.");
}

TEST(DeadLetterView, ShowMasksTheOriginalAgainAndEscapesControlBytes) {
  const auto text = show_text(sample());
  EXPECT_FALSE(samsag::privacy::contains_cpr_shaped(text)) << text;
  EXPECT_NE(text.find("XXXXXXXXXX;MAALGRUPPE;2026-03-02;R1;1;751\\x1b[2J"), std::string::npos)
      << text;
  EXPECT_NE(text.find("header:\ncpr;haendelse"), std::string::npos) << text;
  EXPECT_NE(text.find("position: 3:17\n"), std::string::npos);
  EXPECT_NE(text.find("field: kommunekode\n"), std::string::npos);
  EXPECT_NE(text.find("file: export-00001.csv\nline: 2\n"), std::string::npos);
  EXPECT_NE(text.find("citizen: k1:abc\n"), std::string::npos);
}

TEST(DeadLetterView, AnUnreadableRecordIsListedAsSuch) {
  StoredDeadLetter stored{0, 5, {}, std::string("the record is not a samsag.v1.DeadLetter")};
  const auto lines = list_lines({stored});
  EXPECT_NE(lines[1].find("UNREADABLE"), std::string::npos) << lines[1];
  EXPECT_NE(show_text(stored).find("unreadable:"), std::string::npos);
}

}  // namespace
}  // namespace samsag::cli::dlq
