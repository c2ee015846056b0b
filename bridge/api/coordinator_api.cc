#include "bridge/api/coordinator_api.h"

#include <utility>

#include "bridge/api/case_access.h"
#include "core/events/event_record.h"
#include "core/log/log.h"

namespace samsag::bridge::api {

CoordinatorApi::CoordinatorApi(ApiOptions options, ApiDependencies dependencies)
    : options_(std::move(options)),
      deps_(dependencies),
      audit_(*deps_.sink, options_.audit_topic, options_.municipality_code),
      watch_(*deps_.cases, options_.watch),
      work_(options_.worker_threads) {}

CoordinatorApi::~CoordinatorApi() = default;

void CoordinatorApi::add_routes(http::Router& router) {
  const auto bind =
      [this](void (CoordinatorApi::*handler)(const http::Request&, const http::Responder&)) {
        return [this, handler](const http::Request& request, http::Responder responder) {
          (this->*handler)(request, responder);
        };
      };
  router.add("POST", "/api/v1/lookup", bind(&CoordinatorApi::lookup));
  router.add("GET", "/api/v1/cases", bind(&CoordinatorApi::list_cases));
  router.add("GET", "/api/v1/cases/{pseudonym}", bind(&CoordinatorApi::get_case));
  router.add("GET", "/api/v1/cases/{pseudonym}/events", bind(&CoordinatorApi::case_events));
  router.add("POST", "/api/v1/cases/{pseudonym}/plan/goals", bind(&CoordinatorApi::add_goal));
  router.add("PATCH", "/api/v1/cases/{pseudonym}/plan/goals/{goal_id}",
             bind(&CoordinatorApi::change_goal));
  router.add("POST", "/api/v1/cases/{pseudonym}/consent", bind(&CoordinatorApi::record_consent));
  router.add("PUT", "/api/v1/cases/{pseudonym}/coordinator",
             bind(&CoordinatorApi::assign_coordinator));
}

bool CoordinatorApi::forward_to_owner(const http::Request& request,
                                      const http::Responder& responder,
                                      const std::string& pseudonym) {
  // A forwarded request is answered here whatever this instance thinks: forwarding twice could
  // loop while two instances disagree about a partition during a rebalance.
  if (deps_.ownership == nullptr || request.header("X-Samsag-Forwarded")) return false;
  const std::int32_t partition = deps_.ownership->partition_of(pseudonym);
  if (deps_.ownership->owns(partition)) return false;
  const auto owner = deps_.ownership->owner_address(partition);
  if (!owner || deps_.forwarder == nullptr) {
    log::warn("no bridge instance owns a case's partition right now",
              {{"partition", partition}, {"request_id", request.request_id}});
    responder.send(error_response(
        unavailable("the case's partition is being moved between bridge instances; retry")));
    return true;
  }
  deps_.forwarder->forward(request, *owner, responder);
  return true;
}

std::optional<CoordinatorApi::Call> CoordinatorApi::open(const http::Request& request,
                                                         const http::Responder& responder,
                                                         samsag::v1::AccessAction action,
                                                         std::string citizen) {
  Call call{responder, request.request_id, kDefaultPurpose, {}, action, std::move(citizen)};
  auto caller = identify(request, *deps_.tokens, options_.roles, std::chrono::system_clock::now());
  if (!caller) {
    log::info("API request refused: no valid token",
              {{"code", caller.error().code}, {"request_id", request.request_id}});
    deny(std::move(call), unauthenticated(caller.error().message));
    return std::nullopt;
  }
  call.caller = std::move(*caller);
  if (call.caller.role == Role::kNone) {
    deny(std::move(call), forbidden("the token carries neither the coordinator nor the "
                                    "supervisor role of this municipality"));
    return std::nullopt;
  }
  auto purpose = purpose_of(request);
  if (!purpose) {
    deny(std::move(call), invalid(purpose.error().message, "X-Samsag-Purpose"));
    return std::nullopt;
  }
  call.purpose = std::move(*purpose);
  return call;
}

void CoordinatorApi::with_case(
    Call call, bool absent_ok,
    std::function<void(Call&, const std::optional<samsag::v1::CitizenCase>&)> next) {
  work_.post([this, call = std::move(call), absent_ok, next = std::move(next)]() mutable {
    if (!restored(call)) return;
    auto found = deps_.cases->get(call.citizen);
    if (!found) {
      log::error("the API could not read a case from the state store",
                 {{"code", found.error().code}, {"request_id", call.request_id}});
      call.responder.send(error_response(unavailable("the case could not be read; retry")));
      return;
    }
    if (!found->has_value()) {
      if (absent_ok && call.caller.supervisor()) return next(call, *found);
      return deny(std::move(call), not_found("there is no case for this citizen"));
    }
    if (!may_access(call.caller, **found)) {
      return deny(std::move(call), forbidden("you do not coordinate this citizen's case"));
    }
    next(call, *found);
  });
}

bool CoordinatorApi::restored(const Call& call) const {
  if (!deps_.cases_restored || deps_.cases_restored()) return true;
  // Not audited, as every 503 that answers before a decision (API.md).
  log::info("API request refused: the bridge has not restored its cases yet",
            {{"request_id", call.request_id}});
  call.responder.send(error_response(
      unavailable("the bridge is still restoring its cases after a start or a rebalance; retry")));
  return false;
}

void CoordinatorApi::deny(Call call, const ApiError& error) {
  samsag::v1::AccessRecord record;
  record.set_user(call.caller.user);
  record.set_role(call.caller.role_name);
  record.set_citizen(call.citizen);
  record.set_action(call.action);
  record.set_purpose(call.purpose);
  record.set_outcome(outcome_of(error));
  record.set_request_id(call.request_id);
  auto delivery = audit_.write(std::move(record));
  acks_.after(std::move(delivery), kafka::deadline_in(options_.ack_timeout),
              [responder = call.responder, request_id = call.request_id,
               error](const Result<kafka::DeliveredRecord>& acknowledged) {
                if (!acknowledged) {
                  count_audit_failure(acknowledged.error());
                  log::warn("audit record not acknowledged by Kafka; answering 503",
                            {{"code", acknowledged.error().code}, {"request_id", request_id}});
                  responder.send(error_response(unavailable(
                      "the access could not be recorded in the audit log; retry later")));
                  return;
                }
                responder.send(error_response(error));
              });
}

void CoordinatorApi::audit_refusal(const http::Refusal& refusal) {
  if (!refusal.path.empty() && !refusal.path.starts_with("/api/")) return;  // the page's files
  samsag::v1::AccessRecord record;
  record.set_action(samsag::v1::ACCESS_ACTION_REFUSED_BEFORE_ROUTING);
  record.set_outcome(refusal.status == 404 ? samsag::v1::ACCESS_OUTCOME_NOT_FOUND
                                           : samsag::v1::ACCESS_OUTCOME_INVALID);
  record.set_request_id(refusal.request_id);
  acks_.after(
      audit_.write(std::move(record)), kafka::deadline_in(options_.ack_timeout),
      [request_id = refusal.request_id,
       status = refusal.status](const Result<kafka::DeliveredRecord>& acknowledged) {
        if (acknowledged) return;
        count_audit_failure(acknowledged.error());
        log::warn(
            "audit record of a refused request not acknowledged by Kafka",
            {{"code", acknowledged.error().code}, {"status", status}, {"request_id", request_id}});
      });
}

void CoordinatorApi::grant(Call call, std::function<void(const http::Responder&)> answer) {
  samsag::v1::AccessRecord record;
  record.set_user(call.caller.user);
  record.set_role(call.caller.role_name);
  record.set_citizen(call.citizen);
  record.set_action(call.action);
  record.set_purpose(call.purpose);
  record.set_outcome(samsag::v1::ACCESS_OUTCOME_GRANTED);
  record.set_request_id(call.request_id);
  auto delivery = audit_.write(std::move(record));
  acks_.after(std::move(delivery), kafka::deadline_in(options_.ack_timeout),
              [responder = call.responder, request_id = call.request_id,
               answer = std::move(answer)](const Result<kafka::DeliveredRecord>& acknowledged) {
                if (!acknowledged) {
                  count_audit_failure(acknowledged.error());
                  log::warn("audit record not acknowledged by Kafka; answering 503 without data",
                            {{"code", acknowledged.error().code}, {"request_id", request_id}});
                  responder.send(error_response(unavailable(
                      "the access could not be recorded in the audit log; no data is returned "
                      "without it; retry later")));
                  return;
                }
                answer(responder);
              });
}

void CoordinatorApi::grant_and_write(Call call, samsag::v1::Event event, const std::string& topic,
                                     std::string accepted) {
  auto record = samsag::events::event_record(topic, event);
  grant(std::move(call), [this, record = std::move(record), accepted = std::move(accepted),
                          event_id = event.event_id()](const http::Responder& responder) {
    acks_.after(deps_.sink->produce(record), kafka::deadline_in(options_.ack_timeout),
                [responder, accepted, event_id](const Result<kafka::DeliveredRecord>& written) {
                  if (!written) {
                    log::warn("an API event was not acknowledged by Kafka; answering 503",
                              {{"code", written.error().code}, {"event_id", event_id}});
                    responder.send(error_response(
                        unavailable("Kafka did not acknowledge the change in time; it may still "
                                    "be recorded: look at the case before you retry")));
                    return;
                  }
                  responder.send(json_response(202, accepted));
                });
  });
}

}  // namespace samsag::bridge::api
