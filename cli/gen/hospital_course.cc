// One citizen's records in municipal health and care and in the region's hospitals, told as one
// story because they are linked in life: a somatic admission ends with a genoptræningsplan from
// the hospital, and the municipality's rehabilitation training (SUL §140) starts from it.
// Entries the mappers must drop (Condition, Observation, fulfilled appointments) are part of the
// story too, so that the adapters' dropping is exercised.
#include <algorithm>
#include <array>

#include "cli/gen/course.h"

namespace samsag::gen {
namespace {

constexpr auto kHealthUnits = std::to_array<Unit>({
    {"Hjemmeplejen Nord", "SUN-HPN", "+45 7010 4010"},
    {"Hjemmesygeplejen Vest", "SUN-HSV", "hjemmesygeplejen-vest@kommune.example"},
    {"Genoptræningscenter Syd", "SUN-GTS", "+45 7010 4030"},
    {"Sundhedscenter Øst", "SUN-SCO", "sundhedscenter@kommune.example"},
});

// Region and health shares in percent, indexed by Profile.
constexpr std::array kRegionShare = {60, 45, 85, 30, 40, 60, 40};
constexpr std::array kHealthShare = {60, 45, 45, 20, 60, 65, 40};

class Entries {
 public:
  Entries(const Course& course, std::vector<FhirEntry>& out, std::string_view kind)
      : c_(course), out_(out), kind_(kind) {}
  std::string next_id() { return c_.id(kind_, next_++); }
  FhirEntry& add(FhirKind kind, const std::string& id, int version, LocalTime last_updated,
                 std::string_view status, std::string_view expected_event) {
    FhirEntry& e = out_.emplace_back();
    e.kind = kind;
    e.id = id;
    e.version = version;
    e.last_updated = last_updated;
    e.status = status;
    e.expected_event = expected_event;
    return e;
  }

 private:
  const Course& c_;
  std::vector<FhirEntry>& out_;
  std::string_view kind_;
  int next_ = 1;
};

// A hospital time of day: admissions happen around the clock, but never between 01:00 and 04:00,
// when the clocks may change.
LocalTime hospital_time(const Course& c, Date date) {
  const auto hour = c.between(4, 24) % 24;
  return {date, static_cast<int>(hour) * 60 + 5 * static_cast<int>(c.rng.below(12))};
}

// An inpatient stay; returns the discharge time when it has ended by the reference date.
std::optional<LocalTime> admission(const Course& c, Entries& entries, Date day, bool psychiatric) {
  const std::string id = entries.next_id();
  const LocalTime admitted = hospital_time(c, day);
  const std::string_view setting = psychiatric ? "psychiatric" : "somatic";
  FhirEntry& in =
      entries.add(FhirKind::kEncounter, id, 1, admitted, "in-progress", "HospitalAdmitted");
  in.encounter_class = "IMP";
  in.care_setting = setting;
  in.period_start = admitted;
  in.with_forbidden_text = c.percent(40);
  const LocalTime discharged = {day.plus_days(c.between(1, psychiatric ? 40 : 14)),
                                static_cast<int>(c.between(9, 16)) * 60};
  if (discharged.date > c.reference) return std::nullopt;
  FhirEntry& out =
      entries.add(FhirKind::kEncounter, id, 2, discharged, "finished", "HospitalDischarged");
  out.encounter_class = "IMP";
  out.care_setting = setting;
  out.period_start = admitted;
  out.period_end = discharged;
  if (c.percent(40)) {
    // A diagnosis: read by nobody, dropped by the mapper (domain.md §4).
    entries.add(FhirKind::kCondition, entries.next_id(), 1, discharged, "", "");
  }
  return discharged;
}

// A course that starts and, perhaps, ends: an EpisodeOfCare or an outpatient Encounter.
void course_entries(const Course& c, Entries& entries, FhirKind kind, std::string_view code,
                    Date start, int end_percent, std::string_view started, std::string_view ended) {
  const std::string id = entries.next_id();
  const bool encounter = kind == FhirKind::kEncounter;
  const LocalTime begun = encounter ? c.work_time(start) : LocalTime{start, 0};
  if (begun.date > c.reference) return;
  FhirEntry& v1 = entries.add(kind, id, 1, encounter ? begun : c.office_time(start),
                              encounter ? "in-progress" : "active", started);
  v1.period_start = begun;
  v1.period_as_dates = !encounter;
  if (encounter) {
    v1.encounter_class = "AMB";
    v1.care_setting = code;
  } else {
    v1.code = code;
  }
  const Date end_day = start.plus_days(c.between(60, 400));
  if (end_day > c.reference || !c.percent(end_percent)) return;
  const LocalTime end = encounter ? c.work_time(end_day) : LocalTime{end_day, 0};
  if (end.date > c.reference) return;
  FhirEntry& v2 =
      entries.add(kind, id, 2, encounter ? end : c.office_time(end_day), "finished", ended);
  v2.period_start = begun;
  v2.period_end = end;
  v2.period_as_dates = !encounter;
  if (encounter) {
    v2.encounter_class = "AMB";
    v2.care_setting = code;
  } else {
    v2.code = code;
  }
}

void appointments(const Course& c, Entries& entries, bool health) {
  const auto count = c.between(1, 3);
  for (int k = 0; k < count; ++k) {
    const LocalTime at =
        c.work_time(c.date_between(c.reference.plus_days(-120), c.reference.plus_days(60)));
    const Date booked_on = at.date.plus_days(-c.between(7, 30));
    if (booked_on > c.reference) continue;
    const std::string id = entries.next_id();
    const std::string_view mode =
        health ? c.pick<std::string_view>({"in-person", "in-person", "phone", "video", ""})
               : c.pick<std::string_view>({"in-person", ""});
    FhirEntry& booked = entries.add(FhirKind::kAppointment, id, 1, c.office_time(booked_on),
                                    "booked", "AppointmentScheduled");
    booked.start = at;
    booked.mode = mode;
    booked.with_forbidden_text = c.percent(30);
    std::optional<LocalTime> changed;
    std::string_view status;
    if (at.date <= c.reference) {
      if (c.percent(15)) {
        changed = c.office_time(std::max(booked_on, at.date.plus_days(-c.between(0, 3))));
        status = "cancelled";
      } else {
        changed = LocalTime{at.date, std::min(at.minute_of_day + 45, 23 * 60)};
        status = "fulfilled";  // took place: no event, the mapper drops this version
      }
    } else if (booked_on < c.reference && c.percent(10)) {
      changed = c.office_time(c.date_between(booked_on.plus_days(1), c.reference));
      status = "cancelled";
    }
    if (!changed) continue;
    FhirEntry& v2 = entries.add(FhirKind::kAppointment, id, 2, *changed, status,
                                status == "cancelled" ? "AppointmentCancelled" : "");
    v2.start = at;
    v2.mode = mode;
  }
}

// Region: admissions, courses, a genoptræningsplan and appointments. Returns the day a
// genoptræningsplan was issued, if one was.
std::optional<Date> region_history(const Course& c, std::vector<FhirEntry>& out) {
  Entries entries(c, out, "G");
  const Date earliest = std::max(c.start.plus_days(-200), c.reference.plus_days(-700));
  std::optional<Date> plan_issued;
  const bool psychiatric_profile = c.profile == Profile::kResourceCourseMentalHealth ||
                                   (c.profile == Profile::kCashBenefitAddiction && c.percent(35)) ||
                                   (c.profile == Profile::kYoungEducation && c.percent(25));
  if (psychiatric_profile) {
    static constexpr std::array kWeights = {70, 15, 5, 10};
    static constexpr auto kCodes = std::to_array<std::string_view>(
        {"psychiatric-outpatient", "psychiatric-mixed", "psychiatric-inpatient", "psychiatric"});
    const Date start = c.date_between(c.start.plus_days(-365), c.reference.plus_days(-14));
    if (c.percent(15)) {
      course_entries(c, entries, FhirKind::kEncounter, "psychiatric", start, 35,
                     "PsychiatricCourseStarted", "PsychiatricCourseEnded");
    } else {
      course_entries(c, entries, FhirKind::kEpisodeOfCare, kCodes[c.rng.weighted(kWeights)], start,
                     35, "PsychiatricCourseStarted", "PsychiatricCourseEnded");
    }
    if (c.percent(30))
      admission(c, entries, c.date_between(start, c.reference.plus_days(-3)), true);
  }
  if (!psychiatric_profile || c.percent(30)) {
    const auto discharged =
        admission(c, entries, c.date_between(earliest, c.reference.plus_days(-3)), false);
    if (discharged && c.percent(55)) {
      static constexpr std::array kWeights = {65, 25, 5, 5};
      static constexpr auto kCodes = std::to_array<std::string_view>(
          {"rehabilitation-plan-general", "rehabilitation-plan-specialised",
           "rehabilitation-plan-specialised-rehab", "rehabilitation-plan"});
      FhirEntry& plan = entries.add(FhirKind::kCarePlan, entries.next_id(), 1, *discharged,
                                    "active", "RehabilitationPlanIssued");
      plan.code = kCodes[c.rng.weighted(kWeights)];
      plan.created = *discharged;
      plan_issued = discharged->date;
    }
  }
  if (c.profile == Profile::kSickListed || c.profile == Profile::kFlexJobWaiting ||
      c.profile == Profile::kInsuredUnemployedSick) {
    if (c.percent(45)) {
      const Date start = c.date_between(earliest, c.reference.plus_days(-7));
      if (c.percent(50)) {
        course_entries(c, entries, FhirKind::kEncounter, "somatic", start, 40,
                       "OutpatientCourseStarted", "OutpatientCourseEnded");
      } else {
        course_entries(c, entries, FhirKind::kEpisodeOfCare, "outpatient-somatic", start, 40,
                       "OutpatientCourseStarted", "OutpatientCourseEnded");
      }
    }
  }
  appointments(c, entries, false);
  return plan_issued;
}

void health_history(const Course& c, std::vector<FhirEntry>& out, std::optional<Date> plan_issued) {
  Entries entries(c, out, "H");
  std::string_view main_role = "CASEWORKER";
  Unit unit = kHealthUnits[3];
  Date first_day = c.reference;
  // Rehabilitation training: from the hospital's plan (SUL §140) or on the municipality's own
  // decision (SEL §86).
  std::optional<Date> rehab_start;
  std::string_view basis;
  if (plan_issued) {
    rehab_start = plan_issued->plus_days(c.between(5, 14));
    basis = "rehabilitation-sul-140";
  } else if (c.percent(15)) {
    rehab_start = c.date_between(c.start, c.reference.plus_days(-7));
    basis = "rehabilitation-sel-86";
  }
  if (rehab_start && *rehab_start <= c.reference) {
    const std::string id = entries.next_id();
    const Date planned_end = rehab_start->plus_days(7 * c.between(6, 12));
    FhirEntry& v1 = entries.add(FhirKind::kCarePlan, id, 1, c.office_time(*rehab_start), "active",
                                "RehabilitationStarted");
    v1.code = basis;
    v1.period_start = LocalTime{*rehab_start, 0};
    v1.period_end = LocalTime{planned_end, 0};
    v1.period_as_dates = true;
    const Date ended = planned_end.plus_days(c.between(-10, 10));
    if (ended <= c.reference) {
      FhirEntry& v2 = entries.add(FhirKind::kCarePlan, id, 2, c.office_time(ended), "completed",
                                  "RehabilitationEnded");
      v2.code = basis;
      v2.period_start = LocalTime{*rehab_start, 0};
      v2.period_end = LocalTime{ended, 0};
      v2.period_as_dates = true;
    }
    main_role = "THERAPIST";
    unit = kHealthUnits[2];
    first_day = std::min(first_day, *rehab_start);
  }
  const bool home_care =
      c.profile == Profile::kHomelessShelter || c.profile == Profile::kCashBenefitAddiction ||
              c.profile == Profile::kSickListed || c.profile == Profile::kFlexJobWaiting
          ? c.percent(60)
          : c.percent(25);
  if (home_care) {
    std::string_view code = "home-care-practical";
    if (c.profile == Profile::kHomelessShelter || c.profile == Profile::kCashBenefitAddiction) {
      code = "home-nursing";
    }
    if (c.percent(10)) code = "home-care-personal";
    const Date start = c.date_between(c.start.plus_days(-200), c.reference.plus_days(-7));
    course_entries(c, entries, FhirKind::kEpisodeOfCare, code, start, 40, "HomeCareStarted",
                   "HomeCareEnded");
    if (main_role == "CASEWORKER") {
      main_role = "NURSE";
      unit = code == "home-nursing" ? kHealthUnits[1] : kHealthUnits[0];
    }
    first_day = std::min(first_day, start);
  }
  if (c.percent(40)) {
    std::string_view code = "health-course-other";
    if (c.profile == Profile::kCashBenefitAddiction || c.profile == Profile::kHomelessShelter ||
        c.profile == Profile::kYoungEducation) {
      code = "health-course-prevention";
    } else if (!c.percent(15)) {
      code = "health-course-chronic-care";
    }
    const Date start = c.date_between(c.start, c.reference.plus_days(-7));
    course_entries(c, entries, FhirKind::kEpisodeOfCare, code, start, 60, "HealthCourseStarted",
                   "HealthCourseEnded");
    first_day = std::min(first_day, start);
  }
  FhirEntry& team = entries.add(FhirKind::kCareTeam, entries.next_id(), 1, c.office_time(first_day),
                                "active", "CaseworkerAssigned");
  team.code = main_role == "THERAPIST" ? "therapist"
              : main_role == "NURSE"   ? "nurse"
                                       : "caseworker";
  team.unit = unit;
  team.period_start = c.office_time(first_day);
  appointments(c, entries, true);
  if (c.percent(20)) {
    // A measurement: nothing a coordinator may see.
    entries.add(FhirKind::kObservation, entries.next_id(), 1, c.office_time(c.reference), "final",
                "");
  }
}

void sort_by_update(std::vector<FhirEntry>& entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const FhirEntry& a, const FhirEntry& b) {
    return a.last_updated < b.last_updated;
  });
}

}  // namespace

void add_hospital_and_health_history(const Course& c, CitizenHistory& h) {
  std::optional<Date> plan_issued;
  if (c.percent(c.share(kRegionShare))) plan_issued = region_history(c, h.region);
  // A genoptræningsplan sends the citizen to municipal rehabilitation, so health follows it.
  if (plan_issued || c.percent(c.share(kHealthShare))) health_history(c, h.health, plan_issued);
  sort_by_update(h.region);
  sort_by_update(h.health);
}

std::vector<FhirEntry> neighbour_region_entries(const Course& c) {
  std::vector<FhirEntry> out;
  Entries entries(c, out, "NG");
  admission(c, entries, c.date_between(c.reference.plus_days(-300), c.reference.plus_days(-3)),
            c.percent(30));
  return out;
}

}  // namespace samsag::gen
