#include "adapters/runtime/dead_letter_citizen.h"

#include <optional>

#include "core/privacy/cpr.h"
#include "core/privacy/cpr_shape.h"

namespace samsag::adapters {
namespace {

// A valid number (2 January 1960) of the synthetic scheme (domain.md §6: it fails modulus 11),
// so by the CPR office's practice nobody's. It lives only inside a replay and is never
// pseudonymised: the record carries the dead letter's pseudonym instead.
constexpr std::string_view kPlaceholderDate = "020160";
constexpr std::string_view kPlaceholderSerial = "0000";

bool is_mask_or_digit(char c) { return c == 'X' || (c >= '0' && c <= '9'); }

// Length of a masked number at `at` (10 or 11 with the dash), or 0.
std::size_t masked_at(std::string_view s, std::size_t at) {
  if (at > 0 && is_mask_or_digit(s[at - 1])) return 0;
  auto masks = [&](std::size_t from, std::size_t count) {
    if (from + count > s.size()) return false;
    for (std::size_t i = from; i < from + count; ++i) {
      if (s[i] != 'X') return false;
    }
    return true;
  };
  if (!masks(at, 6)) return 0;
  std::size_t serial = at + 6;
  if (serial < s.size() && s[serial] == '-') ++serial;
  if (!masks(serial, 4)) return 0;
  const std::size_t end = serial + 4;
  if (end < s.size() && is_mask_or_digit(s[end])) return 0;
  return end - at;
}

}  // namespace

std::string citizen_of_original(std::string_view original,
                                const samsag::privacy::Pseudonymiser& pseudonymiser) {
  std::optional<samsag::privacy::Cpr> citizen;
  for (const auto shaped : samsag::privacy::cpr_shaped_numbers(original)) {
    auto cpr = samsag::privacy::Cpr::parse(shaped);
    if (!cpr.ok()) return {};
    if (citizen && !(*citizen == *cpr)) return {};
    citizen = std::move(cpr.value());
  }
  return citizen ? pseudonymiser.pseudonym(*citizen) : std::string();
}

std::string with_placeholder_cpr(std::string_view masked) {
  std::string out;
  out.reserve(masked.size());
  for (std::size_t i = 0; i < masked.size();) {
    const std::size_t length = masked_at(masked, i);
    if (length == 0) {
      out += masked[i++];
      continue;
    }
    out += kPlaceholderDate;
    if (length == 11) out += '-';
    out += kPlaceholderSerial;
    i += length;
  }
  return out;
}

bool is_placeholder_cpr(std::string_view cpr_text) {
  std::string digits;
  for (char c : cpr_text) {
    if (c != '-' && c != ' ' && c != '\t') digits += c;
  }
  return digits == std::string(kPlaceholderDate) + std::string(kPlaceholderSerial);
}

}  // namespace samsag::adapters
