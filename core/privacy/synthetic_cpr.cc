#include "core/privacy/synthetic_cpr.h"

#include <array>
#include <numeric>
#include <stdexcept>

namespace samsag::privacy {
namespace {

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's days_from_civil).
std::int64_t days_from_civil(BirthDate d) {
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

BirthDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = static_cast<int>(z - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int day = doy - (153 * mp + 2) / 5 + 1;
  const int month = mp < 10 ? mp + 3 : mp - 9;
  const int year = static_cast<int>(yoe + era * 400) + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

const std::int64_t kFirstDay = days_from_civil(kFirstSyntheticBirthDate);
const std::int64_t kLastDay = days_from_civil(kLastSyntheticBirthDate);

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Serial prefixes (7th-9th digit) per day: 0-399 (7th digit 0-3) in the 1900s, 400-499 (7th
// digit 4) in the 2000s, as the century table requires.
int prefixes_per_day(int year) { return year < 2000 ? 400 : 100; }

// The k-th prefix handed out for a day and sex, spread over the day's prefixes by a seeded affine
// permutation so that consecutive citizens do not get consecutive numbers.
int permuted_prefix(std::uint64_t seed, std::int64_t day, SyntheticSex sex, int k, int count) {
  const std::uint64_t h = splitmix64(seed ^ splitmix64(static_cast<std::uint64_t>(day) * 2 +
                                                       (sex == SyntheticSex::kMale ? 1 : 0)));
  auto stride = static_cast<int>(h % static_cast<std::uint64_t>(count));
  while (std::gcd(stride, count) != 1) stride = (stride + 1) % count;
  const auto offset = static_cast<int>((h >> 32) % static_cast<std::uint64_t>(count));
  return static_cast<int>((static_cast<std::int64_t>(k) * stride + offset) % count);
}

void put_two_digits(std::string& out, int value) {
  out.push_back(static_cast<char>('0' + value / 10));
  out.push_back(static_cast<char>('0' + value % 10));
}

constexpr std::array kWeights = {4, 3, 2, 7, 6, 5, 4, 3, 2, 1};

}  // namespace

bool is_synthetic_birth_date(BirthDate date) {
  if (date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > days_in_month(date.year, date.month)) {
    return false;
  }
  if (date.month == 1 && date.day == 1) return false;
  const std::int64_t day = days_from_civil(date);
  return day >= kFirstDay && day <= kLastDay;
}

bool passes_modulus11(std::string_view ten_digits) {
  int sum = 0;
  for (int i = 0; i < 10; ++i) sum += kWeights[i] * (ten_digits[i] - '0');
  return sum % 11 == 0;
}

SyntheticCprIssuer::SyntheticCprIssuer(std::uint64_t seed)
    : seed_(seed), issued_(static_cast<std::size_t>(kLastDay - kFirstDay + 1) * 2, 0) {}

std::string SyntheticCprIssuer::issue(BirthDate birth, SyntheticSex sex, std::uint64_t choice) {
  if (!is_synthetic_birth_date(birth)) {
    throw std::invalid_argument("birth date outside the synthetic CPR scheme");
  }
  const std::int64_t span = kLastDay - kFirstDay + 1;
  const int sex_index = sex == SyntheticSex::kMale ? 1 : 0;
  std::int64_t day = days_from_civil(birth);
  for (std::int64_t tried = 0; tried < span; ++tried, day = day == kLastDay ? kFirstDay : day + 1) {
    const BirthDate date = civil_from_days(day);
    if (date.month == 1 && date.day == 1) continue;  // CPR issues non-modulus-11 numbers there
    const int count = prefixes_per_day(date.year);
    std::uint16_t& issued = issued_[static_cast<std::size_t>((day - kFirstDay) * 2 + sex_index)];
    if (issued >= count) continue;
    const int prefix =
        (date.year < 2000 ? 0 : 400) + permuted_prefix(seed_, day, sex, issued, count);
    ++issued;

    std::string digits;
    digits.reserve(10);
    put_two_digits(digits, date.day);
    put_two_digits(digits, date.month);
    put_two_digits(digits, date.year % 100);
    digits.push_back(static_cast<char>('0' + prefix / 100));
    put_two_digits(digits, prefix % 100);
    int partial = 0;
    for (int i = 0; i < 9; ++i) partial += kWeights[i] * (digits[i] - '0');
    // Of the five last digits with the right parity at most one makes the sum divisible by 11.
    std::array<int, 5> candidates{};
    int found = 0;
    for (int last = sex_index; last <= 9; last += 2) {
      if ((partial + last) % 11 != 0) candidates[found++] = last;
    }
    digits.push_back(static_cast<char>('0' + candidates[choice % static_cast<unsigned>(found)]));
    return digits;
  }
  throw std::length_error("every synthetic CPR number of this sex has been issued");
}

}  // namespace samsag::privacy
