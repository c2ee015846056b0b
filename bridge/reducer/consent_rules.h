// The municipality's consent policy as the reducer uses it: which sectors need the citizen's
// consent before their data enters the shared case, and how long a consent lasts when the
// decision names no end (domain.md §5). Built once from the validated config.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>

#include "samsag/config/v1/config.pb.h"
#include "samsag/v1/common.pb.h"

namespace samsag::bridge {

class ConsentRules {
 public:
  // Days a consent lasts when neither the decision nor the policy names a period (domain.md §5).
  static constexpr std::uint32_t kProjectDefaultValidityDays = 365;

  // Only the four data sectors can need consent; consent and plan streams are the bridge's own.
  static ConsentRules from_policy(const samsag::config::v1::ConsentPolicy& policy);

  // The project's default policy: social, health and region need consent, employment (the
  // tovholder's own sector) does not; consents last 365 days.
  static ConsentRules project_default();

  bool requires_consent(samsag::v1::Sector sector) const;

  // When a grant given at `valid_from` stops covering, if it names no valid_until itself.
  google::protobuf::Timestamp default_valid_until(
      const google::protobuf::Timestamp& valid_from) const;

 private:
  ConsentRules() = default;

  std::uint32_t sectors_requiring_consent_ = 0;  // bit per samsag::v1::Sector value
  std::uint32_t validity_days_ = kProjectDefaultValidityDays;
};

// The sectors whose events carry citizen data, in case order (employment, social, health, region).
inline constexpr samsag::v1::Sector kDataSectors[] = {
    samsag::v1::SECTOR_EMPLOYMENT, samsag::v1::SECTOR_SOCIAL, samsag::v1::SECTOR_HEALTH,
    samsag::v1::SECTOR_REGION};

inline bool is_data_sector(samsag::v1::Sector sector) {
  return sector >= samsag::v1::SECTOR_EMPLOYMENT && sector <= samsag::v1::SECTOR_REGION;
}

}  // namespace samsag::bridge
