#include "adapters/employment/copenhagen_time.h"

#include <array>

namespace samsag::adapters::employment {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr std::int64_t kSecondsPerHour = 3600;

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// 01:00 UTC on the last Sunday of `month` (March or October): when the EU clocks change.
std::int64_t change_over_utc_seconds(int year, int month) {
  const std::int64_t last_day = days_since_epoch({year, month, days_in_month(year, month)});
  // 1970-01-01 was a Thursday; weekday 0 = Sunday.
  const std::int64_t weekday = ((last_day % 7) + 7 + 4) % 7;
  return (last_day - weekday) * kSecondsPerDay + kSecondsPerHour;
}

}  // namespace

bool is_valid_date(const CivilDate& date) {
  if (date.year < 1900 || date.year > 9999 || date.month < 1 || date.month > 12) return false;
  return date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

// Howard Hinnant's days_from_civil.
std::int64_t days_since_epoch(const CivilDate& date) {
  const std::int64_t year = date.month <= 2 ? date.year - 1 : date.year;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t month = date.month;
  const std::int64_t day_of_year =
      (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + date.day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

std::int64_t copenhagen_to_utc_seconds(const LocalDateTime& local) {
  const std::int64_t wall = days_since_epoch(local.date) * kSecondsPerDay +
                            local.hour * kSecondsPerHour + std::int64_t{local.minute} * 60 +
                            local.second;
  // Read as summer time first: inside the summer-time interval that reading is right (and it
  // is the first of the two readings of the repeated autumn hour); a spring-gap time read as
  // summer time falls before the interval and is read as +01:00 instead.
  const std::int64_t as_summer_time = wall - 2 * kSecondsPerHour;
  if (as_summer_time >= change_over_utc_seconds(local.date.year, 3) &&
      as_summer_time < change_over_utc_seconds(local.date.year, 10)) {
    return as_summer_time;
  }
  return wall - kSecondsPerHour;
}

std::int64_t copenhagen_midnight_utc_seconds(const CivilDate& date) {
  return copenhagen_to_utc_seconds({date, 0, 0, 0});
}

}  // namespace samsag::adapters::employment
