#include "cli/up/case_feed.h"

#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "cli/up/http_call.h"
#include "cli/up/source_feed.h"

namespace samsag::cli::up {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

constexpr auto kRequestTimeout = std::chrono::seconds(30);
constexpr auto kPatience = std::chrono::seconds(60);  // for 503s of one request

// The fields of a decision the API takes (bridge/api/API.md, POST .../consent).
constexpr std::array<std::string_view, 7> kConsentFields = {
    "granted", "consent_id", "scopes", "form", "valid_until", "case_file_ref", "occurred_at"};

bool succeeded(int status) { return status >= 200 && status < 300; }

// One API request; 503 is retried after its Retry-After. `what` names the endpoint in errors.
Result<HttpAnswer> send(const CaseFeedOptions& options, const HttpCall& call,
                        const std::string& what, const std::atomic<bool>& stopping) {
  const auto give_up = Clock::now() + kPatience;
  while (true) {
    if (stopping) return make_error("CASE_FEED_STOPPED", "stopped");
    auto answer = http_call(options.api, call, kRequestTimeout);
    if (answer.status == 503 && Clock::now() < give_up) {
      std::this_thread::sleep_for(retry_delay(answer.retry_after));
      continue;
    }
    if (succeeded(answer.status)) return answer;
    const auto status =
        answer.status == 0 ? answer.error : "status " + std::to_string(answer.status);
    return make_error("CASE_API_REFUSED", what + " answered " + status + ": " + answer.body);
  }
}

HttpCall lookup_call(const CaseFeedOptions& options, const std::string& cpr) {
  json::object body{{"cpr", cpr}};
  return {.method = "POST",
          .target = "/api/v1/lookup",
          .bearer_token = options.supervisor_token,
          .content_type = "application/json",
          .body = json::serialize(body)};
}

Result<std::string> pseudonym_from(const HttpAnswer& answer) {
  json::error_code ec;
  const auto parsed = json::parse(answer.body, ec);
  const auto* citizen =
      !ec && parsed.is_object() ? parsed.as_object().if_contains("citizen") : nullptr;
  if (citizen == nullptr || !citizen->is_string() || citizen->as_string().empty()) {
    return make_error("CASE_API_REFUSED", "POST /api/v1/lookup answered without a \"citizen\"");
  }
  return std::string(citizen->as_string());
}

// decisions.jsonl grouped by citizen, each citizen's lines in file order.
Result<std::map<std::string, std::vector<std::string>>> read_decisions(
    const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return make_error("GEN_OUTPUT_UNREADABLE", "cannot read " + file.string());
  std::map<std::string, std::vector<std::string>> by_citizen;
  std::size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.empty()) continue;
    json::error_code ec;
    const auto parsed = json::parse(line, ec);
    const auto* cpr = !ec && parsed.is_object() ? parsed.as_object().if_contains("cpr") : nullptr;
    if (cpr == nullptr || !cpr->is_string()) {
      return make_error("GEN_OUTPUT_UNREADABLE",
                        file.string() + ":" + std::to_string(number) + ": no \"cpr\"");
    }
    by_citizen[std::string(cpr->as_string())].push_back(line);
  }
  return by_citizen;
}

struct SharedProgress {
  std::mutex mutex;
  std::optional<Error> first_error;
  CaseFeedOutcome outcome;
};

// Lookup, every decision in order, then the coordinator: one citizen.
Status feed_citizen(const CaseFeedOptions& options, const std::string& cpr,
                    const std::vector<std::string>& decisions, const std::string& demo_citizen,
                    const std::atomic<bool>& stopping, SharedProgress& progress) {
  auto looked_up = send(options, lookup_call(options, cpr), "POST /api/v1/lookup", stopping);
  if (!looked_up) return looked_up.error();
  auto pseudonym = pseudonym_from(*looked_up);
  if (!pseudonym) return pseudonym.error();
  const std::string case_path = "/api/v1/cases/" + *pseudonym;
  std::uint64_t decided = 0;
  for (const auto& line : decisions) {
    auto body = consent_request_body(line);
    if (!body) return body.error();
    const HttpCall call{.method = "POST",
                        .target = case_path + "/consent",
                        .bearer_token = options.supervisor_token,
                        .content_type = "application/json",
                        .body = std::move(body).value()};
    if (auto sent = send(options, call, "POST /api/v1/cases/{p}/consent", stopping); !sent) {
      return sent.error();
    }
    ++decided;
  }
  const json::object assignment{{"coordinator_id", options.coordinator_id},
                                {"unit_name", options.unit_name}};
  const HttpCall assign{.method = "PUT",
                        .target = case_path + "/coordinator",
                        .bearer_token = options.supervisor_token,
                        .content_type = "application/json",
                        .body = json::serialize(assignment)};
  if (auto sent = send(options, assign, "PUT /api/v1/cases/{p}/coordinator", stopping); !sent) {
    return sent.error();
  }
  const std::scoped_lock lock(progress.mutex);
  progress.outcome.consent_decisions += decided;
  progress.outcome.coordinator_assignments += 1;
  if (cpr == demo_citizen) progress.outcome.demo_citizen_pseudonym = *pseudonym;
  return ok_status();
}

}  // namespace

Result<std::string> consent_request_body(const std::string& decision_line) {
  json::error_code ec;
  const auto parsed = json::parse(decision_line, ec);
  if (ec || !parsed.is_object()) {
    return make_error("GEN_OUTPUT_UNREADABLE", "a consent decision is not a JSON object");
  }
  json::object body;
  for (const auto field : kConsentFields) {
    if (const auto* value = parsed.as_object().if_contains(field)) body[field] = *value;
  }
  // gen writes the end of validity as a date-time; the API takes the date it ends on.
  if (auto* until = body.if_contains("valid_until"); until != nullptr && until->is_string() &&
                                                     until->as_string().size() > 10 &&
                                                     until->as_string()[10] == 'T') {
    *until = until->as_string().subview().substr(0, 10);
  }
  return json::serialize(body);
}

Result<CaseFeedOutcome> feed_cases(const CaseFeedOptions& options,
                                   const std::vector<std::string>& cprs,
                                   const std::filesystem::path& decisions_file,
                                   const std::string& demo_citizen,
                                   const std::atomic<bool>& stopping) {
  if (cprs.empty()) return CaseFeedOutcome{};
  // Is the API there at all? One lookup tells (the seam described in the header).
  const auto probe = http_call(options.api, lookup_call(options, cprs.front()), kRequestTimeout);
  if (probe.status == 0 || probe.status == 404 || probe.status == 405 || probe.status == 501) {
    CaseFeedOutcome unserved;
    unserved.api_served = false;
    unserved.unserved_because =
        probe.status == 0 ? probe.error : "the lookup answered " + std::to_string(probe.status);
    return unserved;
  }
  auto decisions = read_decisions(decisions_file);
  if (!decisions) return decisions.error();

  SharedProgress progress;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  auto work = [&] {
    static const std::vector<std::string> kNoDecisions;
    for (auto i = next++; i < cprs.size() && !failed && !stopping; i = next++) {
      const auto found = decisions->find(cprs[i]);
      const auto& lines = found == decisions->end() ? kNoDecisions : found->second;
      if (auto fed = feed_citizen(options, cprs[i], lines, demo_citizen, stopping, progress);
          !fed) {
        const std::scoped_lock lock(progress.mutex);
        if (!progress.first_error) progress.first_error = fed.error();
        failed = true;
      }
    }
  };
  std::vector<std::jthread> workers;
  for (int i = 0; i < std::max(1, options.workers); ++i) workers.emplace_back(work);
  workers.clear();  // joins
  if (progress.first_error) return *progress.first_error;
  if (stopping) return make_error("CASE_FEED_STOPPED", "stopped");
  return progress.outcome;
}

}  // namespace samsag::cli::up
