// The citizen's consent as the case holds it: per sector the current decision (latest wins by
// (occurred_at, event_id)), the latest withdrawal, and the history of decisions for proof
// (GDPR art. 7(1)). Decides whether a sector event may enter the case and deletes a sector's
// data when consent goes (domain.md §5). See bridge/README.md for the rules and why.
#pragma once

#include "bridge/reducer/consent_rules.h"
#include "samsag/v1/case.pb.h"
#include "samsag/v1/event.pb.h"

namespace samsag::bridge {

enum class Admission {
  kAdmitted,
  kNoConsent,         // the sector needs consent and no grant is in force
  kBeforeWithdrawal,  // occurred at or before the sector's latest withdrawal (or expiry)
  kAfterExpiry,       // occurred after the grant in force stops covering
};

// Whether an event of `sector` that occurred at `occurred_at` may enter the case now.
Admission admission_of(const samsag::v1::CitizenCase& citizen_case, samsag::v1::Sector sector,
                       const google::protobuf::Timestamp& occurred_at, const ConsentRules& rules);

// Gives every data sector its consent line (NO_CONSENT_NEEDED, or NOT_SHARED until granted),
// following the policy if it changed; returns whether the case changed.
bool settle_consent_lines(samsag::v1::CitizenCase& citizen_case, const ConsentRules& rules);

// Applies a well-formed ConsentGranted or ConsentWithdrawn; the lines must be settled first.
// Returns whether the case changed.
bool apply_consent_decision(samsag::v1::CitizenCase& citizen_case, const samsag::v1::Event& event,
                            const ConsentRules& rules);

// Turns every shared sector whose consent ended before `now` into NOT_SHARED and deletes its
// data, as a withdrawal at valid_until would. Returns whether the case changed.
bool expire_consents(samsag::v1::CitizenCase& citizen_case, const google::protobuf::Timestamp& now);

// Deletes everything the case holds of `sector`: its view, its timeline lines and, for
// employment, target group and readiness. Returns whether anything was deleted.
bool forget_sector(samsag::v1::CitizenCase& citizen_case, samsag::v1::Sector sector);

}  // namespace samsag::bridge
