// The state store's coordinator index: list() finds a coordinator's cases of a partition from the
// member keys, follows a reassignment and a removal, pages in pseudonym order, and the wire-format
// reader agrees with a full parse.
#include <gtest/gtest.h>

#include <filesystem>

#include "bridge/reducer/reducer.h"
#include "bridge/store/state_store.h"
#include "bridge/store/store_keys.h"
#include "tests/support/scratch_name.h"

namespace samsag::bridge {
namespace {

namespace fs = std::filesystem;

std::string case_bytes(const std::string& citizen, const std::string& coordinator) {
  samsag::v1::CitizenCase citizen_case;
  citizen_case.set_citizen(citizen);
  citizen_case.set_municipality_code(751);
  if (!coordinator.empty()) {
    citizen_case.mutable_coordinator()->set_coordinator_id(coordinator);
    citizen_case.mutable_coordinator()->set_unit_name("Jobcenter Syd");
  }
  citizen_case.add_goals()->set_title("Et job");
  return serialize_case(citizen_case);
}

class CoordinatorIndexTest : public ::testing::Test {
 protected:
  CoordinatorIndexTest()
      : directory_(fs::temp_directory_path() / samsag::testing::scratch_name("samsag-index-")) {
    store_ = std::move(StateStore::open(directory_, 2).value());
  }
  ~CoordinatorIndexTest() override {
    store_.reset();
    std::error_code ignored;
    fs::remove_all(directory_, ignored);
  }
  std::vector<std::string> list(std::int32_t partition, const std::string& coordinator,
                                const std::string& after = "", std::size_t limit = 100) {
    return store_->list(partition, coordinator, after, limit).value();
  }

  fs::path directory_;
  std::unique_ptr<StateStore> store_;
};

TEST_F(CoordinatorIndexTest, ListsACoordinatorsCasesOfOnePartition) {
  ASSERT_TRUE(store_->write({.partition = 0,
                             .cases = {{"k1:a", case_bytes("k1:a", "tovholder-1")},
                                       {"k1:b", case_bytes("k1:b", "tovholder-2")},
                                       {"k1:c", case_bytes("k1:c", "tovholder-1")},
                                       {"k1:d", case_bytes("k1:d", "")}}}));
  ASSERT_TRUE(
      store_->write({.partition = 1, .cases = {{"k1:e", case_bytes("k1:e", "tovholder-1")}}}));
  EXPECT_EQ(list(0, "tovholder-1"), (std::vector<std::string>{"k1:a", "k1:c"}));
  EXPECT_EQ(list(1, "tovholder-1"), (std::vector<std::string>{"k1:e"}));
  EXPECT_EQ(list(0, ""), (std::vector<std::string>{"k1:a", "k1:b", "k1:c", "k1:d"}));
  EXPECT_EQ(list(0, "", "k1:b", 1), (std::vector<std::string>{"k1:c"}));
  EXPECT_TRUE(list(0, "nobody").empty());
  EXPECT_TRUE(list(0, "tovholder-1", "", 0).empty());
}

TEST_F(CoordinatorIndexTest, FollowsReassignmentRemovalAndForgetting) {
  ASSERT_TRUE(
      store_->write({.partition = 0, .cases = {{"k1:a", case_bytes("k1:a", "tovholder-1")}}}));
  ASSERT_TRUE(
      store_->write({.partition = 0, .cases = {{"k1:a", case_bytes("k1:a", "tovholder-2")}}}));
  EXPECT_TRUE(list(0, "tovholder-1").empty());
  EXPECT_EQ(list(0, "tovholder-2"), (std::vector<std::string>{"k1:a"}));
  ASSERT_TRUE(store_->write({.partition = 0, .removed = {"k1:a"}}));
  EXPECT_TRUE(list(0, "tovholder-2").empty());
  ASSERT_TRUE(
      store_->write({.partition = 1, .cases = {{"k1:b", case_bytes("k1:b", "tovholder-2")}}}));
  ASSERT_TRUE(store_->forget_partition(1));
  EXPECT_TRUE(list(1, "tovholder-2").empty());
}

TEST(CoordinatorIdOfTest, ReadsTheCoordinatorFromTheWireFormat) {
  EXPECT_EQ(store_keys::coordinator_id_of(case_bytes("k1:a", "tovholder-17")), "tovholder-17");
  EXPECT_EQ(store_keys::coordinator_id_of(case_bytes("k1:a", "")), "");
  EXPECT_EQ(store_keys::coordinator_id_of(""), "");
  EXPECT_EQ(store_keys::coordinator_id_of("\xff\xff\xff garbage"), "");
}

}  // namespace
}  // namespace samsag::bridge
