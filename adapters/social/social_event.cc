#include "adapters/social/social_event.h"

#include <utility>

#include "adapters/json_source/object_reader.h"
#include "adapters/social/social_payloads.h"

namespace samsag::adapters::social {
namespace {

using json_source::ObjectReader;
using json_source::Presence;

constexpr std::size_t kMaxSourceSystem = 64;
constexpr std::size_t kMaxTypeLength = 64;

bool is_source_system_name(std::string_view name) {
  for (char c : name) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!allowed) return false;
  }
  return true;
}

// `municipality_code` as an integer or a string of 3-4 digits ("0751"), or nullopt after a
// reported problem (or when absent).
std::optional<std::uint32_t> read_municipality_code(ObjectReader& object) {
  const boost::json::value* value = object.find("municipality_code");
  if (value == nullptr) return std::nullopt;
  if (value->is_int64() && value->get_int64() >= 1 && value->get_int64() <= 9999) {
    return static_cast<std::uint32_t>(value->get_int64());
  }
  if (value->is_string()) {
    const std::string_view text(value->get_string());
    std::uint32_t code = 0;
    bool digits = text.size() == 3 || text.size() == 4;
    for (char c : text) {
      if (c < '0' || c > '9') digits = false;
      code = code * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (digits && code > 0) return code;
  }
  object.invalid("municipality_code", "must be a municipality code: a number or 3-4 digits");
  return std::nullopt;
}

}  // namespace

ParsedRecord read_social_event(const boost::json::object& object, EventObjectContext context) {
  json_source::ProblemSink sink;
  ObjectReader reader(object, context.path, sink);
  SourceRecord record;

  // Another municipality's record is not ours to judge further.
  if (const auto code = read_municipality_code(reader);
      code && context.municipality_code != 0 && *code != context.municipality_code) {
    reader.report(samsag::v1::DEAD_LETTER_REASON_WRONG_MUNICIPALITY,
                  reader.path_of("municipality_code"),
                  "The record belongs to another municipality than this adapter's.");
  }
  // The type decides which fields follow; the payload is read only for a known type.
  const auto type = reader.text("type", Presence::kMandatory, kMaxTypeLength);
  const PayloadReader read_payload = type ? payload_reader_for(*type) : nullptr;
  if (type && read_payload == nullptr) {
    const std::string field = reader.path_of("type");
    reader.report(samsag::v1::DEAD_LETTER_REASON_UNKNOWN_EVENT_TYPE, field,
                  field + " is not an event type of adapters/social/FORMAT.md.");
  }
  if (auto cpr = reader.cpr("cpr")) record.cpr_text = std::move(*cpr);
  if (auto id = reader.id("record_id", Presence::kMandatory)) record.record_id = std::move(*id);
  if (auto version = reader.positive_integer("version", Presence::kMandatory)) {
    record.record_version = std::to_string(*version);
  }
  if (auto at = reader.date_or_date_time("occurred_at", Presence::kMandatory)) {
    record.occurred_at = *at;
  }
  if (auto system = reader.text("source_system", Presence::kOptional, kMaxSourceSystem)) {
    if (is_source_system_name(*system)) {
      record.source_system = std::move(*system);
    } else {
      reader.invalid("source_system", "may only hold letters, digits, '.', '_' and '-'");
    }
  }
  if (read_payload != nullptr) read_payload(reader, record.payload);

  if (!sink.ok()) {
    return json_source::to_rejection(sink.take(), std::move(context.original),
                                     std::move(context.position));
  }
  record.position = std::move(context.position);
  record.original = std::move(context.original);
  return record;
}

}  // namespace samsag::adapters::social
