// A small streaming JSON writer with a fixed, byte-for-byte predictable layout: compact, or
// indented by two spaces. Methods are named by type (string/number/boolean) so a string literal
// can never silently become a bool.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace samsag::gen {

// Appends `text` as a JSON string literal (UTF-8 passed through; quotes, backslashes and control
// characters escaped).
void append_json_string(std::string& out, std::string_view text);

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out, bool pretty = false) : out_(out), pretty_(pretty) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& string(std::string_view value);
  JsonWriter& number(std::int64_t value);
  JsonWriter& boolean(bool value);

  // key + value in one call.
  JsonWriter& field(std::string_view name, std::string_view value) {
    return key(name).string(value);
  }
  JsonWriter& number_field(std::string_view name, std::int64_t value) {
    return key(name).number(value);
  }

 private:
  void before_value();
  void newline();

  std::string& out_;
  bool pretty_;
  std::vector<bool> empty_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace samsag::gen
