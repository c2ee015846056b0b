#include "bridge/reducer/summary.h"

#include <gtest/gtest.h>

#include "bridge/reducer/reducer.h"
#include "event_builder.h"

namespace samsag::bridge {
namespace {

using samsag::v1::Event;
using testing::sector_event;

TEST(Summary, NamesTargetGroupCoordinatorUnitAndSharedSectors) {
  const ConsentRules rules = ConsentRules::project_default();
  v1::CitizenCase c;
  ASSERT_TRUE(apply(c, sector_event(Event::kTargetGroupAssigned, "ev-1", "", 1), rules).changed());
  ASSERT_TRUE(
      apply(c, sector_event(Event::kCoordinatorAssigned, "ev-2", "Syd", 2), rules).changed());
  ASSERT_TRUE(
      apply(c, testing::consent_granted("c-1", 3, {v1::SECTOR_SOCIAL, v1::SECTOR_HEALTH}), rules)
          .changed());
  EXPECT_EQ(summarise(c),
            "target group SICK; coordinator unit Jobcenter Syd; 3 of 4 sectors shared; HOI open");
}

TEST(Summary, OfAnEmptyCaseSaysWhatIsMissing) {
  EXPECT_EQ(summarise(v1::CitizenCase()),
            "target group not set; no coordinator; 0 of 4 sectors shared; no HOI");
}

TEST(Summary, ShowsAClosedHoiAndNoPseudonym) {
  const ConsentRules rules = ConsentRules::project_default();
  v1::CitizenCase c;
  ASSERT_TRUE(
      apply(c, sector_event(Event::kCoordinatorAssigned, "ev-1", "Syd", 1), rules).changed());
  ASSERT_TRUE(apply(c, sector_event(Event::kHoiClosed, "ev-2", "", 2), rules).changed());
  const std::string line = summarise(c);
  EXPECT_NE(line.find("HOI closed (JOB_OR_EDUCATION)"), std::string::npos);
  EXPECT_EQ(line.find(testing::kCitizen), std::string::npos);
  EXPECT_EQ(line.find("idp|"), std::string::npos);  // the coordinator's subject is not shown
}

}  // namespace
}  // namespace samsag::bridge
