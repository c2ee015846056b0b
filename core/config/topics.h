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

  static Topics for_municipality(const std::string& slug);

  // The topic of a sector or decision stream (EMPLOYMENT..PLAN); empty for UNSPECIFIED.
  const std::string& for_sector(samsag::v1::Sector sector) const;
  // The topics the bridge consumes: the four sector topics, consent and plan.
  std::vector<std::string> bridge_inputs() const;
  // Every topic of the municipality.
  std::vector<std::string> all() const;
};

}  // namespace samsag::config
