// The bridge's RocksDB state store: what is written comes back after a reopen, partitions are
// kept apart, and a lost, corrupt or foreign directory is rebuilt empty instead of stopping the
// bridge. Withdrawn data must be physically gone after a purge.
#include "bridge/store/state_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/scratch_name.h"

namespace samsag::bridge {
namespace {

namespace fs = std::filesystem;

class TempDirectory {
 public:
  TempDirectory() {
    path_ = fs::temp_directory_path() / samsag::testing::scratch_name("samsag-store-test-");
    fs::create_directories(path_);
  }
  ~TempDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

samsag::v1::CitizenCase case_of(const std::string& citizen, std::uint32_t code = 751) {
  samsag::v1::CitizenCase citizen_case;
  citizen_case.set_citizen(citizen);
  citizen_case.set_municipality_code(code);
  return citizen_case;
}

samsag::v1::Checkpoint checkpoint_of(std::int32_t partition, std::int64_t social_offset) {
  samsag::v1::Checkpoint checkpoint;
  checkpoint.set_partition(partition);
  auto* offset = checkpoint.add_offsets();
  offset->set_topic("test.social.v1");
  offset->set_next_offset(social_offset);
  return checkpoint;
}

std::unique_ptr<StateStore> open_store(const fs::path& dir, std::int32_t partitions = 4) {
  auto store = StateStore::open(dir, partitions);
  if (!store) ADD_FAILURE() << store.error().code << ": " << store.error().message;
  return store ? std::move(*store) : nullptr;
}

// Whether any file under `dir` contains `needle` in its raw bytes.
bool any_file_contains(const fs::path& dir, const std::string& needle) {
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.find(needle) != std::string::npos) return true;
  }
  return false;
}

TEST(StateStore, RoundTripsCasesAndProgressAcrossReopen) {
  TempDirectory dir;
  {
    auto store = open_store(dir.path());
    ASSERT_TRUE(store);
    EXPECT_FALSE(store->rebuilt());
    PartitionWrite change{.partition = 2,
                          .cases = {{"k1:aa", case_of("k1:aa").SerializeAsString()},
                                    {"k1:bb", case_of("k1:bb", 101).SerializeAsString()}},
                          .next_case_offset = 17,
                          .checkpoint = checkpoint_of(2, 40)};
    ASSERT_TRUE(store->write(change).ok());
  }
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  EXPECT_FALSE(store->rebuilt());
  auto found = store->get("k1:bb");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->municipality_code(), 101u);
  auto progress = store->progress(2);
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(progress->next_case_offset, 17);
  ASSERT_TRUE(progress->checkpoint.has_value());
  EXPECT_EQ(progress->checkpoint->offsets(0).next_offset(), 40);
  auto other = store->progress(1);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->next_case_offset.has_value());
  EXPECT_FALSE(other->checkpoint.has_value());
}

TEST(StateStore, UnknownCitizenHasNoCase) {
  TempDirectory dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  auto found = store->get("k1:nobody");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

TEST(StateStore, RemovedCaseIsGone) {
  TempDirectory dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->write({.partition = 0, .cases = {{"k1:aa", "x"}}}).ok());
  ASSERT_TRUE(store->write({.partition = 0, .removed = {"k1:aa"}}).ok());
  auto found = store->get_bytes("k1:aa");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
  EXPECT_EQ(*store->count_cases(0), 0u);
}

TEST(StateStore, ForgettingAPartitionKeepsTheOthers) {
  TempDirectory dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store
                  ->write({.partition = 0,
                           .cases = {{"k1:a0", "a"}},
                           .next_case_offset = 3,
                           .checkpoint = checkpoint_of(0, 3)})
                  .ok());
  ASSERT_TRUE(
      store->write({.partition = 1, .cases = {{"k1:b1", "b"}}, .next_case_offset = 5}).ok());
  ASSERT_TRUE(store->forget_partition(0).ok());
  EXPECT_FALSE(store->get_bytes("k1:a0")->has_value());
  EXPECT_FALSE(store->progress(0)->next_case_offset.has_value());
  EXPECT_FALSE(store->progress(0)->checkpoint.has_value());
  EXPECT_EQ(**store->get_bytes("k1:b1"), "b");
  EXPECT_EQ(store->progress(1)->next_case_offset, 5);
}

TEST(StateStore, SlicesAPartitionInPseudonymOrder) {
  TempDirectory dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store
                  ->write({.partition = 3,
                           .cases = {{"k1:c", "3"}, {"k1:a", "1"}, {"k1:b", "2"}, {"k1:d", "4"}}})
                  .ok());
  ASSERT_TRUE(store->write({.partition = 30, .cases = {{"k1:z", "other"}}}).ok());
  EXPECT_EQ(*store->count_cases(3), 4u);
  auto first = store->cases_after(3, "", 3);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 3u);
  EXPECT_EQ((*first)[0], (StoredCase{"k1:a", "1"}));
  EXPECT_EQ((*first)[2], (StoredCase{"k1:c", "3"}));
  auto rest = store->cases_after(3, "k1:c", 3);
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0], (StoredCase{"k1:d", "4"}));
}

TEST(StateStore, DeletedDirectoryStartsEmpty) {
  TempDirectory dir;
  {
    auto store = open_store(dir.path());
    ASSERT_TRUE(store);
    ASSERT_TRUE(
        store->write({.partition = 0, .cases = {{"k1:aa", "x"}}, .next_case_offset = 9}).ok());
  }
  fs::remove_all(dir.path());
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  EXPECT_FALSE(store->get_bytes("k1:aa")->has_value());
  EXPECT_FALSE(store->progress(0)->next_case_offset.has_value());
  EXPECT_TRUE(store->write({.partition = 0, .cases = {{"k1:aa", "y"}}}).ok());
}

TEST(StateStore, CorruptDirectoryIsRebuiltEmpty) {
  TempDirectory dir;
  {
    auto store = open_store(dir.path());
    ASSERT_TRUE(store);
    ASSERT_TRUE(
        store->write({.partition = 0, .cases = {{"k1:aa", "x"}}, .next_case_offset = 9}).ok());
  }
  // Every file of the store overwritten with garbage: nothing of RocksDB's can be trusted.
  for (const auto& entry : fs::directory_iterator(dir.path() / "store")) {
    std::ofstream(entry.path(), std::ios::binary | std::ios::trunc) << "not rocksdb\n";
  }
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  EXPECT_TRUE(store->rebuilt());
  EXPECT_FALSE(store->get_bytes("k1:aa")->has_value());
  EXPECT_FALSE(store->progress(0)->next_case_offset.has_value());
  EXPECT_TRUE(store->write({.partition = 0, .cases = {{"k1:aa", "y"}}}).ok());
}

TEST(StateStore, StoreLaidOutForAnotherPartitionCountIsRebuilt) {
  TempDirectory dir;
  {
    auto store = open_store(dir.path(), 4);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->write({.partition = 3, .cases = {{"k1:aa", "x"}}}).ok());
  }
  auto store = open_store(dir.path(), 6);
  ASSERT_TRUE(store);
  EXPECT_TRUE(store->rebuilt());
  EXPECT_NE(store->rebuilt_because().find("partitions=4"), std::string::npos);
  EXPECT_FALSE(store->get_bytes("k1:aa")->has_value());
}

TEST(StateStore, SecondOpenOfTheSameDirectoryIsRefused) {
  TempDirectory dir;
  auto first = open_store(dir.path());
  ASSERT_TRUE(first);
  ASSERT_TRUE(first->write({.partition = 0, .cases = {{"k1:aa", "x"}}}).ok());
  auto second = StateStore::open(dir.path(), 4);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, store_errc::kLocked);
  // Refusing must not have wiped what the first holder wrote.
  EXPECT_EQ(**first->get_bytes("k1:aa"), "x");
}

TEST(StateStore, UnparseableCaseIsReportedAsCorrupt) {
  TempDirectory dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->write({.partition = 0, .cases = {{"k1:aa", "\xff\xff\xff"}}}).ok());
  auto found = store->get("k1:aa");
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code, store_errc::kCorrupt);
}

TEST(StateStore, ResetEmptiesTheStore) {
  TempDirectory dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(
      store->write({.partition = 0, .cases = {{"k1:aa", "x"}}, .next_case_offset = 2}).ok());
  ASSERT_TRUE(store->reset().ok());
  EXPECT_TRUE(store->rebuilt());
  EXPECT_FALSE(store->get_bytes("k1:aa")->has_value());
  EXPECT_FALSE(store->progress(0)->next_case_offset.has_value());
}

// recover() after a failed write (tests/integration/faults has the full disk itself): what was
// written stays, and the store takes writes afterwards.
TEST(StateStore, RecoverKeepsWhatWasWrittenAndTakesWritesAgain) {
  TempDirectory dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(
      store->write({.partition = 0, .cases = {{"k1:aa", "x"}}, .next_case_offset = 2}).ok());
  ASSERT_TRUE(store->recover().ok());
  EXPECT_EQ(store->get_bytes("k1:aa")->value_or(""), "x");
  EXPECT_EQ(store->progress(0)->next_case_offset, 2);
  ASSERT_TRUE(
      store->write({.partition = 0, .cases = {{"k1:bb", "y"}}, .next_case_offset = 3}).ok());
  EXPECT_EQ(store->get_bytes("k1:bb")->value_or(""), "y");
}

TEST(StateStore, ReadersOnOtherThreadsSurviveAReset) {
  TempDirectory dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  readers.reserve(2);
  for (int i = 0; i < 2; ++i) {
    readers.emplace_back([&] {
      while (!done.load()) {
        if (!store->get_bytes("k1:aa").ok()) ++failures;
      }
    });
  }
  for (int round = 0; round < 5; ++round) {
    ASSERT_TRUE(store->write({.partition = 0, .cases = {{"k1:aa", "x"}}}).ok());
    ASSERT_TRUE(store->reset().ok());
  }
  done = true;
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(StateStore, PurgeLeavesNoOverwrittenBytesOnDisk) {
  TempDirectory dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  const std::string withdrawn = "MEASURE-WITHDRAWN-4711";
  ASSERT_TRUE(store->write({.partition = 1, .cases = {{"k1:aa", "social " + withdrawn}}}).ok());
  ASSERT_TRUE(store->purge_history().ok());  // now it sits in a table file, not only the log
  ASSERT_TRUE(store->write({.partition = 1, .cases = {{"k1:aa", "nothing shared"}}}).ok());
  EXPECT_TRUE(any_file_contains(store->directory(), withdrawn)) << "the test would prove nothing";
  ASSERT_TRUE(store->purge_history().ok());
  EXPECT_FALSE(any_file_contains(store->directory(), withdrawn));
  EXPECT_EQ(**store->get_bytes("k1:aa"), "nothing shared");
  EXPECT_GT(store->size_on_disk(), 0u);
}

}  // namespace
}  // namespace samsag::bridge
