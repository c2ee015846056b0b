// The checkpoint record's key and value: where each input of a partition resumes.
#include "bridge/loop/input_offsets.h"

#include <gtest/gtest.h>

namespace samsag::bridge {
namespace {

TEST(CheckpointKey, NamesItsPartitionAndReadsBack) {
  EXPECT_EQ(checkpoint_key(7), "__checkpoint/7");
  EXPECT_EQ(checkpoint_partition("__checkpoint/7"), 7);
  EXPECT_EQ(checkpoint_partition(checkpoint_key(0)), 0);
}

TEST(CheckpointKey, PseudonymsAndMalformedKeysAreNoCheckpoint) {
  EXPECT_FALSE(checkpoint_partition("k1:3f2a9c"));
  EXPECT_FALSE(checkpoint_partition("__checkpoint/"));
  EXPECT_FALSE(checkpoint_partition("__checkpoint/x"));
  EXPECT_FALSE(checkpoint_partition("__checkpoint/-1"));
  EXPECT_FALSE(checkpoint_partition("__checkpoint/3 "));
}

TEST(InputOffsets, AppliedRecordMovesToTheNextOffsetAndNeverBack) {
  InputOffsets offsets;
  EXPECT_FALSE(offsets.next("m.social.v1"));
  offsets.applied("m.social.v1", 4);
  EXPECT_EQ(offsets.next("m.social.v1"), 5);
  offsets.applied("m.social.v1", 2);
  EXPECT_EQ(offsets.next("m.social.v1"), 5);
}

TEST(InputOffsets, CheckpointListsTopicsInNameOrderAndRoundTrips) {
  InputOffsets offsets;
  offsets.applied("m.social.v1", 9);
  offsets.applied("m.consent.v1", 2);
  offsets.applied("m.employment.v1", 40);
  google::protobuf::Timestamp at;
  at.set_seconds(1'800'000'000);
  const auto checkpoint = offsets.to_checkpoint(3, at);
  EXPECT_EQ(checkpoint.partition(), 3);
  ASSERT_EQ(checkpoint.offsets_size(), 3);
  EXPECT_EQ(checkpoint.offsets(0).topic(), "m.consent.v1");
  EXPECT_EQ(checkpoint.offsets(0).next_offset(), 3);
  EXPECT_EQ(checkpoint.offsets(2).topic(), "m.social.v1");
  EXPECT_EQ(checkpoint.written_at().seconds(), 1'800'000'000);

  InputOffsets reordered;
  reordered.applied("m.employment.v1", 40);
  reordered.applied("m.consent.v1", 2);
  reordered.applied("m.social.v1", 9);
  EXPECT_EQ(reordered.to_checkpoint(3, at).SerializeAsString(), checkpoint.SerializeAsString());

  samsag::v1::Checkpoint parsed;
  ASSERT_TRUE(parsed.ParseFromString(checkpoint.SerializeAsString()));
  EXPECT_EQ(InputOffsets::from_checkpoint(parsed), offsets);
}

}  // namespace
}  // namespace samsag::bridge
