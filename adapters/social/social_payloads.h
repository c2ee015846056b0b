// The typed payload of each social event type (adapters/social/FORMAT.md §3). Each reader fills
// exactly one oneof field of `event` and reports problems to the reader's sink.
#pragma once

#include <optional>
#include <string_view>

#include "adapters/json_source/object_reader.h"
#include "samsag/v1/event.pb.h"

namespace samsag::adapters::social {

using PayloadReader = void (*)(json_source::ObjectReader& object, samsag::v1::Event& event);

// The reader for a `type` value (matched case-insensitively), or nullptr for an unknown type.
PayloadReader payload_reader_for(std::string_view type);

}  // namespace samsag::adapters::social
