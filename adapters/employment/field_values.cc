#include "adapters/employment/field_values.h"

#include <algorithm>
#include <cctype>

#include "adapters/employment/utf8.h"
#include "core/privacy/cpr_shape.h"

namespace samsag::adapters::employment {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The number written by `count` digits at `at`, or -1.
int digits_at(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (!is_digit(text[i])) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The date in the first ten characters and whether it was written ISO-style.
std::optional<CivilDate> parse_date_prefix(std::string_view text, bool& iso) {
  if (text.size() < 10) return std::nullopt;
  CivilDate date;
  if (text[4] == '-' && text[7] == '-') {
    iso = true;
    date = {digits_at(text, 0, 4), digits_at(text, 5, 2), digits_at(text, 8, 2)};
  } else if (text[2] == '-' && text[5] == '-') {
    iso = false;
    date = {digits_at(text, 6, 4), digits_at(text, 3, 2), digits_at(text, 0, 2)};
  } else {
    return std::nullopt;
  }
  if (!is_valid_date(date)) return std::nullopt;
  return date;
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<CivilDate> parse_date(std::string_view text) {
  bool iso = false;
  if (text.size() != 10) return std::nullopt;
  return parse_date_prefix(text, iso);
}

std::optional<LocalDateTime> parse_local_date_time(std::string_view text) {
  if (text.size() != 16 && text.size() != 19) return std::nullopt;
  bool iso = false;
  const auto date = parse_date_prefix(text, iso);
  if (!date) return std::nullopt;
  if (text[10] != ' ' && !(iso && text[10] == 'T')) return std::nullopt;
  LocalDateTime local{*date, digits_at(text, 11, 2), -1, 0};
  if (text[13] == ':') local.minute = digits_at(text, 14, 2);
  if (text.size() == 19) local.second = text[16] == ':' ? digits_at(text, 17, 2) : -1;
  if (local.hour < 0 || local.hour > 23 || local.minute < 0 || local.minute > 59 ||
      local.second < 0 || local.second > 59) {
    return std::nullopt;
  }
  return local;
}

std::optional<std::uint64_t> parse_unsigned(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

std::optional<double> parse_decimal(std::string_view text) {
  const std::size_t separator = text.find_first_of(",.");
  const auto whole = parse_unsigned(text.substr(0, separator));
  if (!whole) return std::nullopt;
  if (separator == std::string_view::npos) return static_cast<double>(*whole);
  const std::string_view fraction_text = text.substr(separator + 1);
  const auto fraction = parse_unsigned(fraction_text);
  if (!fraction) return std::nullopt;
  double scale = 1;
  for (std::size_t i = 0; i < fraction_text.size(); ++i) scale *= 10;
  return static_cast<double>(*whole) + static_cast<double>(*fraction) / scale;
}

std::optional<bool> parse_yes_no(std::string_view text) {
  for (std::string_view yes : {"ja", "true", "1"}) {
    if (equals_ignoring_case(text, yes)) return true;
  }
  for (std::string_view no : {"nej", "false", "0"}) {
    if (equals_ignoring_case(text, no)) return false;
  }
  return std::nullopt;
}

std::optional<std::uint32_t> parse_municipality_code(std::string_view text) {
  if (text.size() != 3 && text.size() != 4) return std::nullopt;
  const auto code = parse_unsigned(text);
  if (!code) return std::nullopt;
  return static_cast<std::uint32_t>(*code);
}

bool is_valid_id(std::string_view text) {
  constexpr std::size_t kMaxCharacters = 128;
  constexpr std::size_t kMaxBytes = 4 * kMaxCharacters;  // UTF-8 needs at most 4 per character
  if (text.empty() || text.size() > kMaxBytes) return false;
  if (std::any_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
    return false;
  }
  return count_code_points(text) <= kMaxCharacters && !samsag::privacy::contains_cpr_shaped(text);
}

bool is_valid_text(std::string_view text, std::size_t max_characters) {
  return count_code_points(text) <= max_characters && !samsag::privacy::contains_cpr_shaped(text);
}

bool is_valid_source_system(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  const bool allowed = std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
  });
  return allowed && !samsag::privacy::contains_cpr_shaped(text);
}

}  // namespace samsag::adapters::employment
