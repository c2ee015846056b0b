// The consumer group's identity and generation, as a transaction needs it to commit the
// group's offsets together with the records it produced (exactly once on a real cluster).
// Taken from a Consumer, handed to TransactionalProducer::send_offsets.
#pragma once

#include <memory>

namespace samsag::kafka {

class ConsumerGroupMetadata {
 public:
  struct Impl;  // holds librdkafka's object; defined inside core/kafka
  explicit ConsumerGroupMetadata(std::unique_ptr<Impl> impl);
  ConsumerGroupMetadata(ConsumerGroupMetadata&&) noexcept;
  ConsumerGroupMetadata& operator=(ConsumerGroupMetadata&&) noexcept;
  ~ConsumerGroupMetadata();

  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsag::kafka
