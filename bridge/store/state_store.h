// The bridge's state on local disk (RocksDB under bridge.state_dir): every case of the partitions
// this instance owns, by pseudonym, plus per partition the case-topic offset the store has applied
// and the latest checkpoint. The case topic is the truth; this store is a copy that lets a restart
// skip reading it again. A lost, corrupt or foreign store is rebuilt empty and filled from the
// topic, never a reason to stop (DESIGN.md "Delivery and state").
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bridge/store/case_store.h"
#include "core/base/result.h"
#include "samsag/v1/case.pb.h"

namespace samsag::bridge {

// Where one partition stands in the store.
struct PartitionProgress {
  // The first case-topic offset of the partition the store has NOT applied: every record before
  // it is in the store. nullopt when the store holds nothing of the partition.
  std::optional<std::int64_t> next_case_offset;
  // The latest checkpoint among the applied records.
  std::optional<samsag::v1::Checkpoint> checkpoint;
};

// One atomic change to one partition: new case bytes, removed cases and the progress they bring.
// Every member has a default initializer, so designated initializers may leave any out.
struct PartitionWrite {
  std::int32_t partition = 0;
  std::vector<std::pair<std::string, std::string>> cases{};  // pseudonym, serialize_case() bytes
  std::vector<std::string> removed{};                        // pseudonyms whose case is gone
  std::optional<std::int64_t> next_case_offset{};            // unchanged when nullopt
  std::optional<samsag::v1::Checkpoint> checkpoint{};        // unchanged when nullopt
};

// A case as stored: the pseudonym and the case's bytes.
using StoredCase = std::pair<std::string, std::string>;

// Error codes of the state store.
namespace store_errc {
// Reading or writing failed (disk full, permissions).
inline constexpr const char* kFailed = "STATE_STORE_FAILED";
// A stored value does not parse or RocksDB found corruption: reset() and restore from the topic.
inline constexpr const char* kCorrupt = "STATE_STORE_CORRUPT";
// Another process has the directory open: two instances must not share a state dir.
inline constexpr const char* kLocked = "STATE_STORE_LOCKED";
}  // namespace store_errc

class StateStore final : public CaseStore {
 public:
  // Opens (or creates) the store in `<state_dir>/store` for a case topic of `partitions`
  // partitions. A store that cannot be opened (corrupt, half deleted) or that was laid out for
  // another partition count is wiped and starts empty; rebuilt() then says so. Errors:
  // STATE_STORE_LOCKED, STATE_STORE_FAILED (the directory cannot be created or written).
  static Result<std::unique_ptr<StateStore>> open(const std::filesystem::path& state_dir,
                                                  std::int32_t partitions);
  ~StateStore() override;
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  // Why open() started from an empty store, or "" when it opened what was there.
  const std::string& rebuilt_because() const;
  bool rebuilt() const { return !rebuilt_because().empty(); }

  Result<std::optional<samsag::v1::CitizenCase>> get(const std::string& pseudonym) const override;
  Result<std::vector<std::string>> list(std::int32_t partition, const std::string& coordinator_id,
                                        const std::string& after, std::size_t limit) const override;
  // The stored bytes of a case, unparsed.
  Result<std::optional<std::string>> get_bytes(const std::string& pseudonym) const;

  Result<PartitionProgress> progress(std::int32_t partition) const;
  // Applies `change` atomically: all of it or nothing.
  Status write(const PartitionWrite& change);
  // Drops every case and the progress of `partition`, before it is restored from scratch.
  Status forget_partition(std::int32_t partition);

  Result<std::size_t> count_cases(std::int32_t partition) const;
  // Up to `limit` cases of `partition` whose pseudonym sorts after `after` ("" = from the first),
  // in pseudonym order: a sweep over a partition in slices.
  Result<std::vector<StoredCase>> cases_after(std::int32_t partition, const std::string& after,
                                              std::size_t limit) const;

  // Makes overwritten and removed values physically gone: flushes the memtable (so the write-ahead
  // log that held them is dropped) and compacts, which discards every older version. Called after
  // a withdrawal or expiry deleted data: not shown is not enough, it must not be kept.
  Status purge_history();

  // Bytes the store's files take on disk.
  std::uint64_t size_on_disk() const;

  // Wipes the store and starts empty (corruption found while running).
  Status reset();
  // After a STATE_STORE_FAILED write (a full disk, an I/O error): makes the store writable again
  // once the cause is gone, by RocksDB's Resume() or else by reopening it. An error while it is
  // not; until one succeeds every call answers STATE_STORE_FAILED.
  Status recover();

  const std::filesystem::path& directory() const;

  struct Impl;

 private:
  explicit StateStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsag::bridge
