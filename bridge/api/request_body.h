// Reading the JSON bodies of the API's writes and lookups: one object, known members only, each
// checked with an error that names the member (API.md "400"). Errors never repeat the value, so a
// CPR typed into the wrong field cannot reach a log line or an answer.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <boost/json.hpp>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/api/api_response.h"
#include "core/base/result.h"

namespace samsag::bridge::api {

// The largest request body of the API (API.md "413").
inline constexpr std::size_t kBodyLimit = 64 * 1024;

class BodyReader {
 public:
  // Parses `body` as one JSON object whose members are all among `known`; the first problem is
  // kept and every later read returns nothing.
  BodyReader(std::string_view body, std::initializer_list<std::string_view> known);

  bool has(std::string_view name) const;
  // A string member of 1..max_length characters without control characters or CPR-shaped
  // numbers (free text here never names a citizen). nullopt when absent (an error if `required`).
  std::optional<std::string> text(std::string_view name, std::size_t max_length, bool required);
  // A string member taken as it is, for a CPR number: no CPR-shape check, and never repeated.
  std::optional<std::string> secret(std::string_view name, std::size_t max_length);
  // An identifier: 1..max_length characters of [A-Za-z0-9._:-].
  std::optional<std::string> id(std::string_view name, std::size_t max_length, bool required);
  std::optional<bool> boolean(std::string_view name, bool required);
  // "YYYY-MM-DD" as 00:00 Europe/Copenhagen.
  std::optional<google::protobuf::Timestamp> date(std::string_view name);
  // RFC 3339 with an offset.
  std::optional<google::protobuf::Timestamp> date_time(std::string_view name);
  // Either of the two: a date ("YYYY-MM-DD", as date()) or an RFC 3339 date-time (as date_time()).
  std::optional<google::protobuf::Timestamp> date_or_date_time(std::string_view name);
  // An enum value by name: the full name ("GOAL_AREA_JOB") or without the prefix ("JOB"); 0
  // (the UNSPECIFIED value) is refused. `parse` is the generated XXX_Parse.
  template <typename Enum, typename Parse>
  std::optional<Enum> code(std::string_view name, std::string_view prefix, Parse parse,
                           bool required) {
    auto value = text(name, 64, required);
    if (!value) return std::nullopt;
    Enum parsed{};
    if ((parse(*value, &parsed) || parse(std::string(prefix) + *value, &parsed)) &&
        static_cast<int>(parsed) != 0) {
      return parsed;
    }
    fail("is not one of the accepted values", name);
    return std::nullopt;
  }
  // An array of strings, each read as code() reads one.
  template <typename Enum, typename Parse>
  std::optional<std::vector<Enum>> codes(std::string_view name, std::string_view prefix,
                                         Parse parse) {
    const boost::json::value* member = find(name);
    if (member == nullptr) return std::nullopt;
    if (!member->is_array() || member->as_array().size() > 16) {
      fail("must be an array of at most 16 names", name);
      return std::nullopt;
    }
    std::vector<Enum> values;
    for (const auto& item : member->as_array()) {
      Enum parsed{};
      if (!item.is_string() ||
          !(parse(std::string(item.as_string()), &parsed) ||
            parse(std::string(prefix) + std::string(item.as_string()), &parsed)) ||
          static_cast<int>(parsed) == 0) {
        fail("holds a value that is not one of the accepted names", name);
        return std::nullopt;
      }
      values.push_back(parsed);
    }
    return values;
  }

  void fail(std::string_view problem, std::string_view name);
  // The first problem, if any.
  const std::optional<ApiError>& error() const { return error_; }

 private:
  const boost::json::value* find(std::string_view name) const;

  boost::json::object object_;
  std::optional<ApiError> error_;
};

}  // namespace samsag::bridge::api
