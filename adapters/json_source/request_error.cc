#include "adapters/json_source/request_error.h"

#include <variant>

#include "core/events/dead_letters.h"

namespace samsag::adapters::json_source {

std::optional<RequestError> first_rejection(const ParseResult& result) {
  for (const ParsedRecord& record : result.records) {
    if (const auto* rejection = std::get_if<Rejection>(&record)) {
      return RequestError{rejection->reason,
                          std::string(samsag::events::reason_name(rejection->reason)),
                          rejection->field, rejection->message, rejection->position.index};
    }
  }
  return std::nullopt;
}

}  // namespace samsag::adapters::json_source
