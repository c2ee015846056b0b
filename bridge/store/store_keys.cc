#include "bridge/store/store_keys.h"

#include <charconv>

namespace samsag::bridge::store_keys {

std::string case_key(std::string_view pseudonym) {
  return std::string(kCasePrefix).append(pseudonym);
}

std::string member_prefix(std::int32_t partition) {
  return "member/" + std::to_string(partition) + "/";
}

std::string member_key(std::int32_t partition, std::string_view pseudonym) {
  return member_prefix(partition).append(pseudonym);
}

std::string applied_key(std::int32_t partition) { return "applied/" + std::to_string(partition); }

std::string checkpoint_key(std::int32_t partition) {
  return "checkpoint/" + std::to_string(partition);
}

std::string layout_value(std::int32_t partitions) {
  return "samsag-bridge-store/1 partitions=" + std::to_string(partitions);
}

std::string encode_offset(std::int64_t offset) { return std::to_string(offset); }

std::optional<std::int64_t> decode_offset(std::string_view text) {
  std::int64_t offset = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, offset);
  if (ec != std::errc() || ptr != end || offset < 0) return std::nullopt;
  return offset;
}

}  // namespace samsag::bridge::store_keys
