#include "adapters/fhir/fhir_request.h"
#include "adapters/health/health_parser.h"
#include "adapters/region/region_parser.h"
#include "tests/fuzz/fuzz_inputs.h"
#include "tests/fuzz/rejections.h"

namespace samsag::fuzz {
namespace {

void check(const adapters::fhir::FhirParse& parsed, std::size_t input_size) {
  // A Bundle entry gives at most one record; an entry takes more than a few bytes.
  check_parse_result(parsed.parsed, parsed.body_rejected, parsed.first_error.has_value(),
                     input_size / 8 + 1);
}

}  // namespace

void fhir_json(std::string_view input) {
  // The URL's resource type is part of the request; the first line of the input may name one.
  std::string_view type_in_url;
  if (input.starts_with("@")) {
    const auto end = input.find('\n');
    type_in_url = input.substr(1, end == std::string_view::npos ? 0 : end - 1);
    input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
  }
  const adapters::fhir::FhirRequest request{input, "fuzz", 751, std::string(type_in_url)};
  check(adapters::health::parse_health_request(request), input.size());
  check(adapters::region::parse_region_request(request), input.size());
}

}  // namespace samsag::fuzz
