// Synthetic CPR numbers for `samsag gen` (domain.md §6 "Synthetic CPR scheme", project choice):
// birth dates 1960-01-02..2007-12-31 and never 1 January, a 7th digit consistent with the century
// table (0-3 for the 1900s, 4 for the 2000s), a sequence chosen so that the whole number FAILS
// modulus 11, and a last digit whose parity follows the synthetic sex. By the CPR office's
// published practice such numbers belong to nobody; that is not a guarantee, so they stay in test,
// demo and CI environments only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace samsag::privacy {

struct BirthDate {
  int year = 0;
  int month = 0;
  int day = 0;

  friend bool operator==(const BirthDate&, const BirthDate&) = default;
};

enum class SyntheticSex { kFemale, kMale };  // even / odd last digit

inline constexpr BirthDate kFirstSyntheticBirthDate{1960, 1, 2};
inline constexpr BirthDate kLastSyntheticBirthDate{2007, 12, 31};

// True for a real calendar date inside the scheme's range that is not 1 January.
bool is_synthetic_birth_date(BirthDate date);

// The classic CPR check: weights 4,3,2,7,6,5,4,3,2,1 over the 10 digits, sum divisible by 11.
// samsag never requires it (domain.md §6); the synthetic scheme requires it to FAIL.
// `ten_digits` must be 10 ASCII digits.
bool passes_modulus11(std::string_view ten_digits);

// Hands out synthetic CPR numbers (10 digits, no dash), each at most once. Deterministic: the same
// seed and the same sequence of requests give the same numbers on every machine. Memory is a
// counter per birth date and sex, independent of how many numbers are issued.
class SyntheticCprIssuer {
 public:
  explicit SyntheticCprIssuer(std::uint64_t seed);

  // A number for a citizen born on `birth` (which must satisfy is_synthetic_birth_date; anything
  // else is a programming error and throws std::invalid_argument). When every number of that day
  // and sex has been issued (400 per day in the 1900s, 100 in the 2000s) the next allowed day is
  // used instead. `choice` picks among the last digits that keep the number failing modulus 11.
  // Throws std::length_error when the whole scheme is used up (about 6 million per sex).
  std::string issue(BirthDate birth, SyntheticSex sex, std::uint64_t choice);

 private:
  std::uint64_t seed_;
  std::vector<std::uint16_t> issued_;  // per (day index, sex)
};

}  // namespace samsag::privacy
