#include "core/privacy/synthetic_cpr.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/privacy/cpr.h"

namespace samsag::privacy {
namespace {

struct Request {
  BirthDate birth;
  SyntheticSex sex;
  std::uint64_t choice;
};

// Random requests spread over the whole scheme (a fixed engine; the mapping to ranges is ours).
std::vector<Request> random_requests(std::uint64_t seed, int count) {
  std::mt19937_64 engine(seed);
  std::vector<Request> out;
  while (static_cast<int>(out.size()) < count) {
    const BirthDate birth{1960 + static_cast<int>(engine() % 48),
                          1 + static_cast<int>(engine() % 12), 1 + static_cast<int>(engine() % 31)};
    if (!is_synthetic_birth_date(birth)) continue;
    out.push_back(
        {birth, engine() % 2 == 0 ? SyntheticSex::kFemale : SyntheticSex::kMale, engine()});
  }
  return out;
}

BirthDate birth_date_of(const Cpr& cpr) {
  return {cpr.birth_year(), cpr.birth_month(), cpr.birth_day()};
}

TEST(SyntheticCpr, Modulus11CheckUsesTheClassicWeights) {
  EXPECT_TRUE(passes_modulus11("1111111118"));  // 36 + 8 = 44
  EXPECT_FALSE(passes_modulus11("1111111117"));
  EXPECT_FALSE(passes_modulus11("0201609995"));  // MedCom test patient: fails by design
  EXPECT_FALSE(passes_modulus11("0101901234"));  // DK-core example: fails
}

TEST(SyntheticCpr, BirthDateRangeExcludesFirstOfJanuary) {
  EXPECT_TRUE(is_synthetic_birth_date({1960, 1, 2}));
  EXPECT_TRUE(is_synthetic_birth_date({2007, 12, 31}));
  EXPECT_FALSE(is_synthetic_birth_date({1960, 1, 1}));
  EXPECT_FALSE(is_synthetic_birth_date({1985, 1, 1}));
  EXPECT_FALSE(is_synthetic_birth_date({1959, 12, 31}));
  EXPECT_FALSE(is_synthetic_birth_date({2008, 1, 2}));
  EXPECT_FALSE(is_synthetic_birth_date({1999, 2, 29}));
  EXPECT_TRUE(is_synthetic_birth_date({2000, 2, 29}));
}

TEST(SyntheticCpr, EveryNumberHasEveryPropertyOfTheScheme) {
  SyntheticCprIssuer issuer(42);
  std::set<std::string> seen;
  for (const Request& request : random_requests(7, 50000)) {
    const std::string digits = issuer.issue(request.birth, request.sex, request.choice);
    const auto cpr = Cpr::parse(digits);
    ASSERT_TRUE(cpr.ok());
    EXPECT_FALSE(passes_modulus11(digits));
    const BirthDate birth = birth_date_of(cpr.value());
    EXPECT_TRUE(is_synthetic_birth_date(birth));
    EXPECT_EQ(birth, request.birth);  // no day is anywhere near used up at this density
    const int seventh = digits[6] - '0';
    if (birth.year < 2000) {
      EXPECT_LE(seventh, 3);
    } else {
      EXPECT_EQ(seventh, 4);
    }
    const int last = digits[9] - '0';
    EXPECT_EQ(last % 2, request.sex == SyntheticSex::kMale ? 1 : 0);
    EXPECT_TRUE(seen.insert(digits).second) << "issued twice";
  }
}

TEST(SyntheticCpr, AFullDayMovesOnToTheNextDay) {
  SyntheticCprIssuer issuer(1);
  std::set<std::string> seen;
  for (int i = 0; i < 400; ++i) {
    const std::string digits = issuer.issue({1975, 6, 15}, SyntheticSex::kFemale, i);
    EXPECT_EQ(digits.substr(0, 6), "150675");
    EXPECT_TRUE(seen.insert(digits).second);
  }
  const auto next = Cpr::parse(issuer.issue({1975, 6, 15}, SyntheticSex::kFemale, 0));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(birth_date_of(next.value()), (BirthDate{1975, 6, 16}));
  // The other sex of the same day is untouched.
  EXPECT_EQ(issuer.issue({1975, 6, 15}, SyntheticSex::kMale, 0).substr(0, 6), "150675");
}

TEST(SyntheticCpr, DaysInThe2000sHoldOneHundredNumbersPerSex) {
  SyntheticCprIssuer issuer(1);
  for (int i = 0; i < 100; ++i) {
    const std::string digits = issuer.issue({2003, 5, 5}, SyntheticSex::kMale, i);
    EXPECT_EQ(digits.substr(0, 7), "0505034");
  }
  EXPECT_EQ(issuer.issue({2003, 5, 5}, SyntheticSex::kMale, 0).substr(0, 6), "060503");
}

TEST(SyntheticCpr, MovingOnSkipsFirstOfJanuaryAndWrapsAround) {
  SyntheticCprIssuer issuer(3);
  for (int i = 0; i < 400; ++i) (void)issuer.issue({1980, 12, 31}, SyntheticSex::kMale, i);
  EXPECT_EQ(issuer.issue({1980, 12, 31}, SyntheticSex::kMale, 0).substr(0, 6), "020181");
  for (int i = 0; i < 100; ++i) (void)issuer.issue({2007, 12, 31}, SyntheticSex::kFemale, i);
  EXPECT_EQ(issuer.issue({2007, 12, 31}, SyntheticSex::kFemale, 0).substr(0, 6), "020160");
}

TEST(SyntheticCpr, RefusesBirthDatesOutsideTheScheme) {
  SyntheticCprIssuer issuer(1);
  EXPECT_THROW((void)issuer.issue({1990, 1, 1}, SyntheticSex::kMale, 0), std::invalid_argument);
  EXPECT_THROW((void)issuer.issue({1959, 6, 1}, SyntheticSex::kMale, 0), std::invalid_argument);
  EXPECT_THROW((void)issuer.issue({2008, 6, 1}, SyntheticSex::kMale, 0), std::invalid_argument);
  EXPECT_THROW((void)issuer.issue({1990, 2, 30}, SyntheticSex::kMale, 0), std::invalid_argument);
}

TEST(SyntheticCpr, SameSeedAndRequestsGiveTheSameNumbers) {
  SyntheticCprIssuer a(99);
  SyntheticCprIssuer b(99);
  SyntheticCprIssuer c(100);
  int differences = 0;
  for (const Request& request : random_requests(3, 200)) {
    const std::string from_a = a.issue(request.birth, request.sex, request.choice);
    EXPECT_EQ(from_a, b.issue(request.birth, request.sex, request.choice));
    if (from_a != c.issue(request.birth, request.sex, request.choice)) ++differences;
  }
  EXPECT_GT(differences, 150);
}

}  // namespace
}  // namespace samsag::privacy
