#include "adapters/fhir/citizen_reference.h"

#include "adapters/json_source/field_problem.h"

namespace samsag::adapters::fhir {
namespace {

using json_source::index_path;
using json_source::join_path;

std::string_view reference_in(const boost::json::value* element) {
  if (element == nullptr || !element->is_object()) return {};
  const boost::json::value* reference = element->get_object().if_contains("reference");
  if (reference == nullptr || !reference->is_string()) return {};
  return reference->get_string();
}

}  // namespace

CitizenReference find_citizen(const boost::json::object& resource, const std::string& type,
                              const std::string& path, PatientIndex& patients) {
  if (type == "Appointment") {
    const std::string participants_path = join_path(path, "participant");
    const boost::json::value* participants = resource.if_contains("participant");
    if (participants != nullptr && participants->is_array()) {
      const boost::json::array& list = participants->get_array();
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (!list[i].is_object()) continue;
        const std::string_view reference = reference_in(list[i].get_object().if_contains("actor"));
        if (const PatientFacts* patient = patients.resolve(reference, resource, path)) {
          return {patient, join_path(index_path(participants_path, i), "actor")};
        }
      }
    }
    return {nullptr, participants_path};
  }
  const std::string_view element = type == "EpisodeOfCare" ? "patient" : "subject";
  if (const boost::json::value* named = resource.if_contains(element)) {
    return {patients.resolve(reference_in(named), resource, path), join_path(path, element)};
  }
  // Unmapped types name their citizen in `subject` or `patient`; read only to skip another
  // municipality's entries as a whole (FORMAT.md §6.1).
  if (element == "subject") {
    if (const boost::json::value* named = resource.if_contains("patient")) {
      return {patients.resolve(reference_in(named), resource, path), join_path(path, "patient")};
    }
  }
  return {nullptr, join_path(path, element)};
}

}  // namespace samsag::adapters::fhir
