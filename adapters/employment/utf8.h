// UTF-8 checks for the employment CSV: FORMAT.md §2 rejects a row that is not UTF-8 (typically an
// old Windows-1252 export), and text limits are counted in characters, not bytes.
#pragma once

#include <cstddef>
#include <string_view>

namespace samsag::adapters::employment {

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// The number of code points in `text`, which must be valid UTF-8.
std::size_t count_code_points(std::string_view text);

}  // namespace samsag::adapters::employment
