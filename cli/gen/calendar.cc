#include "cli/gen/calendar.h"

#include <array>
#include <charconv>

namespace samsag::gen {
namespace {

struct Ymd {
  int year;
  int month;
  int day;
};

// H. Hinnant's days_from_civil / civil_from_days.
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

Ymd civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = static_cast<int>(z - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int day = doy - (153 * mp + 2) / 5 + 1;
  const int month = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(yoe + era * 400) + (month <= 2 ? 1 : 0), month, day};
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// The last Sunday of `month` in `year`.
Date last_sunday(int year, int month) {
  const Date last = Date::from_ymd(year, month, days_in_month(year, month));
  return last.plus_days(-((last.weekday() + 1) % 7));
}

}  // namespace

void append_number(std::string& out, std::int64_t value, int width) {
  std::array<char, 24> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  const auto length = static_cast<int>(result.ptr - buffer.data());
  for (int i = length; i < width; ++i) out.push_back('0');
  out.append(buffer.data(), result.ptr);
}

Date Date::from_ymd(int year, int month, int day) {
  return Date(days_from_civil(year, month, day));
}

std::optional<Date> Date::parse_iso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t from, std::size_t length, int& value) {
    const auto result = std::from_chars(text.data() + from, text.data() + from + length, value);
    return result.ec == std::errc() && result.ptr == text.data() + from + length;
  };
  int year = 0;
  int month = 0;
  int day = 0;
  if (!number(0, 4, year) || !number(5, 2, month) || !number(8, 2, day)) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  return from_ymd(year, month, day);
}

int Date::year() const { return civil_from_days(days_).year; }
int Date::month() const { return civil_from_days(days_).month; }
int Date::day() const { return civil_from_days(days_).day; }

int Date::weekday() const {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const std::int64_t w = (days_ + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

Date Date::plus_months(int months) const {
  const Ymd ymd = civil_from_days(days_);
  const int total = ymd.year * 12 + (ymd.month - 1) + months;
  const int year = total / 12;
  const int month = total % 12 + 1;
  const int day = ymd.day < days_in_month(year, month) ? ymd.day : days_in_month(year, month);
  return from_ymd(year, month, day);
}

Date Date::next_weekday() const {
  const int w = weekday();
  return w < 5 ? *this : plus_days(7 - w);
}

std::string Date::iso() const {
  const Ymd ymd = civil_from_days(days_);
  std::string out;
  out.reserve(10);
  append_number(out, ymd.year, 4);
  out.push_back('-');
  append_number(out, ymd.month, 2);
  out.push_back('-');
  append_number(out, ymd.day, 2);
  return out;
}

std::string Date::danish() const {
  const Ymd ymd = civil_from_days(days_);
  std::string out;
  out.reserve(10);
  append_number(out, ymd.day, 2);
  out.push_back('-');
  append_number(out, ymd.month, 2);
  out.push_back('-');
  append_number(out, ymd.year, 4);
  return out;
}

int LocalTime::utc_offset_minutes() const {
  const int year = date.year();
  // Clocks go forward at 02:00 local on the last Sunday of March and back at 03:00 local on the
  // last Sunday of October; daytime times never fall in the changeover hour.
  const Date spring = last_sunday(year, 3);
  const Date autumn = last_sunday(year, 10);
  const bool after_spring = date > spring || (date == spring && minute_of_day >= 3 * 60);
  const bool before_autumn = date < autumn || (date == autumn && minute_of_day < 2 * 60);
  return after_spring && before_autumn ? 120 : 60;
}

std::string LocalTime::iso_with_offset() const {
  std::string out = date.iso();
  out.push_back('T');
  append_number(out, minute_of_day / 60, 2);
  out.push_back(':');
  append_number(out, minute_of_day % 60, 2);
  out.append(":00+");
  append_number(out, utc_offset_minutes() / 60, 2);
  out.append(":00");
  return out;
}

std::string LocalTime::csv() const {
  std::string out = date.iso();
  out.push_back(' ');
  append_number(out, minute_of_day / 60, 2);
  out.push_back(':');
  append_number(out, minute_of_day % 60, 2);
  return out;
}

std::string LocalTime::csv_danish() const {
  std::string out = date.danish();
  out.push_back(' ');
  append_number(out, minute_of_day / 60, 2);
  out.push_back(':');
  append_number(out, minute_of_day % 60, 2);
  return out;
}

}  // namespace samsag::gen
