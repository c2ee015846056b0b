#include "adapters/fhir/minimised_original.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <string_view>

namespace samsag::adapters::fhir {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

// Resource types whose mapped elements are worth keeping in a dead letter (health and region).
bool is_mapped_type(std::string_view type) {
  return type == "EpisodeOfCare" || type == "CarePlan" || type == "CareTeam" ||
         type == "Encounter" || type == "Appointment";
}

// Copies the named members of `from` that are JSON scalars (strings, numbers, booleans).
void copy_scalars(const object& from, object& to, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    const value* member = from.if_contains(key);
    if (member != nullptr && (member->is_string() || member->is_number() || member->is_bool())) {
      to[key] = *member;
    }
  }
}

const object* object_at(const object& from, std::string_view key) {
  const value* member = from.if_contains(key);
  return member != nullptr && member->is_object() ? &member->get_object() : nullptr;
}

// A Coding: system and code, never display (a display can name a diagnosis).
object minimised_coding(const object& coding) {
  object out;
  copy_scalars(coding, out, {"system", "code"});
  return out;
}

// A CodeableConcept: only its codings (no text); only samsag's code systems and the ActCode
// class, which say nothing beyond what an event says.
object minimised_concept(const object& codeable) {
  object out;
  const value* codings = codeable.if_contains("coding");
  if (codings == nullptr || !codings->is_array()) return out;
  array kept;
  for (const value& coding : codings->get_array()) {
    if (!coding.is_object()) continue;
    const value* system = coding.get_object().if_contains("system");
    std::string_view name;
    if (system != nullptr && system->is_string()) name = system->get_string();
    if (name.starts_with("http://samsag.dk/fhir/CodeSystem/")) {
      kept.push_back(minimised_coding(coding.get_object()));
    }
  }
  out["coding"] = std::move(kept);
  return out;
}

value minimised_concepts(const value& element) {
  if (element.is_object()) return minimised_concept(element.get_object());
  array out;
  if (element.is_array()) {
    for (const value& codeable : element.get_array()) {
      if (codeable.is_object()) out.push_back(minimised_concept(codeable.get_object()));
    }
  }
  return out;
}

object minimised_reference(const object& reference) {
  object out;
  copy_scalars(reference, out, {"reference"});
  return out;
}

// Applies `keep` to every object of the array at `key` and stores the results under `key`.
template <typename Keep>
void copy_objects(const object& from, object& to, std::string_view key, Keep keep) {
  const value* member = from.if_contains(key);
  if (member == nullptr || !member->is_array()) return;
  array out;
  for (const value& element : member->get_array()) {
    if (element.is_object()) out.push_back(keep(element.get_object()));
  }
  to[key] = std::move(out);
}

object minimised(const object& resource) {
  object out;
  copy_scalars(resource, out, {"resourceType"});
  const value* type = resource.if_contains("resourceType");
  if (type == nullptr || !type->is_string() || !is_mapped_type(type->get_string())) return out;

  copy_scalars(resource, out, {"id", "status", "created", "start", "end"});
  if (const object* meta = object_at(resource, "meta")) {
    object kept;
    copy_scalars(*meta, kept, {"versionId", "lastUpdated", "source"});
    out["meta"] = std::move(kept);
  }
  if (const object* coding = object_at(resource, "class")) out["class"] = minimised_coding(*coding);
  for (std::string_view key : {"type", "category", "appointmentType"}) {
    if (const value* element = resource.if_contains(key)) out[key] = minimised_concepts(*element);
  }
  for (std::string_view key : {"subject", "patient"}) {
    if (const object* reference = object_at(resource, key)) {
      out[key] = minimised_reference(*reference);
    }
  }
  if (const object* period = object_at(resource, "period")) {
    object kept;
    copy_scalars(*period, kept, {"start", "end"});
    out["period"] = std::move(kept);
  }
  copy_objects(resource, out, "participant", [](const object& participant) {
    object kept;
    if (const object* actor = object_at(participant, "actor")) {
      kept["actor"] = minimised_reference(*actor);
    }
    if (const value* role = participant.if_contains("role"))
      kept["role"] = minimised_concepts(*role);
    return kept;
  });
  copy_objects(resource, out, "managingOrganization", [](const object& organisation) {
    object kept;
    copy_scalars(organisation, kept, {"display"});
    if (const object* identifier = object_at(organisation, "identifier")) {
      object id;
      copy_scalars(*identifier, id, {"value"});
      kept["identifier"] = std::move(id);
    }
    return kept;
  });
  copy_objects(resource, out, "telecom", [](const object& telecom) {
    object kept;
    copy_scalars(telecom, kept, {"system", "value"});
    return kept;
  });
  return out;
}

}  // namespace

std::string minimised_resource(const object& resource) {
  return boost::json::serialize(minimised(resource));
}

std::string minimised_body(const object& top) {
  const value* type = top.if_contains("resourceType");
  if (type == nullptr || !type->is_string() || type->get_string() != "Bundle") {
    return minimised_resource(top);
  }
  object out;
  copy_scalars(top, out, {"resourceType", "id", "type"});
  copy_objects(top, out, "entry", [](const object& entry) {
    object kept;
    copy_scalars(entry, kept, {"fullUrl"});
    if (const object* resource = object_at(entry, "resource"))
      kept["resource"] = minimised(*resource);
    return kept;
  });
  return boost::json::serialize(out);
}

}  // namespace samsag::adapters::fhir
