#include "bridge/reducer/consent_state.h"

#include <vector>

#include "bridge/reducer/sector_state.h"
#include "bridge/reducer/sorted_keyed.h"
#include "bridge/reducer/stamp.h"
#include "bridge/reducer/timeline.h"

namespace samsag::bridge {

namespace {

using samsag::v1::CitizenCase;
using samsag::v1::ConsentDecision;
using samsag::v1::Event;
using samsag::v1::SectorConsent;
using samsag::v1::Stamp;

auto sector_of_line = [](const SectorConsent& line) { return line.sector(); };

const SectorConsent* line_of(const CitizenCase& c, v1::Sector sector) {
  return find_sorted(c.consent(), sector, sector_of_line);
}

SectorConsent* line_of(CitizenCase& c, v1::Sector sector) {
  return find_sorted(*c.mutable_consent(), sector, sector_of_line);
}

// The proof of a decision is kept even when it changes no sector's state.
bool record_in_history(CitizenCase& c, const Event& e, const ConsentRules& rules) {
  const EventOrder order{&e.occurred_at(), &e.event_id()};
  auto [decision, added] =
      upsert_sorted(*c.mutable_consent_history(), order, [](const ConsentDecision& d) {
        return EventOrder{&d.occurred_at(), &d.event_id()};
      });
  if (!added) {
    return false;
  }
  decision->set_event_id(e.event_id());
  *decision->mutable_occurred_at() = e.occurred_at();
  if (e.has_consent_granted()) {
    const auto& grant = e.consent_granted();
    decision->set_granted(true);
    decision->set_consent_id(grant.consent_id());
    decision->mutable_scopes()->CopyFrom(grant.scopes());
    decision->set_form(grant.form());
    decision->set_recorded_by(grant.recorded_by());
    decision->set_recorded_by_role(grant.recorded_by_role());
    *decision->mutable_valid_until() =
        grant.has_valid_until() ? grant.valid_until() : rules.default_valid_until(e.occurred_at());
    decision->set_case_file_ref(grant.case_file_ref());
    decision->set_purpose(grant.purpose());
  } else {
    const auto& withdrawal = e.consent_withdrawn();
    decision->set_granted(false);
    decision->set_consent_id(withdrawal.consent_id());
    decision->mutable_scopes()->CopyFrom(withdrawal.scopes());
    decision->set_recorded_by(withdrawal.recorded_by());
    decision->set_recorded_by_role(withdrawal.recorded_by_role());
  }
  return true;
}

void grant(CitizenCase& c, const Event& e, const ConsentRules& rules, const Stamp& stamp) {
  const auto& granted = e.consent_granted();
  for (int scope : granted.scopes()) {
    SectorConsent* line = line_of(c, static_cast<v1::Sector>(scope));
    // A grant for a sector that needs no consent (normally employment) has no effect.
    if (line == nullptr || !rules.requires_consent(line->sector())) {
      continue;
    }
    if (!wins_over(stamp, line->has_decided(), line->decided())) {
      continue;
    }
    line->set_state(v1::SHARING_STATE_SHARED);
    line->set_consent_id(granted.consent_id());
    *line->mutable_valid_until() = granted.has_valid_until()
                                       ? granted.valid_until()
                                       : rules.default_valid_until(e.occurred_at());
    *line->mutable_decided() = stamp;
  }
}

// GDPR art. 7(3): the citizen may withdraw at any time. Whatever the case holds of the sector is
// deleted, even when a later grant is already in force (a withdrawal that arrives late must not
// leave the data it withdrew), and the withdrawal time becomes a barrier: nothing of the sector
// that occurred before it is admitted again, not even under a renewed consent (domain.md §5).
void withdraw(CitizenCase& c, const Event& e, const ConsentRules& rules, const Stamp& stamp) {
  const auto& withdrawn = e.consent_withdrawn();
  std::vector<v1::Sector> sectors;
  if (withdrawn.scopes().empty()) {
    sectors.assign(std::begin(kDataSectors), std::end(kDataSectors));
  } else {
    for (int scope : withdrawn.scopes()) {
      sectors.push_back(static_cast<v1::Sector>(scope));
    }
  }
  for (v1::Sector sector : sectors) {
    SectorConsent* line = line_of(c, sector);
    if (line == nullptr || !rules.requires_consent(sector)) {
      continue;
    }
    const bool had_withdrawal = line->has_withdrawn_at();
    raise_to(*line->mutable_withdrawn_at(), had_withdrawal, e.occurred_at());
    if (wins_over(stamp, line->has_decided(), line->decided())) {
      line->set_state(v1::SHARING_STATE_NOT_SHARED);
      line->set_consent_id(withdrawn.consent_id());
      line->clear_valid_until();
      *line->mutable_decided() = stamp;
    }
    forget_sector(c, sector);
  }
}

}  // namespace

Admission admission_of(const CitizenCase& citizen_case, v1::Sector sector,
                       const Timestamp& occurred_at, const ConsentRules& rules) {
  if (!rules.requires_consent(sector)) {
    return Admission::kAdmitted;
  }
  const SectorConsent* line = line_of(citizen_case, sector);
  if (line == nullptr || line->state() != v1::SHARING_STATE_SHARED) {
    return Admission::kNoConsent;
  }
  if (line->has_withdrawn_at() && compare(occurred_at, line->withdrawn_at()) <= 0) {
    return Admission::kBeforeWithdrawal;
  }
  if (line->has_valid_until() && compare(occurred_at, line->valid_until()) > 0) {
    return Admission::kAfterExpiry;
  }
  return Admission::kAdmitted;
}

bool settle_consent_lines(CitizenCase& citizen_case, const ConsentRules& rules) {
  bool changed = false;
  for (v1::Sector sector : kDataSectors) {
    auto [line, added] = upsert_sorted(*citizen_case.mutable_consent(), sector, sector_of_line);
    if (added) {
      line->set_sector(sector);
    }
    v1::SharingState settled = line->state();
    if (!rules.requires_consent(sector)) {
      settled = v1::SHARING_STATE_NO_CONSENT_NEEDED;
    } else if (settled == v1::SHARING_STATE_UNSPECIFIED ||
               settled == v1::SHARING_STATE_NO_CONSENT_NEEDED) {
      // A sector that needs consent starts as not shared, and so does one the policy has just
      // made consent-bound: only a grant recorded while it needed consent shares it.
      settled = v1::SHARING_STATE_NOT_SHARED;
    }
    if (added || settled != line->state()) {
      line->set_state(settled);
      changed = true;
    }
  }
  return changed;
}

bool apply_consent_decision(CitizenCase& citizen_case, const Event& event,
                            const ConsentRules& rules) {
  // The history holds every decision, so it also tells a re-delivered decision (a replay after
  // a crash) from a new one. A re-delivered withdrawal must not delete again what a later
  // renewal has admitted since.
  if (!record_in_history(citizen_case, event, rules)) {
    return false;
  }
  const Stamp stamp = stamp_of(event);
  if (event.has_consent_granted()) {
    grant(citizen_case, event, rules, stamp);
  }
  if (event.has_consent_withdrawn()) {
    withdraw(citizen_case, event, rules, stamp);
  }
  return true;
}

bool expire_consents(CitizenCase& citizen_case, const Timestamp& now) {
  bool changed = false;
  for (SectorConsent& line : *citizen_case.mutable_consent()) {
    if (line.state() != v1::SHARING_STATE_SHARED || !line.has_valid_until()) {
      continue;
    }
    if (compare(line.valid_until(), now) >= 0) {
      continue;
    }
    // An expiry is a withdrawal at valid_until: the data goes, and a renewed consent does not
    // bring back what occurred while the old one was in force.
    line.set_state(v1::SHARING_STATE_NOT_SHARED);
    const bool had_withdrawal = line.has_withdrawn_at();
    const Timestamp valid_until = line.valid_until();
    raise_to(*line.mutable_withdrawn_at(), had_withdrawal, valid_until);
    forget_sector(citizen_case, line.sector());
    changed = true;
  }
  if (changed) {
    refresh_last_event_at(citizen_case);
  }
  return changed;
}

bool forget_sector(CitizenCase& citizen_case, v1::Sector sector) {
  bool forgot = forget_sector_view(citizen_case, sector);
  forgot |= forget_timeline_of(citizen_case, sector);
  return forgot;
}

}  // namespace samsag::bridge
