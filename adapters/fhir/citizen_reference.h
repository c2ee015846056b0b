// Which element of a resource names its citizen (adapters/health/FORMAT.md §2): `patient` of an
// EpisodeOfCare, the `participant.actor` of an Appointment that is a Patient, `subject` of
// everything else. Only the reference string is read.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "adapters/fhir/patient_index.h"

namespace samsag::adapters::fhir {

struct CitizenReference {
  const PatientFacts* patient = nullptr;  // nullptr: names no Patient of the body
  std::string field;                      // JSON path of the reference element
};

CitizenReference find_citizen(const boost::json::object& resource, const std::string& type,
                              const std::string& path, PatientIndex& patients);

}  // namespace samsag::adapters::fhir
