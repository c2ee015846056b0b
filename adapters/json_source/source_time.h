// The JSON sources' time values are core/time's (dates are 00:00 Europe/Copenhagen).
#pragma once

#include "core/time/source_time.h"

namespace samsag::adapters::json_source {
using samsag::times::copenhagen_offset_minutes_at_midnight;
using samsag::times::parse_date;
using samsag::times::parse_date_or_date_time;
using samsag::times::parse_date_time;
}  // namespace samsag::adapters::json_source
