#include "adapters/json_source/object_reader.h"

#include "adapters/json_source/source_time.h"
#include "core/privacy/cpr.h"
#include "core/privacy/cpr_shape.h"

namespace samsag::adapters::json_source {
namespace {

using samsag::v1::DEAD_LETTER_REASON_INVALID_DATE;
using samsag::v1::DEAD_LETTER_REASON_INVALID_VALUE;
using samsag::v1::DEAD_LETTER_REASON_MISSING_FIELD;

constexpr std::size_t kMaxIdLength = 128;

bool has_control_character(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return true;
  }
  return false;
}

}  // namespace

void ProblemSink::report(FieldProblem problem) {
  if (!problem_) problem_ = std::move(problem);
}

std::size_t utf8_length(std::string_view text) {
  std::size_t length = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++length;
  }
  return length;
}

bool is_valid_source_id(std::string_view text) {
  const std::size_t length = utf8_length(text);
  return length >= 1 && length <= kMaxIdLength && !has_control_character(text) &&
         !samsag::privacy::contains_cpr_shaped(text);
}

const boost::json::value* ObjectReader::find(std::string_view key) const {
  const boost::json::value* value = object_.if_contains(key);
  if (value == nullptr || value->is_null()) return nullptr;
  return value;
}

void ObjectReader::report(samsag::v1::DeadLetterReason reason, std::string field,
                          std::string message) {
  sink_.report({reason, std::move(field), std::move(message)});
}

void ObjectReader::missing(std::string_view key) {
  const std::string field = path_of(key);
  report(DEAD_LETTER_REASON_MISSING_FIELD, field, field + " is mandatory but missing.");
}

void ObjectReader::invalid(std::string_view key, std::string_view why) {
  const std::string field = path_of(key);
  report(DEAD_LETTER_REASON_INVALID_VALUE, field, field + " " + std::string(why) + ".");
}

void ObjectReader::invalid_date(std::string_view key, std::string_view why) {
  const std::string field = path_of(key);
  report(DEAD_LETTER_REASON_INVALID_DATE, field, field + " " + std::string(why) + ".");
}

const boost::json::value* ObjectReader::present(std::string_view key, Presence presence) {
  const boost::json::value* value = find(key);
  const bool empty_string = value != nullptr && value->is_string() && value->get_string().empty();
  if (value == nullptr || empty_string) {
    if (presence == Presence::kMandatory) missing(key);
    return nullptr;
  }
  return value;
}

std::optional<std::string> ObjectReader::text(std::string_view key, Presence presence,
                                              std::size_t max_length) {
  const boost::json::value* value = present(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    invalid(key, "must be a JSON string");
    return std::nullopt;
  }
  const std::string_view text(value->get_string());
  if (utf8_length(text) > max_length) {
    invalid(key, "is longer than " + std::to_string(max_length) + " characters");
    return std::nullopt;
  }
  return std::string(text);
}

std::optional<std::string> ObjectReader::forwarded_text(std::string_view key, Presence presence,
                                                        std::size_t max_length) {
  auto value = text(key, presence, max_length);
  if (value && samsag::privacy::contains_cpr_shaped(*value)) {
    invalid(key, "contains a CPR-shaped number, which must never be forwarded");
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> ObjectReader::id(std::string_view key, Presence presence) {
  auto value = text(key, presence, kMaxIdLength);
  if (!value) return std::nullopt;
  if (!is_valid_source_id(*value)) {
    invalid(key,
            "must be an id of printable characters without a CPR-shaped number (ids travel to "
            "Kafka)");
    return std::nullopt;
  }
  return value;
}

std::optional<std::uint64_t> ObjectReader::positive_integer(std::string_view key,
                                                            Presence presence) {
  const boost::json::value* value = present(key, presence);
  if (value == nullptr) return std::nullopt;
  std::optional<std::uint64_t> number;
  if (value->is_int64() && value->get_int64() > 0) {
    number = static_cast<std::uint64_t>(value->get_int64());
  } else if (value->is_uint64() && value->get_uint64() > 0) {
    number = value->get_uint64();
  } else if (value->is_string()) {
    const std::string_view digits(value->get_string());
    std::uint64_t parsed = 0;
    bool all_digits = !digits.empty() && digits.size() <= 18;
    for (char c : digits) {
      if (c < '0' || c > '9') all_digits = false;
      parsed = parsed * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (all_digits && parsed > 0) number = parsed;
  }
  if (!number) invalid(key, "must be a whole number of at least 1");
  return number;
}

std::optional<FieldProblem> cpr_problem(std::string_view text, const std::string& field) {
  auto cpr = samsag::privacy::Cpr::parse(text);
  if (cpr.ok()) return std::nullopt;
  // Cpr's messages name what is wrong with the shape, never the number.
  const bool missing = cpr.error().code == "MISSING_CPR";
  return FieldProblem{missing ? samsag::v1::DEAD_LETTER_REASON_MISSING_CPR
                              : samsag::v1::DEAD_LETTER_REASON_INVALID_CPR,
                      field, field + ": " + cpr.error().message + "."};
}

std::optional<std::string> ObjectReader::cpr(std::string_view key) {
  const boost::json::value* value = find(key);
  const std::string field = path_of(key);
  if (value == nullptr) {
    report(samsag::v1::DEAD_LETTER_REASON_MISSING_CPR, field,
           field + " is missing: the record names no citizen.");
    return std::nullopt;
  }
  if (!value->is_string()) {
    report(samsag::v1::DEAD_LETTER_REASON_INVALID_CPR, field,
           field + " must be a JSON string of the form DDMMYYSSSS or DDMMYY-SSSS.");
    return std::nullopt;
  }
  const std::string_view text(value->get_string());
  if (auto problem = cpr_problem(text, field)) {
    sink_.report(std::move(*problem));
    return std::nullopt;
  }
  return std::string(text);
}

std::optional<bool> ObjectReader::boolean(std::string_view key, Presence presence) {
  const boost::json::value* value = present(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_bool()) {
    invalid(key, "must be true or false");
    return std::nullopt;
  }
  return value->get_bool();
}

namespace {

template <typename Parse>
std::optional<google::protobuf::Timestamp> read_time(ObjectReader& reader, std::string_view key,
                                                     Presence presence, Parse parse) {
  const boost::json::value* value = reader.find(key);
  if (value == nullptr || (value->is_string() && value->get_string().empty())) {
    if (presence == Presence::kMandatory) reader.missing(key);
    return std::nullopt;
  }
  if (!value->is_string()) {
    reader.invalid(key, "must be a date or time written as a JSON string");
    return std::nullopt;
  }
  auto time = parse(std::string_view(value->get_string()));
  if (!time.ok()) {
    reader.invalid_date(key, time.error().message);
    return std::nullopt;
  }
  return time.value();
}

}  // namespace

std::optional<google::protobuf::Timestamp> ObjectReader::date(std::string_view key,
                                                              Presence presence) {
  return read_time(*this, key, presence, parse_date);
}

std::optional<google::protobuf::Timestamp> ObjectReader::date_time(std::string_view key,
                                                                   Presence presence) {
  return read_time(*this, key, presence, parse_date_time);
}

std::optional<google::protobuf::Timestamp> ObjectReader::date_or_date_time(std::string_view key,
                                                                           Presence presence) {
  return read_time(*this, key, presence, parse_date_or_date_time);
}

std::optional<ObjectReader> ObjectReader::child(std::string_view key, Presence presence) {
  const boost::json::value* value = present(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_object()) {
    invalid(key, "must be a JSON object");
    return std::nullopt;
  }
  return ObjectReader(value->get_object(), path_of(key), sink_);
}

const boost::json::array* ObjectReader::array(std::string_view key, Presence presence) {
  const boost::json::value* value = present(key, presence);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) {
    invalid(key, "must be a JSON array");
    return nullptr;
  }
  return &value->get_array();
}

}  // namespace samsag::adapters::json_source
