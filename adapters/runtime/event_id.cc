#include "adapters/runtime/event_id.h"

#include "core/digest/sha256.h"

namespace samsag::adapters {

std::string derive_event_id(std::string_view source_system, std::string_view record_id,
                            std::string_view record_version) {
  // The unit separator cannot occur in the ids the formats accept.
  static constexpr char kSeparator = '\x1f';
  std::string input;
  input.reserve(source_system.size() + record_id.size() + record_version.size() + 2);
  input.append(source_system).push_back(kSeparator);
  input.append(record_id).push_back(kSeparator);
  input.append(record_version);
  return samsag::digest::sha256_hex(input).substr(0, 32);
}

}  // namespace samsag::adapters
