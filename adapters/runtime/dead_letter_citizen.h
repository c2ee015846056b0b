// Who a dead letter is about, and how `samsag dlq replay` puts them back. A dead letter's
// original has every CPR-shaped number masked, so by itself it names no citizen. When every
// CPR-shaped number in the original is one and the same valid CPR number, the runtime records
// the citizen's pseudonym (DeadLetter.citizen). Replay then writes a placeholder number where
// the original is masked, so the parser reads the record as it did (a parser may check the CPR's
// format), and publishes it under the recorded pseudonym: the placeholder never becomes a
// pseudonym, and a replayed record is keyed exactly like the record it replaces.
#pragma once

#include <string>
#include <string_view>

#include "core/privacy/pseudonymiser.h"

namespace samsag::adapters {

// The pseudonym of the one valid CPR number behind every CPR-shaped number in `original`;
// empty when there is none, when one of them is not a valid CPR, or when they differ.
std::string citizen_of_original(std::string_view original,
                                const samsag::privacy::Pseudonymiser& pseudonymiser);

// `masked` with every masked number ("XXXXXX-XXXX" or "XXXXXXXXXX") replaced by the placeholder,
// written the same way (with or without the dash).
std::string with_placeholder_cpr(std::string_view masked);

// True when a parser's cpr_text is the placeholder (as with_placeholder_cpr wrote it).
bool is_placeholder_cpr(std::string_view cpr_text);

}  // namespace samsag::adapters
