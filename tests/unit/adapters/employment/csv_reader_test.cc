#include "adapters/employment/csv_reader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

namespace samsag::adapters::employment {
namespace {

struct Row {
  std::uint64_t line = 0;
  std::uint64_t end_offset = 0;
  CsvRowProblem problem = CsvRowProblem::kNone;
  std::string bytes;
  std::vector<std::string> fields;
};

std::vector<Row> read_all(CsvReader& reader) {
  std::vector<Row> rows;
  CsvRow row;
  while (reader.next(row)) {
    rows.push_back({row.line, row.end_offset, row.problem, std::string(row.bytes),
                    std::vector<std::string>(row.fields.begin(), row.fields.end())});
  }
  return rows;
}

std::vector<Row> read_all(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  auto rows = read_all(reader);
  EXPECT_FALSE(reader.read_failure().has_value());
  return rows;
}

using Fields = std::vector<std::string>;

TEST(CsvReaderTest, SplitsOnSemicolonsAndTrimsUnquotedFields) {
  const auto rows = read_all("a; b ;\tc\t;;d\n");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "b", "c", "", "d"}));
  EXPECT_EQ(rows[0].line, 1U);
  EXPECT_EQ(rows[0].end_offset, 13U);
}

TEST(CsvReaderTest, SkipsByteOrderMarkButCountsItInOffsets) {
  const auto rows = read_all("\xEF\xBB\xBFx;y\r\nz;w\r\n");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].fields, (Fields{"x", "y"}));
  EXPECT_EQ(rows[0].end_offset, 3U + 5U);
  EXPECT_EQ(rows[1].fields, (Fields{"z", "w"}));
  EXPECT_EQ(rows[1].line, 2U);
}

TEST(CsvReaderTest, AcceptsMixedLineEndsAndALastRowWithoutOne) {
  const auto rows = read_all("a;b\r\nc;d\ne;f");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "b"}));
  EXPECT_EQ(rows[1].fields, (Fields{"c", "d"}));
  EXPECT_EQ(rows[2].fields, (Fields{"e", "f"}));
  EXPECT_EQ(rows[2].end_offset, 12U);
}

TEST(CsvReaderTest, SkipsCompletelyEmptyLinesButKeepsCountingLines) {
  const auto rows = read_all("a\n\n\r\nb\n\n");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1].fields, (Fields{"b"}));
  EXPECT_EQ(rows[1].line, 4U);
}

TEST(CsvReaderTest, QuotedFieldsKeepSeparatorsQuotesAndLineBreaksAsWritten) {
  const auto rows =
      read_all("1;\"Team \"\"Ny Start\"\"; Vest\";\" x \"\n2;\"two\r\nlines\";\"\"\n3;z\n");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0].fields, (Fields{"1", "Team \"Ny Start\"; Vest", " x "}));
  EXPECT_EQ(rows[1].fields, (Fields{"2", "two\r\nlines", ""}));
  EXPECT_EQ(rows[1].line, 2U);  // a row spanning lines has the number of its first line
  EXPECT_EQ(rows[2].line, 4U);
}

TEST(CsvReaderTest, BlanksAroundAQuotedFieldAreIgnored) {
  const auto rows = read_all("a; \"b\" ;c\n");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].fields, (Fields{"a", "b", "c"}));
}

TEST(CsvReaderTest, RowThatIsNotUtf8IsBadEncodingAndReadingGoesOn) {
  const auto rows = read_all(
      "ok;1\nK\xF8"
      "benhavn;2\nok;3\n");  // Windows-1252 'ø'
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[1].problem, CsvRowProblem::kBadEncoding);
  EXPECT_TRUE(rows[1].fields.empty());
  EXPECT_EQ(rows[1].bytes,
            "K\xF8"
            "benhavn;2");
  EXPECT_EQ(rows[2].fields, (Fields{"ok", "3"}));
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsBrokenQuotes) {
  const auto rows = read_all("a;\"b\"c;d\nnext;1\n");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].problem, CsvRowProblem::kBrokenQuotes);
  EXPECT_EQ(rows[1].fields, (Fields{"next", "1"}));
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsBrokenQuotes) {
  const auto rows = read_all("a;b\"c\"d;e\n");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].problem, CsvRowProblem::kBrokenQuotes);
}

TEST(CsvReaderTest, UnclosedQuoteCostsOnlyItsFirstLine) {
  const auto rows = read_all("a;\"never closed;x\nb;1\nc;2\n");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0].problem, CsvRowProblem::kBrokenQuotes);
  EXPECT_EQ(rows[0].bytes, "a;\"never closed;x");
  EXPECT_EQ(rows[1].fields, (Fields{"b", "1"}));
  EXPECT_EQ(rows[1].line, 2U);
  EXPECT_EQ(rows[2].fields, (Fields{"c", "2"}));
}

TEST(CsvReaderTest, StrayQuoteThatPairsWithALaterOneCostsOnlyItsFirstLine) {
  const auto rows = read_all("a;\"b;c\nd;e\nf;\"g\"h\ni;j\n");
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_EQ(rows[0].problem, CsvRowProblem::kBrokenQuotes);
  EXPECT_EQ(rows[1].fields, (Fields{"d", "e"}));
  EXPECT_EQ(rows[2].problem, CsvRowProblem::kBrokenQuotes);
  EXPECT_EQ(rows[3].fields, (Fields{"i", "j"}));
  EXPECT_EQ(rows[3].line, 4U);
}

TEST(CsvReaderTest, LineOverTheLimitIsTooLargeAndSkippedToItsEnd) {
  const std::string huge(CsvReader::kMaxRowBytes + 10'000, 'x');
  const auto rows = read_all("a;1\n" + huge + ";\"q\n" + huge + "\nb;2\n");
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_EQ(rows[1].problem, CsvRowProblem::kTooLarge);
  EXPECT_EQ(rows[1].bytes.size(), CsvReader::kMaxRowBytes);
  EXPECT_EQ(rows[1].line, 2U);
  // The stray quote pairs with nothing, so the next line is read as a row of its own.
  EXPECT_EQ(rows[2].problem, CsvRowProblem::kTooLarge);
  EXPECT_EQ(rows[2].line, 3U);
  EXPECT_EQ(rows[3].fields, (Fields{"b", "2"}));
  EXPECT_EQ(rows[3].line, 4U);
}

TEST(CsvReaderTest, RowExactlyAtTheLimitIsAccepted) {
  const std::string field(CsvReader::kMaxRowBytes - 2, 'y');
  const auto rows = read_all("a;" + field + "\r\nb;1\n");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].problem, CsvRowProblem::kNone);
  EXPECT_EQ(rows[0].fields[1].size(), field.size());
  EXPECT_EQ(rows[1].fields, (Fields{"b", "1"}));
}

TEST(CsvReaderTest, QuotedFieldOverTheLimitRejectsTheFirstLineAndResumes) {
  std::string text = "a;\"start\n";
  for (int i = 0; i < 5000; ++i)
    text += "inside the quoted field, line " + std::to_string(i) + "\n";
  text += "end\";z\n";
  const auto rows = read_all(text);
  ASSERT_GE(rows.size(), 2U);
  EXPECT_EQ(rows[0].problem, CsvRowProblem::kTooLarge);
  EXPECT_EQ(rows[0].bytes, "a;\"start");
  EXPECT_EQ(rows[1].line, 2U);
  EXPECT_EQ(rows[1].fields, (Fields{"inside the quoted field, line 0"}));
}

TEST(CsvReaderTest, SeekingToAReportedOffsetContinuesWithTheNextRow) {
  const std::string text = "h1;h2\n1;\"multi\nline\"\n2;b\n3;c\n";
  const auto all = read_all(text);
  ASSERT_EQ(all.size(), 4U);
  std::istringstream in(text);
  CsvReader reader(in);
  reader.seek(all[1].end_offset, 4);
  const auto rest = read_all(reader);
  ASSERT_EQ(rest.size(), 2U);
  EXPECT_EQ(rest[0].fields, (Fields{"2", "b"}));
  EXPECT_EQ(rest[0].line, 4U);
  EXPECT_EQ(rest[1].end_offset, text.size());
}

// Generates `rows` CSV rows on demand, so the input never exists as a whole.
class GeneratedRows : public std::streambuf {
 public:
  explicit GeneratedRows(int rows, int fail_after = -1) : rows_(rows), fail_after_(fail_after) {}

 protected:
  int_type underflow() override {
    if (produced_ == fail_after_) throw std::runtime_error("disk gone");
    if (produced_ >= rows_) return traits_type::eof();
    line_ = "0201609995;MOEDE_PLANLAGT;2026-03-10;gen.R" + std::to_string(produced_) +
            ";1;samsag-gen;751;gen.M1;;;;;;;;;;FOLLOW_UP;\"2026-03-24 10:30\";PHONE;;;;;;\r\n";
    ++produced_;
    setg(line_.data(), line_.data(), line_.data() + line_.size());
    return traits_type::to_int_type(line_[0]);
  }

 private:
  int rows_;
  int fail_after_;
  int produced_ = 0;
  std::string line_;
};

TEST(CsvReaderTest, StreamsAnyNumberOfRowsInConstantMemory) {
  GeneratedRows source(200'000);
  std::istream in(&source);
  CsvReader reader(in);
  const std::size_t bound = 3 * (CsvReader::kMaxRowBytes + CsvReader::kChunkBytes);
  CsvRow row;
  int rows = 0;
  std::size_t largest = 0;
  while (reader.next(row)) {
    ASSERT_EQ(row.problem, CsvRowProblem::kNone);
    ASSERT_EQ(row.fields.size(), 26U);
    largest = std::max(largest, reader.buffered_capacity());
    ++rows;
  }
  EXPECT_EQ(rows, 200'000);
  EXPECT_FALSE(reader.read_failure().has_value());
  EXPECT_LE(largest, bound);
  EXPECT_EQ(row.line, 200'000U);
}

TEST(CsvReaderTest, ReadFailureEndsTheRowsAndIsReported) {
  // A throwing stream buffer is how an ifstream reports a read error; the chunk being read is
  // lost, the rows of earlier chunks are not.
  GeneratedRows source(5000, 2000);
  std::istream in(&source);
  CsvReader reader(in);
  CsvRow row;
  int rows = 0;
  while (reader.next(row)) ++rows;
  EXPECT_GT(rows, 0);
  EXPECT_LT(rows, 2000);
  ASSERT_TRUE(reader.read_failure().has_value());
  EXPECT_EQ(reader.read_failure()->code, "READ_FAILED");
}

}  // namespace
}  // namespace samsag::adapters::employment
