// The consent rules (domain.md §5): what a sector's data needs to enter the case, and what a
// withdrawal or expiry leaves behind (nothing).
#include <gtest/gtest.h>

#include "bridge/reducer/reducer.h"
#include "event_builder.h"

namespace samsag::bridge {
namespace {

using samsag::v1::CitizenCase;
using samsag::v1::Event;
using testing::at_hour;
using testing::consent_granted;
using testing::consent_withdrawn;
using testing::sector_event;

class ConsentTest : public ::testing::Test {
 protected:
  ApplyOutcome fold(const Event& event) { return apply(case_, event, rules_); }

  const v1::SectorConsent& line(v1::Sector sector) const {
    for (const auto& l : case_.consent()) {
      if (l.sector() == sector) return l;
    }
    ADD_FAILURE() << "no consent line for " << v1::Sector_Name(sector);
    static const v1::SectorConsent kNone;
    return kNone;
  }

  bool holds_sector(v1::Sector sector) const {
    for (const auto& v : case_.sectors()) {
      if (v.sector() == sector) return true;
    }
    for (const auto& entry : case_.timeline()) {
      if (entry.sector() == sector) return true;
    }
    return false;
  }

  bool bytes_contain(const std::string& text) const {
    return serialize_case(case_).find(text) != std::string::npos;
  }

  Event measure(const std::string& event_id, const std::string& measure_id, std::int64_t hour) {
    return sector_event(Event::kMeasureGranted, event_id, measure_id, hour, v1::SECTOR_SOCIAL);
  }

  ConsentRules rules_ = ConsentRules::project_default();
  CitizenCase case_;
};

TEST_F(ConsentTest, EmploymentNeedsNoConsentByDefault) {
  EXPECT_EQ(fold(sector_event(Event::kBenefitStarted, "ev-1", "B-1", 1)).outcome,
            Outcome::kApplied);
  EXPECT_EQ(line(v1::SECTOR_EMPLOYMENT).state(), v1::SHARING_STATE_NO_CONSENT_NEEDED);
  EXPECT_EQ(line(v1::SECTOR_SOCIAL).state(), v1::SHARING_STATE_NOT_SHARED);
  EXPECT_EQ(line(v1::SECTOR_HEALTH).state(), v1::SHARING_STATE_NOT_SHARED);
  EXPECT_EQ(line(v1::SECTOR_REGION).state(), v1::SHARING_STATE_NOT_SHARED);
}

TEST_F(ConsentTest, SectorEventWithoutConsentIsNotStored) {
  const ApplyOutcome outcome = fold(measure("ev-1", "M-1", 1));
  EXPECT_EQ(outcome.outcome, Outcome::kNotConsented);
  EXPECT_EQ(outcome.reason.code, "NO_CONSENT");
  EXPECT_EQ(serialize_case(case_), "");  // not even the citizen is set by it
}

TEST_F(ConsentTest, GrantedConsentAdmitsTheSectorsItNames) {
  ASSERT_TRUE(fold(consent_granted("c-1", 0, {v1::SECTOR_SOCIAL})).changed());
  EXPECT_EQ(line(v1::SECTOR_SOCIAL).state(), v1::SHARING_STATE_SHARED);
  EXPECT_EQ(line(v1::SECTOR_SOCIAL).consent_id(), "consent-1");
  EXPECT_EQ(fold(measure("ev-1", "M-1", 1)).outcome, Outcome::kApplied);
  EXPECT_EQ(fold(sector_event(Event::kHomeCareStarted, "ev-2", "H-1", 1)).outcome,
            Outcome::kNotConsented);
}

TEST_F(ConsentTest, WithdrawnConsentRemovesSectorFromSnapshot) {
  ASSERT_TRUE(fold(consent_granted("c-1", 0, {v1::SECTOR_SOCIAL, v1::SECTOR_HEALTH})).changed());
  ASSERT_TRUE(fold(measure("ev-1", "M-secret", 1)).changed());
  ASSERT_TRUE(
      fold(sector_event(Event::kCaseworkerAssigned, "ev-2", "Bo", 2, v1::SECTOR_SOCIAL)).changed());
  ASSERT_TRUE(fold(sector_event(Event::kHomeCareStarted, "ev-3", "H-1", 3)).changed());

  ASSERT_TRUE(fold(consent_withdrawn("c-2", 4, {v1::SECTOR_SOCIAL})).changed());

  EXPECT_FALSE(holds_sector(v1::SECTOR_SOCIAL));
  EXPECT_FALSE(bytes_contain("M-secret"));
  EXPECT_FALSE(bytes_contain("Unit Bo"));
  EXPECT_FALSE(bytes_contain("ev-1"));
  EXPECT_TRUE(holds_sector(v1::SECTOR_HEALTH));
  EXPECT_EQ(line(v1::SECTOR_SOCIAL).state(), v1::SHARING_STATE_NOT_SHARED);
  EXPECT_EQ(line(v1::SECTOR_SOCIAL).withdrawn_at().seconds(), at_hour(4).seconds());
  EXPECT_EQ(line(v1::SECTOR_HEALTH).state(), v1::SHARING_STATE_SHARED);
}

TEST_F(ConsentTest, WithdrawalWithoutScopesWithdrawsEverySector) {
  ASSERT_TRUE(fold(consent_granted("c-1", 0, {v1::SECTOR_SOCIAL, v1::SECTOR_REGION})).changed());
  ASSERT_TRUE(fold(measure("ev-1", "M-1", 1)).changed());
  ASSERT_TRUE(fold(sector_event(Event::kOutpatientCourseStarted, "ev-2", "O-1", 1)).changed());
  ASSERT_TRUE(fold(sector_event(Event::kBenefitStarted, "ev-3", "B-1", 1)).changed());

  ASSERT_TRUE(fold(consent_withdrawn("c-2", 2, {})).changed());

  EXPECT_FALSE(holds_sector(v1::SECTOR_SOCIAL));
  EXPECT_FALSE(holds_sector(v1::SECTOR_REGION));
  EXPECT_EQ(line(v1::SECTOR_HEALTH).state(), v1::SHARING_STATE_NOT_SHARED);
  // Employment needs no consent, so there is nothing to withdraw there.
  EXPECT_TRUE(holds_sector(v1::SECTOR_EMPLOYMENT));
  EXPECT_EQ(line(v1::SECTOR_EMPLOYMENT).state(), v1::SHARING_STATE_NO_CONSENT_NEEDED);
}

TEST_F(ConsentTest, NotSharedSectorLeavesNoHintOfHowMuchDataExisted) {
  CitizenCase quiet;
  ASSERT_TRUE(apply(quiet, consent_granted("c-1", 0, {v1::SECTOR_SOCIAL}), rules_).changed());
  ASSERT_TRUE(apply(quiet, consent_withdrawn("c-2", 20, {v1::SECTOR_SOCIAL}), rules_).changed());

  ASSERT_TRUE(fold(consent_granted("c-1", 0, {v1::SECTOR_SOCIAL})).changed());
  for (int i = 1; i < 10; ++i) {
    ASSERT_TRUE(fold(measure("ev-" + std::to_string(i), "M-" + std::to_string(i), i)).changed());
  }
  ASSERT_TRUE(fold(consent_withdrawn("c-2", 20, {v1::SECTOR_SOCIAL})).changed());

  // Nine measures or none: the case is the same bytes, down to last_event_at.
  EXPECT_EQ(serialize_case(case_), serialize_case(quiet));
}

TEST_F(ConsentTest, EventBeforeLatestWithdrawalIsNotAdmitted) {
  ASSERT_TRUE(fold(consent_granted("c-1", 0, {v1::SECTOR_SOCIAL})).changed());
  ASSERT_TRUE(fold(consent_withdrawn("c-2", 10, {v1::SECTOR_SOCIAL})).changed());
  ASSERT_TRUE(fold(consent_granted("c-3", 20, {v1::SECTOR_SOCIAL}, "consent-2")).changed());
  EXPECT_EQ(line(v1::SECTOR_SOCIAL).state(), v1::SHARING_STATE_SHARED);

  const ApplyOutcome early = fold(measure("ev-1", "M-1", 5));
  EXPECT_EQ(early.outcome, Outcome::kNotConsented);
  EXPECT_EQ(early.reason.code, "BEFORE_WITHDRAWAL");
  EXPECT_EQ(fold(measure("ev-2", "M-2", 10)).outcome, Outcome::kNotConsented);  // at it: before
  // Between the withdrawal and the renewal: after the latest withdrawal, so admitted.
  EXPECT_EQ(fold(measure("ev-3", "M-3", 15)).outcome, Outcome::kApplied);
  EXPECT_EQ(fold(measure("ev-4", "M-4", 25)).outcome, Outcome::kApplied);
}

TEST_F(ConsentTest, RenewedConsentDoesNotBringDeletedDataBack) {
  const Event early = measure("ev-1", "M-1", 5);
  ASSERT_TRUE(fold(consent_granted("c-1", 0, {v1::SECTOR_SOCIAL})).changed());
  ASSERT_TRUE(fold(early).changed());
  ASSERT_TRUE(fold(consent_withdrawn("c-2", 10, {v1::SECTOR_SOCIAL})).changed());
  ASSERT_TRUE(fold(consent_granted("c-3", 20, {v1::SECTOR_SOCIAL}, "consent-2")).changed());
  // The source re-sends the same record (a replay, a fresh export with the same event id).
  EXPECT_EQ(fold(early).outcome, Outcome::kNotConsented);
  EXPECT_FALSE(bytes_contain("M-1"));
}

TEST_F(ConsentTest, OlderGrantArrivingAfterAWithdrawalDoesNotShare) {
  ASSERT_TRUE(fold(consent_withdrawn("c-2", 10, {v1::SECTOR_SOCIAL})).changed());
  ASSERT_TRUE(fold(consent_granted("c-1", 5, {v1::SECTOR_SOCIAL})).changed());  // history only
  EXPECT_EQ(line(v1::SECTOR_SOCIAL).state(), v1::SHARING_STATE_NOT_SHARED);
  EXPECT_EQ(case_.consent_history_size(), 2);
  EXPECT_EQ(fold(measure("ev-1", "M-1", 12)).outcome, Outcome::kNotConsented);
}

TEST_F(ConsentTest, LateWithdrawalStillDeletesWhatTheSectorHeld) {
  ASSERT_TRUE(fold(consent_granted("c-1", 0, {v1::SECTOR_SOCIAL})).changed());
  ASSERT_TRUE(fold(consent_granted("c-3", 20, {v1::SECTOR_SOCIAL}, "consent-2")).changed());
  ASSERT_TRUE(fold(measure("ev-1", "M-early", 8)).changed());
  ASSERT_TRUE(fold(measure("ev-2", "M-late", 25)).changed());

  // Recorded at hour 10 but on the bus only now: the renewal at 20 stays in force.
  ASSERT_TRUE(fold(consent_withdrawn("c-2", 10, {v1::SECTOR_SOCIAL})).changed());

  EXPECT_EQ(line(v1::SECTOR_SOCIAL).state(), v1::SHARING_STATE_SHARED);
  EXPECT_FALSE(holds_sector(v1::SECTOR_SOCIAL));
  EXPECT_EQ(fold(measure("ev-1", "M-early", 8)).outcome, Outcome::kNotConsented);
  EXPECT_EQ(fold(measure("ev-2", "M-late", 25)).outcome, Outcome::kApplied);
}

TEST_F(ConsentTest, EventAfterValidUntilIsNotAdmitted) {
  Event grant = consent_granted("c-1", 0, {v1::SECTOR_REGION});
  *grant.mutable_consent_granted()->mutable_valid_until() = at_hour(100);
  ASSERT_TRUE(fold(grant).changed());
  EXPECT_EQ(fold(sector_event(Event::kHospitalAdmitted, "ev-1", "A-1", 100)).outcome,
            Outcome::kApplied);
  const ApplyOutcome late = fold(sector_event(Event::kHospitalAdmitted, "ev-2", "A-2", 101));
  EXPECT_EQ(late.outcome, Outcome::kNotConsented);
  EXPECT_EQ(late.reason.code, "AFTER_CONSENT_EXPIRY");
}

TEST_F(ConsentTest, GrantWithoutValidUntilLastsThePolicysDefault) {
  samsag::config::v1::ConsentPolicy policy;
  policy.add_sectors_requiring_consent(v1::SECTOR_HEALTH);
  policy.set_default_validity_days(30);
  rules_ = ConsentRules::from_policy(policy);

  ASSERT_TRUE(fold(consent_granted("c-1", 0, {v1::SECTOR_HEALTH})).changed());
  EXPECT_EQ(line(v1::SECTOR_HEALTH).valid_until().seconds(), at_hour(30 * 24).seconds());
  EXPECT_EQ(case_.consent_history(0).valid_until().seconds(), at_hour(30 * 24).seconds());
  EXPECT_EQ(fold(sector_event(Event::kHomeCareStarted, "ev-1", "H-1", 29 * 24)).outcome,
            Outcome::kApplied);
  EXPECT_EQ(fold(sector_event(Event::kHomeCareStarted, "ev-2", "H-2", 31 * 24)).outcome,
            Outcome::kNotConsented);
}

TEST_F(ConsentTest, PolicyWithoutValidityUsesAYear) {
  samsag::config::v1::ConsentPolicy policy;
  policy.add_sectors_requiring_consent(v1::SECTOR_SOCIAL);
  rules_ = ConsentRules::from_policy(policy);
  ASSERT_TRUE(fold(consent_granted("c-1", 0, {v1::SECTOR_SOCIAL})).changed());
  EXPECT_EQ(line(v1::SECTOR_SOCIAL).valid_until().seconds(), at_hour(365 * 24).seconds());
  // Health is not in this municipality's policy: it needs no consent.
  EXPECT_EQ(line(v1::SECTOR_HEALTH).state(), v1::SHARING_STATE_NO_CONSENT_NEEDED);
}

TEST_F(ConsentTest, ExpiryTurnsSectorNotSharedAndDeletesItsData) {
  Event grant = consent_granted("c-1", 0, {v1::SECTOR_SOCIAL});
  *grant.mutable_consent_granted()->mutable_valid_until() = at_hour(100);
  ASSERT_TRUE(fold(grant).changed());
  const Event measure_50 = measure("ev-1", "M-1", 50);
  ASSERT_TRUE(fold(measure_50).changed());

  EXPECT_FALSE(expire(case_, at_hour(100)));  // valid_until itself is still covered
  EXPECT_TRUE(holds_sector(v1::SECTOR_SOCIAL));

  EXPECT_TRUE(expire(case_, at_hour(101)));
  EXPECT_FALSE(holds_sector(v1::SECTOR_SOCIAL));
  EXPECT_FALSE(bytes_contain("M-1"));
  EXPECT_EQ(line(v1::SECTOR_SOCIAL).state(), v1::SHARING_STATE_NOT_SHARED);
  EXPECT_EQ(case_.last_event_at().seconds(), at_hour(0).seconds());
  EXPECT_FALSE(expire(case_, at_hour(102)));

  // A renewal shares new data, not what went with the expired consent.
  ASSERT_TRUE(fold(consent_granted("c-2", 120, {v1::SECTOR_SOCIAL}, "consent-2")).changed());
  EXPECT_EQ(fold(measure_50).outcome, Outcome::kNotConsented);
  EXPECT_EQ(fold(measure("ev-2", "M-2", 130)).outcome, Outcome::kApplied);
}

TEST_F(ConsentTest, ConsentForEmploymentHasNoEffectUnderTheDefaultPolicy) {
  ASSERT_TRUE(fold(consent_granted("c-1", 0, {v1::SECTOR_EMPLOYMENT})).changed());
  EXPECT_EQ(line(v1::SECTOR_EMPLOYMENT).state(), v1::SHARING_STATE_NO_CONSENT_NEEDED);
  ASSERT_TRUE(fold(sector_event(Event::kBenefitStarted, "ev-1", "B-1", 1)).changed());
  ASSERT_TRUE(fold(consent_withdrawn("c-2", 2, {v1::SECTOR_EMPLOYMENT})).changed());
  EXPECT_TRUE(holds_sector(v1::SECTOR_EMPLOYMENT));
  EXPECT_EQ(case_.consent_history_size(), 2);  // both decisions are kept as proof
}

TEST_F(ConsentTest, PolicyCanRequireConsentForEmployment) {
  samsag::config::v1::ConsentPolicy policy;
  policy.add_sectors_requiring_consent(v1::SECTOR_EMPLOYMENT);
  rules_ = ConsentRules::from_policy(policy);

  EXPECT_EQ(fold(sector_event(Event::kTargetGroupAssigned, "ev-1", "", 1)).outcome,
            Outcome::kNotConsented);
  ASSERT_TRUE(fold(consent_granted("c-1", 2, {v1::SECTOR_EMPLOYMENT})).changed());
  ASSERT_TRUE(fold(sector_event(Event::kTargetGroupAssigned, "ev-2", "", 3)).changed());
  ASSERT_TRUE(fold(sector_event(Event::kReadinessAssessed, "ev-3", "", 3)).changed());
  EXPECT_EQ(case_.target_group(), v1::TARGET_GROUP_SICK);

  ASSERT_TRUE(fold(consent_withdrawn("c-2", 4, {})).changed());
  // Target group and readiness are employment data held on the case itself: they go too.
  EXPECT_EQ(case_.target_group(), v1::TARGET_GROUP_UNSPECIFIED);
  EXPECT_FALSE(case_.has_target_group_updated());
  EXPECT_EQ(case_.readiness(), v1::READINESS_UNSPECIFIED);
  EXPECT_FALSE(holds_sector(v1::SECTOR_EMPLOYMENT));
}

TEST_F(ConsentTest, PlanDataNeedsNoConsent) {
  EXPECT_EQ(fold(sector_event(Event::kCoordinatorAssigned, "ev-1", "Syd", 1)).outcome,
            Outcome::kApplied);
  ASSERT_TRUE(fold(consent_withdrawn("c-1", 2, {})).changed());
  EXPECT_EQ(case_.coordinator().unit_name(), "Jobcenter Syd");
}

TEST_F(ConsentTest, ConsentHistoryKeepsEveryDecisionInTimeOrder) {
  ASSERT_TRUE(fold(consent_withdrawn("c-3", 30, {v1::SECTOR_HEALTH})).changed());
  ASSERT_TRUE(fold(consent_granted("c-1", 10, {v1::SECTOR_HEALTH})).changed());
  ASSERT_TRUE(fold(consent_granted("c-2", 20, {v1::SECTOR_REGION})).changed());
  EXPECT_EQ(fold(consent_granted("c-2", 20, {v1::SECTOR_REGION})).outcome, Outcome::kUnchanged);
  ASSERT_EQ(case_.consent_history_size(), 3);
  EXPECT_EQ(case_.consent_history(0).event_id(), "c-1");
  EXPECT_TRUE(case_.consent_history(0).granted());
  EXPECT_EQ(case_.consent_history(0).recorded_by(), "idp|coordinator-7");
  EXPECT_EQ(case_.consent_history(0).form(), v1::CONSENT_FORM_WRITTEN);
  EXPECT_EQ(case_.consent_history(1).event_id(), "c-2");
  EXPECT_EQ(case_.consent_history(2).event_id(), "c-3");
  EXPECT_FALSE(case_.consent_history(2).granted());
  EXPECT_EQ(case_.last_event_at().seconds(), at_hour(30).seconds());
}

TEST_F(ConsentTest, GrantEndingBeforeItBeginsIsInvalid) {
  Event grant = consent_granted("c-1", 10, {v1::SECTOR_SOCIAL});
  *grant.mutable_consent_granted()->mutable_valid_until() = at_hour(9);
  const ApplyOutcome outcome = fold(grant);
  EXPECT_EQ(outcome.outcome, Outcome::kInvalid);
  EXPECT_EQ(outcome.field, "consent_granted.valid_until");
}

TEST_F(ConsentTest, GrantForTheConsentStreamItselfIsInvalid) {
  const ApplyOutcome outcome = fold(consent_granted("c-1", 0, {v1::SECTOR_PLAN}));
  EXPECT_EQ(outcome.outcome, Outcome::kInvalid);
  EXPECT_EQ(outcome.reason.code, "INVALID_VALUE");
}

}  // namespace
}  // namespace samsag::bridge
