#include "adapters/fhir/patient_index.h"

#include "adapters/json_source/object_reader.h"

namespace samsag::adapters::fhir {
namespace {

using json_source::FieldProblem;
using json_source::index_path;
using json_source::join_path;

std::string_view string_at(const boost::json::object& object, std::string_view key) {
  const boost::json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) return {};
  return value->get_string();
}

// Dash removed, so "020160-9995" and "0201609995" are the same number.
std::string normalised(std::string_view cpr) {
  std::string digits;
  for (char c : cpr) {
    if (c != '-') digits.push_back(c);
  }
  return digits;
}

void read_cpr(const boost::json::object& patient, const std::string& path, PatientFacts& facts) {
  const std::string identifiers_path = join_path(path, "identifier");
  const boost::json::value* identifiers = patient.if_contains("identifier");
  std::optional<std::size_t> first;
  if (identifiers != nullptr && identifiers->is_array()) {
    const boost::json::array& list = identifiers->get_array();
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_object() || string_at(list[i].get_object(), "system") != kCprSystem) {
        continue;
      }
      const std::string_view value = string_at(list[i].get_object(), "value");
      if (value.empty()) continue;
      const std::string value_path = join_path(index_path(identifiers_path, i), "value");
      if (!first) {
        first = i;
        facts.cpr_text = std::string(value);
        facts.cpr_problem = json_source::cpr_problem(value, value_path);
      } else if (normalised(value) != normalised(facts.cpr_text)) {
        facts.cpr_problem = FieldProblem{
            samsag::v1::DEAD_LETTER_REASON_INVALID_CPR, value_path,
            "The Patient has two different CPR numbers, so the citizen is not certain."};
      }
    }
  }
  if (!first) {
    facts.cpr_problem = FieldProblem{
        samsag::v1::DEAD_LETTER_REASON_MISSING_CPR, identifiers_path,
        "The Patient has no identifier with system " + std::string(kCprSystem) + " (CPR)."};
  }
  if (facts.cpr_problem) facts.cpr_text.clear();
}

// The municipality code of one address's dk-core extension, or nullopt when it has none.
std::optional<std::string_view> municipality_of(const boost::json::object& address) {
  const boost::json::value* extensions = address.if_contains("extension");
  if (extensions == nullptr || !extensions->is_array()) return std::nullopt;
  for (const boost::json::value& extension : extensions->get_array()) {
    if (!extension.is_object() ||
        string_at(extension.get_object(), "url") != kMunicipalityExtension) {
      continue;
    }
    const boost::json::value* codeable = extension.get_object().if_contains("valueCodeableConcept");
    if (codeable == nullptr || !codeable->is_object()) return std::string_view();
    const boost::json::value* codings = codeable->get_object().if_contains("coding");
    if (codings == nullptr || !codings->is_array()) return std::string_view();
    for (const boost::json::value& coding : codings->get_array()) {
      if (!coding.is_object()) continue;
      const std::string_view system = string_at(coding.get_object(), "system");
      if (system.empty() || system == kMunicipalityCodeSystem) {
        return string_at(coding.get_object(), "code");
      }
    }
    return std::string_view();
  }
  return std::nullopt;
}

void read_municipality(const boost::json::object& patient, const std::string& path,
                       PatientFacts& facts) {
  const boost::json::value* addresses = patient.if_contains("address");
  if (addresses == nullptr || !addresses->is_array()) return;
  // Several addresses may carry a municipality; the home address wins (FORMAT.md §3).
  std::optional<std::string_view> chosen;
  std::string chosen_path;
  const boost::json::array& list = addresses->get_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_object()) continue;
    const auto code = municipality_of(list[i].get_object());
    if (!code) continue;
    const bool home = string_at(list[i].get_object(), "use") == "home";
    if (!chosen || home) {
      chosen = code;
      chosen_path = join_path(index_path(join_path(path, "address"), i), "extension");
    }
    if (home) break;
  }
  if (!chosen) return;
  std::uint32_t value = 0;
  bool digits = chosen->size() == 3 || chosen->size() == 4;
  for (char c : *chosen) {
    if (c < '0' || c > '9') digits = false;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (digits && value > 0) {
    facts.municipality_code = value;
  } else {
    facts.municipality_problem =
        FieldProblem{samsag::v1::DEAD_LETTER_REASON_INVALID_VALUE, chosen_path,
                     chosen_path + " holds no municipality code of 3-4 digits."};
  }
}

}  // namespace

PatientFacts read_patient(const boost::json::object& patient, const std::string& path) {
  PatientFacts facts;
  read_cpr(patient, path, facts);
  read_municipality(patient, path, facts);
  return facts;
}

void PatientIndex::add(const std::string& full_url, const std::string& id, const std::string& path,
                       PatientFacts facts) {
  const std::size_t at = patients_.size();
  patients_.push_back(std::move(facts));
  if (!full_url.empty()) by_full_url_.emplace(full_url, at);
  if (id.empty()) return;
  auto [existing, fresh] = by_id_.emplace(id, at);
  if (fresh) return;
  // Two versions of one Patient in a Bundle must name the same citizen.
  PatientFacts& first = patients_[existing->second];
  const PatientFacts& second = patients_[at];
  if (!first.cpr_problem && !second.cpr_problem &&
      normalised(first.cpr_text) != normalised(second.cpr_text)) {
    first.cpr_problem =
        FieldProblem{samsag::v1::DEAD_LETTER_REASON_INVALID_CPR, join_path(path, "identifier"),
                     "Two Patient entries with one id have different CPR numbers."};
    first.cpr_text.clear();
  }
}

const PatientFacts* PatientIndex::resolve(std::string_view reference,
                                          const boost::json::object& referrer,
                                          const std::string& referrer_path) {
  if (reference.empty()) return nullptr;
  if (reference.front() == '#') {
    const boost::json::value* contained = referrer.if_contains("contained");
    if (contained == nullptr || !contained->is_array()) return nullptr;
    const boost::json::array& list = contained->get_array();
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_object()) continue;
      const boost::json::object& resource = list[i].get_object();
      if (string_at(resource, "resourceType") != "Patient" ||
          string_at(resource, "id") != reference.substr(1)) {
        continue;
      }
      contained_.push_back(
          read_patient(resource, index_path(join_path(referrer_path, "contained"), i)));
      return &contained_.back();
    }
    return nullptr;
  }
  if (auto found = by_full_url_.find(std::string(reference)); found != by_full_url_.end()) {
    return &patients_[found->second];
  }
  constexpr std::string_view kPatientPrefix = "Patient/";
  if (reference.starts_with(kPatientPrefix)) {
    if (auto found = by_id_.find(std::string(reference.substr(kPatientPrefix.size())));
        found != by_id_.end()) {
      return &patients_[found->second];
    }
  }
  return nullptr;
}

}  // namespace samsag::adapters::fhir
