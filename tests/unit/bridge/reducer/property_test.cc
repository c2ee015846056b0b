// Properties of the reducer over random citizens (issue 5): the same consent decisions and the
// same multiset of sector events, in any order and with any duplicates, give byte-identical
// cases; and a withdrawal at any position leaves no trace of the sector's earlier data.
//
// Short by default (1,000 sets each). The long form on demand:
//   SAMSAG_PROPERTY_ITERATIONS=200000 bridge_reducer_test --gtest_filter='ReducerProperty*'
// A failure prints the seed of its set; SAMSAG_PROPERTY_SEED=<seed> SAMSAG_PROPERTY_ITERATIONS=1
// replays exactly that set.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "bridge/reducer/event_validation.h"
#include "bridge/reducer/reducer.h"
#include "core/events/payload_sectors.h"
#include "event_builder.h"

namespace samsag::bridge {
namespace {

using samsag::v1::CitizenCase;
using samsag::v1::Event;
using samsag::v1::Sector;

constexpr std::uint64_t kDefaultSeed = 20250101;
constexpr int kDefaultIterations = 1000;
constexpr int kOrdersPerSet = 4;

std::uint64_t env_or(const char* name, std::uint64_t fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::strtoull(value, nullptr, 10) : fallback;
}

std::uint64_t base_seed() { return env_or("SAMSAG_PROPERTY_SEED", kDefaultSeed); }
int iterations() {
  return static_cast<int>(env_or("SAMSAG_PROPERTY_ITERATIONS", kDefaultIterations));
}

// Every payload a sector or plan stream carries.
constexpr Event::PayloadCase kFacts[] = {
    Event::kTargetGroupAssigned,
    Event::kReadinessAssessed,
    Event::kBenefitStarted,
    Event::kBenefitChanged,
    Event::kBenefitEnded,
    Event::kEffortStarted,
    Event::kEffortEnded,
    Event::kJobOrEducationStarted,
    Event::kJobOrEducationEnded,
    Event::kSicknessReported,
    Event::kSicknessEnded,
    Event::kMeetingScheduled,
    Event::kMeetingHeld,
    Event::kMeetingCancelled,
    Event::kCaseworkerAssigned,
    Event::kAppointmentScheduled,
    Event::kAppointmentCancelled,
    Event::kMeasureGranted,
    Event::kMeasureEnded,
    Event::kRehabilitationStarted,
    Event::kRehabilitationEnded,
    Event::kHomeCareStarted,
    Event::kHomeCareEnded,
    Event::kHealthCourseStarted,
    Event::kHealthCourseEnded,
    Event::kHospitalAdmitted,
    Event::kHospitalDischarged,
    Event::kOutpatientCourseStarted,
    Event::kOutpatientCourseEnded,
    Event::kPsychiatricCourseStarted,
    Event::kPsychiatricCourseEnded,
    Event::kRehabilitationPlanIssued,
    Event::kCoordinatorAssigned,
    Event::kHoiClosed,
    Event::kPlanGoalSet,
    Event::kPlanGoalUpdated,
    Event::kPlanGoalClosed,
};

using Arrival = std::vector<const Event*>;

constexpr Sector kStreams[] = {v1::SECTOR_EMPLOYMENT, v1::SECTOR_SOCIAL, v1::SECTOR_HEALTH,
                               v1::SECTOR_REGION, v1::SECTOR_PLAN};

// One random citizen's events. Times fall on a coarse grid of hours so that equal occurred_at
// values are common; source ids come from a pool of three so that starts, ends and meeting
// states of the same thing meet.
class RandomCitizen {
 public:
  explicit RandomCitizen(std::uint64_t seed) : rng_(seed) {}

  int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  std::mt19937_64& rng() { return rng_; }

  // Fixed width, so that no id is a substring of another when scanning the case's bytes.
  std::string next_event_id() {
    char id[16];
    std::snprintf(id, sizeof id, "ev-%04d", next_event_++);
    return id;
  }

  // A random sector or plan event at a random hour in [first_hour, last_hour].
  Event fact(int first_hour, int last_hour) {
    const Event::PayloadCase payload = kFacts[uniform(0, static_cast<int>(std::size(kFacts)) - 1)];
    std::vector<Sector> streams;
    for (Sector s : kStreams) {
      if (samsag::events::payload_allowed_in(s, payload)) streams.push_back(s);
    }
    const Sector sector = streams[uniform(0, static_cast<int>(streams.size()) - 1)];
    return testing::sector_event(payload, next_event_id(), "X" + std::to_string(uniform(1, 3)),
                                 uniform(first_hour, last_hour), sector);
  }

  std::vector<Sector> some_consent_sectors(bool may_be_empty) {
    std::vector<Sector> scopes;
    for (Sector s : testing_data_sectors()) {
      if (chance(0.5)) scopes.push_back(s);
    }
    if (scopes.empty() && !may_be_empty) scopes.push_back(v1::SECTOR_SOCIAL);
    return scopes;
  }

  Event decision(int first_hour, int last_hour) {
    const int hour = uniform(first_hour, last_hour);
    const std::string event_id = next_event_id();
    if (chance(0.7)) {
      Event grant =
          testing::consent_granted(event_id, hour, {}, "consent-" + std::to_string(uniform(1, 3)));
      for (Sector s : some_consent_sectors(false)) grant.mutable_consent_granted()->add_scopes(s);
      if (chance(0.3)) {
        *grant.mutable_consent_granted()->mutable_valid_until() =
            testing::at_hour(hour + uniform(1, 30));
      }
      return grant;
    }
    Event withdrawal =
        testing::consent_withdrawn(event_id, hour, {}, "consent-" + std::to_string(uniform(1, 3)));
    for (Sector s : some_consent_sectors(true)) {
      withdrawal.mutable_consent_withdrawn()->add_scopes(s);
    }
    return withdrawal;
  }

  // Moves the event to a stream that may not carry it, when there is one.
  void misroute(Event& event) {
    for (Sector s : kStreams) {
      if (!samsag::events::payload_allowed_in(s, event.payload_case())) {
        event.set_sector(s);
        return;
      }
    }
  }

  // `events` in a random order, each possibly twice. Pointers, because copying events for
  // every order would dominate the run time under AddressSanitizer.
  Arrival arrival(const std::vector<Event>& events) {
    Arrival order;
    for (const Event& e : events) {
      order.push_back(&e);
      if (chance(0.3)) order.push_back(&e);
    }
    std::shuffle(order.begin(), order.end(), rng_);
    return order;
  }

  // Inserts `event` at a random position of `order`.
  void insert_anywhere(Arrival& order, const Event& event) {
    order.insert(order.begin() + uniform(0, static_cast<int>(order.size())), &event);
  }

  static std::vector<Sector> testing_data_sectors() {
    return {v1::SECTOR_EMPLOYMENT, v1::SECTOR_SOCIAL, v1::SECTOR_HEALTH, v1::SECTOR_REGION};
  }

 private:
  std::mt19937_64 rng_;
  int next_event_ = 0;
};

CitizenCase fold_all(const Arrival& events, const ConsentRules& rules) {
  CitizenCase c;
  for (const Event* e : events) (void)apply(c, *e, rules);
  return c;
}

// How often each outcome occurred, so a test can show its random sets exercise every path.
struct OutcomeCounts {
  int applied = 0;
  int unchanged = 0;
  int not_consented = 0;
  int invalid = 0;

  void count(Outcome outcome) {
    switch (outcome) {
      case Outcome::kApplied:
        ++applied;
        break;
      case Outcome::kUnchanged:
        ++unchanged;
        break;
      case Outcome::kNotConsented:
        ++not_consented;
        break;
      case Outcome::kInvalid:
        ++invalid;
        break;
    }
  }
};

// The outcome says truthfully whether the case changed, and only kApplied changes it.
void fold_checking_outcomes(CitizenCase& c, const Arrival& events, const ConsentRules& rules,
                            OutcomeCounts& counts) {
  std::string before = serialize_case(c);
  for (const Event* event : events) {
    const Event& e = *event;
    const ApplyOutcome outcome = apply(c, e, rules);
    counts.count(outcome.outcome);
    std::string after = serialize_case(c);
    ASSERT_EQ(outcome.changed(), after != before)
        << "event " << e.event_id() << " " << payload_name(e);
    before = std::move(after);
  }
}

TEST(ReducerProperty, AnyOrderAndDuplicatesOfTheSameEventsGiveTheSameBytes) {
  const ConsentRules rules = ConsentRules::project_default();
  const std::uint64_t seed = base_seed();
  OutcomeCounts counts;
  for (int i = 0; i < iterations(); ++i) {
    const std::uint64_t set_seed = seed + static_cast<std::uint64_t>(i);
    SCOPED_TRACE("set seed " + std::to_string(set_seed) + " (replay: SAMSAG_PROPERTY_SEED=" +
                 std::to_string(set_seed) + " SAMSAG_PROPERTY_ITERATIONS=1)");
    RandomCitizen citizen(set_seed);

    std::vector<Event> decisions(citizen.uniform(0, 4));
    for (Event& d : decisions) d = citizen.decision(-10, 30);
    std::vector<Event> facts(citizen.uniform(5, 20));
    for (Event& f : facts) {
      f = citizen.fact(0, 24);
      if (citizen.chance(0.05)) citizen.misroute(f);
    }

    // Consent first (any order among themselves), then the facts; re-delivered decisions may
    // turn up again among the facts and must change nothing.
    auto one_order = [&] {
      Arrival order = citizen.arrival(decisions);
      Arrival later = citizen.arrival(facts);
      for (const Event& d : decisions) {
        if (citizen.chance(0.3)) citizen.insert_anywhere(later, d);
      }
      order.insert(order.end(), later.begin(), later.end());
      return order;
    };

    CitizenCase reference;
    fold_checking_outcomes(reference, one_order(), rules, counts);
    if (HasFatalFailure()) return;
    const std::string expected = serialize_case(reference);
    for (int k = 1; k < kOrdersPerSet; ++k) {
      ASSERT_EQ(serialize_case(fold_all(one_order(), rules)), expected)
          << "order " << k << " differs";
    }
  }
  // The sets must reach every outcome, or the property above proves little.
  EXPECT_GT(counts.applied, iterations());
  EXPECT_GT(counts.unchanged, 0);
  EXPECT_GT(counts.not_consented, 0);
  EXPECT_GT(counts.invalid, 0);
  std::printf("outcomes: %d applied, %d unchanged, %d not consented, %d invalid\n", counts.applied,
              counts.unchanged, counts.not_consented, counts.invalid);
}

TEST(ReducerProperty, WithdrawalAtAnyPositionLeavesNoTraceOfTheSectorsEarlierData) {
  const ConsentRules rules = ConsentRules::project_default();
  const std::vector<Sector> consent_sectors = {v1::SECTOR_SOCIAL, v1::SECTOR_HEALTH,
                                               v1::SECTOR_REGION};
  const std::uint64_t seed = base_seed() + 1'000'000'007ULL;
  int deleted_by_withdrawal = 0;  // earlier facts the case held when the withdrawal came
  for (int i = 0; i < iterations(); ++i) {
    const std::uint64_t set_seed = seed + static_cast<std::uint64_t>(i);
    SCOPED_TRACE("set seed " + std::to_string(set_seed));
    RandomCitizen citizen(set_seed);

    // Withdraw one consent-bound sector, or all (empty scopes), at a random hour.
    const int withdrawn_at = citizen.uniform(0, 24);
    const bool withdraw_all = citizen.chance(0.25);
    const Sector one = consent_sectors[citizen.uniform(0, 2)];
    auto withdrawn = [&](Sector s) {
      return withdraw_all ? s != v1::SECTOR_EMPLOYMENT && s != v1::SECTOR_PLAN : s == one;
    };

    std::vector<Event> facts(citizen.uniform(5, 20));
    std::vector<std::string> earlier_traces;  // ids of the withdrawn sectors' earlier data
    for (Event& f : facts) {
      f = citizen.fact(0, 24);
      // Source ids say which side of the withdrawal the fact is on, so that an earlier thing
      // and a later thing never share an id and the scan below is exact.
      const bool earlier = f.occurred_at().seconds() <= testing::at_hour(withdrawn_at).seconds();
      const std::string source_id = std::string(earlier ? "E" : "L") + std::to_string(f.sector()) +
                                    "-" + std::to_string(citizen.uniform(1, 3));
      f = testing::sector_event(f.payload_case(), f.event_id(), source_id,
                                (f.occurred_at().seconds() - testing::kT0) / testing::kHour,
                                f.sector());
      if (earlier && withdrawn(f.sector())) {
        earlier_traces.push_back(f.event_id());
        earlier_traces.push_back(source_id);
      }
    }

    const Event grant = testing::consent_granted(
        "grant-1", -5, {v1::SECTOR_SOCIAL, v1::SECTOR_HEALTH, v1::SECTOR_REGION});
    Event withdrawal = testing::consent_withdrawn("withdrawal", withdrawn_at, {});
    if (!withdraw_all) withdrawal.mutable_consent_withdrawn()->add_scopes(one);
    const bool renewed = citizen.chance(0.5);
    Event renewal = testing::consent_granted(
        "grant-2", withdrawn_at + citizen.uniform(1, 5),
        {v1::SECTOR_SOCIAL, v1::SECTOR_HEALTH, v1::SECTOR_REGION}, "consent-2");

    Arrival order = citizen.arrival(facts);
    citizen.insert_anywhere(order, withdrawal);
    if (renewed) citizen.insert_anywhere(order, renewal);
    order.insert(order.begin(), &grant);

    CitizenCase result;
    bool withdrawal_seen = false;
    for (const Event* e : order) {
      const ApplyOutcome outcome = apply(result, *e, rules);
      withdrawal_seen |= e == &withdrawal;
      const bool earlier_fact = std::find(earlier_traces.begin(), earlier_traces.end(),
                                          e->event_id()) != earlier_traces.end();
      if (!withdrawal_seen && earlier_fact && outcome.changed()) ++deleted_by_withdrawal;
    }
    const std::string bytes = serialize_case(result);
    for (const std::string& trace : earlier_traces) {
      ASSERT_EQ(bytes.find(trace), std::string::npos)
          << trace << " of a withdrawn sector survived; withdrawal at hour " << withdrawn_at;
    }
    if (renewed) continue;
    // Without a renewal the withdrawn sectors hold nothing at all and show as not shared.
    for (const auto& view : result.sectors()) ASSERT_FALSE(withdrawn(view.sector()));
    for (const auto& entry : result.timeline()) ASSERT_FALSE(withdrawn(entry.sector()));
    for (const auto& line : result.consent()) {
      if (withdrawn(line.sector())) {
        ASSERT_EQ(line.state(), v1::SHARING_STATE_NOT_SHARED);
      }
    }
  }
  // Many sets put earlier data into the case before the withdrawal deletes it.
  EXPECT_GT(deleted_by_withdrawal, iterations() / 2);
  std::printf("earlier facts held and then deleted by a withdrawal: %d\n", deleted_by_withdrawal);
}

}  // namespace
}  // namespace samsag::bridge
