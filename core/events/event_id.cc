#include "core/events/event_id.h"

#include "core/digest/base32.h"

namespace samsag::events {

std::string derive_event_id(std::string_view source_system, std::string_view record_id,
                            std::string_view record_version) {
  // The unit separator cannot occur in the ids the formats accept.
  static constexpr char kSeparator = '\x1f';
  std::string input;
  input.reserve(source_system.size() + record_id.size() + record_version.size() + 2);
  input.append(source_system).push_back(kSeparator);
  input.append(record_id).push_back(kSeparator);
  input.append(record_version);
  return samsag::digest::sha256_base32(input, 16);
}

}  // namespace samsag::events
