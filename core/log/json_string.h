// Writing arbitrary bytes as a JSON string literal: log lines must parse as JSON whatever a
// message or a source record contains (quotes, control characters, broken UTF-8).
#pragma once

#include <string>
#include <string_view>

namespace samsag::log {

// Appends `text` to `out` as a quoted JSON string. Quotes, backslashes and control characters are
// escaped; bytes that are not valid UTF-8 become U+FFFD, so the line stays valid JSON and UTF-8.
void append_json_string(std::string_view text, std::string& out);

}  // namespace samsag::log
