// What each fuzz target does with one input. Shared by the libFuzzer executables (built only with
// the `fuzz` preset) and by fuzz_replay_test, which feeds every committed seed and every crash
// reproducer through the same functions in the ordinary builds. An entry returns normally for
// any input; it aborts (via fuzz_check) when an invariant the input must never break is broken.
#pragma once

#include <string_view>

namespace samsag::fuzz {

// adapters/employment: a whole export file through ExportReader and the row mapper.
void employment_csv(std::string_view input);
// adapters/social: one `POST /v1/events` body through parse_social_request.
void social_json(std::string_view input);
// adapters/fhir: one FHIR body through the health and the region mapping.
void fhir_json(std::string_view input);
// core/config: a YAML config through load_config_text.
void config_yaml(std::string_view input);
// core/auth: the first byte picks a mode: a bearer token, claims signed and then verified, or a
// JWKS document.
void jwt(std::string_view input);

// Aborts with `what` when `condition` is false: the fuzzer records the input as a crash.
void fuzz_check(bool condition, const char* what);

}  // namespace samsag::fuzz
