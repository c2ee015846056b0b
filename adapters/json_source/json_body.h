// Reading a JSON request body (social events, FHIR resources) into a Boost.JSON value, with the
// two whole-body failures the formats name: BAD_ENCODING (not UTF-8) and UNPARSEABLE (not JSON,
// with the line and column of the first error so a source system's developer can find it).
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "core/base/result.h"

namespace samsag::adapters::json_source {

// True when `bytes` is well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

// The body as a JSON value (a leading UTF-8 byte order mark is skipped; nesting up to 100 levels).
// Errors: BAD_ENCODING, UNPARSEABLE; messages name a position, never
// the body's content. Duplicate object keys are UNPARSEABLE: which one a reader would take is
// not defined by RFC 8259, and two readers must never disagree on a CPR number.
Result<boost::json::value> parse_json_body(std::string_view body);

}  // namespace samsag::adapters::json_source
