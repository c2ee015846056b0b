// Finding CPR-shaped numbers in arbitrary text, for masking dead letters and for the guards that
// scan logs and topics. "CPR-shaped" is deliberately wider than "valid": DDMMYY[-]SSSS with a
// plausible day (01-31) and month (01-12), not part of a longer run of digits.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace samsag::privacy {

// True when `text` contains at least one CPR-shaped number.
bool contains_cpr_shaped(std::string_view text);

// Every CPR-shaped number in `text`, as written (with its dash, if any), in order.
std::vector<std::string_view> cpr_shaped_numbers(std::string_view text);

// `text` with every digit of every CPR-shaped number replaced by 'X' (the dash is kept), so the
// shape of a record stays readable in a dead letter while the number is gone.
std::string mask_cpr_shaped(std::string_view text);

}  // namespace samsag::privacy
