// How a message and its structured fields travel through spdlog, whose log record holds only one
// string: the fields are length-prefixed in front of the message, and the JSON formatter takes
// them apart again. Lines logged through spdlog directly carry no prefix and are just a message.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/log/log.h"

namespace samsag::log {

struct PayloadField {
  std::string_view key;
  std::string_view text;
  bool raw = false;  // a JSON number or boolean rather than a string
};

struct Payload {
  std::string_view message;
  std::vector<PayloadField> fields;
};

// Message and fields as one spdlog payload.
std::string encode_payload(std::string_view message, Fields fields);

// The inverse of encode_payload; anything not encoded by it is returned whole as the message.
Payload decode_payload(std::string_view payload);

}  // namespace samsag::log
