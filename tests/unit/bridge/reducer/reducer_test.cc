// Behaviour of the reducer outside consent: validation, idempotence, latest-wins merges and
// order-independence of the case's structures.
#include "bridge/reducer/reducer.h"

#include <gtest/gtest.h>

#include "event_builder.h"

namespace samsag::bridge {
namespace {

using samsag::v1::CitizenCase;
using samsag::v1::Event;
using testing::at_hour;
using testing::envelope;
using testing::sector_event;

class ReducerTest : public ::testing::Test {
 protected:
  ApplyOutcome fold(const Event& event) { return apply(case_, event, rules_); }

  const v1::SectorView* view(v1::Sector sector) const {
    for (const auto& v : case_.sectors()) {
      if (v.sector() == sector) return &v;
    }
    return nullptr;
  }

  const v1::Activity& only_activity(v1::Sector sector) const {
    const v1::SectorView* v = view(sector);
    EXPECT_NE(v, nullptr);
    EXPECT_EQ(v->activities_size(), 1);
    return v->activities(0);
  }

  ConsentRules rules_ = ConsentRules::project_default();
  CitizenCase case_;
};

TEST_F(ReducerTest, FirstEventStartsTheCase) {
  ASSERT_EQ(fold(sector_event(Event::kBenefitStarted, "ev-1", "B-1", 3)).outcome,
            Outcome::kApplied);
  EXPECT_EQ(case_.citizen(), testing::kCitizen);
  EXPECT_EQ(case_.municipality_code(), testing::kAarhus);
  const v1::Activity& benefit = only_activity(v1::SECTOR_EMPLOYMENT);
  EXPECT_EQ(benefit.key(), "benefit/B-1");
  EXPECT_EQ(benefit.kind(), "benefit");
  EXPECT_EQ(benefit.type(), "BENEFIT_SYGEDAGPENGE");
  EXPECT_EQ(benefit.state(), v1::ACTIVITY_STATE_ACTIVE);
  EXPECT_EQ(benefit.start().seconds(), at_hour(3).seconds());
  ASSERT_EQ(case_.timeline_size(), 1);
  EXPECT_EQ(case_.timeline(0).kind(), "benefit_started");
  EXPECT_EQ(case_.timeline(0).subject(), "benefit/B-1");
}

TEST_F(ReducerTest, DuplicateEventChangesNothing) {
  const Event event = sector_event(Event::kEffortStarted, "ev-1", "E-1", 3);
  ASSERT_EQ(fold(event).outcome, Outcome::kApplied);
  const std::string before = serialize_case(case_);
  EXPECT_EQ(fold(event).outcome, Outcome::kUnchanged);
  EXPECT_EQ(serialize_case(case_), before);
}

TEST_F(ReducerTest, OlderEventThanWhatTheCaseHoldsIsUnchangedForLatestWinsFields) {
  Event newer = sector_event(Event::kTargetGroupAssigned, "ev-2", "", 10);
  newer.mutable_target_group_assigned()->set_target_group(v1::TARGET_GROUP_FLEX_JOB);
  Event older = sector_event(Event::kTargetGroupAssigned, "ev-1", "", 5);
  older.mutable_target_group_assigned()->set_target_group(v1::TARGET_GROUP_YOUNG);
  ASSERT_EQ(fold(newer).outcome, Outcome::kApplied);
  ASSERT_EQ(fold(older).outcome, Outcome::kApplied);  // it still joins the timeline
  EXPECT_EQ(case_.target_group(), v1::TARGET_GROUP_FLEX_JOB);
  EXPECT_EQ(case_.target_group_updated().event_id(), "ev-2");
  EXPECT_EQ(case_.timeline_size(), 2);
}

TEST_F(ReducerTest, EndedBeforeStartedArrivalStillEnds) {
  ASSERT_EQ(fold(sector_event(Event::kEffortEnded, "ev-2", "E-1", 10)).outcome, Outcome::kApplied);
  ASSERT_EQ(fold(sector_event(Event::kEffortStarted, "ev-1", "E-1", 5)).outcome, Outcome::kApplied);
  const v1::Activity& effort = only_activity(v1::SECTOR_EMPLOYMENT);
  EXPECT_EQ(effort.state(), v1::ACTIVITY_STATE_ENDED);
  // The start's own fields come from the start even though it arrived last.
  EXPECT_EQ(effort.start().seconds(), at_hour(5).seconds());
  EXPECT_EQ(effort.planned_end().seconds(), at_hour(5 + 90 * 24).seconds());
  EXPECT_EQ(effort.provider_kind(), v1::PROVIDER_KIND_PRIVATE_PROVIDER);
  EXPECT_EQ(effort.end().seconds(), at_hour(10).seconds());
  EXPECT_EQ(effort.updated().event_id(), "ev-2");
}

TEST_F(ReducerTest, StartAndEndInEitherOrderGiveTheSameBytes) {
  const Event start = sector_event(Event::kMeasureGranted, "ev-1", "M-1", 5, v1::SECTOR_SOCIAL);
  const Event end = sector_event(Event::kMeasureEnded, "ev-2", "M-1", 9, v1::SECTOR_SOCIAL);
  const Event grant = testing::consent_granted("ev-0", 0, {v1::SECTOR_SOCIAL});
  CitizenCase forwards;
  CitizenCase backwards;
  for (const Event* e : {&grant, &start, &end}) ASSERT_TRUE(apply(forwards, *e, rules_).changed());
  for (const Event* e : {&grant, &end, &start}) ASSERT_TRUE(apply(backwards, *e, rules_).changed());
  EXPECT_EQ(serialize_case(forwards), serialize_case(backwards));
}

TEST_F(ReducerTest, StartAndEndAtTheSameTimeEndsWhateverTheEventIds) {
  // Date-only sources put both at 00:00; "z" > "a" would make the start win a plain id tie-break.
  ASSERT_TRUE(fold(sector_event(Event::kBenefitEnded, "a-ended", "B-1", 24)).changed());
  ASSERT_TRUE(fold(sector_event(Event::kBenefitStarted, "z-started", "B-1", 24)).changed());
  EXPECT_EQ(only_activity(v1::SECTOR_EMPLOYMENT).state(), v1::ACTIVITY_STATE_ENDED);
  EXPECT_EQ(only_activity(v1::SECTOR_EMPLOYMENT).end_reason(), v1::END_REASON_JOB);
}

TEST_F(ReducerTest, SuspendedBenefitShowsSuspendedUntilItEnds) {
  ASSERT_TRUE(fold(sector_event(Event::kBenefitStarted, "ev-1", "B-1", 1)).changed());
  ASSERT_TRUE(fold(sector_event(Event::kBenefitChanged, "ev-2", "B-1", 2)).changed());
  EXPECT_EQ(only_activity(v1::SECTOR_EMPLOYMENT).state(), v1::ACTIVITY_STATE_SUSPENDED);
  ASSERT_TRUE(fold(sector_event(Event::kBenefitEnded, "ev-3", "B-1", 3)).changed());
  EXPECT_EQ(only_activity(v1::SECTOR_EMPLOYMENT).state(), v1::ACTIVITY_STATE_ENDED);
}

TEST_F(ReducerTest, HeldMeetingStaysHeldWhenItsOlderSchedulingArrivesLate) {
  ASSERT_TRUE(fold(sector_event(Event::kMeetingHeld, "ev-2", "M-1", 50)).changed());
  EXPECT_EQ(fold(sector_event(Event::kMeetingScheduled, "ev-1", "M-1", 2)).outcome,
            Outcome::kApplied);  // only its timeline line is new
  const v1::SectorView* employment = view(v1::SECTOR_EMPLOYMENT);
  ASSERT_NE(employment, nullptr);
  ASSERT_EQ(employment->meetings_size(), 1);
  EXPECT_EQ(employment->meetings(0).key(), "meeting/M-1");
  EXPECT_EQ(employment->meetings(0).state(), v1::MEETING_STATE_HELD);
  EXPECT_EQ(employment->meetings(0).at().seconds(), at_hour(98).seconds());
}

TEST_F(ReducerTest, CancellationAtTheSameTimeAsSchedulingWins) {
  ASSERT_TRUE(fold(sector_event(Event::kMeetingCancelled, "a", "M-1", 7)).changed());
  ASSERT_TRUE(fold(sector_event(Event::kMeetingScheduled, "b", "M-1", 7)).changed());
  EXPECT_EQ(view(v1::SECTOR_EMPLOYMENT)->meetings(0).state(), v1::MEETING_STATE_CANCELLED);
}

TEST_F(ReducerTest, LatestCaseworkerIsTheContactWhateverTheArrivalOrder) {
  ASSERT_TRUE(fold(sector_event(Event::kCaseworkerAssigned, "ev-2", "Nord", 9)).changed());
  ASSERT_TRUE(fold(sector_event(Event::kCaseworkerAssigned, "ev-1", "Syd", 4)).changed());
  EXPECT_EQ(view(v1::SECTOR_EMPLOYMENT)->contact().unit_name(), "Unit Nord");
  EXPECT_EQ(view(v1::SECTOR_EMPLOYMENT)->contact_updated().event_id(), "ev-2");
}

TEST_F(ReducerTest, CollectionsAreSortedByTheirKeys) {
  ASSERT_TRUE(fold(testing::consent_granted("c", 0, {v1::SECTOR_REGION})).changed());
  ASSERT_TRUE(fold(sector_event(Event::kHospitalAdmitted, "ev-3", "H-1", 30)).changed());
  ASSERT_TRUE(fold(sector_event(Event::kBenefitStarted, "ev-2", "B-3", 20)).changed());
  ASSERT_TRUE(fold(sector_event(Event::kBenefitStarted, "ev-1", "B-1", 20)).changed());
  ASSERT_TRUE(fold(sector_event(Event::kEffortStarted, "ev-0", "A-9", 10)).changed());

  ASSERT_EQ(case_.sectors_size(), 2);
  EXPECT_EQ(case_.sectors(0).sector(), v1::SECTOR_EMPLOYMENT);
  EXPECT_EQ(case_.sectors(1).sector(), v1::SECTOR_REGION);
  const auto& activities = case_.sectors(0).activities();
  ASSERT_EQ(activities.size(), 3);
  EXPECT_EQ(activities[0].key(), "benefit/B-1");
  EXPECT_EQ(activities[1].key(), "benefit/B-3");
  EXPECT_EQ(activities[2].key(), "effort/A-9");
  ASSERT_EQ(case_.timeline_size(), 4);
  EXPECT_EQ(case_.timeline(0).event_id(), "ev-0");
  EXPECT_EQ(case_.timeline(1).event_id(), "ev-1");  // same time as ev-2: the id breaks the tie
  EXPECT_EQ(case_.timeline(2).event_id(), "ev-2");
  EXPECT_EQ(case_.timeline(3).event_id(), "ev-3");
  EXPECT_EQ(case_.last_event_at().seconds(), at_hour(30).seconds());
  EXPECT_EQ(case_.sectors(0).last_event_at().seconds(), at_hour(20).seconds());
}

TEST_F(ReducerTest, FirstCoordinatorAssignmentStartsTheHoiWhateverTheArrivalOrder) {
  ASSERT_TRUE(fold(sector_event(Event::kCoordinatorAssigned, "ev-2", "Nord", 20)).changed());
  ASSERT_TRUE(fold(sector_event(Event::kCoordinatorAssigned, "ev-1", "Syd", 5)).changed());
  EXPECT_EQ(case_.coordinator().unit_name(), "Jobcenter Nord");
  EXPECT_EQ(case_.coordinator().coordinator_id(), "idp|Nord");
  EXPECT_EQ(case_.hoi_started_at().seconds(), at_hour(5).seconds());
}

TEST_F(ReducerTest, ReassignmentAfterCloseReopensTheHoi) {
  ASSERT_TRUE(fold(sector_event(Event::kCoordinatorAssigned, "ev-1", "Syd", 1)).changed());
  ASSERT_TRUE(fold(sector_event(Event::kHoiClosed, "ev-2", "", 5)).changed());
  EXPECT_EQ(case_.hoi_closed_reason(), v1::HOI_CLOSED_REASON_JOB_OR_EDUCATION);
  ASSERT_TRUE(fold(sector_event(Event::kCoordinatorAssigned, "ev-3", "Nord", 9)).changed());
  EXPECT_EQ(case_.hoi_closed_reason(), v1::HOI_CLOSED_REASON_UNSPECIFIED);
  EXPECT_EQ(case_.hoi_started_at().seconds(), at_hour(1).seconds());
}

TEST_F(ReducerTest, GoalClosedBeforeItWasSetKeepsItsWording) {
  ASSERT_TRUE(fold(sector_event(Event::kPlanGoalClosed, "ev-3", "G-1", 30)).changed());
  ASSERT_TRUE(fold(sector_event(Event::kPlanGoalUpdated, "ev-2", "G-1", 20)).changed());
  ASSERT_TRUE(fold(sector_event(Event::kPlanGoalSet, "ev-1", "G-1", 10)).changed());
  ASSERT_EQ(case_.goals_size(), 1);
  const v1::Goal& goal = case_.goals(0);
  EXPECT_EQ(goal.goal_id(), "G-1");
  EXPECT_EQ(goal.title(), "Start an education G-1");  // the update is later than the set
  EXPECT_EQ(goal.area(), v1::GOAL_AREA_EDUCATION);
  EXPECT_EQ(goal.outcome(), v1::GOAL_OUTCOME_ACHIEVED);
  EXPECT_EQ(goal.updated().event_id(), "ev-3");
  EXPECT_EQ(case_.timeline(0).subject(), "goal/G-1");
}

TEST_F(ReducerTest, PayloadFromWrongSectorIsInvalid) {
  // Sick-listing is employment's; a health adapter never emits it (domain.md §9).
  const ApplyOutcome outcome =
      fold(sector_event(Event::kSicknessReported, "ev-1", "S-1", 1, v1::SECTOR_HEALTH));
  EXPECT_EQ(outcome.outcome, Outcome::kInvalid);
  EXPECT_EQ(outcome.reason.code, "INVALID_EVENT");
  EXPECT_EQ(outcome.field, "sector");
  EXPECT_EQ(outcome.dead_letter_reason(), v1::DEAD_LETTER_REASON_INVALID_EVENT);
  EXPECT_NE(outcome.reason.message.find("sickness_reported"), std::string::npos);
  EXPECT_EQ(serialize_case(case_), "");
}

TEST_F(ReducerTest, ConsentPayloadOnASectorStreamIsInvalid) {
  Event grant = testing::consent_granted("ev-1", 0, {v1::SECTOR_SOCIAL});
  grant.set_sector(v1::SECTOR_SOCIAL);
  EXPECT_EQ(fold(grant).outcome, Outcome::kInvalid);
}

TEST_F(ReducerTest, MissingMandatoryIdIsInvalid) {
  Event event = sector_event(Event::kBenefitStarted, "ev-1", "B-1", 1);
  event.mutable_benefit_started()->clear_benefit_id();
  const ApplyOutcome outcome = fold(event);
  EXPECT_EQ(outcome.outcome, Outcome::kInvalid);
  EXPECT_EQ(outcome.reason.code, "MISSING_FIELD");
  EXPECT_EQ(outcome.field, "benefit_started.benefit_id");
  EXPECT_EQ(outcome.dead_letter_reason(), v1::DEAD_LETTER_REASON_MISSING_FIELD);
}

TEST_F(ReducerTest, EventWithoutIdOrTimeIsInvalid) {
  Event no_id = sector_event(Event::kBenefitStarted, "", "B-1", 1);
  EXPECT_EQ(fold(no_id).field, "event_id");
  Event no_time = sector_event(Event::kBenefitStarted, "ev-1", "B-1", 1);
  no_time.clear_occurred_at();
  EXPECT_EQ(fold(no_time).field, "occurred_at");
  EXPECT_EQ(fold(envelope("ev-2", v1::SECTOR_EMPLOYMENT, 1)).outcome, Outcome::kInvalid);
  EXPECT_EQ(serialize_case(case_), "");
}

TEST_F(ReducerTest, EventForAnotherCitizenIsInvalid) {
  case_.set_citizen("1:0ther");
  const ApplyOutcome outcome = fold(sector_event(Event::kBenefitStarted, "ev-1", "B-1", 1));
  EXPECT_EQ(outcome.outcome, Outcome::kInvalid);
  EXPECT_EQ(outcome.field, "citizen");
  EXPECT_EQ(case_.sectors_size(), 0);
}

TEST_F(ReducerTest, EventFromAnotherMunicipalityIsInvalid) {
  ASSERT_TRUE(fold(sector_event(Event::kBenefitStarted, "ev-1", "B-1", 1)).changed());
  Event odense = sector_event(Event::kBenefitStarted, "ev-2", "B-2", 2);
  odense.set_municipality_code(461);
  const ApplyOutcome outcome = fold(odense);
  EXPECT_EQ(outcome.outcome, Outcome::kInvalid);
  EXPECT_EQ(outcome.dead_letter_reason(), v1::DEAD_LETTER_REASON_WRONG_MUNICIPALITY);
}

TEST_F(ReducerTest, UnknownEnumValueIsMissing) {
  Event event = sector_event(Event::kMeasureGranted, "ev-1", "M-1", 1, v1::SECTOR_SOCIAL);
  event.mutable_measure_granted()->set_legal_basis(v1::LEGAL_BASIS_UNSPECIFIED);
  EXPECT_EQ(fold(event).field, "measure_granted.legal_basis");
}

TEST_F(ReducerTest, ReasonSentencesCarryNoPseudonym) {
  Event event = sector_event(Event::kBenefitStarted, "ev-1", "B-1", 1);
  event.mutable_benefit_started()->clear_benefit();
  const ApplyOutcome outcome = fold(event);
  ASSERT_EQ(outcome.outcome, Outcome::kInvalid);
  EXPECT_EQ(outcome.reason.message.find(testing::kCitizen), std::string::npos);
}

}  // namespace
}  // namespace samsag::bridge
