#include "core/config/nearest_name.h"

#include <gtest/gtest.h>

namespace samsag::config {
namespace {

const std::vector<std::string> kKafkaKeys = {"bootstrap", "properties", "partitions",
                                             "replication_factor", "transactions"};

TEST(NearestName, SuggestsTheKeyOneTypoAway) {
  EXPECT_EQ(nearest_name("partiton", kKafkaKeys), "partitions");
  EXPECT_EQ(nearest_name("Bootstrap", kKafkaKeys), "bootstrap");
}

TEST(NearestName, SuggestsNothingForAnUnrelatedName) {
  EXPECT_EQ(nearest_name("region", kKafkaKeys), "");
}

}  // namespace
}  // namespace samsag::config
