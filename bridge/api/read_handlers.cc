// The API's reads: lookup, one case (with ETag), the caller's list, and the case's event stream.
#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>

#include "bridge/api/case_access.h"
#include "bridge/api/coordinator_api.h"
#include "bridge/api/request_body.h"
#include "bridge/reducer/summary.h"
#include "core/privacy/cpr.h"

namespace samsag::bridge::api {
namespace {

namespace v1 = samsag::v1;

constexpr std::size_t kDefaultLimit = 100;
constexpr std::size_t kMaxLimit = 1000;

// True when an If-None-Match header names `etag` (or is "*"); weak tags compare by their value.
bool matches(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    std::string_view tag = if_none_match.substr(0, comma);
    if_none_match = comma == std::string_view::npos ? "" : if_none_match.substr(comma + 1);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

http::Response with_etag(http::Response response, const std::string& etag) {
  response.headers.emplace_back("ETag", etag);
  return response;
}

boost::json::object list_entry(const std::string& pseudonym, const v1::CitizenCase& found) {
  boost::json::object entry{{"citizen", pseudonym},
                            {"coordinator_id", found.coordinator().coordinator_id()},
                            {"summary", summarise(found)}};
  if (found.target_group() != v1::TARGET_GROUP_UNSPECIFIED) {
    entry["target_group"] = v1::TargetGroup_Name(found.target_group());
  }
  if (found.has_last_event_at()) {
    entry["last_event_at"] = google::protobuf::util::TimeUtil::ToString(found.last_event_at());
  }
  return entry;
}

}  // namespace

void CoordinatorApi::lookup(const http::Request& request, const http::Responder& responder) {
  auto call = open(request, responder, v1::ACCESS_ACTION_LOOKUP, "");
  if (!call) return;
  BodyReader reader(request.body, {"cpr"});
  const auto text = reader.secret("cpr", 32);
  if (reader.error()) return deny(std::move(*call), *reader.error());
  const auto cpr = samsag::privacy::Cpr::parse(*text);
  // Cpr's messages never repeat the number.
  if (!cpr) return deny(std::move(*call), invalid(cpr.error().message, "cpr"));
  call->citizen = deps_.pseudonymiser->pseudonym(*cpr);
  const std::string body = boost::json::serialize(boost::json::object{{"citizen", call->citizen}});
  grant(std::move(*call),
        [body](const http::Responder& answer) { answer.send(json_response(200, body)); });
}

void CoordinatorApi::get_case(const http::Request& request, const http::Responder& responder) {
  const std::string pseudonym(request.param("pseudonym"));
  const bool valid = is_pseudonym(pseudonym);
  if (valid && forward_to_owner(request, responder, pseudonym)) return;
  auto call = open(request, responder, v1::ACCESS_ACTION_READ_CASE, valid ? pseudonym : "");
  if (!call) return;
  if (!valid) return deny(std::move(*call), invalid("the path names no pseudonym", "pseudonym"));
  std::string if_none_match(request.header("If-None-Match").value_or(""));
  with_case(std::move(*call), false,
            [this, if_none_match](Call& call, const std::optional<v1::CitizenCase>& found) {
              std::string etag = etag_of(*found);
              if (!if_none_match.empty() && matches(if_none_match, etag)) {
                return grant(std::move(call), [etag](const http::Responder& answer) {
                  answer.send(with_etag(json_response(304, ""), etag));
                });
              }
              grant(std::move(call),
                    [etag, body = case_json(*found)](const http::Responder& answer) {
                      answer.send(with_etag(json_response(200, body), etag));
                    });
            });
}

void CoordinatorApi::list_cases(const http::Request& request, const http::Responder& responder) {
  auto call = open(request, responder, v1::ACCESS_ACTION_LIST_CASES, "");
  if (!call) return;
  const std::string_view mine = request.query_param("mine").value_or("true");
  if (mine != "true" && mine != "false") {
    return deny(std::move(*call), invalid("mine must be true or false", "mine"));
  }
  if (mine == "false" && !call->caller.supervisor()) {
    return deny(std::move(*call), forbidden("only a supervisor may list every case"));
  }
  const std::string after(request.query_param("after").value_or(""));
  if (!after.empty() && !is_pseudonym(after)) {
    return deny(std::move(*call), invalid("after must be a pseudonym", "after"));
  }
  std::size_t limit = kDefaultLimit;
  if (const auto text = request.query_param("limit")) {
    const auto* end = text->data() + text->size();
    auto [ptr, ec] = std::from_chars(text->data(), end, limit);
    if (ec != std::errc() || ptr != end || limit == 0 || limit > kMaxLimit) {
      return deny(std::move(*call), invalid("limit must be a number from 1 to 1000", "limit"));
    }
  }
  const std::string coordinator = mine == "true" ? call->caller.user : "";
  work_.post([this, call = std::move(*call), coordinator, after, limit]() mutable {
    if (!restored(call)) return;
    std::vector<std::string> pseudonyms;
    int elsewhere = 0;
    for (std::int32_t partition = 0; partition < options_.partitions; ++partition) {
      if (deps_.ownership != nullptr && !deps_.ownership->owns(partition)) {
        ++elsewhere;
        continue;
      }
      auto listed = deps_.cases->list(partition, coordinator, after, limit);
      if (!listed) {
        call.responder.send(error_response(unavailable("the cases could not be read; retry")));
        return;
      }
      pseudonyms.insert(pseudonyms.end(), listed->begin(), listed->end());
    }
    std::sort(pseudonyms.begin(), pseudonyms.end());
    if (pseudonyms.size() > limit) pseudonyms.resize(limit);
    boost::json::array cases;
    for (const auto& pseudonym : pseudonyms) {
      auto found = deps_.cases->get(pseudonym);
      // A case that went between listing and reading (its partition moved) is simply not listed;
      // the index said who coordinates it, the case must still agree.
      if (!found || !found->has_value() || !may_access(call.caller, **found)) continue;
      cases.push_back(list_entry(pseudonym, **found));
    }
    boost::json::object body{{"cases", std::move(cases)}};
    if (pseudonyms.size() == limit) body["next_after"] = pseudonyms.back();
    // Cases of partitions another instance owns are not in this list (bridge/api/README.md).
    if (elsewhere > 0) body["partitions_elsewhere"] = elsewhere;
    grant(std::move(call), [text = boost::json::serialize(body)](const http::Responder& answer) {
      answer.send(json_response(200, text));
    });
  });
}

void CoordinatorApi::case_events(const http::Request& request, const http::Responder& responder) {
  const std::string pseudonym(request.param("pseudonym"));
  const bool valid = is_pseudonym(pseudonym);
  if (valid && forward_to_owner(request, responder, pseudonym)) return;
  if (!watch_.has_room()) {
    return responder.send(error_response(unavailable("too many open event streams; retry")));
  }
  auto call = open(request, responder, v1::ACCESS_ACTION_READ_CASE, valid ? pseudonym : "");
  if (!call) return;
  if (!valid) return deny(std::move(*call), invalid("the path names no pseudonym", "pseudonym"));
  with_case(
      std::move(*call), false, [this](Call& call, const std::optional<v1::CitizenCase>& found) {
        grant(call, [this, call, etag = etag_of(*found)](const http::Responder& answer) {
          auto stream = answer.stream({{"Cache-Control", "no-store"}, {"X-Accel-Buffering", "no"}});
          if (!stream.send("case", etag)) return;
          watch_.add(std::move(stream), call.caller, call.citizen, etag);
        });
      });
}

}  // namespace samsag::bridge::api
