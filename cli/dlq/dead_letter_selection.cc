#include "cli/dlq/dead_letter_selection.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace samsag::cli::dlq {
namespace {

using google::protobuf::Timestamp;
using google::protobuf::util::TimeUtil;

template <typename Number>
std::optional<Number> whole_number(std::string_view text) {
  Number value{};
  const auto* end = text.data() + text.size();
  const auto [parsed_to, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc{} || parsed_to != end || value < 0) return std::nullopt;
  return value;
}

bool same_source(const samsag::v1::DeadLetterOrigin& origin, const std::string& source) {
  return origin.component() == source || origin.component() == "adapter " + source ||
         (!origin.source_system().empty() && origin.source_system() == source);
}

}  // namespace

bool DeadLetterSelection::matches(const StoredDeadLetter& stored) const {
  if (!positions.empty() &&
      std::find(positions.begin(), positions.end(),
                std::make_pair(stored.partition, stored.offset)) == positions.end()) {
    return false;
  }
  if (stored.unreadable) return !reason && !source && !since;
  const auto& letter = stored.letter;
  if (reason && letter.reason() != *reason) return false;
  if (source && !same_source(letter.origin(), *source)) return false;
  if (since && letter.rejected_at() < *since) return false;
  return true;
}

std::vector<StoredDeadLetter> DeadLetterSelection::apply(
    std::vector<StoredDeadLetter> letters) const {
  std::vector<StoredDeadLetter> selected;
  for (auto& stored : letters) {
    if (limit && selected.size() >= *limit) break;
    if (matches(stored)) selected.push_back(std::move(stored));
  }
  return selected;
}

Result<samsag::v1::DeadLetterReason> parse_reason(const std::string& text) {
  std::string name = text;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (name.rfind("DEAD_LETTER_REASON_", 0) != 0) name = "DEAD_LETTER_REASON_" + name;
  samsag::v1::DeadLetterReason reason{};
  if (!samsag::v1::DeadLetterReason_Parse(name, &reason) ||
      reason == samsag::v1::DEAD_LETTER_REASON_UNSPECIFIED) {
    return make_error("INVALID_REASON", "\"" + text +
                                            "\" is not a dead-letter reason (e.g. INVALID_CPR, "
                                            "WRONG_MUNICIPALITY; schemas/samsag/v1/"
                                            "dead_letter.proto lists them)");
  }
  return reason;
}

Result<Timestamp> parse_since(const std::string& text, const Timestamp& now) {
  Timestamp at;
  if (TimeUtil::FromString(text, &at)) return at;
  if (text.size() == 10 && TimeUtil::FromString(text + "T00:00:00Z", &at)) return at;
  if (text.size() >= 2) {
    const char unit = text.back();
    const auto count =
        whole_number<std::int64_t>(std::string_view(text).substr(0, text.size() - 1));
    const std::int64_t seconds = unit == 'm' ? 60 : unit == 'h' ? 3600 : unit == 'd' ? 86400 : 0;
    if (count && seconds > 0) {
      return now - TimeUtil::SecondsToDuration(*count * seconds);
    }
  }
  return make_error("INVALID_TIME", "\"" + text +
                                        "\" is not a time: write 2026-03-02T10:00:00Z, "
                                        "2026-03-02, or a span back from now such as 36h or 7d");
}

Result<std::pair<std::int32_t, std::int64_t>> parse_position(const std::string& text) {
  const auto colon = text.find(':');
  if (colon != std::string::npos) {
    auto partition = whole_number<std::int32_t>(std::string_view(text).substr(0, colon));
    auto offset = whole_number<std::int64_t>(std::string_view(text).substr(colon + 1));
    if (partition && offset) return std::make_pair(*partition, *offset);
  }
  return make_error("INVALID_POSITION", "\"" + text +
                                            "\" is not PARTITION:OFFSET (e.g. 2:1041, as "
                                            "`samsag dlq list` prints it)");
}

}  // namespace samsag::cli::dlq
