#include "bridge/reducer/consent_rules.h"

namespace samsag::bridge {

namespace {
constexpr std::uint32_t bit(samsag::v1::Sector sector) { return 1U << static_cast<int>(sector); }
constexpr std::int64_t kSecondsPerDay = std::int64_t{24} * 60 * 60;
}  // namespace

ConsentRules ConsentRules::from_policy(const samsag::config::v1::ConsentPolicy& policy) {
  ConsentRules rules;
  for (int sector : policy.sectors_requiring_consent()) {
    const auto typed = static_cast<samsag::v1::Sector>(sector);
    if (is_data_sector(typed)) {
      rules.sectors_requiring_consent_ |= bit(typed);
    }
  }
  // proto3 cannot tell "0" from "not set"; a consent that expires at once is never meant.
  if (policy.default_validity_days() > 0) {
    rules.validity_days_ = policy.default_validity_days();
  }
  return rules;
}

ConsentRules ConsentRules::project_default() {
  samsag::config::v1::ConsentPolicy policy;
  policy.add_sectors_requiring_consent(samsag::v1::SECTOR_SOCIAL);
  policy.add_sectors_requiring_consent(samsag::v1::SECTOR_HEALTH);
  policy.add_sectors_requiring_consent(samsag::v1::SECTOR_REGION);
  policy.set_default_validity_days(kProjectDefaultValidityDays);
  return from_policy(policy);
}

bool ConsentRules::requires_consent(samsag::v1::Sector sector) const {
  return is_data_sector(sector) && (sectors_requiring_consent_ & bit(sector)) != 0;
}

google::protobuf::Timestamp ConsentRules::default_valid_until(
    const google::protobuf::Timestamp& valid_from) const {
  google::protobuf::Timestamp until = valid_from;
  until.set_seconds(valid_from.seconds() +
                    static_cast<std::int64_t>(validity_days_) * kSecondsPerDay);
  return until;
}

}  // namespace samsag::bridge
