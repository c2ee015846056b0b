// CPR numbers (personnummer, domain.md §6): parsing and validation. A Cpr never leaves the
// adapter process in clear: it is pseudonymised before anything reaches Kafka, a log or a metric.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"

namespace samsag::privacy {

// A validated CPR number in normalised form (10 digits, no dash).
class Cpr {
 public:
  // Accepts "DDMMYY-SSSS" and "DDMMYYSSSS" (surrounding white space trimmed). Checks 10 digits and
  // a valid calendar date with the century from the 7th digit; modulus 11 is NOT checked.
  // Errors: MISSING_CPR (empty), INVALID_CPR (anything else); messages never echo the number.
  static Result<Cpr> parse(std::string_view text);

  // The 10 digits.
  const std::string& digits() const { return digits_; }

  // Birth date from the number and the century table.
  int birth_year() const;
  int birth_month() const;
  int birth_day() const;

 private:
  explicit Cpr(std::string digits) : digits_(std::move(digits)) {}
  std::string digits_;
};

}  // namespace samsag::privacy
