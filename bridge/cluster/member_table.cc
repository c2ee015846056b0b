#include "bridge/cluster/member_table.h"

#include <google/protobuf/util/time_util.h>

#include <tuple>

namespace samsag::bridge {
namespace {

using google::protobuf::util::TimeUtil;

MemberTable::Time to_time(const google::protobuf::Timestamp& timestamp) {
  return MemberTable::Time(std::chrono::duration_cast<MemberTable::Time::duration>(
      std::chrono::nanoseconds(TimeUtil::TimestampToNanoseconds(timestamp))));
}

Status invalid(const std::string& message) { return make_error(kInvalidMember, message); }

}  // namespace

Status MemberTable::update(const samsag::v1::BridgeMember& member) {
  if (member.instance_id().empty()) return invalid("a member record has no instance_id");
  if (!member.api_address().starts_with("http://") || member.api_address().size() <= 7) {
    return invalid("member " + member.instance_id() +
                   " has no api_address of the form http://host:port");
  }
  if (!member.has_expires_at() || !member.has_updated_at()) {
    return invalid("member " + member.instance_id() + " has no updated_at or expires_at");
  }
  Claim claim{.api_address = member.api_address(),
              .partitions = {},
              .assigned_at = to_time(member.assigned_at()),
              .updated_at = to_time(member.updated_at()),
              .expires_at = to_time(member.expires_at())};
  for (const auto partition : member.partitions()) {
    if (partition < 0) {
      return invalid("member " + member.instance_id() + " claims partition " +
                     std::to_string(partition));
    }
    claim.partitions.insert(partition);
  }
  auto held = members_.find(member.instance_id());
  if (held != members_.end() && held->second.updated_at > claim.updated_at) return ok_status();
  members_.insert_or_assign(member.instance_id(), std::move(claim));
  return ok_status();
}

void MemberTable::remove(const std::string& instance_id) { members_.erase(instance_id); }

const std::pair<const std::string, MemberTable::Claim>* MemberTable::newest_claim(
    std::int32_t partition, Time now) const {
  const std::pair<const std::string, Claim>* newest = nullptr;
  for (const auto& entry : members_) {
    const Claim& claim = entry.second;
    // A crashed instance stops renewing its claim; after expires_at it no longer counts.
    if (claim.expires_at < now || !claim.partitions.contains(partition)) continue;
    // After a rebalance the new owner's assignment is later than the old owner's, even when
    // the old owner died before it could release the partition.
    if (newest == nullptr || std::tie(claim.assigned_at, entry.first) >
                                 std::tie(newest->second.assigned_at, newest->first)) {
      newest = &entry;
    }
  }
  return newest;
}

std::optional<std::string> MemberTable::owner_address(std::int32_t partition, Time now) const {
  const auto* newest = newest_claim(partition, now);
  if (newest == nullptr) return std::nullopt;
  return newest->second.api_address;
}

std::optional<std::string> MemberTable::owner_id(std::int32_t partition, Time now) const {
  const auto* newest = newest_claim(partition, now);
  if (newest == nullptr) return std::nullopt;
  return newest->first;
}

}  // namespace samsag::bridge
