#include "core/privacy/cpr_shape.h"

#include <cstddef>

namespace samsag::privacy {
namespace {

// ASCII only, without the locale: this runs on every character of every text an adapter checks.
bool is_digit(char c) { return c >= '0' && c <= '9'; }

int two_digits(std::string_view s, std::size_t at) {
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

// Length of a CPR-shaped number starting at `at` (10 or 11 with the dash), or 0.
std::size_t cpr_shape_at(std::string_view s, std::size_t at) {
  if (at > 0 && is_digit(s[at - 1])) return 0;
  auto digits_from = [&](std::size_t from, std::size_t count) {
    if (from + count > s.size()) return false;
    for (std::size_t i = from; i < from + count; ++i) {
      if (!is_digit(s[i])) return false;
    }
    return true;
  };
  if (!digits_from(at, 6)) return 0;
  const int day = two_digits(s, at);
  const int month = two_digits(s, at + 2);
  if (day < 1 || day > 31 || month < 1 || month > 12) return 0;
  std::size_t serial = at + 6;
  if (serial < s.size() && s[serial] == '-') ++serial;
  if (!digits_from(serial, 4)) return 0;
  const std::size_t end = serial + 4;
  if (end < s.size() && is_digit(s[end])) return 0;
  return end - at;
}

}  // namespace

bool contains_cpr_shaped(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_digit(text[i]) && cpr_shape_at(text, i) > 0) return true;
  }
  return false;
}

std::vector<std::string_view> cpr_shaped_numbers(std::string_view text) {
  std::vector<std::string_view> numbers;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = cpr_shape_at(text, i);
    if (length == 0) {
      ++i;
      continue;
    }
    numbers.push_back(text.substr(i, length));
    i += length;
  }
  return numbers;
}

std::string mask_cpr_shaped(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size();) {
    const std::size_t length = cpr_shape_at(out, i);
    if (length == 0) {
      ++i;
      continue;
    }
    for (std::size_t j = i; j < i + length; ++j) {
      if (out[j] != '-') out[j] = 'X';
    }
    i += length;
  }
  return out;
}

}  // namespace samsag::privacy
