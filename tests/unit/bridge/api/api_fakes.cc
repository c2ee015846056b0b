#include "api_fakes.h"

#include <algorithm>
#include <stdexcept>

#include "core/kafka/detail/delivery_state.h"

namespace samsag::bridge::api::test {

Result<auth::Principal> FakeTokens::verify(std::string_view token,
                                           std::chrono::system_clock::time_point now) const {
  const auto colon = token.find(':');
  if (token == "expired" || colon == std::string_view::npos) {
    return make_error("TOKEN_EXPIRED", "the token has expired");
  }
  auth::Principal principal;
  principal.user = std::string(token.substr(0, colon));
  std::string_view roles = token.substr(colon + 1);
  while (!roles.empty()) {
    const auto comma = roles.find(',');
    principal.roles.emplace_back(roles.substr(0, comma));
    roles = comma == std::string_view::npos ? "" : roles.substr(comma + 1);
  }
  principal.expires_at = now + std::chrono::hours(1);
  return principal;
}

void FakeCases::put(samsag::v1::CitizenCase citizen_case, std::int32_t partition) {
  std::lock_guard lock(mutex_);
  const std::string key = citizen_case.citizen();
  cases_[key] = {partition, std::move(citizen_case)};
}

Result<std::optional<samsag::v1::CitizenCase>> FakeCases::get(const std::string& pseudonym) const {
  std::lock_guard lock(mutex_);
  const auto found = cases_.find(pseudonym);
  if (found == cases_.end()) return std::optional<samsag::v1::CitizenCase>();
  return std::optional<samsag::v1::CitizenCase>(found->second.second);
}

Result<std::vector<std::string>> FakeCases::list(std::int32_t partition,
                                                 const std::string& coordinator_id,
                                                 const std::string& after,
                                                 std::size_t limit) const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> listed;
  for (const auto& [key, entry] : cases_) {
    if (entry.first != partition || key <= after) continue;
    if (!coordinator_id.empty() && entry.second.coordinator().coordinator_id() != coordinator_id) {
      continue;
    }
    if (listed.size() == limit) break;
    listed.push_back(key);
  }
  return listed;
}

kafka::Delivery RecordingSink::produce(const kafka::ProducerRecord& record) {
  Ack answer = Ack::kAcknowledge;
  {
    std::lock_guard lock(mutex_);
    records_.push_back(record);
    if (!script_.empty()) {
      answer = script_.front();
      script_.erase(script_.begin());
    }
  }
  // One record's state, as the producer makes it: one answer expected, sealed.
  auto state = std::make_shared<kafka::detail::DeliveryState>(/*keeps_record=*/true);
  state->expect();
  (void)state->seal();
  if (answer == Ack::kAcknowledge) (void)state->confirm(kafka::DeliveredRecord{record.topic, 0, 0});
  if (answer == Ack::kFail) {
    (void)state->reject(make_error("DELIVERY_FAILED", "the topic is not available"));
  }
  return kafka::Delivery(state);
}

void RecordingSink::script(std::vector<Ack> answers) {
  std::lock_guard lock(mutex_);
  script_ = std::move(answers);
}

std::vector<kafka::ProducerRecord> RecordingSink::records() const {
  std::lock_guard lock(mutex_);
  return records_;
}

std::vector<samsag::v1::AccessRecord> RecordingSink::audit(const std::string& topic) const {
  std::vector<samsag::v1::AccessRecord> audit;
  for (const auto& record : records()) {
    if (record.topic != topic) continue;
    samsag::v1::AccessRecord parsed;
    if (!parsed.ParseFromString(record.value.value_or(""))) {
      throw std::runtime_error("an audit record does not parse");
    }
    audit.push_back(std::move(parsed));
  }
  return audit;
}

std::vector<samsag::v1::Event> RecordingSink::events(const std::string& topic) const {
  std::vector<samsag::v1::Event> events;
  for (const auto& record : records()) {
    if (record.topic != topic) continue;
    samsag::v1::Event parsed;
    if (!parsed.ParseFromString(record.value.value_or(""))) {
      throw std::runtime_error("an event does not parse");
    }
    events.push_back(std::move(parsed));
  }
  return events;
}

std::int32_t FakeOwnership::partition_of(const std::string& pseudonym) const {
  // The last character decides: pseudonym(n) ends in 'a' + n % 4... see pseudonym().
  return static_cast<std::int32_t>(pseudonym.back() - 'a') % 4;
}

std::optional<std::string> FakeOwnership::owner_address(std::int32_t partition) const {
  if (without_owner.count(partition) > 0) return std::nullopt;
  return "http://127.0.0.1:1" + std::to_string(partition);
}

void FakeForwarder::forward(const http::Request& request, const std::string& base_url,
                            http::Responder responder) {
  forwarded.push_back(request.method + " " + request.path + " -> " + base_url);
  responder.send(http::Response::json(200, R"({"forwarded":true})"));
}

std::string pseudonym(int n) {
  // 52 base32 characters; the last one is 'a' + n % 4 so FakeOwnership can place it.
  std::string digest(51, 'q');
  digest.replace(0, std::to_string(n).size(), std::string(std::to_string(n).size(), 'b'));
  digest[10] = static_cast<char>('c' + n % 20);
  digest[11] = static_cast<char>('c' + n / 20 % 20);
  digest.push_back(static_cast<char>('a' + n % 4));
  return "k1:" + digest;
}

samsag::v1::CitizenCase case_of(const std::string& pseudonym, const std::string& coordinator) {
  samsag::v1::CitizenCase citizen_case;
  citizen_case.set_citizen(pseudonym);
  citizen_case.set_municipality_code(kCode);
  citizen_case.mutable_coordinator()->set_coordinator_id(coordinator);
  citizen_case.mutable_coordinator()->set_unit_name("Jobcenter Syd");
  citizen_case.set_target_group(samsag::v1::TARGET_GROUP_UNSPECIFIED);
  auto& goal = *citizen_case.add_goals();
  goal.set_goal_id("goal-one");
  goal.set_area(samsag::v1::GOAL_AREA_JOB);
  goal.set_title("Et job på deltid");
  citizen_case.mutable_last_event_at()->set_seconds(1'760'000'000);
  return citizen_case;
}

ApiHarness::ApiHarness(bool with_ownership, std::chrono::milliseconds ack_timeout) {
  pseudonymiser.emplace(
      samsag::privacy::Pseudonymiser::from_key(std::string(32, 'k'), "k1").value());
  ApiOptions options;
  options.municipality_code = kCode;
  options.audit_topic = kAudit;
  options.plan_topic = kPlan;
  options.consent_topic = kConsent;
  options.roles = RoleNames{"coordinator", "supervisor"};
  options.ack_timeout = ack_timeout;
  options.partitions = 4;
  options.watch.poll_interval = std::chrono::milliseconds(20);
  ApiDependencies dependencies;
  dependencies.tokens = &tokens;
  dependencies.pseudonymiser = &*pseudonymiser;
  dependencies.cases = &cases;
  dependencies.sink = &sink;
  dependencies.cases_restored = [this] { return restored.load(); };
  if (with_ownership) {
    dependencies.ownership = &ownership;
    dependencies.forwarder = &forwarder;
  }
  server = ApiServer::start(ApiServerOptions{}, std::move(options), dependencies).value();
}

ApiHarness::~ApiHarness() { server->stop(); }

samsag::testing::HttpReply ApiHarness::send(
    const std::string& method, const std::string& path, const std::string& token,
    const std::string& body, std::vector<std::pair<std::string, std::string>> headers) {
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  return samsag::testing::http_send(server->port(),
                                    samsag::testing::HttpRequest{method, path, headers, body},
                                    std::chrono::seconds(20));
}

}  // namespace samsag::bridge::api::test
