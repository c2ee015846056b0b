#include "cli/gen/course.h"

namespace samsag::gen {

std::string Course::id(std::string_view kind, int n) const {
  std::string out;
  out.reserve(tag.size() + kind.size() + 16);
  out.append(tag).push_back('.');
  out.append(kind);
  append_number(out, static_cast<std::int64_t>(citizen));
  out.push_back('.');
  append_number(out, n);
  return out;
}

LocalTime Course::work_time(Date date) const {
  // 08:00 to 15:00 on the quarter hour: well clear of the night hours when clocks change.
  return {date.next_weekday(), 8 * 60 + 15 * static_cast<int>(rng.below(29))};
}

LocalTime Course::office_time(Date date) const {
  return {date, 8 * 60 + 15 * static_cast<int>(rng.below(33))};
}

Date Course::date_between(Date from, Date to) const {
  if (to <= from) return from;
  return from.plus_days(rng.between(0, to - from));
}

}  // namespace samsag::gen
