#include "bridge/api/request_body.h"

#include <algorithm>

#include "core/privacy/cpr_shape.h"
#include "core/time/source_time.h"

namespace samsag::bridge::api {

BodyReader::BodyReader(std::string_view body, std::initializer_list<std::string_view> known) {
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(body, ec);
  if (ec || !parsed.is_object()) {
    error_ = invalid("the body must be one JSON object", "");
    return;
  }
  object_ = std::move(parsed.as_object());
  for (const auto& member : object_) {
    if (std::find(known.begin(), known.end(), member.key()) == known.end()) {
      // The member's name is the client's own text: it is not repeated (it could be anything).
      error_ = invalid("the body has a member this endpoint does not know", "");
      return;
    }
  }
}

const boost::json::value* BodyReader::find(std::string_view name) const {
  if (error_) return nullptr;
  const auto* member = object_.if_contains(name);
  return (member == nullptr || member->is_null()) ? nullptr : member;
}

bool BodyReader::has(std::string_view name) const { return find(name) != nullptr; }

void BodyReader::fail(std::string_view problem, std::string_view name) {
  if (!error_) error_ = invalid(std::string(name) + " " + std::string(problem), std::string(name));
}

std::optional<std::string> BodyReader::text(std::string_view name, std::size_t max_length,
                                            bool required) {
  const boost::json::value* member = find(name);
  if (member == nullptr) {
    if (required) fail("is required", name);
    return std::nullopt;
  }
  if (!member->is_string()) {
    fail("must be a string", name);
    return std::nullopt;
  }
  std::string value(member->as_string());
  if (value.empty() || value.size() > max_length) {
    fail("must have 1 to " + std::to_string(max_length) + " characters", name);
    return std::nullopt;
  }
  if (std::any_of(value.begin(), value.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    fail("must not hold control characters", name);
    return std::nullopt;
  }
  if (samsag::privacy::contains_cpr_shaped(value)) {
    fail("must not hold a CPR number", name);
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> BodyReader::secret(std::string_view name, std::size_t max_length) {
  const boost::json::value* member = find(name);
  if (member == nullptr) {
    fail("is required", name);
    return std::nullopt;
  }
  if (!member->is_string() || member->as_string().size() > max_length) {
    fail("must be a string of at most " + std::to_string(max_length) + " characters", name);
    return std::nullopt;
  }
  return std::string(member->as_string());
}

std::optional<std::string> BodyReader::id(std::string_view name, std::size_t max_length,
                                          bool required) {
  auto value = text(name, max_length, required);
  if (!value) return std::nullopt;
  const bool plain = std::all_of(value->begin(), value->end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == ':' || c == '-';
  });
  if (!plain) {
    fail("may hold only letters, digits and . _ : -", name);
    return std::nullopt;
  }
  return value;
}

std::optional<bool> BodyReader::boolean(std::string_view name, bool required) {
  const boost::json::value* member = find(name);
  if (member == nullptr) {
    if (required) fail("is required", name);
    return std::nullopt;
  }
  if (!member->is_bool()) {
    fail("must be true or false", name);
    return std::nullopt;
  }
  return member->as_bool();
}

std::optional<google::protobuf::Timestamp> BodyReader::date(std::string_view name) {
  auto value = text(name, 10, false);
  if (!value) return std::nullopt;
  auto parsed = samsag::times::parse_date(*value);
  if (!parsed) {
    fail("must be a date YYYY-MM-DD", name);
    return std::nullopt;
  }
  return *parsed;
}

std::optional<google::protobuf::Timestamp> BodyReader::date_time(std::string_view name) {
  auto value = text(name, 40, false);
  if (!value) return std::nullopt;
  auto parsed = samsag::times::parse_date_time(*value);
  if (!parsed) {
    fail("must be an RFC 3339 date-time with an offset", name);
    return std::nullopt;
  }
  return *parsed;
}

std::optional<google::protobuf::Timestamp> BodyReader::date_or_date_time(std::string_view name) {
  auto value = text(name, 40, false);
  if (!value) return std::nullopt;
  auto parsed = value->size() == 10 ? samsag::times::parse_date(*value)
                                    : samsag::times::parse_date_time(*value);
  if (!parsed) {
    fail("must be a date YYYY-MM-DD or an RFC 3339 date-time with an offset", name);
    return std::nullopt;
  }
  return *parsed;
}

}  // namespace samsag::bridge::api
