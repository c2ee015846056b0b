#include "bridge/reducer/summary.h"

#include <iterator>

#include "bridge/reducer/consent_rules.h"

namespace samsag::bridge {

namespace {

// "TARGET_GROUP_SICK" -> "SICK".
std::string without_prefix(const std::string& name, const std::string& prefix) {
  return name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : name;
}

}  // namespace

std::string summarise(const v1::CitizenCase& c) {
  std::string line = "target group ";
  line += c.target_group() == v1::TARGET_GROUP_UNSPECIFIED
              ? "not set"
              : without_prefix(v1::TargetGroup_Name(c.target_group()), "TARGET_GROUP_");

  line += "; ";
  line += c.coordinator().unit_name().empty() ? "no coordinator"
                                              : "coordinator unit " + c.coordinator().unit_name();

  int shared = 0;
  for (const auto& consent : c.consent()) {
    if (consent.state() == v1::SHARING_STATE_SHARED ||
        consent.state() == v1::SHARING_STATE_NO_CONSENT_NEEDED) {
      ++shared;
    }
  }
  line += "; " + std::to_string(shared) + " of " + std::to_string(std::size(kDataSectors)) +
          " sectors shared";

  if (c.hoi_closed_reason() != v1::HOI_CLOSED_REASON_UNSPECIFIED) {
    line += "; HOI closed (" +
            without_prefix(v1::HoiClosedReason_Name(c.hoi_closed_reason()), "HOI_CLOSED_REASON_") +
            ")";
  } else if (c.has_hoi_started_at()) {
    line += "; HOI open";
  } else {
    line += "; no HOI";
  }
  return line;
}

}  // namespace samsag::bridge
