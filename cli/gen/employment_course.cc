// The employment effort's records of one citizen: caseworker, target group, readiness, benefits
// with their transitions, efforts, sick-listing and the steady rhythm of conversations that makes
// up most of an employment case (domain.md §2-§4, §9).
#include <algorithm>
#include <array>

#include "cli/gen/course.h"

namespace samsag::gen {
namespace {

constexpr auto kUnits = std::to_array<Unit>({
    {"Beskæftigelse, Team Nord", "BES-NORD", "team-nord@beskaeftigelse.kommune.example"},
    {"Beskæftigelse, Team Syd", "BES-SYD", "+45 7010 2030"},
    {"Sygedagpengeteamet", "BES-SDP", "sygedagpenge@beskaeftigelse.kommune.example"},
    {"Ungeindsatsen", "BES-UNG", ""},
    // A unit name with the separator and a quote in it: real exports have them.
    {"Team \"Ny Start\"; Vest", "BES-VEST", "+45 7010 2040"},
    {"Rehabiliteringsteamet", "", "rehabiliteringsteam@kommune.example"},
});

class Builder {
 public:
  Builder(const Course& course, CitizenHistory& history) : c_(course), h_(history) {}

  // A new row dated `date`, or nullptr when that is after the reference date (not happened yet).
  EmploymentRecord* add(EmploymentEvent event, Date date) {
    if (date > c_.reference) return nullptr;
    EmploymentRecord& r = h_.employment.emplace_back();
    r.event = event;
    r.date = date;
    r.record_id = c_.id("R", next_record_++);
    return &r;
  }
  std::string thing(std::string_view kind) { return c_.id(kind, next_thing_++); }

 private:
  const Course& c_;
  CitizenHistory& h_;
  int next_record_ = 1;
  int next_thing_ = 1;
};

void caseworker(const Course& c, Builder& b, Date date, bool youth) {
  EmploymentRecord* r = b.add(EmploymentEvent::kCaseworkerAssigned, date);
  if (r == nullptr) return;
  r->role = c.pick<std::string_view>({"CASEWORKER", "JOB_ADVISER"});
  r->unit =
      youth ? kUnits[3] : c.pick<Unit>({kUnits[0], kUnits[1], kUnits[2], kUnits[4], kUnits[5]});
}

void target_group(Builder& b, Date date, std::string_view code) {
  if (EmploymentRecord* r = b.add(EmploymentEvent::kTargetGroupAssigned, date)) {
    r->target_group = code;
  }
}

void readiness(Builder& b, Date date, std::string_view code) {
  if (EmploymentRecord* r = b.add(EmploymentEvent::kReadinessAssessed, date)) r->readiness = code;
}

// Source target-group codes from domain.md §2's mapping table (FORMAT.md lists them).
std::string_view initial_target_group(const Course& c) {
  if (c.percent(2)) return "lokal_afklaringsgruppe";  // not in the default table: maps to UNKNOWN
  switch (c.profile) {
    case Profile::kSickListed:
      return "sygedagpengemodtager";
    case Profile::kCashBenefitAddiction:
      return "kontanthjaelpsmodtager";
    case Profile::kResourceCourseMentalHealth:
      return "ressourceforloebsydelsesmodtager";
    case Profile::kYoungEducation:
      return "uddannelseshjaelpsmodtager";
    case Profile::kFlexJobWaiting:
      return "ledighedsydelsesmodtager";
    case Profile::kHomelessShelter:
      return c.percent(30) ? "selvforsoergelsesydelsesmodtager" : "kontanthjaelpsmodtager";
    case Profile::kInsuredUnemployedSick:
      return "dagpengemodtager";
  }
  return "kontanthjaelpsmodtager";
}

std::string_view first_readiness(const Course& c) {
  if (c.percent(8)) return "NOT_ASSESSED";
  switch (c.profile) {
    case Profile::kYoungEducation:
      return c.percent(50) ? "READY_FOR_EDUCATION" : "NOT_YET_READY";
    case Profile::kInsuredUnemployedSick:
      return "READY_FOR_JOB";
    default:
      return "NOT_YET_READY";
  }
}

std::string_view effort_type(const Course& c) {
  switch (c.profile) {
    case Profile::kSickListed:
      return c.pick<std::string_view>({"GUIDANCE_UPSKILLING", "WORK_PRACTICE", "MENTOR"});
    case Profile::kCashBenefitAddiction:
      return c.pick<std::string_view>({"MENTOR", "UTILITY_WORK", "WORK_PRACTICE", "OTHER"});
    case Profile::kResourceCourseMentalHealth:
      return c.pick<std::string_view>({"IPS", "MENTOR", "WORK_PRACTICE"});
    case Profile::kYoungEducation:
      return c.pick<std::string_view>({"EDUCATION", "MENTOR", "GUIDANCE_UPSKILLING"});
    case Profile::kFlexJobWaiting:
      return c.pick<std::string_view>({"WORK_PRACTICE", "WAGE_SUBSIDY"});
    case Profile::kHomelessShelter:
      return c.pick<std::string_view>({"MENTOR", "OTHER"});
    case Profile::kInsuredUnemployedSick:
      return c.pick<std::string_view>({"GUIDANCE_UPSKILLING", "WAGE_SUBSIDY"});
  }
  return "OTHER";
}

std::string_view provider_for(const Course& c, std::string_view effort) {
  if (c.percent(15)) return "";  // not given by the source
  if (effort == "WORK_PRACTICE" || effort == "WAGE_SUBSIDY") return "EMPLOYER";
  if (effort == "EDUCATION") return "EDUCATION_INSTITUTION";
  if (c.profile == Profile::kInsuredUnemployedSick && c.percent(50)) return "A_KASSE";
  return c.percent(65) ? "MUNICIPAL" : "PRIVATE_PROVIDER";
}

void benefit_started(Builder& b, Date date, const std::string& id, std::string_view benefit) {
  if (EmploymentRecord* r = b.add(EmploymentEvent::kBenefitStarted, date)) {
    r->thing_id = id;
    r->benefit = benefit;
  }
}

void benefit_ended(Builder& b, Date date, const std::string& id, std::string_view benefit,
                   std::string_view reason) {
  if (EmploymentRecord* r = b.add(EmploymentEvent::kBenefitEnded, date)) {
    r->thing_id = id;
    r->benefit = benefit;
    r->end_reason = reason;
  }
}

void engagement(Builder& b, EmploymentEvent event, Date date, const std::string& id,
                std::string_view kind, int half_hours) {
  if (EmploymentRecord* r = b.add(event, date)) {
    r->thing_id = id;
    r->engagement = kind;
    if (event == EmploymentEvent::kJobOrEducationStarted) r->half_hours_per_week = half_hours;
  }
}

void sickness_reported(const Course& c, Builder& b, Date first_day, const std::string& id) {
  if (EmploymentRecord* r = b.add(EmploymentEvent::kSicknessReported, first_day)) {
    r->thing_id = id;
    r->partial = c.percent(25);
  }
}

// Benefits and the transitions between them; returns the first benefit's id, kind and last day
// (the day after the reference date while it runs).
void benefits(const Course& c, Builder& b) {
  const Date s = c.start;
  const Date ref = c.reference;
  const std::int64_t span = ref - s;
  const std::string first = b.thing("B");
  std::string_view benefit;
  Date first_end = ref.plus_days(1);
  switch (c.profile) {
    case Profile::kSickListed: {
      const std::string sickness = b.thing("S");
      sickness_reported(c, b, s.plus_days(-c.between(14, 35)), sickness);
      benefit = "SYGEDAGPENGE";
      benefit_started(b, s, first, benefit);
      if (span > 200 && c.percent(45)) {
        // Sygedagpenge ran out: jobafklaringsforløb on ressourceforløbsydelse (domain.md §3).
        first_end = s.plus_days(c.between(150, std::min<std::int64_t>(span - 10, 400)));
        benefit_ended(b, first_end, first, benefit, "EXHAUSTED");
        target_group(b, first_end, "jobafklaringsforloeb");
        benefit_started(b, first_end, b.thing("B"), "RESSOURCEFORLOEBSYDELSE");
      } else if (span > 90 && c.percent(25)) {
        first_end = s.plus_days(c.between(60, span - 5));
        if (EmploymentRecord* r = b.add(EmploymentEvent::kSicknessEnded, first_end)) {
          r->thing_id = sickness;
        }
        benefit_ended(b, first_end, first, benefit, "JOB");
        engagement(b, EmploymentEvent::kJobOrEducationStarted, first_end.plus_days(1), b.thing("J"),
                   "ORDINARY_JOB", c.percent(50) ? 74 : 2 * static_cast<int>(c.between(15, 30)));
      }
      break;
    }
    case Profile::kInsuredUnemployedSick: {
      benefit = "DAGPENGE";
      benefit_started(b, s, first, benefit);
      if (span > 120 && c.percent(60)) {
        first_end = s.plus_days(c.between(60, std::min<std::int64_t>(span - 5, 300)));
        benefit_ended(b, first_end, first, benefit, "OTHER_BENEFIT");
        sickness_reported(c, b, first_end, b.thing("S"));
        benefit_started(b, first_end, b.thing("B"), "SYGEDAGPENGE");
        target_group(b, first_end, "sygedagpengemodtager");
      }
      break;
    }
    case Profile::kFlexJobWaiting: {
      benefit = "LEDIGHEDSYDELSE";
      benefit_started(b, s, first, benefit);
      if (span > 150 && c.percent(40)) {
        first_end = s.plus_days(c.between(120, span - 5));
        engagement(b, EmploymentEvent::kJobOrEducationStarted, first_end, b.thing("J"), "FLEX_JOB",
                   2 * static_cast<int>(c.between(8, 25)));
        benefit_ended(b, first_end, first, benefit, "JOB");
        benefit_started(b, first_end, b.thing("B"), "FLEKSLOENTILSKUD");
        target_group(b, first_end, "fleksjobansat");
      }
      break;
    }
    case Profile::kYoungEducation: {
      benefit = "UDDANNELSESHJAELP";
      benefit_started(b, s, first, benefit);
      if (span > 150 && c.percent(30)) {
        first_end = s.plus_days(c.between(120, span - 5));
        const std::string education = b.thing("J");
        engagement(b, EmploymentEvent::kJobOrEducationStarted, first_end, education, "EDUCATION",
                   0);
        benefit_ended(b, first_end, first, benefit, "EDUCATION");
        if (ref - first_end > 60 && c.percent(30)) {  // dropped out again
          const Date dropped = c.date_between(first_end.plus_days(30), ref);
          engagement(b, EmploymentEvent::kJobOrEducationEnded, dropped, education, "EDUCATION", 0);
          benefit_started(b, dropped, b.thing("B"), benefit);
        }
      }
      break;
    }
    case Profile::kCashBenefitAddiction:
    case Profile::kHomelessShelter:
    case Profile::kResourceCourseMentalHealth: {
      if (c.profile == Profile::kResourceCourseMentalHealth) {
        benefit = "RESSOURCEFORLOEBSYDELSE";
      } else {
        benefit = c.profile == Profile::kHomelessShelter && c.percent(30)
                      ? "SELVFORSOERGELSESYDELSE"
                      : "KONTANTHJAELP";
      }
      benefit_started(b, s, first, benefit);
      if (span > 150 && c.percent(10)) {
        first_end = s.plus_days(c.between(120, span - 5));
        const std::string job = b.thing("J");
        engagement(b, EmploymentEvent::kJobOrEducationStarted, first_end, job, "ORDINARY_JOB",
                   2 * static_cast<int>(c.between(10, 37)));
        benefit_ended(b, first_end, first, benefit, "JOB");
        if (ref - first_end > 45 && c.percent(30)) {
          const Date lost = c.date_between(first_end.plus_days(21), ref);
          engagement(b, EmploymentEvent::kJobOrEducationEnded, lost, job, "ORDINARY_JOB", 0);
          benefit_started(b, lost, b.thing("B"), benefit);
        }
      }
      if (c.profile != Profile::kResourceCourseMentalHealth && c.percent(5)) {
        // A benefit outside samsag's list: the adapter carries it as OTHER with this code.
        benefit_started(b, c.date_between(s, ref), b.thing("B"), "SAERLIG_STOETTE");
      }
      break;
    }
  }
  if (first_end - s > 120 && c.percent(8)) {  // paused for a while, e.g. a stay abroad
    const Date paused = c.date_between(s.plus_days(30), first_end.plus_days(-60));
    for (std::string_view status : {"SUSPENDED", "ACTIVE"}) {
      const Date when = status == "SUSPENDED" ? paused : paused.plus_days(c.between(14, 50));
      if (EmploymentRecord* r = b.add(EmploymentEvent::kBenefitChanged, when)) {
        r->thing_id = first;
        r->benefit = benefit;
        r->benefit_status = status;
      }
    }
  }
}

void efforts(const Course& c, Builder& b) {
  Date next = c.start.plus_days(c.between(21, 60));
  const auto count = c.between(1, 3);
  for (int k = 0; k < count && next <= c.reference; ++k) {
    const std::string id = b.thing("I");
    const std::string_view type = effort_type(c);
    const Date planned = next.plus_days(7 * c.between(8, 26));
    EmploymentRecord* started = b.add(EmploymentEvent::kEffortStarted, next);
    started->thing_id = id;
    started->effort = type;
    started->provider = provider_for(c, type);
    if (c.percent(80)) started->planned_end = planned;
    if (c.percent(50)) started->half_hours_per_week = static_cast<int>(c.between(12, 74));
    const Date ended = std::max(next.plus_days(14), planned.plus_days(c.between(-21, 14)));
    EmploymentRecord* end = b.add(EmploymentEvent::kEffortEnded, ended);
    if (end == nullptr) break;
    end->thing_id = id;
    end->effort = type;
    end->end_reason = c.percent(30) ? "" : c.pick<std::string_view>({"OTHER", "OTHER", "JOB"});
    next = ended.plus_days(c.between(7, 45));
  }
}

std::string_view meeting_kind(const Course& c, Date date, bool first) {
  if (first) return "EMPLOYMENT_CONVERSATION";
  static constexpr std::array kWeights = {65, 15, 7, 8, 5};
  switch (c.rng.weighted(kWeights)) {
    case 1:
      return "EMPLOYMENT_CONVERSATION";
    case 2:
      return "ROUNDTABLE";
    case 3:
      return date >= c.hoi_start ? "COORDINATION" : "FOLLOW_UP";
    case 4:
      return c.profile == Profile::kSickListed || c.profile == Profile::kFlexJobWaiting ||
                     c.profile == Profile::kResourceCourseMentalHealth
                 ? "REHABILITATION_TEAM"
                 : "FOLLOW_UP";
    default:
      return "FOLLOW_UP";
  }
}

std::string_view meeting_mode(const Course& c) {
  static constexpr std::array kWeights = {65, 15, 12, 8};
  static constexpr auto kModes =
      std::to_array<std::string_view>({"IN_PERSON", "PHONE", "VIDEO", ""});
  return kModes[c.rng.weighted(kWeights)];
}

EmploymentRecord* meeting_row(Builder& b, EmploymentEvent event, Date date,
                              const EmploymentRecord& meeting) {
  EmploymentRecord* r = b.add(event, date);
  if (r == nullptr) return nullptr;
  r->thing_id = meeting.thing_id;
  r->meeting_kind = meeting.meeting_kind;
  r->meeting_at = meeting.meeting_at;
  r->meeting_mode = meeting.meeting_mode;
  return r;
}

// Conversations every four to eight weeks, planned one to three weeks ahead; the ones after the
// reference date are the upcoming meetings the coordinator sees.
void meetings(const Course& c, Builder& b, std::vector<EmploymentRecord>& rows) {
  Date planned_day = c.start.plus_days(c.between(7, 21));
  for (bool first = true; planned_day <= c.reference.plus_days(42); first = false) {
    EmploymentRecord meeting;
    meeting.thing_id = b.thing("M");
    meeting.meeting_at = c.work_time(planned_day);
    meeting.meeting_kind = meeting_kind(c, meeting.meeting_at.date, first);
    meeting.meeting_mode = meeting_mode(c);
    const Date scheduled_on = meeting.meeting_at.date.plus_days(-c.between(7, 21));
    EmploymentRecord* scheduled =
        meeting_row(b, EmploymentEvent::kMeetingScheduled, scheduled_on, meeting);
    if (scheduled == nullptr) break;  // not planned yet on the reference date
    if (c.percent(3)) {
      // Moved: the source re-sends the same record with a higher version (a new event).
      const Date corrected_on = scheduled_on.plus_days(c.between(1, 5));
      if (corrected_on <= c.reference && corrected_on < meeting.meeting_at.date) {
        EmploymentRecord correction = *scheduled;
        correction.date = corrected_on;
        correction.version = 2;
        meeting.meeting_at = c.work_time(meeting.meeting_at.date.plus_days(c.between(1, 7)));
        correction.meeting_at = meeting.meeting_at;
        rows.push_back(std::move(correction));
      }
    }
    const Date day = meeting.meeting_at.date;
    if (c.percent(10)) {
      meeting_row(b, EmploymentEvent::kMeetingCancelled,
                  std::max(scheduled_on, day.plus_days(-c.between(0, 3))), meeting);
    } else {
      meeting_row(b, EmploymentEvent::kMeetingHeld, day, meeting);
    }
    planned_day = day.plus_days(c.between(28, 56));
  }
}

void sort_by_date(std::vector<EmploymentRecord>& rows) {
  std::stable_sort(
      rows.begin(), rows.end(),
      [](const EmploymentRecord& a, const EmploymentRecord& b) { return a.date < b.date; });
}

}  // namespace

void add_employment_history(const Course& c, CitizenHistory& h) {
  Builder b(c, h);
  const bool youth = c.profile == Profile::kYoungEducation;
  caseworker(c, b, c.start, youth);
  if (c.reference - c.start > 150 && c.percent(30)) {
    caseworker(c, b, c.date_between(c.start.plus_days(90), c.reference), youth);
  }
  target_group(b, c.start, initial_target_group(c));
  readiness(b, c.start.plus_days(c.between(7, 30)), first_readiness(c));
  if (c.reference - c.start > 200 && c.percent(35)) {
    readiness(b, c.date_between(c.start.plus_days(180), c.reference),
              c.profile == Profile::kYoungEducation ? "READY_FOR_EDUCATION" : "NOT_YET_READY");
  }
  benefits(c, b);
  efforts(c, b);
  meetings(c, b, h.employment);
  sort_by_date(h.employment);
}

void fit_employment_rows(const Course& c, CitizenHistory& h, std::uint64_t rows) {
  std::vector<EmploymentRecord>& out = h.employment;
  if (out.size() > rows) {
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(rows), out.end());
    return;
  }
  // More conversations than the natural rhythm: the benchmark asks for a given row count.
  int n = 1;
  while (out.size() < rows) {
    const Date day = c.date_between(c.start, c.reference);
    EmploymentRecord meeting;
    meeting.thing_id = c.id("MP", n);
    meeting.meeting_kind = "FOLLOW_UP";
    meeting.meeting_at = {day, 8 * 60 + 15 * static_cast<int>(c.rng.below(29))};
    meeting.meeting_mode = meeting_mode(c);
    for (EmploymentEvent event :
         {EmploymentEvent::kMeetingScheduled, EmploymentEvent::kMeetingHeld}) {
      if (out.size() >= rows) break;
      EmploymentRecord& r = out.emplace_back(meeting);
      r.event = event;
      r.date = event == EmploymentEvent::kMeetingHeld ? day : day.plus_days(-c.between(7, 21));
      r.record_id = c.id(event == EmploymentEvent::kMeetingHeld ? "RPH" : "RPS", n);
    }
    ++n;
  }
  sort_by_date(out);
}

}  // namespace samsag::gen
