// CPR numbers (personnummer, domain.md §6): parsing and validation. A Cpr never leaves the
// adapter process in clear: it is pseudonymised before anything reaches Kafka, a log or a metric.
#pragma once

#include <iosfwd>
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

  friend bool operator==(const Cpr&, const Cpr&) = default;
  // A Cpr must not be streamed by accident into a log line or an error message.
  friend std::ostream& operator<<(std::ostream&, const Cpr&) = delete;

 private:
  explicit Cpr(std::string digits) : digits_(std::move(digits)) {}
  std::string digits_;
};

// The full birth year from the 7th digit of the number and the two-digit year (domain.md §6):
// 0-3 mean the 1900s; 4 and 9 the 2000s when YY <= 36, else the 1900s; 5-8 the 2000s when
// YY <= 57, else the 1800s.
int cpr_birth_year(int seventh_digit, int two_digit_year);

}  // namespace samsag::privacy
