// Against an existing cluster (`samsag up --bootstrap`), when `samsag topics ensure` is not there
// to create them: which of the municipality's topics the cluster lacks.
#pragma once

#include <string>
#include <vector>

#include "core/base/result.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::cli::up {

// The names of {m}.*.v1 that do not exist, in Topics::all() order; empty when all do. Never
// creates a topic. Errors: INVALID_KAFKA_SETTINGS, TIMED_OUT, BROKER_UNREACHABLE.
Result<std::vector<std::string>> missing_topics(const config::v1::Config& config);

}  // namespace samsag::cli::up
