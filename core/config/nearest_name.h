// "Did you mean ...?" for misspelt config keys and enum names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace samsag::config {

// The candidate closest to `written` by edit distance, when it is close enough to be a likely
// typo (at most 2 edits, or a third of the length for long names); empty otherwise.
std::string nearest_name(std::string_view written, const std::vector<std::string>& candidates);

}  // namespace samsag::config
