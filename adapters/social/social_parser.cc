#include "adapters/social/social_parser.h"

#include <boost/json/serialize.hpp>
#include <utility>

#include "adapters/json_source/json_body.h"
#include "adapters/social/social_event.h"

namespace samsag::adapters::social {
namespace {

using samsag::v1::DeadLetterReason;

SocialParse reject_body(const SocialRequest& request, DeadLetterReason reason, std::string field,
                        std::string message) {
  Rejection rejection;
  rejection.reason = reason;
  rejection.field = std::move(field);
  rejection.message = std::move(message);
  rejection.original = std::string(request.body);
  rejection.position.request_id = request.request_id;
  SocialParse out;
  out.body_rejected = true;
  out.parsed.records.emplace_back(std::move(rejection));
  out.first_error = json_source::first_rejection(out.parsed);
  return out;
}

// The record for an element of `events` that is not an object (the others still count).
Rejection not_an_event_object(const boost::json::value& element, std::string path,
                              SourcePosition position) {
  Rejection rejection;
  rejection.reason = samsag::v1::DEAD_LETTER_REASON_UNPARSEABLE;
  rejection.message = path + " is not a JSON object, so it is no event.";
  rejection.field = std::move(path);
  rejection.original = boost::json::serialize(element);
  rejection.position = std::move(position);
  return rejection;
}

SourcePosition position_of(const SocialRequest& request, int index) {
  SourcePosition position;
  position.request_id = request.request_id;
  position.index = index;
  return position;
}

}  // namespace

SocialParse parse_social_request(const SocialRequest& request) {
  auto body = json_source::parse_json_body(request.body);
  if (!body.ok()) {
    const bool encoding = body.error().code == "BAD_ENCODING";
    return reject_body(request,
                       encoding ? samsag::v1::DEAD_LETTER_REASON_BAD_ENCODING
                                : samsag::v1::DEAD_LETTER_REASON_UNPARSEABLE,
                       "", "The body cannot be read: " + body.error().message + ".");
  }
  if (!body->is_object()) {
    return reject_body(request, samsag::v1::DEAD_LETTER_REASON_UNPARSEABLE, "",
                       "The body must be one event object or a batch {\"events\": [...]}.");
  }
  const boost::json::object& top = body->get_object();

  SocialParse out;
  const boost::json::value* events = top.if_contains("events");
  if (events == nullptr) {
    // A single event object: its original is the body as sent.
    out.parsed.records.push_back(read_social_event(
        top, {"", request.municipality_code, position_of(request, 0), std::string(request.body)}));
    out.first_error = json_source::first_rejection(out.parsed);
    return out;
  }
  if (!events->is_array()) {
    return reject_body(request, samsag::v1::DEAD_LETTER_REASON_UNPARSEABLE, "events",
                       "events must be a JSON array of event objects.");
  }
  const boost::json::array& batch = events->get_array();
  if (batch.empty()) {
    return reject_body(request, samsag::v1::DEAD_LETTER_REASON_UNPARSEABLE, "events",
                       "events is empty; a batch holds 1 to 1000 event objects.");
  }
  if (batch.size() > kMaxEventsPerRequest) {
    return reject_body(request, samsag::v1::DEAD_LETTER_REASON_TOO_LARGE, "events",
                       "events holds more than 1000 event objects; split the batch.");
  }
  out.parsed.records.reserve(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const int index = static_cast<int>(i);
    std::string path = "events[" + std::to_string(i) + "]";
    if (!batch[i].is_object()) {
      out.parsed.records.emplace_back(
          not_an_event_object(batch[i], std::move(path), position_of(request, index)));
      continue;
    }
    // A batch element's original is its own JSON, not the whole batch: a dead letter holds
    // one record, never its neighbours' data.
    out.parsed.records.push_back(read_social_event(
        batch[i].get_object(), {std::move(path), request.municipality_code,
                                position_of(request, index), boost::json::serialize(batch[i])}));
  }
  out.first_error = json_source::first_rejection(out.parsed);
  return out;
}

}  // namespace samsag::adapters::social
