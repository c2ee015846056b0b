#include "bridge/cluster/member_table.h"

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <chrono>
#include <initializer_list>
#include <string>

namespace samsag::bridge {
namespace {

using namespace std::chrono_literals;
using google::protobuf::util::TimeUtil;
using Time = MemberTable::Time;

const Time kStart = Time(std::chrono::sys_days(std::chrono::year{2026} / 3 / 2));
constexpr auto kHeartbeat = 30s;

google::protobuf::Timestamp stamp(Time time) {
  return TimeUtil::NanosecondsToTimestamp(
      std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count());
}

// A record as MemberDirectory writes it: expires three heartbeats after it was written.
samsag::v1::BridgeMember member(const std::string& id, std::initializer_list<int> partitions,
                                Time assigned_at, Time updated_at) {
  samsag::v1::BridgeMember record;
  record.set_instance_id(id);
  record.set_api_address("http://" + id + ".bridge.invalid:8080");
  for (int partition : partitions) record.add_partitions(partition);
  *record.mutable_assigned_at() = stamp(assigned_at);
  *record.mutable_updated_at() = stamp(updated_at);
  *record.mutable_expires_at() = stamp(updated_at + 3 * kHeartbeat);
  return record;
}

TEST(MemberTable, NamesTheInstanceThatClaimsAPartition) {
  MemberTable table;
  ASSERT_TRUE(table.update(member("a", {0, 1}, kStart, kStart)).ok());
  ASSERT_TRUE(table.update(member("b", {2, 3}, kStart, kStart)).ok());
  EXPECT_EQ(table.owner_address(1, kStart + 1s), "http://a.bridge.invalid:8080");
  EXPECT_EQ(table.owner_address(3, kStart + 1s), "http://b.bridge.invalid:8080");
  EXPECT_EQ(table.owner_id(2, kStart + 1s), "b");
  EXPECT_EQ(table.owner_address(4, kStart + 1s), std::nullopt);
  EXPECT_EQ(table.instances(), 2U);
}

TEST(MemberTable, TheNewestAssignmentWinsAPartitionClaimedTwice) {
  // b took partition 1 over in a later rebalance; a died before it could release it.
  MemberTable table;
  ASSERT_TRUE(table.update(member("b", {1}, kStart + 20s, kStart + 20s)).ok());
  ASSERT_TRUE(table.update(member("a", {0, 1}, kStart, kStart + 25s)).ok());
  EXPECT_EQ(table.owner_id(1, kStart + 26s), "b");
  EXPECT_EQ(table.owner_id(0, kStart + 26s), "a");
}

TEST(MemberTable, EqualAssignmentTimesAreDecidedTheSameWayEverywhere) {
  MemberTable one;
  MemberTable other;
  ASSERT_TRUE(one.update(member("a", {5}, kStart, kStart)).ok());
  ASSERT_TRUE(one.update(member("b", {5}, kStart, kStart)).ok());
  ASSERT_TRUE(other.update(member("b", {5}, kStart, kStart)).ok());
  ASSERT_TRUE(other.update(member("a", {5}, kStart, kStart)).ok());
  EXPECT_EQ(one.owner_id(5, kStart), other.owner_id(5, kStart));
}

TEST(MemberTable, AStaleClaimIsIgnored) {
  MemberTable table;
  ASSERT_TRUE(table.update(member("a", {0}, kStart, kStart)).ok());
  EXPECT_EQ(table.owner_id(0, kStart + 3 * kHeartbeat), "a");
  EXPECT_EQ(table.owner_id(0, kStart + 3 * kHeartbeat + 1s), std::nullopt);
  // A heartbeat renews it.
  ASSERT_TRUE(table.update(member("a", {0}, kStart, kStart + 3 * kHeartbeat)).ok());
  EXPECT_EQ(table.owner_id(0, kStart + 3 * kHeartbeat + 1s), "a");
}

TEST(MemberTable, AStaleNewerClaimLeavesTheLiveOlderOne) {
  MemberTable table;
  ASSERT_TRUE(table.update(member("a", {0}, kStart, kStart + 200s)).ok());
  ASSERT_TRUE(table.update(member("b", {0}, kStart + 10s, kStart + 10s)).ok());
  EXPECT_EQ(table.owner_id(0, kStart + 11s), "b");
  EXPECT_EQ(table.owner_id(0, kStart + 201s), "a");
}

TEST(MemberTable, AnEmptyAssignmentReleasesEveryPartition) {
  MemberTable table;
  ASSERT_TRUE(table.update(member("a", {0, 1}, kStart, kStart)).ok());
  ASSERT_TRUE(table.update(member("a", {}, kStart + 5s, kStart + 5s)).ok());
  EXPECT_EQ(table.owner_address(0, kStart + 6s), std::nullopt);
  EXPECT_EQ(table.owner_address(1, kStart + 6s), std::nullopt);
}

TEST(MemberTable, ANewAssignmentReleasesWhatItNoLongerLists) {
  MemberTable table;
  ASSERT_TRUE(table.update(member("a", {0, 1}, kStart, kStart)).ok());
  ASSERT_TRUE(table.update(member("a", {1}, kStart + 5s, kStart + 5s)).ok());
  EXPECT_EQ(table.owner_id(0, kStart + 6s), std::nullopt);
  EXPECT_EQ(table.owner_id(1, kStart + 6s), "a");
}

TEST(MemberTable, AnOlderRecordOfTheSameInstanceChangesNothing) {
  MemberTable table;
  ASSERT_TRUE(table.update(member("a", {}, kStart + 5s, kStart + 5s)).ok());
  ASSERT_TRUE(table.update(member("a", {0}, kStart, kStart)).ok());
  EXPECT_EQ(table.owner_id(0, kStart + 6s), std::nullopt);
}

TEST(MemberTable, ATombstoneForgetsTheInstance) {
  MemberTable table;
  ASSERT_TRUE(table.update(member("a", {0}, kStart, kStart)).ok());
  table.remove("a");
  EXPECT_EQ(table.owner_id(0, kStart), std::nullopt);
  EXPECT_EQ(table.instances(), 0U);
}

TEST(MemberTable, RefusesRecordsItCannotUseAndKeepsWhatItHad) {
  MemberTable table;
  ASSERT_TRUE(table.update(member("a", {0}, kStart, kStart)).ok());

  auto no_id = member("", {1}, kStart, kStart + 1s);
  auto no_scheme = member("a", {1}, kStart, kStart + 1s);
  no_scheme.set_api_address("a.bridge.invalid:8080");
  auto no_expiry = member("a", {1}, kStart, kStart + 1s);
  no_expiry.clear_expires_at();
  auto negative = member("a", {-1}, kStart, kStart + 1s);
  for (const auto& bad : {no_id, no_scheme, no_expiry, negative}) {
    const auto updated = table.update(bad);
    ASSERT_FALSE(updated.ok()) << bad.ShortDebugString();
    EXPECT_EQ(updated.error().code, kInvalidMember);
  }
  EXPECT_EQ(table.owner_id(0, kStart + 2s), "a");
  EXPECT_EQ(table.owner_id(1, kStart + 2s), std::nullopt);
}

}  // namespace
}  // namespace samsag::bridge
