// The shared state while one citizen's life course is generated: their own random stream, the key
// dates of their course and a maker of source ids. Internal to cli/gen.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/gen/calendar.h"
#include "cli/gen/random.h"
#include "cli/gen/records.h"

namespace samsag::gen {

struct Course {
  Random& rng;
  Profile profile;
  Date start;      // the employment course started (first benefit)
  Date hoi_start;  // the holistic effort (and usually consent) started
  Date reference;  // "today" of the synthetic world: nothing after it has happened yet
  std::string_view tag;
  std::uint64_t citizen = 0;

  // "<tag>.<kind><citizen>.<n>": letters and dots between the numbers, so no id can ever look like
  // a CPR number (the log and topic scanners would rightly flag one).
  std::string id(std::string_view kind, int n) const;
  // A daytime appointment on a weekday on or after `date`, on the quarter hour.
  LocalTime work_time(Date date) const;

  template <typename T>
  T pick(std::initializer_list<T> items) const {
    return rng.pick(std::span<const T>(items.begin(), items.size()));
  }
  bool percent(int p) const { return rng.percent(p); }
  std::int64_t between(std::int64_t low, std::int64_t high) const { return rng.between(low, high); }
  // A time on `date` during office hours, weekends included (when a record was written).
  LocalTime office_time(Date date) const;
  // A date uniformly in [from, to] (from when to < from).
  Date date_between(Date from, Date to) const;
  // The profile's share in percent, looked up in a table indexed by Profile.
  int share(std::span<const int> by_profile) const {
    return by_profile[static_cast<std::size_t>(profile)];
  }
};

void add_employment_history(const Course& course, CitizenHistory& history);
// Cuts or pads the citizen's employment rows to exactly `rows` (for --employment-rows): the
// earliest rows are kept, padding is extra follow-up conversations inside the course.
void fit_employment_rows(const Course& course, CitizenHistory& history, std::uint64_t rows);
void add_social_history(const Course& course, CitizenHistory& history);
void add_hospital_and_health_history(const Course& course, CitizenHistory& history);
void add_consent_history(const Course& course, CitizenHistory& history);
// The region entries of a neighbour (a citizen of another municipality in the same export).
std::vector<FhirEntry> neighbour_region_entries(const Course& course);

}  // namespace samsag::gen
