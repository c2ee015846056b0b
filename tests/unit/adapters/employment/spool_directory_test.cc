#include "adapters/employment/spool_directory.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <set>

#include "tests/unit/adapters/employment/employment_test_support.h"

namespace samsag::adapters::employment {
namespace {

namespace fs = std::filesystem;
using testing::default_settings;
using ::testing::ElementsAre;

constexpr const char* kHeader = "cpr;haendelse;dato;registrering_id;version;parathed\n";

// `rows` PARATHED rows with ids R<first>.. and a CRLF now and then.
std::string export_text(int rows, int first = 1) {
  std::string text = kHeader;
  for (int i = first; i < first + rows; ++i) {
    text += "0201609995;PARATHED;2026-03-02;R" + std::to_string(i) + ";1;NOT_ASSESSED";
    text += i % 3 == 0 ? "\r\n" : "\n";
  }
  return text;
}

class SpoolDirectoryTest : public ::testing::Test {
 protected:
  SpoolDirectoryTest() {
    directory_ = fs::temp_directory_path() /
                 ("samsag-spool-test-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(directory_);
    fs::create_directories(directory_);
  }
  ~SpoolDirectoryTest() override { fs::remove_all(directory_); }

  void write(const std::string& name, const std::string& text) const {
    std::ofstream(directory_ / name, std::ios::binary) << text;
  }

  std::unique_ptr<SpoolDirectory> open(std::size_t batch_rows = 1000) const {
    auto spool = SpoolDirectory::open({directory_, batch_rows}, RowMapper(default_settings()));
    EXPECT_TRUE(spool.ok());
    return spool.ok() ? std::move(spool).value() : nullptr;
  }

  // Record ids of the rows handed out by one batch (a rejection as "!<line>").
  static std::optional<SpoolMark> batch(SpoolDirectory& spool, std::vector<std::string>& ids) {
    auto mark = spool.next_batch([&](ExportRow&& row) {
      if (const auto* record = std::get_if<SourceRecord>(&row.record)) {
        ids.push_back(record->record_id);
      } else {
        ids.push_back("!" + std::to_string(std::get<Rejection>(row.record).position.line));
      }
    });
    EXPECT_TRUE(mark.ok());
    return mark.ok() ? *mark : std::nullopt;
  }

  // Reads and commits until nothing is waiting; the ids handed out, in order.
  static std::vector<std::string> drain(SpoolDirectory& spool) {
    std::vector<std::string> ids;
    while (auto mark = batch(spool, ids)) EXPECT_TRUE(spool.commit(*mark).ok());
    return ids;
  }

  std::set<std::string> processed() const {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(directory_ / "processed")) {
      names.insert(entry.path().filename().string());
    }
    return names;
  }

  fs::path directory_;
};

TEST_F(SpoolDirectoryTest, PicksUpOnlyCompleteCsvFilesInByteOrder) {
  for (const char* name : {"b.csv", "a.csv", "B.csv", ".c.csv.tmp", "d.CSV", "e.csv.tmp",
                           ".hidden.csv", "notes.txt", ".samsag-checkpoint"}) {
    write(name, kHeader);
  }
  fs::create_directories(directory_ / "processed");
  fs::create_directories(directory_ / "folder.csv");
  EXPECT_THAT(list_spool_files(directory_), ElementsAre("B.csv", "a.csv", "b.csv"));
}

TEST_F(SpoolDirectoryTest, ReadsFilesInOrderAndMovesEachToProcessedWhenCommitted) {
  write("x-00002.csv", export_text(2, 3));
  write("x-00001.csv", export_text(2, 1));
  write(".x-00003.csv.tmp", export_text(2, 5));  // still being written
  auto spool = open();
  std::vector<std::string> ids;
  auto mark = batch(*spool, ids);
  ASSERT_TRUE(mark);
  EXPECT_EQ(mark->file, "x-00001.csv");
  EXPECT_TRUE(mark->end_of_file);
  EXPECT_TRUE(fs::exists(directory_ / "x-00001.csv"));  // not yet confirmed by Kafka
  ASSERT_TRUE(spool->commit(*mark).ok());
  EXPECT_FALSE(fs::exists(directory_ / "x-00001.csv"));
  EXPECT_EQ(drain(*spool), (std::vector<std::string>{"R3", "R4"}));
  EXPECT_EQ(ids, (std::vector<std::string>{"R1", "R2"}));
  EXPECT_EQ(processed(), (std::set<std::string>{"x-00001.csv", "x-00002.csv"}));
  EXPECT_TRUE(fs::exists(directory_ / ".x-00003.csv.tmp"));
}

TEST_F(SpoolDirectoryTest, NothingWaitingGivesNoMark) {
  auto spool = open();
  std::vector<std::string> ids;
  EXPECT_FALSE(batch(*spool, ids));
  EXPECT_TRUE(fs::is_directory(directory_ / "processed"));
}

TEST_F(SpoolDirectoryTest, MissingDirectoryIsAnError) {
  auto spool = SpoolDirectory::open({directory_ / "nope"}, RowMapper(default_settings()));
  ASSERT_FALSE(spool.ok());
  EXPECT_EQ(spool.error().code, "SPOOL_UNUSABLE");
}

TEST_F(SpoolDirectoryTest, EmptyAndHeaderOnlyFilesAreProcessedWithoutRows) {
  write("a.csv", "");
  write("b.csv", kHeader);
  auto spool = open();
  EXPECT_TRUE(drain(*spool).empty());
  EXPECT_EQ(processed(), (std::set<std::string>{"a.csv", "b.csv"}));
}

TEST_F(SpoolDirectoryTest, BatchesAreCappedAndMarksAdvanceByRowEnds) {
  const std::string text = export_text(10);
  write("a.csv", text);
  auto spool = open(4);
  std::vector<std::string> ids;
  auto first = batch(*spool, ids);
  ASSERT_TRUE(first);
  EXPECT_EQ(ids.size(), 4U);
  EXPECT_FALSE(first->end_of_file);
  EXPECT_EQ(first->line, 6U);
  EXPECT_EQ(text[first->offset - 1], '\n');
  auto second = batch(*spool, ids);
  auto third = batch(*spool, ids);
  ASSERT_TRUE(second && third);
  EXPECT_EQ(ids.size(), 10U);
  EXPECT_TRUE(third->end_of_file);
  EXPECT_EQ(third->offset, text.size());
  // Committing the last mark commits the earlier ones too.
  ASSERT_TRUE(spool->commit(*third).ok());
  EXPECT_EQ(processed(), (std::set<std::string>{"a.csv"}));
}

TEST_F(SpoolDirectoryTest, CheckpointIsWrittenOnlyOnCommit) {
  write("a.csv", export_text(10));
  {
    auto spool = open(3);
    std::vector<std::string> ids;
    auto mark = batch(*spool, ids);
    ASSERT_TRUE(mark);
    EXPECT_FALSE(fs::exists(directory_ / kCheckpointFileName));
    ASSERT_TRUE(spool->commit(*mark).ok());
    auto saved = read_checkpoint(directory_);
    ASSERT_TRUE(saved.ok() && saved.value());
    EXPECT_EQ(*saved.value(), (SpoolCheckpoint{"a.csv", mark->offset, mark->line}));
    batch(*spool, ids);  // handed out, never confirmed: the process dies here
  }
  auto spool = open(3);
  const auto ids = drain(*spool);
  EXPECT_EQ(ids.front(), "R4");  // resumed right after the committed rows
  EXPECT_EQ(ids.size(), 7U);
  EXPECT_FALSE(fs::exists(directory_ / (std::string(kCheckpointFileName) + ".tmp")));
}

TEST_F(SpoolDirectoryTest, CrashesAtRandomPointsLoseNoRow) {
  constexpr int kRows = 500;
  write("a.csv", export_text(kRows / 2));
  write("b.csv", export_text(kRows / 2, kRows / 2 + 1));
  std::mt19937 random(7);
  std::set<std::string> delivered;
  std::size_t handed_out = 0;
  for (int run = 0; run < 100 && !list_spool_files(directory_).empty(); ++run) {
    auto spool = open(1 + random() % 40);
    std::vector<std::string> ids;
    // Read some batches ahead, commit only some of them, then "crash" (drop the object).
    const int batches = 1 + static_cast<int>(random() % 5);
    std::optional<SpoolMark> last;
    for (int b = 0; b < batches; ++b) {
      auto mark = batch(*spool, ids);
      if (!mark) break;
      if (random() % 2 == 0) {
        last = mark;
        // What was handed out up to the committed mark is on Kafka.
        delivered.insert(ids.begin(), ids.end());
        ASSERT_TRUE(spool->commit(*mark).ok());
      }
    }
    handed_out += ids.size();
  }
  auto spool = open();
  const auto rest = drain(*spool);
  delivered.insert(rest.begin(), rest.end());
  EXPECT_EQ(delivered.size(), static_cast<std::size_t>(kRows));
  EXPECT_TRUE(list_spool_files(directory_).empty());
  EXPECT_GT(handed_out, 0U);
}

TEST_F(SpoolDirectoryTest, CorruptCheckpointStartsTheFileOver) {
  write("a.csv", export_text(5));
  std::ofstream(directory_ / kCheckpointFileName) << "samsag spool checkpoint v1\nfile=a.csv\n";
  auto spool = open();
  EXPECT_EQ(drain(*spool).size(), 5U);
}

TEST_F(SpoolDirectoryTest, CheckpointNotAtARowBoundaryStartsTheFileOver) {
  write("a.csv", export_text(5));
  ASSERT_TRUE(write_checkpoint(directory_, {"a.csv", 60, 2}).ok());
  auto spool = open();
  EXPECT_EQ(drain(*spool).size(), 5U);
}

TEST_F(SpoolDirectoryTest, CheckpointedFileIsResumedBeforeEarlierNames) {
  const std::string text = export_text(5, 10);
  write("b.csv", text);
  write("a.csv", export_text(1, 1));  // arrived later with a smaller name
  const std::size_t after_two_rows = text.find("0201609995;PARATHED;2026-03-02;R12;");
  ASSERT_TRUE(write_checkpoint(directory_, {"b.csv", after_two_rows, 4}).ok());
  auto spool = open();
  EXPECT_EQ(drain(*spool), (std::vector<std::string>{"R12", "R13", "R14", "R1"}));
}

TEST_F(SpoolDirectoryTest, VanishedCheckpointedFileIsSkipped) {
  write("b.csv", export_text(2));
  ASSERT_TRUE(write_checkpoint(directory_, {"a.csv", 120, 3}).ok());
  auto spool = open();
  EXPECT_EQ(drain(*spool), (std::vector<std::string>{"R1", "R2"}));
}

TEST_F(SpoolDirectoryTest, CheckpointAtTheEndOfAnUnmovedFileOnlyMovesIt) {
  const std::string text = export_text(3);
  write("a.csv", text);
  ASSERT_TRUE(write_checkpoint(directory_, {"a.csv", text.size(), 5}).ok());
  auto spool = open();
  EXPECT_TRUE(drain(*spool).empty());
  EXPECT_EQ(processed(), (std::set<std::string>{"a.csv"}));
}

TEST_F(SpoolDirectoryTest, RedeliveredFileIsReadAgainAndKeepsTheFirstProcessedCopy) {
  write("a.csv", export_text(1));
  EXPECT_EQ(drain(*open()), (std::vector<std::string>{"R1"}));
  EXPECT_FALSE(fs::exists(directory_ / kCheckpointFileName));  // nothing in progress
  write("a.csv", export_text(1));
  EXPECT_EQ(drain(*open()), (std::vector<std::string>{"R1"}));
  EXPECT_EQ(processed(), (std::set<std::string>{"a.csv", "a.csv.1"}));
}

TEST_F(SpoolDirectoryTest, RejectedRowsAreHandedOutWithTheirLine) {
  write("a.csv", std::string(kHeader) + "0201609995;NOPE;2026-03-02;R1;1;\n" +
                     "0201609995;PARATHED;2026-03-02;R2;1;NOT_ASSESSED\n");
  auto spool = open();
  EXPECT_EQ(drain(*spool), (std::vector<std::string>{"!2", "R2"}));
}

TEST_F(SpoolDirectoryTest, BacklogCountsWaitingFilesAndTheOldestAge) {
  write("a.csv", kHeader);
  write("b.csv", kHeader);
  write(".c.csv.tmp", kHeader);
  const auto now = std::chrono::system_clock::now();
  fs::last_write_time(directory_ / "a.csv",
                      fs::file_time_type::clock::now() - std::chrono::hours(2));
  auto spool = open();
  const SpoolBacklog backlog = spool->backlog(now);
  EXPECT_EQ(backlog.files_waiting, 2U);
  EXPECT_GE(backlog.oldest_file_age, std::chrono::seconds(7190));
  EXPECT_LE(backlog.oldest_file_age, std::chrono::seconds(7300));
  drain(*spool);
  EXPECT_EQ(spool->backlog(now).files_waiting, 0U);
  EXPECT_EQ(spool->backlog(now).oldest_file_age, std::chrono::seconds(0));
}

}  // namespace
}  // namespace samsag::adapters::employment
