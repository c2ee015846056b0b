#include "core/events/dead_letters.h"

#include "core/privacy/cpr_shape.h"

namespace samsag::events {

samsag::v1::DeadLetter make_dead_letter(const DeadLetterFacts& facts,
                                        const google::protobuf::Timestamp& rejected_at) {
  samsag::v1::DeadLetter letter;
  letter.set_reason(facts.reason);
  // Defence in depth: a message is written without personal data, and masked all the same.
  letter.set_message(samsag::privacy::mask_cpr_shaped(facts.message));
  letter.set_field(facts.field);
  letter.set_original(samsag::privacy::mask_cpr_shaped(facts.original));
  *letter.mutable_origin() = facts.origin;
  if (!facts.header.empty()) {
    letter.mutable_origin()->set_header(samsag::privacy::mask_cpr_shaped(facts.header));
  }
  letter.set_citizen(facts.citizen);
  *letter.mutable_rejected_at() = rejected_at;
  letter.set_municipality_code(facts.municipality_code);
  return letter;
}

std::string_view reason_name(samsag::v1::DeadLetterReason reason) {
  static constexpr std::string_view kPrefix = "DEAD_LETTER_REASON_";
  const std::string& full = samsag::v1::DeadLetterReason_Name(reason);
  std::string_view name(full);
  if (name.substr(0, kPrefix.size()) == kPrefix) name.remove_prefix(kPrefix.size());
  return name.empty() ? std::string_view("UNKNOWN") : name;
}

}  // namespace samsag::events
