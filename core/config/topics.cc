#include "core/config/topics.h"

namespace samsag::config {

Topics Topics::for_municipality(const std::string& slug) {
  auto name = [&slug](const char* kind) { return slug + "." + kind + ".v1"; };
  return Topics{name("employment"), name("social"), name("health"), name("region"),
                name("consent"),    name("plan"),   name("case"),   name("audit"),
                name("dlq"),        name("members")};
}

const std::string& Topics::for_sector(samsag::v1::Sector sector) const {
  static const std::string kNone;
  switch (sector) {
    case samsag::v1::SECTOR_EMPLOYMENT:
      return employment;
    case samsag::v1::SECTOR_SOCIAL:
      return social;
    case samsag::v1::SECTOR_HEALTH:
      return health;
    case samsag::v1::SECTOR_REGION:
      return region;
    case samsag::v1::SECTOR_CONSENT:
      return consent;
    case samsag::v1::SECTOR_PLAN:
      return plan;
    default:
      return kNone;
  }
}

std::vector<std::string> Topics::bridge_inputs() const {
  return {employment, social, health, region, consent, plan};
}

std::vector<std::string> Topics::all() const {
  return {employment, social, health, region, consent, plan, case_, audit, dlq, members};
}

int Topics::partitions_of(const std::string& topic, int per_citizen) const {
  return topic == members ? 1 : per_citizen;
}

}  // namespace samsag::config
