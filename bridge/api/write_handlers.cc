// The API's writes: plan goals, consent decisions and the coordinator, each as an event on
// {m}.plan.v1 or {m}.consent.v1 (the bridge never changes a case behind Kafka's back).
#include <google/protobuf/util/time_util.h>

#include <boost/json.hpp>

#include "bridge/api/case_access.h"
#include "bridge/api/coordinator_api.h"
#include "bridge/api/write_events.h"

namespace samsag::bridge::api {
namespace {

namespace v1 = samsag::v1;
using google::protobuf::util::TimeUtil;

std::string accepted(const v1::Event& event, const std::string& goal_id = "") {
  boost::json::object body{{"event_id", event.event_id()}};
  if (!goal_id.empty()) body["goal_id"] = goal_id;
  return boost::json::serialize(body);
}

}  // namespace

void CoordinatorApi::add_goal(const http::Request& request, const http::Responder& responder) {
  const std::string pseudonym(request.param("pseudonym"));
  const bool valid = is_pseudonym(pseudonym);
  if (valid && forward_to_owner(request, responder, pseudonym)) return;
  auto call = open(request, responder, v1::ACCESS_ACTION_WRITE_PLAN, valid ? pseudonym : "");
  if (!call) return;
  if (!valid) return deny(std::move(*call), invalid("the path names no pseudonym", "pseudonym"));
  // Letters only, like request ids: a goal id can never look like a CPR number.
  const std::string goal_id = "goal-" + http::new_request_id();
  auto parsed = parse_goal_set(request.body, goal_id);
  if (auto* error = std::get_if<ApiError>(&parsed)) return deny(std::move(*call), *error);
  auto sealed = seal(std::get<v1::Event>(std::move(parsed)),
                     Envelope{options_.municipality_code, pseudonym, call->request_id,
                              TimeUtil::GetCurrentTime()});
  if (auto* error = std::get_if<ApiError>(&sealed)) return deny(std::move(*call), *error);
  with_case(std::move(*call), false,
            [this, event = std::get<v1::Event>(std::move(sealed)), goal_id](
                Call& call, const std::optional<v1::CitizenCase>&) mutable {
              std::string body = accepted(event, goal_id);
              grant_and_write(std::move(call), std::move(event), options_.plan_topic,
                              std::move(body));
            });
}

void CoordinatorApi::change_goal(const http::Request& request, const http::Responder& responder) {
  const std::string pseudonym(request.param("pseudonym"));
  const bool valid = is_pseudonym(pseudonym);
  if (valid && forward_to_owner(request, responder, pseudonym)) return;
  auto call = open(request, responder, v1::ACCESS_ACTION_WRITE_PLAN, valid ? pseudonym : "");
  if (!call) return;
  if (!valid) return deny(std::move(*call), invalid("the path names no pseudonym", "pseudonym"));
  const std::string goal_id(request.param("goal_id"));
  auto parsed = parse_goal_change(request.body, goal_id);
  if (auto* error = std::get_if<ApiError>(&parsed)) return deny(std::move(*call), *error);
  with_case(
      std::move(*call), false,
      [this, event = std::get<v1::Event>(std::move(parsed)), goal_id](
          Call& call, const std::optional<v1::CitizenCase>& found) mutable {
        const v1::Goal* goal = find_goal(*found, goal_id);
        if (goal == nullptr) return deny(std::move(call), not_found("the case has no such goal"));
        if (event.has_plan_goal_updated()) {
          complete_goal_update(*event.mutable_plan_goal_updated(), *goal);
        }
        auto sealed = seal(std::move(event), Envelope{options_.municipality_code, call.citizen,
                                                      call.request_id, TimeUtil::GetCurrentTime()});
        if (auto* error = std::get_if<ApiError>(&sealed)) return deny(std::move(call), *error);
        auto& ready = std::get<v1::Event>(sealed);
        std::string body = accepted(ready, goal_id);
        grant_and_write(std::move(call), std::move(ready), options_.plan_topic, std::move(body));
      });
}

void CoordinatorApi::record_consent(const http::Request& request,
                                    const http::Responder& responder) {
  const std::string pseudonym(request.param("pseudonym"));
  const bool valid = is_pseudonym(pseudonym);
  if (valid && forward_to_owner(request, responder, pseudonym)) return;
  auto call = open(request, responder, v1::ACCESS_ACTION_WRITE_CONSENT, valid ? pseudonym : "");
  if (!call) return;
  if (!valid) return deny(std::move(*call), invalid("the path names no pseudonym", "pseudonym"));
  const auto now = TimeUtil::GetCurrentTime();
  auto parsed = parse_consent(request.body, call->caller, now);
  if (auto* error = std::get_if<ApiError>(&parsed)) return deny(std::move(*call), *error);
  auto sealed = seal(std::get<v1::Event>(std::move(parsed)),
                     Envelope{options_.municipality_code, pseudonym, call->request_id, now});
  if (auto* error = std::get_if<ApiError>(&sealed)) return deny(std::move(*call), *error);
  // A supervisor may record a decision for a citizen whose case does not exist yet.
  with_case(std::move(*call), true,
            [this, event = std::get<v1::Event>(std::move(sealed))](
                Call& call, const std::optional<v1::CitizenCase>&) mutable {
              std::string body = accepted(event);
              grant_and_write(std::move(call), std::move(event), options_.consent_topic,
                              std::move(body));
            });
}

void CoordinatorApi::assign_coordinator(const http::Request& request,
                                        const http::Responder& responder) {
  const std::string pseudonym(request.param("pseudonym"));
  const bool valid = is_pseudonym(pseudonym);
  if (valid && forward_to_owner(request, responder, pseudonym)) return;
  auto call = open(request, responder, v1::ACCESS_ACTION_WRITE_PLAN, valid ? pseudonym : "");
  if (!call) return;
  if (!call->caller.supervisor()) {
    return deny(std::move(*call), forbidden("only a supervisor may assign coordinators"));
  }
  if (!valid) return deny(std::move(*call), invalid("the path names no pseudonym", "pseudonym"));
  auto parsed = parse_coordinator(request.body);
  if (auto* error = std::get_if<ApiError>(&parsed)) return deny(std::move(*call), *error);
  auto sealed = seal(std::get<v1::Event>(std::move(parsed)),
                     Envelope{options_.municipality_code, pseudonym, call->request_id,
                              TimeUtil::GetCurrentTime()});
  if (auto* error = std::get_if<ApiError>(&sealed)) return deny(std::move(*call), *error);
  // The first assignment creates the case, so no case need exist.
  auto& event = std::get<v1::Event>(sealed);
  std::string body = accepted(event);
  grant_and_write(std::move(*call), std::move(event), options_.plan_topic, std::move(body));
}

}  // namespace samsag::bridge::api
