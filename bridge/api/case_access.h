// Who may see and change which case (API.md "Authentication and authorisation"), and the checks
// on a case address before anything is looked up.
#pragma once

#include <string>
#include <string_view>

#include "bridge/api/caller.h"
#include "samsag/v1/case.pb.h"

namespace samsag::bridge::api {

// "<key version>:<52 lowercase base32 characters>", as core/privacy makes them.
bool is_pseudonym(std::string_view text);

// A supervisor: every case. A coordinator: the cases whose coordinator is them. Nobody else.
bool may_access(const Caller& caller, const samsag::v1::CitizenCase& citizen_case);

// The ETag of a case: a digest of its deterministic bytes, so it changes exactly when the case
// does (an event, a consent expiring) and is equal on every instance.
std::string etag_of(const samsag::v1::CitizenCase& citizen_case);

// The case as API.md's JSON: proto field names, enums by name, defaults left out.
std::string case_json(const samsag::v1::CitizenCase& citizen_case);

}  // namespace samsag::bridge::api
