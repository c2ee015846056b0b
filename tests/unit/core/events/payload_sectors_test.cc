#include "core/events/payload_sectors.h"

#include <gtest/gtest.h>

namespace samsag::events {
namespace {

using samsag::v1::Event;

TEST(PayloadSectors, SickListingBelongsToEmploymentNotHealth) {
  EXPECT_TRUE(payload_allowed_in(samsag::v1::SECTOR_EMPLOYMENT, Event::kSicknessReported));
  EXPECT_FALSE(payload_allowed_in(samsag::v1::SECTOR_HEALTH, Event::kSicknessReported));
}

TEST(PayloadSectors, MeetingsAreSharedByEmploymentAndSocialOnly) {
  EXPECT_TRUE(payload_allowed_in(samsag::v1::SECTOR_SOCIAL, Event::kMeetingScheduled));
  EXPECT_FALSE(payload_allowed_in(samsag::v1::SECTOR_REGION, Event::kMeetingScheduled));
}

TEST(PayloadSectors, EveryPayloadBelongsToExactlyOneStreamOrAFewSectors) {
  const auto* oneof = Event::descriptor()->FindOneofByName("payload");
  ASSERT_NE(oneof, nullptr);
  for (int i = 0; i < oneof->field_count(); ++i) {
    const auto payload = static_cast<Event::PayloadCase>(oneof->field(i)->number());
    int sectors = 0;
    for (int s = samsag::v1::SECTOR_EMPLOYMENT; s <= samsag::v1::SECTOR_PLAN; ++s) {
      sectors += payload_allowed_in(static_cast<samsag::v1::Sector>(s), payload) ? 1 : 0;
    }
    EXPECT_GE(sectors, 1) << oneof->field(i)->name() << " belongs to no sector";
  }
  EXPECT_FALSE(payload_allowed_in(samsag::v1::SECTOR_EMPLOYMENT, Event::PAYLOAD_NOT_SET));
}

TEST(PayloadSectors, NamesPayloadsByTheirFieldName) {
  EXPECT_EQ(payload_name(Event::kBenefitStarted), "benefit_started");
  EXPECT_EQ(payload_name(Event::PAYLOAD_NOT_SET), "");
}

}  // namespace
}  // namespace samsag::events
