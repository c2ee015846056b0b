// Wall-clock dates and times in Europe/Copenhagen converted to UTC, by the EU summer-time rule
// (CEST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October),
// with no time-zone database: FORMAT.md §3 and domain.md §8 define source times this way.
#pragma once

#include <cstdint>

namespace samsag::adapters::employment {

// A calendar date (proleptic Gregorian).
struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
};

// A wall-clock time in Europe/Copenhagen.
struct LocalDateTime {
  CivilDate date;
  int hour = 0;
  int minute = 0;
  int second = 0;
};

// True for a date that exists in the years 1900 to 9999: an earlier year in an employment export
// is a typing error, and the range keeps every time inside what a protobuf Timestamp can hold.
bool is_valid_date(const CivilDate& date);

// Days since 1970-01-01.
std::int64_t days_since_epoch(const CivilDate& date);

// Seconds since the epoch (UTC) of a Copenhagen wall-clock time. In the spring gap (02:00-03:00 on
// the last Sunday of March) the time is read as +01:00; in the repeated autumn hour the first
// reading (+02:00, summer time) is taken. `local` must be a valid date and time.
std::int64_t copenhagen_to_utc_seconds(const LocalDateTime& local);

// 00:00 Copenhagen time on `date`, as seconds since the epoch (UTC).
std::int64_t copenhagen_midnight_utc_seconds(const CivilDate& date);

}  // namespace samsag::adapters::employment
