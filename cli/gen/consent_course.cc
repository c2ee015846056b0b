// The citizen's consent decisions (domain.md §5): most consent to all three sectors when the
// holistic effort starts, some to a few, a few to none; some withdraw later, and some consents
// have run out (12 months by default) without being renewed.
#include <algorithm>
#include <array>

#include "cli/gen/course.h"

namespace samsag::gen {
namespace {

std::string_view form(const Course& c) {
  static constexpr std::array kWeights = {55, 35, 10};
  static constexpr auto kForms = std::to_array<std::string_view>({"WRITTEN", "DIGITAL", "ORAL"});
  return kForms[c.rng.weighted(kWeights)];
}

ConsentDecision grant(const Course& c, Date day, std::vector<std::string_view> scopes, int n) {
  ConsentDecision d;
  d.granted = true;
  d.occurred_at = c.office_time(day);
  d.consent_id = c.id("C", n);
  d.scopes = std::move(scopes);
  d.form = form(c);
  d.recorded_by = "gen-tovholder-" + std::to_string(1 + c.rng.below(6));
  if (c.percent(50)) {
    d.case_file_ref = "27.24.00-G01-" + std::to_string(1 + c.citizen % 997) + "-" +
                      std::to_string(day.year() % 100);
  }
  return d;
}

}  // namespace

void add_consent_history(const Course& c, CitizenHistory& h) {
  static constexpr std::array kWeights = {70, 12, 8, 6, 4};
  static constexpr auto kSummaries =
      std::to_array<std::string_view>({"ALL", "PARTIAL", "NONE", "WITHDRAWN", "EXPIRED"});
  const std::size_t kind = c.rng.weighted(kWeights);
  h.consent_summary = kSummaries[kind];
  const std::vector<std::string_view> all = {"SOCIAL", "HEALTH", "REGION"};
  const Date latest = c.reference.plus_days(-1);
  const Date given = std::min(c.hoi_start.plus_days(c.between(0, 30)), latest);
  switch (kind) {
    case 0: {
      std::vector<std::string_view> scopes = all;
      // EMPLOYMENT is accepted and has no effect where policy needs no consent for it.
      if (c.percent(3)) scopes.insert(scopes.begin(), "EMPLOYMENT");
      ConsentDecision d = grant(c, given, scopes, 1);
      if (c.percent(15))
        d.valid_until = LocalTime{given.plus_months(24), d.occurred_at.minute_of_day};
      h.consent.push_back(std::move(d));
      break;
    }
    case 1: {
      static const std::array<std::vector<std::string_view>, 4> kPartial = {
          {{"SOCIAL"}, {"SOCIAL", "HEALTH"}, {"SOCIAL", "REGION"}, {"HEALTH", "REGION"}}};
      h.consent.push_back(grant(c, given, kPartial[c.rng.below(4)], 1));
      break;
    }
    case 2:
      break;  // no consent: only the employment sector reaches the case
    case 3: {
      h.consent.push_back(grant(c, given, all, 1));
      ConsentDecision withdrawal;
      withdrawal.granted = false;
      withdrawal.occurred_at = c.office_time(c.date_between(given.plus_days(1), latest));
      withdrawal.consent_id = h.consent.back().consent_id;
      if (c.percent(40)) withdrawal.scopes = {"REGION"};  // empty means all
      withdrawal.recorded_by = h.consent.back().recorded_by;
      h.consent.push_back(std::move(withdrawal));
      break;
    }
    case 4: {
      // Given 13-18 months ago with the default 12 months' validity, or explicitly for 6 months.
      const Date long_ago = c.reference.plus_days(-c.between(400, 540));
      ConsentDecision d = grant(c, long_ago, all, 1);
      if (c.percent(30))
        d.valid_until = LocalTime{long_ago.plus_months(6), d.occurred_at.minute_of_day};
      h.consent.push_back(std::move(d));
      break;
    }
    default:
      break;
  }
}

}  // namespace samsag::gen
