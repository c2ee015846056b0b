// Every CPR number samsag gen writes is a synthetic one (domain.md §6), and nothing else it
// writes looks like a CPR number.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "cli/gen/generator.h"
#include "core/privacy/cpr.h"
#include "core/privacy/synthetic_cpr.h"
#include "tests/unit/cli/gen_test_support.h"

namespace samsag::gen {
namespace {

using testing::cpr_shaped_numbers;
using testing::lines_of;
using testing::read_file;
using testing::read_tree;
using testing::ScratchDirectory;

void expect_synthetic(const std::string& number) {
  const auto cpr = privacy::Cpr::parse(number);
  ASSERT_TRUE(cpr.ok()) << "not a valid CPR number";
  EXPECT_FALSE(privacy::passes_modulus11(cpr->digits()));
  EXPECT_TRUE(
      privacy::is_synthetic_birth_date({cpr->birth_year(), cpr->birth_month(), cpr->birth_day()}));
  const int seventh = cpr->digits()[6] - '0';
  EXPECT_TRUE(cpr->birth_year() < 2000 ? seventh <= 3 : seventh == 4);
}

class GenCpr : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDirectory();
    ASSERT_TRUE(generate(testing::options_for(dir_->path(), 400, 21)).ok());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static inline ScratchDirectory* dir_ = nullptr;
};

TEST_F(GenCpr, EveryCitizenHasAUniqueSyntheticNumberFailingModulus11) {
  const std::vector<std::string> lines = lines_of(read_file(dir_->path() / "citizens.csv"));
  ASSERT_EQ(lines.size(), 401u);
  std::set<std::string> seen;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::size_t first = lines[i].find(',');
    const std::string cpr = lines[i].substr(first + 1, 10);
    expect_synthetic(cpr);
    EXPECT_TRUE(seen.insert(cpr).second) << "citizen " << i - 1 << " shares a number";
  }
}

TEST_F(GenCpr, EveryCprShapedNumberInAnyFileIsSynthetic) {
  std::uint64_t found = 0;
  for (const auto& [path, content] : read_tree(dir_->path())) {
    for (const std::string& number : cpr_shaped_numbers(content)) {
      SCOPED_TRACE(path);
      expect_synthetic(number);
      ++found;
    }
  }
  EXPECT_GT(found, 400u);
}

TEST_F(GenCpr, OnlyTheCprFieldsHoldCprShapedNumbers) {
  // One number per employment row and per social event, one per Patient in a Bundle, one per
  // consent line and citizen: ids, times and codes never look like a CPR number.
  for (const auto& [path, content] : read_tree(dir_->path())) {
    const std::size_t numbers = cpr_shaped_numbers(content).size();
    std::size_t holders = 0;
    if (path.rfind("employment/", 0) == 0 || path == "citizens.csv") {
      holders = lines_of(content).size() - 1;
    } else if (path.rfind("social/", 0) == 0) {
      for (std::size_t at = 0; (at = content.find("\"cpr\":", at)) != std::string::npos; ++at) {
        ++holders;
      }
    } else if (path.rfind("health/", 0) == 0 || path.rfind("region/", 0) == 0) {
      for (std::size_t at = 0;
           (at = content.find("urn:oid:1.2.208.176.1.2", at)) != std::string::npos; ++at) {
        ++holders;
      }
    } else if (path == "consent/decisions.jsonl") {
      holders = lines_of(content).size();
    }
    EXPECT_EQ(numbers, holders) << path;
  }
}

}  // namespace
}  // namespace samsag::gen
