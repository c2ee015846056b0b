#include "core/time/source_time.h"

#include <chrono>
#include <cstdint>
#include <optional>

namespace samsag::times {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr std::int64_t kSecondsPerMinute = 60;
constexpr std::int64_t kSecondsPerHour = 3600;
constexpr std::int64_t kSecondsPerDay = 86'400;

Error invalid(const char* what) { return make_error("INVALID_DATE", what); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The number in text[at, at + width), or nullopt unless all are digits.
std::optional<int> digits(std::string_view text, std::size_t at, std::size_t width) {
  if (at + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + width; ++i) {
    if (!is_digit(text[i])) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// "YYYY-MM-DD" at the start of text, checked against the calendar.
Result<year_month_day> calendar_date(std::string_view text) {
  const auto year = digits(text, 0, 4);
  const auto month = digits(text, 5, 2);
  const auto day = digits(text, 8, 2);
  if (!year || !month || !day || text[4] != '-' || text[7] != '-') {
    return invalid("is not a date of the form YYYY-MM-DD");
  }
  const year_month_day date{std::chrono::year{*year}, std::chrono::month{unsigned(*month)},
                            std::chrono::day{unsigned(*day)}};
  if (*year == 0 || !date.ok()) return invalid("names a day that does not exist");
  return date;
}

std::int64_t epoch_seconds(year_month_day date) {
  return sys_days{date}.time_since_epoch().count() * kSecondsPerDay;
}

google::protobuf::Timestamp timestamp(std::int64_t seconds, std::int32_t nanos = 0) {
  google::protobuf::Timestamp out;
  out.set_seconds(seconds);
  out.set_nanos(nanos);
  return out;
}

}  // namespace

int copenhagen_offset_minutes_at_midnight(int year, unsigned month, unsigned day) {
  using namespace std::chrono;
  if (year < 1981) return 60;
  const sys_days date{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
  const sys_days summer_from{std::chrono::year{year} / March / Sunday[last]};
  // Summer time ended on the last Sunday of September until 1995, of October since 1996.
  const sys_days summer_until{year < 1996
                                  ? sys_days{std::chrono::year{year} / September / Sunday[last]}
                                  : sys_days{std::chrono::year{year} / October / Sunday[last]}};
  return date > summer_from && date <= summer_until ? 120 : 60;
}

Result<google::protobuf::Timestamp> parse_date(std::string_view text) {
  if (text.size() != 10) return invalid("is not a date of the form YYYY-MM-DD");
  auto date = calendar_date(text);
  if (!date.ok()) return date.error();
  const int offset = copenhagen_offset_minutes_at_midnight(
      int(date->year()), unsigned(date->month()), unsigned(date->day()));
  return timestamp(epoch_seconds(*date) - offset * kSecondsPerMinute);
}

Result<google::protobuf::Timestamp> parse_date_time(std::string_view text) {
  if (text.size() < 20 || text[10] != 'T') {
    return invalid("is not a date-time of the form YYYY-MM-DDThh:mm:ss with a UTC offset");
  }
  auto date = calendar_date(text);
  if (!date.ok()) return date.error();
  const auto hour = digits(text, 11, 2);
  const auto minute = digits(text, 14, 2);
  const auto second = digits(text, 17, 2);
  if (!hour || !minute || !second || text[13] != ':' || text[16] != ':') {
    return invalid("is not a date-time of the form YYYY-MM-DDThh:mm:ss with a UTC offset");
  }
  if (*hour > 23 || *minute > 59 || *second > 59)
    return invalid("names a time that does not exist");

  std::size_t at = 19;
  std::int32_t nanos = 0;
  if (at < text.size() && text[at] == '.') {
    ++at;
    std::int32_t scale = 100'000'000;
    const std::size_t first = at;
    while (at < text.size() && is_digit(text[at])) {
      nanos += (text[at] - '0') * scale;  // digits beyond nanoseconds are truncated
      scale /= 10;
      ++at;
    }
    if (at == first) return invalid("has a '.' without fraction digits");
  }
  if (at >= text.size()) return invalid("has no UTC offset (Z or +hh:mm), so it names no instant");
  int offset_minutes = 0;
  if (text[at] == 'Z' || text[at] == 'z') {
    ++at;
  } else if (text[at] == '+' || text[at] == '-') {
    const auto offset_hours = digits(text, at + 1, 2);
    const auto offset_mins = digits(text, at + 4, 2);
    if (!offset_hours || !offset_mins || text[at + 3] != ':' || *offset_hours > 14 ||
        *offset_mins > 59) {
      return invalid("has a UTC offset that is not of the form +hh:mm");
    }
    offset_minutes = (*offset_hours * 60 + *offset_mins) * (text[at] == '-' ? -1 : 1);
    at += 6;
  } else {
    return invalid("has no UTC offset (Z or +hh:mm), so it names no instant");
  }
  if (at != text.size()) return invalid("has characters after its UTC offset");

  const std::int64_t local =
      epoch_seconds(*date) + *hour * kSecondsPerHour + *minute * kSecondsPerMinute + *second;
  return timestamp(local - offset_minutes * kSecondsPerMinute, nanos);
}

Result<google::protobuf::Timestamp> parse_date_or_date_time(std::string_view text) {
  if (text.size() == 10) return parse_date(text);
  if (text.size() == 4 || text.size() == 7) {
    return invalid("names only a year or a month, not a day or a time");
  }
  return parse_date_time(text);
}

}  // namespace samsag::times
