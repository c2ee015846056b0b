#include "adapters/fhir/fhir_resource.h"

namespace samsag::adapters::fhir {

using json_source::Presence;

FhirResource::FhirResource(const boost::json::object& resource, std::string type, std::string path,
                           json_source::ProblemSink& sink)
    : type_(std::move(type)), reader_(resource, std::move(path), sink) {}

std::string FhirResource::record_id() const {
  std::string id = type_ + "/";
  if (const boost::json::value* value = reader_.find("id"); value && value->is_string()) {
    id.append(value->get_string());
  }
  return id;
}

std::string FhirResource::status() {
  constexpr std::size_t kLongestStatus = 32;
  return reader_.text("status", Presence::kMandatory, kLongestStatus).value_or("");
}

std::optional<google::protobuf::Timestamp> FhirResource::last_updated() {
  auto meta = reader_.child("meta", Presence::kMandatory);
  if (!meta) return std::nullopt;
  return meta->date_time("lastUpdated", Presence::kMandatory);
}

std::optional<google::protobuf::Timestamp> FhirResource::period_time(std::string_view which,
                                                                     Presence presence) {
  auto period = reader_.child("period", presence);
  if (!period) return std::nullopt;
  return period->date_or_date_time(which, presence);
}

std::optional<google::protobuf::Timestamp> FhirResource::period_start(Presence presence) {
  return period_time("start", presence);
}

std::optional<google::protobuf::Timestamp> FhirResource::period_end(Presence presence) {
  return period_time("end", presence);
}

std::optional<google::protobuf::Timestamp> FhirResource::ended_at() {
  if (auto end = period_end(Presence::kOptional)) return end;
  return last_updated();
}

void FhirResource::check_period_order(const google::protobuf::Timestamp& start,
                                      const google::protobuf::Timestamp& end) {
  if (end.seconds() < start.seconds() ||
      (end.seconds() == start.seconds() && end.nanos() < start.nanos())) {
    reader_.invalid_date("period.end", "is before period.start");
  }
}

std::optional<google::protobuf::Timestamp> FhirResource::date_time(std::string_view key,
                                                                   Presence presence) {
  return reader_.date_or_date_time(key, presence);
}

std::optional<std::string> coding_of(const boost::json::object& codeable_concept,
                                     std::string_view system) {
  const boost::json::value* codings = codeable_concept.if_contains("coding");
  if (codings == nullptr || !codings->is_array()) return std::nullopt;
  for (const boost::json::value& coding : codings->get_array()) {
    if (!coding.is_object()) continue;
    const boost::json::value* coding_system = coding.get_object().if_contains("system");
    if (coding_system == nullptr || !coding_system->is_string() ||
        std::string_view(coding_system->get_string()) != system) {
      continue;
    }
    const boost::json::value* code = coding.get_object().if_contains("code");
    if (code == nullptr || !code->is_string()) return std::string();
    return std::string(code->get_string());
  }
  return std::nullopt;
}

std::optional<std::string> FhirResource::code(std::string_view key, std::string_view system,
                                              Presence presence) {
  const boost::json::value* element = reader_.find(key);
  std::optional<std::string> found;
  if (element != nullptr && element->is_object()) {
    found = coding_of(element->get_object(), system);
  } else if (element != nullptr && element->is_array()) {
    for (const boost::json::value& codeable : element->get_array()) {
      if (codeable.is_object()) found = coding_of(codeable.get_object(), system);
      if (found) break;
    }
  } else if (element != nullptr) {
    reader_.invalid(key, "must be a CodeableConcept or a list of them");
    return std::nullopt;
  }
  if (!found || found->empty()) {
    if (presence == Presence::kMandatory) {
      const std::string field = reader_.path_of(key);
      reader_.report(samsag::v1::DEAD_LETTER_REASON_MISSING_FIELD, field,
                     field + " has no coding with system " + std::string(system) + ".");
    }
    return std::nullopt;
  }
  return found;
}

std::optional<std::string> FhirResource::coding_code(std::string_view key,
                                                     std::string_view system) {
  auto coding = reader_.child(key, Presence::kMandatory);
  if (!coding) return std::nullopt;
  if (auto coding_system = coding->text("system", Presence::kOptional, 256);
      coding_system && *coding_system != system) {
    return std::string();  // a code of another system is no code we know
  }
  return coding->text("code", Presence::kMandatory, 64);
}

void FhirResource::invalid_code(std::string_view key) {
  reader_.invalid(key, "has a code this adapter does not map (adapters/health/FORMAT.md §4)");
}

void FhirResource::invalid_date(std::string_view key, std::string_view why) {
  reader_.invalid_date(key, why);
}

}  // namespace samsag::adapters::fhir
