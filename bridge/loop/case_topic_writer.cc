#include "bridge/loop/case_topic_writer.h"

#include <optional>

#include "bridge/loop/input_offsets.h"
#include "core/events/dead_letters.h"
#include "core/kafka/error_codes.h"
#include "core/kafka/producer.h"
#include "core/kafka/transactional_producer.h"

namespace samsag::bridge {

struct CaseTopicWriter::Impl {
  config::Topics topics;
  std::optional<kafka::Producer> plain;
  std::optional<kafka::TransactionalProducer> transactional;

  kafka::Delivery produce(const kafka::ProducerRecord& record) {
    return transactional ? transactional->produce(record) : plain->produce(record);
  }
  Status begin() { return transactional ? transactional->begin() : ok_status(); }
  Status commit(const kafka::ConsumerGroupMetadata& group,
                const std::vector<kafka::PartitionOffset>& offsets, kafka::Deadline deadline) {
    if (!transactional) return ok_status();
    if (auto sent = transactional->send_offsets(group, offsets, deadline); !sent) return sent;
    Status committed = transactional->commit(deadline);
    // RETRIABLE: the commit did not finish in time; Kafka wants the same call again.
    while (!committed && committed.error().code == kafka::errc::kTransactionRetriable &&
           kafka::Clock::now() < deadline) {
      committed = transactional->commit(deadline);
    }
    return committed;
  }
  // Ends a failed round: a transaction is aborted so its records never show to read_committed
  // readers. A fenced producer cannot abort; the fencing is what the caller must hear about.
  Error fail(Error error, kafka::Deadline deadline) {
    if (transactional && transactional->in_transaction() && error.code != kafka::errc::kFenced) {
      if (auto aborted = transactional->abort(deadline);
          !aborted && aborted.error().code == kafka::errc::kFenced) {
        return aborted.error();
      }
    }
    return error;
  }
};

Result<std::unique_ptr<CaseTopicWriter>> CaseTopicWriter::create(
    const kafka::KafkaSettings& settings, bool transactional, const config::Topics& topics,
    kafka::Deadline deadline) {
  auto impl = std::make_unique<Impl>();
  impl->topics = topics;
  if (transactional) {
    auto producer = kafka::TransactionalProducer::create(settings);
    if (!producer) return producer.error();
    if (auto initialised = producer->init(deadline); !initialised) return initialised.error();
    impl->transactional.emplace(std::move(*producer));
  } else {
    auto producer = kafka::Producer::create(settings);
    if (!producer) return producer.error();
    impl->plain.emplace(std::move(*producer));
  }
  return std::unique_ptr<CaseTopicWriter>(new CaseTopicWriter(std::move(impl)));
}

CaseTopicWriter::CaseTopicWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CaseTopicWriter::~CaseTopicWriter() = default;

bool CaseTopicWriter::transactional() const { return impl_->transactional.has_value(); }

Result<std::map<std::int32_t, std::int64_t>> CaseTopicWriter::write(
    const std::vector<PartitionRound>& rounds, const kafka::ConsumerGroupMetadata& group,
    const std::vector<kafka::PartitionOffset>& offsets, kafka::Deadline deadline) {
  if (auto begun = impl_->begin(); !begun) return impl_->fail(begun.error(), deadline);

  std::vector<kafka::Delivery> contents;
  for (const auto& round : rounds) {
    for (const auto& [pseudonym, bytes] : round.snapshots) {
      contents.push_back(impl_->produce({.topic = impl_->topics.case_,
                                         .key = pseudonym,
                                         .value = bytes,
                                         .headers = {{"schema", "samsag.v1.CitizenCase"}},
                                         .partition = round.partition}));
    }
    for (const auto& letter : round.dead_letters) {
      // Dead letters have no key: the record may name no valid citizen (as the adapters do).
      contents.push_back(impl_->produce(
          {.topic = impl_->topics.dlq,
           .value = letter.SerializeAsString(),
           .headers = {{"schema", "samsag.v1.DeadLetter"},
                       {"reason", std::string(events::reason_name(letter.reason()))}}}));
    }
  }
  // The checkpoint goes out only after every snapshot before it is confirmed: even a broker that
  // refused one record of a partition and took a later one cannot leave a checkpoint that
  // vouches for a snapshot that is not there.
  for (const auto& delivery : contents) {
    if (auto confirmed = delivery.wait(deadline); !confirmed) {
      return impl_->fail(confirmed.error(), deadline);
    }
  }

  std::vector<std::pair<std::int32_t, kafka::Delivery>> checkpoints;
  checkpoints.reserve(rounds.size());
  for (const auto& round : rounds) {
    checkpoints.emplace_back(round.partition,
                             impl_->produce({.topic = impl_->topics.case_,
                                             .key = checkpoint_key(round.partition),
                                             .value = round.checkpoint.SerializeAsString(),
                                             .headers = {{"schema", "samsag.v1.Checkpoint"}},
                                             .partition = round.partition}));
  }
  std::map<std::int32_t, std::int64_t> written;
  for (const auto& [partition, delivery] : checkpoints) {
    auto confirmed = delivery.wait(deadline);
    if (!confirmed) return impl_->fail(confirmed.error(), deadline);
    written[partition] = confirmed->offset;
  }
  if (auto committed = impl_->commit(group, offsets, deadline); !committed) {
    return impl_->fail(committed.error(), deadline);
  }
  return written;
}

void CaseTopicWriter::close(kafka::Deadline deadline) {
  if (impl_->transactional) impl_->transactional->close(deadline);
  if (impl_->plain) impl_->plain->close(deadline);
}

}  // namespace samsag::bridge
