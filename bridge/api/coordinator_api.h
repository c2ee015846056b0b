// The coordinator API (API.md): routes, authentication, the audit of every case request, and the
// order in which things happen. Handlers run on the HTTP server's io threads and never block
// there: store reads go to a small work queue, Kafka acknowledgements are waited for by
// Acknowledgements, and every answer goes out through the request's Responder.
//
// Per request to a case endpoint: forwarded to the partition's owner when another instance owns
// it (the owner audits); else authenticate (401), check the input (400), read the case (404),
// authorise (403), write the AccessRecord and wait for Kafka; only then the data or the write
// (202 once Kafka acknowledged the event too). No acknowledgement within ack_timeout: 503, no data.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "bridge/api/acknowledgements.h"
#include "bridge/api/audit_trail.h"
#include "bridge/api/caller.h"
#include "bridge/api/case_watch.h"
#include "bridge/api/record_sink.h"
#include "bridge/api/work_queue.h"
#include "bridge/cluster/ownership.h"
#include "bridge/store/case_store.h"
#include "core/http/router.h"
#include "core/http/server.h"
#include "core/privacy/pseudonymiser.h"
#include "samsag/v1/audit.pb.h"
#include "samsag/v1/event.pb.h"

namespace samsag::bridge::api {

struct ApiOptions {
  std::uint32_t municipality_code = 0;
  std::string audit_topic;
  std::string plan_topic;
  std::string consent_topic;
  RoleNames roles;
  // How long Kafka may take to acknowledge an audit record or an event before the answer is 503.
  std::chrono::milliseconds ack_timeout{5'000};
  // The partitions of the case topic (every partition is listed when ownership is null).
  std::int32_t partitions = 1;
  CaseWatchOptions watch{};
  int worker_threads = 2;
};

// What the API uses and does not own; everything must outlive it.
struct ApiDependencies {
  const TokenCheck* tokens = nullptr;
  const samsag::privacy::Pseudonymiser* pseudonymiser = nullptr;
  const CaseStore* cases = nullptr;
  RecordSink* sink = nullptr;
  // Null for a single instance: every case is local.
  const Ownership* ownership = nullptr;
  Forwarder* forwarder = nullptr;
  // False while this instance has not restored the partitions it owns (start-up, rebalance):
  // the store may lack cases that exist, so reads answer 503 rather than 404. Null: always true.
  std::function<bool()> cases_restored;
};

class CoordinatorApi {
 public:
  CoordinatorApi(ApiOptions options, ApiDependencies dependencies);
  // Runs what is queued, answers what waits for Kafka (each by its deadline), closes the streams.
  ~CoordinatorApi();
  CoordinatorApi(const CoordinatorApi&) = delete;
  CoordinatorApi& operator=(const CoordinatorApi&) = delete;

  // Adds the /api/v1 routes.
  void add_routes(http::Router& router);
  // Audits a request under /api/ (or one whose path could not be read) that the HTTP server
  // refused before routing: action REFUSED_BEFORE_ROUTING, no user, no citizen. The answer is
  // already out (it returns no data), so a record Kafka does not acknowledge is only counted.
  void audit_refusal(const http::Refusal& refusal);

  std::size_t open_streams() { return watch_.open_streams(); }
  // Ends every event stream and every later one at once: before the HTTP server stops, which
  // otherwise waits for open streams until its drain timeout.
  void close_streams() { watch_.close_all(); }

  // One request as it travels through the steps above.
  struct Call {
    http::Responder responder;
    std::string request_id;
    std::string purpose;
    Caller caller;
    samsag::v1::AccessAction action = samsag::v1::ACCESS_ACTION_UNSPECIFIED;
    std::string citizen;
  };

 private:
  void lookup(const http::Request& request, const http::Responder& responder);
  void get_case(const http::Request& request, const http::Responder& responder);
  void list_cases(const http::Request& request, const http::Responder& responder);
  void case_events(const http::Request& request, const http::Responder& responder);
  void add_goal(const http::Request& request, const http::Responder& responder);
  void change_goal(const http::Request& request, const http::Responder& responder);
  void record_consent(const http::Request& request, const http::Responder& responder);
  void assign_coordinator(const http::Request& request, const http::Responder& responder);

  // True when the request went to the instance owning the citizen's partition (or was answered
  // 503 because no instance owns it right now).
  bool forward_to_owner(const http::Request& request, const http::Responder& responder,
                        const std::string& pseudonym);
  // Authenticates and reads the purpose; nullopt when it answered (401, 403, 400) already.
  std::optional<Call> open(const http::Request& request, const http::Responder& responder,
                           samsag::v1::AccessAction action, std::string citizen);
  // Reads the case on the work queue and calls `next` with it when the caller may access it;
  // answers 404 or 403 (audited) or 503 (the store failed or is not restored yet) itself.
  // `absent_ok`: a supervisor may act on a citizen without a case (next gets nullopt).
  void with_case(Call call, bool absent_ok,
                 std::function<void(Call&, const std::optional<samsag::v1::CitizenCase>&)> next);

  // False after answering 503 (not audited) while deps_.cases_restored says the store is not
  // complete yet.
  bool restored(const Call& call) const;
  // Audits the denial, then answers `error` (503 instead when the record was not acknowledged).
  void deny(Call call, const ApiError& error);
  // Audits the access as granted, then calls `answer` (503 instead when not acknowledged).
  void grant(Call call, std::function<void(const http::Responder&)> answer);
  // grant(), then writes `event` to `topic` and answers 202 with `accepted` once Kafka
  // acknowledged it.
  void grant_and_write(Call call, samsag::v1::Event event, const std::string& topic,
                       std::string accepted);

  ApiOptions options_;
  ApiDependencies deps_;
  AuditTrail audit_;
  // In this order: work_ is destroyed first (its tasks hand over to acks_), then acks_ (whose
  // answers may open streams), then watch_.
  CaseWatch watch_;
  Acknowledgements acks_;
  WorkQueue work_;
};

}  // namespace samsag::bridge::api
