#include "bridge/store/store_keys.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include <charconv>

#include "samsag/v1/case.pb.h"

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
  return "samsag-bridge-store/2 partitions=" + std::to_string(partitions);
}

std::string coordinator_id_of(std::string_view case_bytes) {
  using google::protobuf::internal::WireFormatLite;
  google::protobuf::io::CodedInputStream input(
      reinterpret_cast<const std::uint8_t*>(case_bytes.data()),
      static_cast<int>(case_bytes.size()));
  std::string coordinator_id;
  while (const std::uint32_t tag = input.ReadTag()) {
    if (WireFormatLite::GetTagFieldNumber(tag) !=
            samsag::v1::CitizenCase::kCoordinatorFieldNumber ||
        WireFormatLite::GetTagWireType(tag) != WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
      if (!WireFormatLite::SkipField(&input, tag)) return "";
      continue;
    }
    std::string bytes;
    std::uint32_t length = 0;
    if (!input.ReadVarint32(&length) || !input.ReadString(&bytes, static_cast<int>(length))) {
      return "";
    }
    samsag::v1::Coordinator coordinator;
    if (!coordinator.ParseFromString(bytes)) return "";
    coordinator_id = coordinator.coordinator_id();  // the last occurrence wins, as in a parse
  }
  return coordinator_id;
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
