// Typed reads of one row's columns for the row mapper. Each read answers false when the value is
// missing or wrong and remembers the first such problem as the row's dead-letter reason, with
// the column and a sentence that never repeats the value (it may be personal data).
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "adapters/employment/code_lists.h"
#include "adapters/employment/columns.h"
#include "samsag/v1/dead_letter.pb.h"

namespace samsag::adapters::employment {

struct RowProblem {
  samsag::v1::DeadLetterReason reason = samsag::v1::DEAD_LETTER_REASON_UNSPECIFIED;
  Column column = Column::kCpr;
  std::string message;
};

enum class Need { kMandatory, kOptional };

class RowValues {
 public:
  RowValues(const Header& header, std::span<const std::string_view> fields)
      : header_(header), fields_(fields) {}

  // The column's value as the CSV reader gave it; empty when absent.
  std::string_view raw(Column column) const { return header_.value(fields_, column); }

  // A mandatory column's value, trimmed (MISSING_FIELD when empty).
  bool present(Column column, std::string_view& value);
  // An id column (MISSING_FIELD, INVALID_VALUE).
  bool id(Column column, std::string* out);
  // A code column; an empty optional column leaves `number` unchanged.
  bool code(Column column, const CodeList& list, Need need, int& number);
  // A date column as 00:00 Copenhagen time in UTC; an empty optional one leaves `out` unset.
  bool date(Column column, Need need, google::protobuf::Timestamp* out);
  // A local date-time column in UTC (mandatory).
  bool date_time(Column column, google::protobuf::Timestamp* out);
  // A decimal column within [0, max]; empty leaves `value` unchanged.
  bool decimal(Column column, double max, double& value);
  // A yes/no column; empty leaves `value` unchanged.
  bool yes_no(Column column, bool& value);
  // A text column of at most `max_characters` characters.
  bool text(Column column, std::size_t max_characters, Need need, std::string* out);

  // Records `reason` for `column` unless a problem is already recorded; always false.
  bool fail(samsag::v1::DeadLetterReason reason, Column column, std::string message);

  const std::optional<RowProblem>& problem() const { return problem_; }

 private:
  const Header& header_;
  std::span<const std::string_view> fields_;
  std::optional<RowProblem> problem_;
};

}  // namespace samsag::adapters::employment
