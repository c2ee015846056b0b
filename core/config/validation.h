// Internal to the loader: the checks that need more than the schema's types (ranges, formats,
// which source an adapter kind needs, unique names and ports). They run on the config as written,
// before defaults are applied, so a problem points at the operator's own line.
#pragma once

#include "core/config/problem_list.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::config {

void validate(const v1::Config& config, const SourceMap& source_map, ProblemList& problems);

}  // namespace samsag::config
