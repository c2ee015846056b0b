// `samsag bridge` against `samsag broker` over TCP (transactions off: the embedded broker does
// not enforce them). Events are produced as adapters produce them; the case topic's last
// snapshot per citizen must equal the offline reduction with consent first, across restarts,
// withdrawals, bad input and a lost state dir; and the bridge refuses topics that are not
// co-partitioned.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "bridge/store/state_store.h"
#include "bridge_fixture.h"
#include "event_builder.h"
#include "tests/support/broker_process.h"

namespace samsag::bridge::itest {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using samsag::v1::Event;
using samsag::v1::Sector;

constexpr auto kStartTimeout = 60s;
constexpr auto kApplyTimeout = 90s;
constexpr auto kStopTimeout = 30s;

std::string citizen(int index) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "k1:ab%06xcd", index);
  return text.data();
}

Event event(Event::PayloadCase payload, const std::string& who, const std::string& id,
            std::int64_t hour, Sector sector = samsag::v1::SECTOR_UNSPECIFIED) {
  // The event id names the payload too: a benefit's start and end are two events.
  const std::string event_id = who + "/" + std::to_string(payload) + "/" + id;
  return retimed(bridge::testing::sector_event(payload, event_id, id, hour, sector), who, hour);
}
Event grant(const std::string& who, const std::string& id, std::int64_t hour,
            std::initializer_list<Sector> scopes) {
  return retimed(bridge::testing::consent_granted(who + "/" + id, hour, scopes, id), who, hour);
}
Event withdrawal(const std::string& who, const std::string& id, std::int64_t hour,
                 std::initializer_list<Sector> scopes) {
  return retimed(bridge::testing::consent_withdrawn(who + "/" + id, hour, scopes, id), who, hour);
}

// A citizen's sector and plan events: employment needs no consent; social, health and region do.
std::vector<Event> sector_events(const std::string& who, int variant) {
  return {event(Event::kBenefitStarted, who, "B-" + std::to_string(variant), 10),
          event(Event::kMeasureGranted, who, "M-" + std::to_string(variant), 11),
          event(Event::kRehabilitationStarted, who, "R-1", 12),
          event(Event::kHospitalAdmitted, who, "H-1", 13),
          event(Event::kMeetingScheduled, who, "MT-1", 14, samsag::v1::SECTOR_SOCIAL),
          event(Event::kCoordinatorAssigned, who, "C-1", 15),
          event(Event::kBenefitEnded, who, "B-" + std::to_string(variant), 20)};
}

class BridgeFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto for_broker = write_config(scratch_.path(), "");
    broker_ = std::make_unique<samsag::testing::BrokerProcess>(
        samsag::testing::BrokerProcess::Options{.config_path = for_broker.string()});
    config_path_ = write_config(scratch_.path(), broker_->bootstrap());
    config_ = load(config_path_);
    events_ = std::make_unique<EventLog>(config_);
  }

  std::unique_ptr<BridgeProcess> start_bridge(const std::string& instance = "a") {
    auto bridge = std::make_unique<BridgeProcess>(config_path_, state_dir(instance), instance);
    EXPECT_TRUE(bridge->wait_for_log("bridge started", kStartTimeout))
        << "the bridge did not start";
    return bridge;
  }
  fs::path state_dir(const std::string& instance) const { return scratch_.path() / instance; }

  void expect_cases_equal_offline(BridgeProcess& bridge) {
    ASSERT_TRUE(wait_until_applied(config_, kApplyTimeout, [&] { bridge.pump(); }))
        << "the bridge did not apply everything in time";
    const auto expected = offline_cases(config_, events_->produced());
    const auto actual = read_case_topic(config_).last_snapshot;
    EXPECT_TRUE(expected == actual) << difference(expected, actual);
    EXPECT_FALSE(expected.empty());
  }

  // Citizens with sector events produced BEFORE their consent in log order: consent first must
  // still admit them, because the grant was on the bus before the bridge applied them.
  void produce_citizens(int first, int count) {
    std::vector<Event> sector;
    std::vector<Event> consent;
    for (int i = first; i < first + count; ++i) {
      const auto who = citizen(i);
      for (auto& e : sector_events(who, i)) sector.push_back(std::move(e));
      if (i % 4 != 3) {  // every fourth citizen never consents: employment and plan only
        consent.push_back(grant(
            who, "G-1", 1,
            {samsag::v1::SECTOR_SOCIAL, samsag::v1::SECTOR_HEALTH, samsag::v1::SECTOR_REGION}));
      }
      if (i % 4 == 1) consent.push_back(withdrawal(who, "W-1", 30, {samsag::v1::SECTOR_HEALTH}));
    }
    events_->produce_all(sector);
    events_->produce_all(consent);
  }

  ScratchDirectory scratch_;
  std::unique_ptr<samsag::testing::BrokerProcess> broker_;
  fs::path config_path_;
  config::v1::Config config_;
  std::unique_ptr<EventLog> events_;
};

TEST_F(BridgeFlowTest, CaseTopicHoldsTheOfflineReductionWithConsentFirst) {
  produce_citizens(0, 24);
  auto bridge = start_bridge();
  expect_cases_equal_offline(*bridge);

  // Consent-gated data made it in for a consenting citizen, and not for one who never consented.
  const auto cases = read_case_topic(config_).last_snapshot;
  samsag::v1::CitizenCase consenting;
  ASSERT_TRUE(consenting.ParseFromString(cases.at(citizen(0))));
  EXPECT_EQ(consenting.sectors_size(), 4);
  samsag::v1::CitizenCase refusing;
  ASSERT_TRUE(refusing.ParseFromString(cases.at(citizen(3))));
  ASSERT_EQ(refusing.sectors_size(), 1);
  EXPECT_EQ(refusing.sectors(0).sector(), samsag::v1::SECTOR_EMPLOYMENT);

  EXPECT_TRUE(bridge->wait_until_ready(30s)) << "/readyz never said ready";
  const auto [status, metrics] = bridge->get("/metrics");
  EXPECT_EQ(status, 200);
  for (const char* name :
       {R"(samsag_bridge_events_applied_total{sector="social"})",
        R"(samsag_bridge_events_not_consented_total{reason="NO_CONSENT",sector="social"})",
        "samsag_bridge_cases_held 24", R"(samsag_bridge_transactions_total{outcome="committed"})",
        "samsag_bridge_end_to_end_latency_seconds_count", "samsag_bridge_consumer_lag_records",
        "samsag_bridge_state_size_bytes", "samsag_bridge_restores_total"}) {
    EXPECT_NE(metrics.find(name), std::string::npos) << name << " missing from /metrics";
  }
  EXPECT_EQ(bridge->terminate(kStopTimeout), 0);
}

TEST_F(BridgeFlowTest, RestartResumesFromTheCheckpointWithoutDuplicates) {
  produce_citizens(0, 8);
  events_->produce_raw(events_->topics().social, citizen(0), "not an event");
  {
    auto bridge = start_bridge();
    expect_cases_equal_offline(*bridge);
    EXPECT_EQ(bridge->terminate(kStopTimeout), 0);
  }
  produce_citizens(8, 8);
  events_->produce(event(Event::kBenefitStarted, citizen(1), "B-late", 25));
  auto bridge = start_bridge();
  expect_cases_equal_offline(*bridge);

  // Resumed after the checkpoint: the bad record was read once, so it was dead-lettered once.
  const auto letters = read_dead_letters(config_);
  EXPECT_EQ(letters.size(), 1u);
  // No event appears twice in any case.
  for (const auto& [who, bytes] : read_case_topic(config_).last_snapshot) {
    samsag::v1::CitizenCase citizen_case;
    ASSERT_TRUE(citizen_case.ParseFromString(bytes));
    std::set<std::string> ids;
    for (const auto& line : citizen_case.timeline()) {
      EXPECT_TRUE(ids.insert(line.event_id()).second) << who << " twice: " << line.event_id();
    }
  }
  EXPECT_EQ(bridge->terminate(kStopTimeout), 0);
}

TEST_F(BridgeFlowTest, WithdrawalRemovesTheSectorFromTheNextSnapshotAndFromTheStore) {
  const auto who = citizen(42);
  const std::string secret_measure = "M-WITHDRAWN-SECRET";
  events_->produce(grant(who, "G-1", 1, {samsag::v1::SECTOR_SOCIAL}));
  events_->produce(event(Event::kMeasureGranted, who, secret_measure, 5));
  events_->produce(event(Event::kBenefitStarted, who, "B-1", 6));
  auto bridge = start_bridge();
  expect_cases_equal_offline(*bridge);
  samsag::v1::CitizenCase before;
  ASSERT_TRUE(before.ParseFromString(read_case_topic(config_).last_snapshot.at(who)));
  ASSERT_EQ(before.sectors_size(), 2) << "the social measure never entered the case";

  events_->produce(withdrawal(who, "W-1", 8, {samsag::v1::SECTOR_SOCIAL}));
  expect_cases_equal_offline(*bridge);
  const auto after_bytes = read_case_topic(config_).last_snapshot.at(who);
  samsag::v1::CitizenCase after;
  ASSERT_TRUE(after.ParseFromString(after_bytes));
  ASSERT_EQ(after.sectors_size(), 1);
  EXPECT_EQ(after.sectors(0).sector(), samsag::v1::SECTOR_EMPLOYMENT);
  EXPECT_EQ(after_bytes.find(secret_measure), std::string::npos);
  EXPECT_EQ(bridge->terminate(kStopTimeout), 0);

  // The store holds the new case only, and no file of it still carries the withdrawn measure.
  auto store =
      StateStore::open(state_dir("a"), static_cast<std::int32_t>(config_.kafka().partitions()));
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto stored = (*store)->get_bytes(who);
  ASSERT_TRUE(stored.ok());
  ASSERT_TRUE(stored->has_value());
  EXPECT_EQ(**stored, after_bytes);
  for (const auto& entry : fs::recursive_directory_iterator((*store)->directory())) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(secret_measure), std::string::npos) << entry.path();
  }
}

TEST_F(BridgeFlowTest, BadRecordsGoToTheDeadLetterTopicAndTheFlowGoesOn) {
  const auto who = citizen(7);
  events_->produce_raw(events_->topics().employment, who, "garbage, not protobuf \xff\xfe");
  auto foreign = event(Event::kBenefitStarted, who, "B-foreign", 3);
  foreign.set_municipality_code(101);
  events_->produce(foreign, /*valid=*/false);
  auto incomplete = event(Event::kBenefitStarted, who, "B-incomplete", 3);
  incomplete.mutable_benefit_started()->clear_benefit_id();
  events_->produce(incomplete, /*valid=*/false);
  events_->produce(event(Event::kBenefitStarted, who, "B-1", 4));
  events_->produce(event(Event::kCoordinatorAssigned, who, "C-1", 5));

  auto bridge = start_bridge();
  expect_cases_equal_offline(*bridge);
  auto letters = read_dead_letters(config_);
  ASSERT_EQ(letters.size(), 3u);
  std::sort(letters.begin(), letters.end(),
            [](const auto& a, const auto& b) { return a.origin().offset() < b.origin().offset(); });
  EXPECT_EQ(letters[0].reason(), samsag::v1::DEAD_LETTER_REASON_INVALID_EVENT);
  EXPECT_EQ(letters[1].reason(), samsag::v1::DEAD_LETTER_REASON_WRONG_MUNICIPALITY);
  EXPECT_EQ(letters[2].reason(), samsag::v1::DEAD_LETTER_REASON_MISSING_FIELD);
  for (std::size_t i = 0; i < letters.size(); ++i) {
    EXPECT_EQ(letters[i].origin().component(), "bridge");
    EXPECT_EQ(letters[i].origin().topic(), events_->topics().employment);
    EXPECT_EQ(letters[i].origin().partition(), events_->produced()[i].partition);
    EXPECT_EQ(letters[i].origin().offset(), events_->produced()[i].offset);
  }
  EXPECT_EQ(bridge->terminate(kStopTimeout), 0);
}

TEST_F(BridgeFlowTest, CorruptStateDirIsRebuiltFromTheCaseTopic) {
  produce_citizens(0, 8);
  {
    auto bridge = start_bridge();
    expect_cases_equal_offline(*bridge);
    EXPECT_EQ(bridge->terminate(kStopTimeout), 0);
  }
  for (const auto& entry : fs::directory_iterator(state_dir("a") / "store")) {
    std::ofstream(entry.path(), std::ios::binary | std::ios::trunc) << "garbage";
  }
  produce_citizens(8, 4);
  auto bridge = start_bridge();
  expect_cases_equal_offline(*bridge);
  EXPECT_FALSE(bridge->logged("state store rebuilt empty").empty());
  EXPECT_EQ(bridge->terminate(kStopTimeout), 0);
}

TEST_F(BridgeFlowTest, ExpiredConsentIsSweptOutOfTheCase) {
  const auto who = citizen(5);
  auto consent = grant(who, "G-1", 1, {samsag::v1::SECTOR_SOCIAL});
  // Valid for a few seconds from now: the bridge's sweep must notice it ran out.
  const auto valid_until = std::chrono::system_clock::now() + 4s;
  consent.mutable_consent_granted()->mutable_valid_until()->set_seconds(
      std::chrono::duration_cast<std::chrono::seconds>(valid_until.time_since_epoch()).count());
  events_->produce(consent);
  events_->produce(event(Event::kMeasureGranted, who, "M-1", 5));
  events_->produce(event(Event::kBenefitStarted, who, "B-1", 6));
  BridgeProcess bridge(config_path_, state_dir("a"), "a", {"--expire-interval", "1"});
  ASSERT_TRUE(bridge.wait_for_log("bridge started", kStartTimeout));
  ASSERT_TRUE(wait_until_applied(config_, kApplyTimeout, [&] { bridge.pump(); }));

  auto sectors_of = [&] {
    samsag::v1::CitizenCase citizen_case;
    citizen_case.ParseFromString(read_case_topic(config_).last_snapshot[who]);
    return citizen_case;
  };
  const auto before = sectors_of();
  if (std::chrono::system_clock::now() < valid_until) {
    EXPECT_EQ(before.sectors_size(), 2) << "the social measure never entered the case";
  }
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  samsag::v1::CitizenCase after = sectors_of();
  while (after.sectors_size() != 1 && std::chrono::steady_clock::now() < deadline) {
    bridge.wait_for_log("no line says this", 200ms);
    after = sectors_of();
  }
  ASSERT_EQ(after.sectors_size(), 1) << "the expired consent's sector is still in the case";
  EXPECT_EQ(after.sectors(0).sector(), samsag::v1::SECTOR_EMPLOYMENT);
  for (const auto& line : after.consent()) {
    if (line.sector() == samsag::v1::SECTOR_SOCIAL) {
      EXPECT_EQ(line.state(), samsag::v1::SHARING_STATE_NOT_SHARED);
    }
  }
  EXPECT_EQ(bridge.terminate(kStopTimeout), 0);
}

TEST_F(BridgeFlowTest, TransactionalModeGivesTheSameCases) {
  // The embedded broker accepts transactions without enforcing them: this proves the code path
  // that a real cluster runs gives the same cases, and nothing about isolation or fencing.
  config_path_ = write_config(scratch_.path(), broker_->bootstrap(), {.transactions = true});
  config_ = load(config_path_);
  ASSERT_TRUE(config_.kafka().transactions());
  produce_citizens(0, 12);
  auto bridge = start_bridge();
  expect_cases_equal_offline(*bridge);
  EXPECT_EQ(bridge->terminate(kStopTimeout), 0);
}

TEST(BridgeStart, RefusesTopicsThatAreNotCoPartitioned) {
  ScratchDirectory scratch;
  const auto topics = config::Topics::for_municipality(kSlug);
  samsag::testing::BrokerProcess::Options options;
  for (const auto& topic : topics.all()) {
    options.topics.emplace_back(topic, topic == topics.social ? 2 : 4);
  }
  samsag::testing::BrokerProcess broker(options);
  const auto config_path = write_config(scratch.path(), broker.bootstrap());
  BridgeProcess bridge(config_path, scratch.path() / "state", "a");
  const auto code = bridge.wait_for_exit(kStartTimeout);
  ASSERT_TRUE(code.has_value()) << "the bridge did not refuse to start";
  EXPECT_EQ(*code, 1);
  const auto refusal = bridge.logged("not co-partitioned");
  ASSERT_FALSE(refusal.empty());
  EXPECT_NE(refusal[0].find("itest.social.v1 has 2"), std::string::npos) << refusal[0];
  EXPECT_NE(refusal[0].find("itest.case.v1 has 4"), std::string::npos) << refusal[0];
}

}  // namespace
}  // namespace samsag::bridge::itest
