#include "adapters/employment/row_values.h"

#include "adapters/employment/field_values.h"

namespace samsag::adapters::employment {
namespace {

using samsag::v1::DEAD_LETTER_REASON_INVALID_DATE;
using samsag::v1::DEAD_LETTER_REASON_INVALID_VALUE;
using samsag::v1::DEAD_LETTER_REASON_MISSING_FIELD;

}  // namespace

bool RowValues::fail(samsag::v1::DeadLetterReason reason, Column column, std::string message) {
  if (!problem_) problem_ = RowProblem{reason, column, std::move(message)};
  return false;
}

bool RowValues::present(Column column, std::string_view& value) {
  value = trim(raw(column));
  if (!value.empty()) return true;
  return fail(DEAD_LETTER_REASON_MISSING_FIELD, column,
              "a column this event type requires is empty");
}

bool RowValues::id(Column column, std::string* out) {
  std::string_view value;
  if (!present(column, value)) return false;
  if (!is_valid_id(value)) {
    return fail(DEAD_LETTER_REASON_INVALID_VALUE, column,
                "an id must be 1-128 printable characters without a CPR-shaped number");
  }
  out->assign(value);
  return true;
}

bool RowValues::code(Column column, const CodeList& list, Need need, int& number) {
  const std::string_view value = trim(raw(column));
  if (value.empty()) {
    if (need == Need::kOptional) return true;
    std::string_view ignored;
    return present(column, ignored);
  }
  const auto found = list.find(value);
  if (!found) {
    return fail(DEAD_LETTER_REASON_INVALID_VALUE, column,
                "the value is not on the column's code list");
  }
  number = *found;
  return true;
}

bool RowValues::date(Column column, Need need, google::protobuf::Timestamp* out) {
  const std::string_view value = trim(raw(column));
  if (value.empty()) {
    if (need == Need::kOptional) return true;
    std::string_view ignored;
    return present(column, ignored);
  }
  const auto date = parse_date(value);
  if (!date) {
    return fail(DEAD_LETTER_REASON_INVALID_DATE, column,
                "the date is not YYYY-MM-DD or DD-MM-YYYY, or does not exist");
  }
  out->set_seconds(copenhagen_midnight_utc_seconds(*date));
  out->set_nanos(0);
  return true;
}

bool RowValues::date_time(Column column, google::protobuf::Timestamp* out) {
  std::string_view value;
  if (!present(column, value)) return false;
  const auto local = parse_local_date_time(value);
  if (!local) {
    return fail(DEAD_LETTER_REASON_INVALID_DATE, column,
                "the time is not a date with HH:MM[:SS], or does not exist");
  }
  out->set_seconds(copenhagen_to_utc_seconds(*local));
  out->set_nanos(0);
  return true;
}

bool RowValues::decimal(Column column, double max, double& value) {
  const std::string_view text = trim(raw(column));
  if (text.empty()) return true;
  const auto number = parse_decimal(text);
  if (!number || *number > max) {
    return fail(DEAD_LETTER_REASON_INVALID_VALUE, column,
                "the number is not a decimal within the column's range");
  }
  value = *number;
  return true;
}

bool RowValues::yes_no(Column column, bool& value) {
  const std::string_view text = trim(raw(column));
  if (text.empty()) return true;
  const auto answer = parse_yes_no(text);
  if (!answer) {
    return fail(DEAD_LETTER_REASON_INVALID_VALUE, column, "the value is not ja or nej");
  }
  value = *answer;
  return true;
}

bool RowValues::text(Column column, std::size_t max_characters, Need need, std::string* out) {
  const std::string_view value = raw(column);
  if (trim(value).empty()) {
    if (need == Need::kOptional) return true;
    std::string_view ignored;
    return present(column, ignored);
  }
  if (!is_valid_text(value, max_characters)) {
    return fail(DEAD_LETTER_REASON_INVALID_VALUE, column,
                "the text is too long or contains a CPR-shaped number");
  }
  out->assign(value);
  return true;
}

}  // namespace samsag::adapters::employment
