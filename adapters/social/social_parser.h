// The social adapter's parser: the body of one `POST /v1/events` request (adapters/social/
// FORMAT.md) -> one SourceRecord or Rejection per event object. A pure function of the bytes: no
// Kafka, no HTTP, no clock. The HTTP layer sends the records through the adapter runtime
// (make_event: CPR -> pseudonym, event id) and answers with `first_error` when there is one.
//
//   auto parsed = social::parse_social_request({body, request_id, config.municipality_code});
//   if (parsed.body_rejected) -> 400 {"code", "message"}; its one Rejection goes to the DLQ
//   for each record: SourceRecord -> make_event -> produce; Rejection -> dead letter
//   parsed.first_error names the first rejected record's field and sentence for the answer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/json_source/request_error.h"
#include "adapters/runtime/source_record.h"

namespace samsag::adapters::social {

struct SocialRequest {
  std::string_view body;
  std::string request_id;               // put in every record's position, for dead letters
  std::uint32_t municipality_code = 0;  // the adapter's; 0 accepts any `municipality_code`
};

struct SocialParse {
  // One record per event object, in request order; position.index is the 0-based index in the
  // batch (0 for a single object). Rejection.field is the JSON path of the offending field in the
  // body: "cpr" for a single object, "events[3].cpr" in a batch. Records carry the CPR as
  // written (checked here for a precise field, pseudonymised by the runtime).
  ParseResult parsed;
  // The body as a whole could not be read (not UTF-8, not JSON, not an event object or a batch of
  // 1..1000): `parsed` holds exactly one Rejection (UNPARSEABLE, BAD_ENCODING or TOO_LARGE) whose
  // original is the whole body, and nothing was accepted.
  bool body_rejected = false;
  // The first Rejection, for the HTTP answer; nullopt when every record was accepted.
  std::optional<json_source::RequestError> first_error;
};

// At most this many event objects in one batch (FORMAT.md §1).
inline constexpr std::size_t kMaxEventsPerRequest = 1000;

SocialParse parse_social_request(const SocialRequest& request);

}  // namespace samsag::adapters::social
