#include "tests/fuzz/rejections.h"

#include <variant>

#include "core/privacy/cpr_shape.h"
#include "tests/fuzz/fuzz_inputs.h"

namespace samsag::fuzz {

void check_parse_result(const adapters::ParseResult& parsed, bool body_rejected,
                        bool has_first_error, std::size_t max_records) {
  std::size_t rejections = 0;
  for (const auto& record : parsed.records) {
    const auto* rejection = std::get_if<adapters::Rejection>(&record);
    if (rejection == nullptr) continue;
    ++rejections;
    fuzz_check(!rejection->message.empty(), "a rejection says why");
    fuzz_check(!privacy::contains_cpr_shaped(rejection->message),
               "a rejection's message carries no CPR-shaped number");
    fuzz_check(!privacy::contains_cpr_shaped(rejection->field),
               "a rejection's field path carries no CPR-shaped number");
  }
  fuzz_check(!body_rejected || (parsed.records.size() == 1 && rejections == 1),
             "a rejected body is exactly one rejection");
  fuzz_check(has_first_error == (rejections > 0),
             "first_error is set exactly when one is rejected");
  fuzz_check(parsed.records.size() <= max_records, "no more records than the format allows");
}

}  // namespace samsag::fuzz
