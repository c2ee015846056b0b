// Adult social services' records of one citizen: the measures that make them an HOI citizen
// (SEL §85 support, residential placement or addiction treatment, domain.md §4), the social worker
// and the coordination meetings across sectors.
#include <algorithm>
#include <array>
#include <vector>

#include "cli/gen/course.h"

namespace samsag::gen {
namespace {

constexpr auto kUnits = std::to_array<Unit>({
    {"Socialcenter Nord", "SOC-NORD", "socialcenter-nord@kommune.example"},
    {"Socialcenter Syd", "SOC-SYD", "+45 7010 3030"},
    {"Center for Misbrug", "SOC-MIS", "misbrug@kommune.example"},
    {"Bostøtten Øst", "SOC-BOST", ""},
    {"Hjemløseenheden", "SOC-HJEM", "+45 7010 3050"},
});

class Builder {
 public:
  Builder(const Course& course, CitizenHistory& history) : c_(course), h_(history) {}
  SocialRecord* add(SocialEvent event, LocalTime at, bool date_only) {
    if (at.date > c_.reference) return nullptr;
    SocialRecord& r = h_.social.emplace_back();
    r.event = event;
    r.occurred_at = at;
    r.occurred_on_date_only = date_only;
    r.record_id = c_.id("SR", next_record_++);
    return &r;
  }
  std::string thing(std::string_view kind) { return c_.id(kind, next_thing_++); }

 private:
  const Course& c_;
  CitizenHistory& h_;
  int next_record_ = 1;
  int next_thing_ = 1;
};

// The legal bases of the citizen's measures, the first being the one that makes them an HOI
// citizen. Codes from domain.md §9.
std::vector<std::string_view> legal_bases(const Course& c) {
  std::vector<std::string_view> out;
  switch (c.profile) {
    case Profile::kSickListed:
      out = {"SEL-85"};
      break;
    case Profile::kCashBenefitAddiction:
      out = {c.percent(60) ? "SEL-101" : "SUL-141"};
      if (c.percent(50)) out.emplace_back("SEL-85");
      break;
    case Profile::kResourceCourseMentalHealth:
      out = {"SEL-85"};
      if (c.percent(40)) out.emplace_back("SEL-104");
      break;
    case Profile::kYoungEducation:
      out = {c.percent(50) ? "SEL-82B" : "SEL-85"};
      if (c.percent(30)) out.emplace_back("SEL-99");
      break;
    case Profile::kFlexJobWaiting:
      out = {"SEL-85"};
      if (c.percent(20)) out.emplace_back("SEL-103");
      break;
    case Profile::kHomelessShelter:
      out = {"SEL-110"};
      if (c.percent(30)) out.emplace_back("SEL-101");
      break;
    case Profile::kInsuredUnemployedSick:
      out = {c.percent(60) ? "SEL-85" : "SUL-141"};
      break;
  }
  // A provision outside samsag's list (ledsageordning): the adapter keeps it as OTHER.
  if (c.percent(2)) out.emplace_back("SEL-97");
  return out;
}

void caseworker(const Course& c, Builder& b, Date date, std::string_view basis) {
  SocialRecord* r = b.add(SocialEvent::kCaseworkerAssigned, c.work_time(date), false);
  if (r == nullptr) return;
  r->role = "SOCIAL_WORKER";
  if (basis == "SEL-101" || basis == "SUL-141") {
    r->unit = kUnits[2];
  } else if (basis == "SEL-110") {
    r->unit = kUnits[4];
  } else {
    r->unit = c.pick<Unit>({kUnits[0], kUnits[1], kUnits[3]});
  }
}

// Grants a measure on `decided` and, when it has ended by the reference date, ends it. Returns
// the day it ended, or the day after the reference date while it runs.
Date measure(const Course& c, Builder& b, Date decided, std::string_view basis,
             std::string_view end_reason_if_forced = {}) {
  SocialRecord* granted = b.add(SocialEvent::kMeasureGranted, {decided, 0}, true);
  if (granted == nullptr) return c.reference.plus_days(1);
  const std::string id = b.thing("SM");
  granted->thing_id = id;
  granted->legal_basis = basis;
  granted->start = decided.plus_days(c.between(0, 21));
  if (c.percent(70))
    granted->planned_end = granted->start.plus_months(static_cast<int>(c.between(6, 24)));
  granted->provider = c.pick<std::string_view>({"MUNICIPAL", "MUNICIPAL", "PRIVATE_PROVIDER", ""});
  const Date start = granted->start;
  const std::optional<Date> planned_end = granted->planned_end;

  Date end = c.reference.plus_days(1);
  std::string_view reason;
  if (!end_reason_if_forced.empty() && c.reference - start > 90) {
    end = c.date_between(start.plus_days(60), c.reference.plus_days(-14));
    reason = end_reason_if_forced;
  } else if (planned_end && *planned_end <= c.reference) {
    end = *planned_end;
    reason = c.percent(50) ? "OTHER" : "";
  } else if (c.reference - start > 90 && c.percent(15)) {
    end = c.date_between(start.plus_days(60), c.reference);
    reason = c.pick<std::string_view>({"OTHER", "MOVED", "OTHER_BENEFIT", ""});
  }
  if (end <= c.reference) {
    if (SocialRecord* ended = b.add(SocialEvent::kMeasureEnded, {end, 0}, true)) {
      ended->thing_id = id;
      ended->legal_basis = basis;
      ended->end = end;
      ended->end_reason = reason;
    }
  }
  return end;
}

void meetings(const Course& c, Builder& b, Date from) {
  static constexpr std::array kKindWeights = {40, 20, 30, 10};
  static constexpr auto kKinds =
      std::to_array<std::string_view>({"COORDINATION", "ROUNDTABLE", "FOLLOW_UP", "OTHER"});
  static constexpr std::array kModeWeights = {70, 15, 10, 5};
  static constexpr auto kModes =
      std::to_array<std::string_view>({"IN_PERSON", "PHONE", "VIDEO", ""});
  for (Date planned = from.plus_days(c.between(14, 45)); planned <= c.reference.plus_days(42);) {
    const LocalTime at = c.work_time(planned);
    const std::string id = b.thing("SMO");
    const std::string_view kind = kKinds[c.rng.weighted(kKindWeights)];
    const std::string_view mode = kModes[c.rng.weighted(kModeWeights)];
    auto row = [&](SocialEvent event, LocalTime when) {
      SocialRecord* r = b.add(event, when, false);
      if (r != nullptr) {
        r->thing_id = id;
        r->meeting_kind = kind;
        r->meeting_at = at;
        r->meeting_mode = mode;
      }
      return r != nullptr;
    };
    const Date scheduled_on = at.date.plus_days(-c.between(10, 30));
    if (!row(SocialEvent::kMeetingScheduled, c.work_time(scheduled_on))) break;
    if (c.percent(12)) {
      row(SocialEvent::kMeetingCancelled,
          c.work_time(std::max(scheduled_on, at.date.plus_days(-c.between(1, 4)))));
    } else {
      row(SocialEvent::kMeetingHeld, {at.date, std::min(at.minute_of_day + 60, 17 * 60)});
    }
    planned = at.date.plus_days(c.between(60, 120));
  }
}

void sort_by_time(std::vector<SocialRecord>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const SocialRecord& a, const SocialRecord& b) {
    return a.occurred_at < b.occurred_at;
  });
}

}  // namespace

void add_social_history(const Course& c, CitizenHistory& h) {
  Builder b(c, h);
  const std::vector<std::string_view> bases = legal_bases(c);
  Date decided = std::min(c.start.plus_days(c.between(-365, 60)), c.reference.plus_days(-14));
  caseworker(c, b, decided, bases.front());
  Date first_end = measure(c, b, decided, bases.front(),
                           bases.front() == "SEL-110" && c.percent(50) ? "OTHER" : "");
  if (bases.front() == "SEL-110" && first_end <= c.reference) {
    // From shelter to a temporary residential placement (SEL §107).
    measure(c, b, first_end, "SEL-107");
  }
  for (std::size_t i = 1; i < bases.size(); ++i) {
    measure(c, b, c.date_between(decided, c.reference.plus_days(-7)), bases[i]);
  }
  if (c.reference - decided > 200 && c.percent(20)) {
    caseworker(c, b, c.date_between(decided.plus_days(120), c.reference), bases.front());
  }
  meetings(c, b, std::max(c.hoi_start, decided));
  sort_by_time(h.social);
}

}  // namespace samsag::gen
