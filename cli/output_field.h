// One field of the machine-greppable `key=value` lines that `samsag topics` and `samsag dlq`
// print: a sentence in double quotes with \ and " escaped and newlines as spaces, so it stays one
// field on one line.
#pragma once

#include <string>

namespace samsag::cli {

inline std::string quoted_field(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out + "\"";
}

}  // namespace samsag::cli
