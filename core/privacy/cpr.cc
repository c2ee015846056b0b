#include "core/privacy/cpr.h"

#include <array>
#include <cctype>
#include <cstddef>

namespace samsag::privacy {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int digit(std::string_view s, std::size_t at) { return s[at] - '0'; }

int two_digits(std::string_view s, std::size_t at) { return digit(s, at) * 10 + digit(s, at + 1); }

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

std::string_view trim(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

// The ten digits of "DDMMYYSSSS" or "DDMMYY-SSSS", or an empty string for any other shape.
std::string normalise(std::string_view text) {
  std::string digits;
  if (text.size() == 11) {
    if (text[6] != '-') return {};
    digits.append(text.substr(0, 6)).append(text.substr(7));
  } else if (text.size() == 10) {
    digits.assign(text);
  } else {
    return {};
  }
  for (char c : digits) {
    if (!is_digit(c)) return {};
  }
  return digits;
}

// Messages name what is wrong with the shape, never the number itself (domain.md §6).
Error invalid(const char* what) {
  return make_error("INVALID_CPR", std::string("the CPR number is not valid: ") + what);
}

}  // namespace

int cpr_birth_year(int seventh_digit, int two_digit_year) {
  if (seventh_digit <= 3) return 1900 + two_digit_year;
  if (seventh_digit == 4 || seventh_digit == 9) {
    return (two_digit_year <= 36 ? 2000 : 1900) + two_digit_year;
  }
  return (two_digit_year <= 57 ? 2000 : 1800) + two_digit_year;
}

Result<Cpr> Cpr::parse(std::string_view text) {
  const std::string_view trimmed = trim(text);
  if (trimmed.empty()) return make_error("MISSING_CPR", "the record has no CPR number");
  std::string digits = normalise(trimmed);
  if (digits.empty()) {
    return invalid("expected 10 digits as DDMMYYSSSS or DDMMYY-SSSS");
  }
  const int day = two_digits(digits, 0);
  const int month = two_digits(digits, 2);
  const int year = cpr_birth_year(digit(digits, 6), two_digits(digits, 4));
  if (month < 1 || month > 12) return invalid("the month of the birth date does not exist");
  if (day < 1 || day > days_in_month(year, month)) {
    return invalid("the day of the birth date does not exist in that month and century");
  }
  return Cpr(std::move(digits));
}

int Cpr::birth_year() const { return cpr_birth_year(digit(digits_, 6), two_digits(digits_, 4)); }

int Cpr::birth_month() const { return two_digits(digits_, 2); }

int Cpr::birth_day() const { return two_digits(digits_, 0); }

}  // namespace samsag::privacy
