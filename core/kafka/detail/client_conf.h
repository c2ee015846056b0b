// librdkafka configuration objects from samsag's property lists. Private to core/kafka: nothing
// outside it may include librdkafka.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/kafka/settings.h"

namespace samsag::kafka::detail {

// Sets one property. The error names the property and repeats librdkafka's reason, except for
// properties that may hold secrets, whose values never reach an error message or a log line.
Status apply_property(RdKafka::Conf& conf, const std::string& name, const std::string& value);

// A global configuration with `properties` applied in order (later ones win, as with aliases).
Result<std::unique_ptr<RdKafka::Conf>> make_conf(const std::vector<Property>& properties);

// The value `conf` holds for `name`, after aliases; nullopt for an unknown name.
std::optional<std::string> read_property(const RdKafka::Conf& conf, const std::string& name);

}  // namespace samsag::kafka::detail
