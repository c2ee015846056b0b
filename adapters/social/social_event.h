// One event object of a social request (adapters/social/FORMAT.md §2-§3) -> a SourceRecord or
// the Rejection that says which field is wrong.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "adapters/runtime/source_record.h"

namespace samsag::adapters::social {

struct EventObjectContext {
  std::string path;                     // JSON path of the object: "" or "events[3]"
  std::uint32_t municipality_code = 0;  // 0: not checked
  SourcePosition position;
  std::string original;  // the object's bytes, for a dead letter
};

ParsedRecord read_social_event(const boost::json::object& object, EventObjectContext context);

}  // namespace samsag::adapters::social
