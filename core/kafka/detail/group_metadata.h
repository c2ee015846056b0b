// The inside of ConsumerGroupMetadata. Private to core/kafka.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <memory>

#include "core/kafka/consumer_group_metadata.h"

namespace samsag::kafka {

struct ConsumerGroupMetadata::Impl {
  std::unique_ptr<RdKafka::ConsumerGroupMetadata> metadata;
};

}  // namespace samsag::kafka
