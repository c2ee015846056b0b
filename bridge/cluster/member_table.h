// Which bridge instance owns which partition, as the members topic ({m}.members.v1) tells it:
// each instance's latest record, and per partition the newest live claim. A plain value type;
// MemberDirectory feeds it from Kafka and guards it with a mutex.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "core/base/result.h"
#include "samsag/v1/members.pb.h"

namespace samsag::bridge {

inline constexpr const char* kInvalidMember = "INVALID_MEMBER";

class MemberTable {
 public:
  using Time = std::chrono::system_clock::time_point;

  // Takes an instance's record in place of its earlier one: partitions it no longer lists are
  // released, an empty list releases all. A record older (updated_at) than the one held is
  // ignored. Error INVALID_MEMBER (no instance id, no http:// address, no expires_at, a negative
  // partition): the table is unchanged.
  Status update(const samsag::v1::BridgeMember& member);
  // Forgets an instance (a tombstone on the compacted topic).
  void remove(const std::string& instance_id);

  // The API address of the instance whose claim on `partition` is the newest (assigned_at, then
  // instance id) among those not expired at `now`; nullopt when no live instance claims it.
  std::optional<std::string> owner_address(std::int32_t partition, Time now) const;
  // The instance behind owner_address(), for logs.
  std::optional<std::string> owner_id(std::int32_t partition, Time now) const;

  std::size_t instances() const { return members_.size(); }

 private:
  struct Claim {
    std::string api_address;
    std::set<std::int32_t> partitions;
    Time assigned_at;
    Time updated_at;
    Time expires_at;
  };
  const std::pair<const std::string, Claim>* newest_claim(std::int32_t partition, Time now) const;

  std::map<std::string, Claim> members_;  // by instance id
};

}  // namespace samsag::bridge
