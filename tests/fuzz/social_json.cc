#include "adapters/social/social_parser.h"
#include "tests/fuzz/fuzz_inputs.h"
#include "tests/fuzz/rejections.h"

namespace samsag::fuzz {

void social_json(std::string_view input) {
  for (const std::uint32_t municipality : {0u, 751u}) {
    const auto parsed = adapters::social::parse_social_request({input, "fuzz", municipality});
    check_parse_result(parsed.parsed, parsed.body_rejected, parsed.first_error.has_value(),
                       adapters::social::kMaxEventsPerRequest);
  }
}

}  // namespace samsag::fuzz
