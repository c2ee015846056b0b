// Time values in source records (domain.md §8 "Times"): a date-only fact means 00:00
// Europe/Copenhagen on that date, a date-time names its instant with an explicit UTC offset, and
// both are stored as UTC. Shared by the social JSON format, FHIR (date, dateTime, instant) and the
// coordinator API's dates.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <string_view>

#include "core/base/result.h"

namespace samsag::times {

// "YYYY-MM-DD" -> 00:00 Europe/Copenhagen as UTC. Error INVALID_DATE (another shape or a day
// that does not exist, such as 2026-02-31); the message names the problem, not the value.
Result<google::protobuf::Timestamp> parse_date(std::string_view text);

// RFC 3339 / FHIR instant: "YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm)". Seconds and the
// offset are required: a wall-clock time without an offset does not name an instant.
Result<google::protobuf::Timestamp> parse_date_time(std::string_view text);

// A date or a date-time (social `occurred_at`, FHIR `dateTime` where a time point is required:
// a year or year-month only is INVALID_DATE).
Result<google::protobuf::Timestamp> parse_date_or_date_time(std::string_view text);

// Europe/Copenhagen's UTC offset in minutes at 00:00 local time on a date: +120 (CEST) from the
// day after the last Sunday of March to the last Sunday of October, else +60 (CET). The clocks
// change at 02:00/03:00 local time, so midnight is never skipped or repeated. Rules before 1981
// are not modelled (CET all year); no source date that old names a time.
int copenhagen_offset_minutes_at_midnight(int year, unsigned month, unsigned day);

}  // namespace samsag::times
