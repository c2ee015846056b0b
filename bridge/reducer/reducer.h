// The reducer: folds one event into one citizen's shared case. Pure and deterministic: no I/O,
// no clock. Applying the same events in any order, or twice, gives byte-identical cases (for
// the same consent decisions); see bridge/README.md for the rules and why they hold.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <string>

#include "bridge/reducer/consent_rules.h"
#include "core/base/result.h"
#include "samsag/v1/case.pb.h"
#include "samsag/v1/dead_letter.pb.h"
#include "samsag/v1/event.pb.h"

namespace samsag::bridge {

enum class Outcome {
  kApplied,       // the case changed: the bridge writes a new snapshot
  kUnchanged,     // nothing new (a duplicate, or older than what the case holds)
  kNotConsented,  // the sector needs consent that does not cover the event: not stored, counted
  kInvalid,       // the event cannot enter any case: the bridge dead-letters it with `reason`
};

struct ApplyOutcome {
  Outcome outcome = Outcome::kUnchanged;
  // kInvalid: a DeadLetterReason name without prefix ("MISSING_FIELD", ...) and one sentence.
  // kNotConsented: "NO_CONSENT", "BEFORE_WITHDRAWAL" or "AFTER_CONSENT_EXPIRY" (a bounded metric
  // label). Never personal data.
  Error reason;
  std::string field;  // kInvalid: the field the problem is in, when there is one

  bool changed() const { return outcome == Outcome::kApplied; }
  // The typed dead-letter reason of a kInvalid outcome.
  samsag::v1::DeadLetterReason dead_letter_reason() const;
};

// Folds `event` into `citizen_case` in place. The caller may set citizen_case.citizen() to the
// Kafka key before the first event; an event for another citizen is then refused. A case that
// is only refused or not consented stays exactly as it was.
ApplyOutcome apply(samsag::v1::CitizenCase& citizen_case, const samsag::v1::Event& event,
                   const ConsentRules& rules);

// Ends every consent whose valid_until lies before `now`: the sector becomes NOT_SHARED and its
// data is deleted. The bridge calls this periodically with its own clock; returns whether the
// case changed (then a new snapshot is due).
bool expire(samsag::v1::CitizenCase& citizen_case, const google::protobuf::Timestamp& now);

// The case's bytes for the case topic and the store: deterministic serialisation, so that equal
// cases are equal bytes.
std::string serialize_case(const samsag::v1::CitizenCase& citizen_case);

}  // namespace samsag::bridge
