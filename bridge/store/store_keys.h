// How the state store lays out its keys in RocksDB. One place, so the layout is written once and
// read back the same way:
//
//   case/<pseudonym>                 the case's bytes (serialize_case: deterministic)
//   member/<partition>/<pseudonym>   the case's coordinator id (may be empty); lists a partition's
//                                    cases so it can be dropped alone, and a coordinator's cases
//   applied/<partition>              the next case-topic offset the store has not applied
//   checkpoint/<partition>           the latest samsag.v1.Checkpoint seen for the partition
//   layout                           the store's format and partition count
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace samsag::bridge::store_keys {

inline constexpr std::string_view kCasePrefix = "case/";
inline constexpr std::string_view kLayout = "layout";

std::string case_key(std::string_view pseudonym);
std::string member_prefix(std::int32_t partition);
std::string member_key(std::int32_t partition, std::string_view pseudonym);
std::string applied_key(std::int32_t partition);
std::string checkpoint_key(std::int32_t partition);

// The value of the layout key for a store of `partitions` partitions.
std::string layout_value(std::int32_t partitions);

// The coordinator_id of a serialized CitizenCase, read from the wire format without parsing the
// rest of the case (the store indexes every case it writes); "" when it has none or does not parse.
std::string coordinator_id_of(std::string_view case_bytes);

// Offsets are stored as decimal text: readable with ldb, and never ambiguous.
std::string encode_offset(std::int64_t offset);
std::optional<std::int64_t> decode_offset(std::string_view text);

}  // namespace samsag::bridge::store_keys
