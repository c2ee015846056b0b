#include "adapters/json_source/json_body.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/value_stack.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

namespace samsag::adapters::json_source {
namespace {

using boost::json::string_view;

constexpr std::size_t kMaxDepth = 100;
using boost::system::error_code;

// Boost.JSON's own value builder, plus a check that no object repeats a key: Boost keeps the
// last of two equal keys, another reader might keep the first, and for a CPR number or a status
// the two must never disagree.
class DuplicateKeyCheckingBuilder {
 public:
  static constexpr std::size_t max_object_size = boost::json::object::max_size();
  static constexpr std::size_t max_array_size = boost::json::array::max_size();
  static constexpr std::size_t max_key_size = boost::json::string::max_size();
  static constexpr std::size_t max_string_size = boost::json::string::max_size();

  boost::json::value_stack values;
  bool duplicate_key = false;

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) {
    objects_.push_back(OpenObject{.first_key = key_count_, .many_keys = nullptr});
    return true;
  }
  bool on_object_end(std::size_t n, error_code&) {
    key_count_ = objects_.back().first_key;
    objects_.pop_back();
    values.push_object(n);
    return true;
  }
  bool on_array_begin(error_code&) { return true; }
  bool on_array_end(std::size_t n, error_code&) {
    values.push_array(n);
    return true;
  }
  bool on_key_part(string_view s, std::size_t, error_code&) {
    pending_key_.append(s.data(), s.size());
    values.push_chars(s);
    return true;
  }
  bool on_key(string_view s, std::size_t, error_code& ec) {
    pending_key_.append(s.data(), s.size());
    const bool fresh = remember_key();
    pending_key_.clear();
    if (!fresh) {
      duplicate_key = true;
      ec = boost::json::error::syntax;
      return false;
    }
    values.push_key(s);
    return true;
  }
  bool on_string_part(string_view s, std::size_t, error_code&) {
    values.push_chars(s);
    return true;
  }
  bool on_string(string_view s, std::size_t, error_code&) {
    values.push_string(s);
    return true;
  }
  bool on_number_part(string_view, error_code&) { return true; }
  bool on_int64(std::int64_t i, string_view, error_code&) {
    values.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, string_view, error_code&) {
    values.push_uint64(u);
    return true;
  }
  bool on_double(double d, string_view, error_code&) {
    values.push_double(d);
    return true;
  }
  bool on_bool(bool b, error_code&) {
    values.push_bool(b);
    return true;
  }
  bool on_null(error_code&) {
    values.push_null();
    return true;
  }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }

 private:
  // Objects of a few keys (nearly all of them) are checked by comparing with the keys before, in
  // strings that keep their capacity from object to object; a larger object gets a hash set, so a
  // hostile body of many keys costs linear time, not quadratic.
  static constexpr std::size_t kLinearKeys = 16;

  struct OpenObject {
    std::size_t first_key = 0;  // into keys_
    std::unique_ptr<std::unordered_set<std::string>> many_keys;
  };

  // Adds pending_key_ to the innermost open object; false if it has that key already.
  bool remember_key() {
    OpenObject& object = objects_.back();
    if (object.many_keys) return object.many_keys->insert(pending_key_).second;
    for (std::size_t i = object.first_key; i < key_count_; ++i) {
      if (keys_[i] == pending_key_) return false;
    }
    if (key_count_ - object.first_key == kLinearKeys) {
      object.many_keys = std::make_unique<std::unordered_set<std::string>>(
          keys_.begin() + static_cast<std::ptrdiff_t>(object.first_key),
          keys_.begin() + static_cast<std::ptrdiff_t>(key_count_));
      key_count_ = object.first_key;  // the set holds them now
      return object.many_keys->insert(pending_key_).second;
    }
    if (key_count_ == keys_.size()) keys_.emplace_back();
    keys_[key_count_++].assign(pending_key_);
    return true;
  }

  std::vector<OpenObject> objects_;
  std::vector<std::string> keys_;  // the first key_count_ are the open objects' keys
  std::size_t key_count_ = 0;
  std::string pending_key_;
};

// "line L, column C" (both 1-based, columns in bytes) of byte `offset` in `text`.
std::string line_and_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
      code_point = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      code_point = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      code_point = c & 0x07;
    } else {
      return false;  // a continuation byte out of place, an overlong lead (C0, C1) or F5..FF
    }
    if (i + length > n) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (s[i + k] & 0x3F);
    }
    const bool overlong =
        (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
    const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
    if (overlong || surrogate || code_point > 0x10FFFF) return false;
    i += length;
  }
  return true;
}

Result<boost::json::value> parse_json_body(std::string_view body) {
  // RFC 8259 lets a reader ignore a byte order mark; Windows export jobs write one.
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  if (body.starts_with(kByteOrderMark)) body.remove_prefix(kByteOrderMark.size());
  boost::json::parse_options options;
  // Boost's default of 32 levels is less than a FHIR Bundle with nested resources may need; the
  // body size limit bounds the work anyway.
  options.max_depth = kMaxDepth;
  boost::json::basic_parser<DuplicateKeyCheckingBuilder> parser(options);
  // One arena per body, owned by the value it builds: a FHIR bundle is thousands of small
  // strings and objects, which would otherwise be as many mallocs and frees.
  parser.handler().values.reset(
      boost::json::make_shared_resource<boost::json::monotonic_resource>());
  error_code error;
  std::size_t consumed = parser.write_some(true, body.data(), body.size(), error);
  if (!error && consumed < body.size()) error = boost::json::error::extra_data;
  if (!error) parser.write_some(false, nullptr, 0, error);
  // Boost.JSON refuses invalid UTF-8 itself (allow_invalid_utf8 is off), so the body is
  // validated separately only when it failed: to tell a wrong encoding from broken JSON.
  if ((error || parser.handler().duplicate_key) && !is_valid_utf8(body)) {
    return make_error("BAD_ENCODING", "the body is not UTF-8 text (an old Windows-1252 export?)");
  }
  if (parser.handler().duplicate_key) {
    // The parser stops after the key's closing quote.
    return make_error("UNPARSEABLE", "the body repeats a key within one JSON object at " +
                                         line_and_column(body, consumed));
  }
  if (error) {
    return make_error("UNPARSEABLE", "the body is not valid JSON (" + error.message() + ") at " +
                                         line_and_column(body, consumed));
  }
  return parser.handler().values.release();
}

}  // namespace samsag::adapters::json_source
