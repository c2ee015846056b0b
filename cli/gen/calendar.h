// Dates and Copenhagen wall-clock times for the generator, formatted by hand: no clocks, no locale,
// no time-zone database, so the same seed gives the same bytes on every machine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace samsag::gen {

// A calendar date as a day number (days since 1970-01-01, proleptic Gregorian).
class Date {
 public:
  constexpr Date() = default;
  static Date from_ymd(int year, int month, int day);
  // "YYYY-MM-DD" only; nullopt for anything else or an impossible date.
  static std::optional<Date> parse_iso(std::string_view text);

  int year() const;
  int month() const;
  int day() const;
  // 0 = Monday ... 6 = Sunday.
  int weekday() const;
  std::int64_t day_number() const { return days_; }

  Date plus_days(std::int64_t days) const { return Date(days_ + days); }
  // Same day of month `months` later, clamped to the month's last day.
  Date plus_months(int months) const;
  // The date itself on Monday-Friday, else the following Monday.
  Date next_weekday() const;

  std::string iso() const;     // YYYY-MM-DD
  std::string danish() const;  // DD-MM-YYYY

  friend constexpr bool operator==(Date, Date) = default;
  friend constexpr auto operator<=>(Date, Date) = default;
  friend std::int64_t operator-(Date a, Date b) { return a.days_ - b.days_; }

 private:
  explicit constexpr Date(std::int64_t days) : days_(days) {}
  std::int64_t days_ = 0;
};

// A wall-clock time in Europe/Copenhagen. The generator only makes daytime times, which are never
// in the hour the clocks skip or repeat.
struct LocalTime {
  Date date;
  int minute_of_day = 0;  // 0..1439

  // +60 (CET) or +120 (CEST), by the EU rule: summer time from the last Sunday of March to the
  // last Sunday of October.
  int utc_offset_minutes() const;
  std::string iso_with_offset() const;  // 2026-03-04T10:15:00+01:00
  std::string csv() const;              // 2026-03-04 10:15
  std::string csv_danish() const;       // 04-03-2026 10:15

  friend constexpr bool operator==(const LocalTime&, const LocalTime&) = default;
  friend constexpr auto operator<=>(const LocalTime&, const LocalTime&) = default;
};

// Appends `value` in decimal with at least `width` digits (zero-padded).
void append_number(std::string& out, std::int64_t value, int width = 1);

}  // namespace samsag::gen
