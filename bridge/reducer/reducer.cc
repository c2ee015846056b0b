#include "bridge/reducer/reducer.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "bridge/reducer/consent_state.h"
#include "bridge/reducer/event_validation.h"
#include "bridge/reducer/plan_state.h"
#include "bridge/reducer/sector_facts.h"
#include "bridge/reducer/sector_state.h"
#include "bridge/reducer/stamp.h"
#include "bridge/reducer/timeline.h"

namespace samsag::bridge {

namespace {

using samsag::v1::CitizenCase;
using samsag::v1::Event;

ApplyOutcome refused(std::string code, std::string sentence, std::string field) {
  return ApplyOutcome{Outcome::kInvalid, make_error(std::move(code), std::move(sentence)),
                      std::move(field)};
}

ApplyOutcome not_consented(Admission admission) {
  switch (admission) {
    case Admission::kBeforeWithdrawal:
      return {Outcome::kNotConsented,
              make_error("BEFORE_WITHDRAWAL",
                         "The event occurred before the citizen withdrew consent for its sector."),
              {}};
    case Admission::kAfterExpiry:
      return {Outcome::kNotConsented,
              make_error("AFTER_CONSENT_EXPIRY",
                         "The event occurred after the consent for its sector expired."),
              {}};
    default:
      return {Outcome::kNotConsented,
              make_error("NO_CONSENT", "No consent for the event's sector is in force."),
              {}};
  }
}

// Everything that makes a case belong to one citizen, set by the first event that enters it.
bool settle_identity(CitizenCase& c, const Event& e, const ConsentRules& rules) {
  bool changed = false;
  if (c.citizen().empty()) {
    c.set_citizen(e.citizen());
    changed = true;
  }
  if (c.municipality_code() == 0) {
    c.set_municipality_code(e.municipality_code());
    changed = true;
  }
  return settle_consent_lines(c, rules) || changed;
}

bool apply_sector_event(CitizenCase& c, const Event& e, const ConsentRules& rules) {
  const std::optional<SectorFact> fact = sector_fact_of(e);
  // check_event() admitted the payload for a data sector, so every such payload has a fact.
  if (!fact) {
    return false;
  }
  bool changed = settle_identity(c, e, rules);
  changed |= merge_sector_fact(c, e.sector(), *fact, stamp_of(e));
  changed |= add_to_timeline(c, e, subject_of(*fact));
  return changed;
}

bool apply_plan_event(CitizenCase& c, const Event& e, const ConsentRules& rules) {
  bool changed = settle_identity(c, e, rules);
  changed |= merge_plan_event(c, e);
  changed |= add_to_timeline(c, e, plan_subject_of(e));
  return changed;
}

}  // namespace

samsag::v1::DeadLetterReason ApplyOutcome::dead_letter_reason() const {
  samsag::v1::DeadLetterReason typed = samsag::v1::DEAD_LETTER_REASON_INVALID_EVENT;
  if (outcome == Outcome::kInvalid) {
    samsag::v1::DeadLetterReason_Parse("DEAD_LETTER_REASON_" + reason.code, &typed);
  }
  return typed;
}

ApplyOutcome apply(CitizenCase& citizen_case, const Event& event, const ConsentRules& rules) {
  if (auto refusal = check_event(event)) {
    return ApplyOutcome{Outcome::kInvalid, std::move(refusal->error), std::move(refusal->field)};
  }
  if (!citizen_case.citizen().empty() && citizen_case.citizen() != event.citizen()) {
    return refused("INVALID_EVENT", "The event names another citizen than the case.", "citizen");
  }
  if (citizen_case.municipality_code() != 0 &&
      citizen_case.municipality_code() != event.municipality_code()) {
    return refused("WRONG_MUNICIPALITY", "The event belongs to another municipality than the case.",
                   "municipality_code");
  }

  bool changed = false;
  if (event.sector() == v1::SECTOR_CONSENT) {
    changed = settle_identity(citizen_case, event, rules);
    changed |= apply_consent_decision(citizen_case, event, rules);
  } else if (event.sector() == v1::SECTOR_PLAN) {
    changed = apply_plan_event(citizen_case, event, rules);
  } else {
    // HOI: data from a sector without consent must not reach the case (domain.md §5).
    const Admission admission =
        admission_of(citizen_case, event.sector(), event.occurred_at(), rules);
    if (admission != Admission::kAdmitted) {
      return not_consented(admission);
    }
    changed = apply_sector_event(citizen_case, event, rules);
  }
  changed |= refresh_last_event_at(citizen_case);
  return ApplyOutcome{changed ? Outcome::kApplied : Outcome::kUnchanged, {}, {}};
}

bool expire(CitizenCase& citizen_case, const google::protobuf::Timestamp& now) {
  return expire_consents(citizen_case, now);
}

std::string serialize_case(const CitizenCase& citizen_case) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    citizen_case.SerializeToCodedStream(&coded);
  }
  return bytes;
}

}  // namespace samsag::bridge
