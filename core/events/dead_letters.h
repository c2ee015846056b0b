// Building DeadLetter records (schemas/samsag/v1/dead_letter.proto). Shared by the adapters and
// the bridge so every dead letter is masked the same way: the original bytes keep their shape
// for whoever fixes the record, but every CPR-shaped number in them is gone.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "samsag/v1/dead_letter.pb.h"

namespace samsag::events {

struct DeadLetterFacts {
  samsag::v1::DeadLetterReason reason = samsag::v1::DEAD_LETTER_REASON_UNSPECIFIED;
  std::string message;  // one sentence, no personal data
  std::string field;
  std::string_view original;  // raw bytes; masked here
  samsag::v1::DeadLetterOrigin origin;
  std::uint32_t municipality_code = 0;
  // The citizen's pseudonym, when known (see DeadLetter.citizen).
  std::string citizen;
  // CSV: the file's header line, raw; masked here.
  std::string_view header;
};

samsag::v1::DeadLetter make_dead_letter(const DeadLetterFacts& facts,
                                        const google::protobuf::Timestamp& rejected_at);

// The reason's short name for metric labels and logs, e.g. "INVALID_CPR".
std::string_view reason_name(samsag::v1::DeadLetterReason reason);

}  // namespace samsag::events
