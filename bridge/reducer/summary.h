// A one-line summary of a case for the coordinator's list of their citizens: target group,
// coordinator unit, how many sectors are shared, whether the HOI is open. No personal data, so it
// may also appear in debug output.
#pragma once

#include <string>

#include "samsag/v1/case.pb.h"

namespace samsag::bridge {

// e.g. "target group SICK; coordinator unit Jobcenter Syd; 3 of 4 sectors shared; HOI open".
std::string summarise(const samsag::v1::CitizenCase& citizen_case);

}  // namespace samsag::bridge
