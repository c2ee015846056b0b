// The FHIR corpus runs shared by the health and region tests: golden Bundles with the expected
// records beside them (tests/data/fhir/golden/<sector>) and bad bodies with `.reasons` sidecars
// (tests/data/fhir/bad/<sector>).
#pragma once

#include <cstdint>
#include <filesystem>

#include "adapters/fhir/fhir_request.h"

namespace samsag::adapters::testing {

using FhirParser = fhir::FhirParse (*)(const fhir::FhirRequest& request);

// The adapter under test is Aarhus's (751); gen's neighbour municipality is Randers (730).
inline constexpr std::uint32_t kTestMunicipality = 751;

void expect_fhir_goldens(const std::filesystem::path& directory, FhirParser parse);
void expect_fhir_bad_reasons(const std::filesystem::path& directory, FhirParser parse);

}  // namespace samsag::adapters::testing
