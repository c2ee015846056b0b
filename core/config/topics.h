// Topic names of one municipality: "{slug}.{kind}.v1" (DESIGN.md "The flow").
#pragma once

#include <string>
#include <vector>

#include "samsag/v1/common.pb.h"

namespace samsag::config {

struct Topics {
  std::string employment;
  std::string social;
  std::string health;
  std::string region;
  std::string consent;
  std::string plan;
  std::string case_;  // "case" is a keyword
  std::string audit;
  std::string dlq;
  // Where bridge instances publish their API address and partitions (bridge/api/README.md):
  // compacted, keyed by instance id, one partition. Not co-partitioned with the others.
  std::string members;

  static Topics for_municipality(const std::string& slug);

  // The topic of a sector or decision stream (EMPLOYMENT..PLAN); empty for UNSPECIFIED.
  const std::string& for_sector(samsag::v1::Sector sector) const;
  // The topics the bridge consumes: the four sector topics, consent and plan.
  std::vector<std::string> bridge_inputs() const;
  // Every topic of the municipality.
  std::vector<std::string> all() const;
  // The partition count `topic` should be created with, when the per-citizen topics have
  // `per_citizen` partitions: 1 for members, `per_citizen` for every other topic.
  int partitions_of(const std::string& topic, int per_citizen) const;
};

}  // namespace samsag::config
