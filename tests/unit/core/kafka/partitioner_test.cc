#include "core/kafka/partitioner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/unit/core/kafka/kafka_test_support.h"

namespace samsag::kafka {
namespace {

using namespace testing;

TEST(Murmur2Partition, MatchesTheJavaClientsHash) {
  // org.apache.kafka.common.utils.Utils.murmur2("kafka") is 0xd067cf64; the partitioner takes it
  // positive (& 0x7fffffff = 1348980580) modulo the count.
  EXPECT_EQ(murmur2_partition("kafka", 1000), 580);
  EXPECT_EQ(murmur2_partition("kafka", 7), 1348980580 % 7);
}

TEST(Murmur2Partition, OnePartitionIsAlwaysZero) {
  EXPECT_EQ(murmur2_partition("k1:anything", 1), 0);
}

TEST(Murmur2Partition, RefusesAPartitionCountBelowOne) {
  EXPECT_THROW((void)murmur2_partition("k1:x", 0), std::invalid_argument);
  EXPECT_THROW((void)murmur2_partition("k1:x", -3), std::invalid_argument);
}

TEST(Murmur2Partition, NamesThePartitionTheProducerPutsTheKeyOn) {
  auto cluster = start_cluster();
  ASSERT_TRUE(cluster.create_topic("aarhus.case.v1", 12).ok());
  auto producer = make_producer(kafka_config(cluster.bootstrap()));

  std::vector<int> seen(12, 0);
  for (int i = 0; i < 60; ++i) {
    const std::string key = "k1:pseudonym-" + std::to_string(i);
    auto delivered = producer.produce({.topic = "aarhus.case.v1", .key = key, .value = "v"})
                         .wait(deadline_in(5s));
    ASSERT_TRUE(delivered.ok()) << delivered.error().message;
    EXPECT_EQ(murmur2_partition(key, 12), delivered->partition) << key;
    ++seen[static_cast<std::size_t>(delivered->partition)];
  }
  // The keys spread, so the comparison above covered more than one partition.
  EXPECT_GT(std::count_if(seen.begin(), seen.end(), [](int n) { return n > 0; }), 6);
}

}  // namespace
}  // namespace samsag::kafka
