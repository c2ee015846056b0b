// The Patients of one FHIR body and what samsag reads of them (adapters/health/FORMAT.md §3):
// the CPR identifier and, for the region, the municipality of residence. Nothing else of a
// Patient (name, gender, birth date, address lines, narrative) is read.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "adapters/json_source/field_problem.h"

namespace samsag::adapters::fhir {

inline constexpr std::string_view kCprSystem = "urn:oid:1.2.208.176.1.2";
inline constexpr std::string_view kMunicipalityExtension =
    "http://hl7.dk/fhir/core/StructureDefinition/dk-core-municipalityCodes";
inline constexpr std::string_view kMunicipalityCodeSystem =
    "http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes";

struct PatientFacts {
  std::string cpr_text;  // as written; empty when cpr_problem is set
  // MISSING_CPR (no CPR identifier), INVALID_CPR (invalid, or two different numbers).
  std::optional<json_source::FieldProblem> cpr_problem;
  std::optional<std::uint32_t> municipality_code;                 // "0751" -> 751
  std::optional<json_source::FieldProblem> municipality_problem;  // an unreadable code
};

// What one Patient resource says; `path` is its JSON path in the body.
PatientFacts read_patient(const boost::json::object& patient, const std::string& path);

class PatientIndex {
 public:
  // Adds a Patient entry at JSON path `path`, found by its fullUrl (may be empty) and its `id`.
  void add(const std::string& full_url, const std::string& id, const std::string& path,
           PatientFacts facts);

  // The Patient `reference` names: an entry's fullUrl, or "Patient/<id>" (FORMAT.md §2), or
  // "#<id>" for a Patient contained in `referrer` (a single resource carries its Patient so).
  // nullptr when it names no Patient of the body.
  const PatientFacts* resolve(std::string_view reference, const boost::json::object& referrer,
                              const std::string& referrer_path);

 private:
  std::vector<PatientFacts> patients_;
  std::unordered_map<std::string, std::size_t> by_full_url_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::deque<PatientFacts> contained_;  // contained Patients resolved so far (stable addresses)
};

}  // namespace samsag::adapters::fhir
