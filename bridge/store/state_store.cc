#include "bridge/store/state_store.h"

#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/slice.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <mutex>
#include <shared_mutex>
#include <system_error>

#include "bridge/store/store_keys.h"
#include "core/log/log.h"

namespace samsag::bridge {
namespace {

namespace fs = std::filesystem;
namespace keys = store_keys;

constexpr const char* kStoreSubdirectory = "store";

Error failed(const std::string& what, const rocksdb::Status& status) {
  const char* code = status.IsCorruption() ? store_errc::kCorrupt : store_errc::kFailed;
  return make_error(code, "the bridge's state store failed " + what + ": " + status.ToString());
}

// After a failed reopen (recover(), reset()) until a later one succeeds.
Error not_open(const fs::path& directory) {
  return make_error(store_errc::kFailed, "the bridge's state store in " + directory.string() +
                                             " is not open: it could not be reopened after a "
                                             "failure; retrying");
}

Error corrupt(const std::string& what) {
  return make_error(store_errc::kCorrupt, "the bridge's state store holds " + what +
                                              "; it must be rebuilt from the case topic");
}

rocksdb::Options store_options() {
  rocksdb::Options options;
  options.create_if_missing = true;
  // The store is rebuilt from the case topic when lost; a small log keeps the directory tidy.
  options.keep_log_file_num = 2;
  options.max_log_file_size = 1 << 20;
  const auto supported = rocksdb::GetSupportedCompressions();
  if (std::find(supported.begin(), supported.end(), rocksdb::kLZ4Compression) != supported.end()) {
    options.compression = rocksdb::kLZ4Compression;
  } else if (std::find(supported.begin(), supported.end(), rocksdb::kSnappyCompression) !=
             supported.end()) {
    options.compression = rocksdb::kSnappyCompression;
  }
  return options;
}

// RocksDB says "lock" when another process (or this one) has the directory open; anything else
// that stops an open is damage the store recovers from by starting empty.
bool is_lock_error(const rocksdb::Status& status) {
  return status.IsIOError() && status.ToString().find("lock") != std::string::npos;
}

// The smallest key greater than every key starting with `prefix`.
std::string successor(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xff) prefix.pop_back();
  if (!prefix.empty()) prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

Status remove_contents(const fs::path& directory) {
  std::error_code error;
  fs::remove_all(directory, error);
  if (!error) fs::create_directories(directory, error);
  if (error) {
    return make_error(store_errc::kFailed, "the bridge's state directory " + directory.string() +
                                               " could not be emptied: " + error.message());
  }
  return ok_status();
}

}  // namespace

struct StateStore::Impl {
  // RocksDB is thread-safe; this only keeps reset() from swapping the database under a reader
  // (the coordinator API reads cases from its own threads while the loop writes).
  mutable std::shared_mutex guard;
  fs::path directory;
  std::int32_t partitions = 0;
  std::string rebuilt_because;
  std::unique_ptr<rocksdb::DB> db;

  // Opens what is there; wipes and starts empty when it cannot be opened or is laid out for
  // another partition count.
  Status open_or_rebuild();
  Status open_empty(const std::string& because);
  Result<std::optional<std::string>> read(const std::string& key) const;
  template <typename Visit>
  Status scan(const std::string& prefix, const std::string& after, Visit visit) const;
};

Status StateStore::Impl::open_or_rebuild() {
  std::error_code error;
  fs::create_directories(directory, error);
  if (error) {
    return make_error(store_errc::kFailed, "the bridge's state directory " + directory.string() +
                                               " cannot be created: " + error.message());
  }
  rocksdb::DB* raw = nullptr;
  const rocksdb::Status status = rocksdb::DB::Open(store_options(), directory.string(), &raw);
  if (is_lock_error(status)) {
    return make_error(store_errc::kLocked,
                      "the bridge's state directory " + directory.string() +
                          " is in use by another process; every bridge instance needs its own "
                          "bridge.state_dir (" +
                          status.ToString() + ")");
  }
  if (!status.ok()) return open_empty("it could not be opened: " + status.ToString());
  db.reset(raw);

  auto layout = read(std::string(keys::kLayout));
  if (!layout) return open_empty("its layout could not be read: " + layout.error().message);
  const std::string expected = keys::layout_value(partitions);
  if (!layout->has_value()) {
    // A new store, or one from before the layout key: only an empty one is taken as new.
    std::unique_ptr<rocksdb::Iterator> any(db->NewIterator(rocksdb::ReadOptions()));
    any->SeekToFirst();
    if (any->Valid()) return open_empty("it holds data without a layout marker");
    auto put = db->Put(rocksdb::WriteOptions(), std::string(keys::kLayout), expected);
    if (!put.ok()) return failed("writing its layout", put);
    return ok_status();
  }
  if (**layout != expected) {
    return open_empty("it was laid out as \"" + **layout + "\", not \"" + expected +
                      "\" (the case topic's partition count or the store's format changed)");
  }
  return ok_status();
}

Status StateStore::Impl::open_empty(const std::string& because) {
  db.reset();
  rebuilt_because = because;
  log::warn("state store rebuilt empty; partitions are restored from the case topic",
            {{"directory", directory.string()}, {"reason", because}});
  if (auto wiped = remove_contents(directory); !wiped) return wiped;
  rocksdb::DB* raw = nullptr;
  const rocksdb::Status status = rocksdb::DB::Open(store_options(), directory.string(), &raw);
  if (!status.ok()) return failed("opening an empty store in " + directory.string(), status);
  db.reset(raw);
  auto put =
      db->Put(rocksdb::WriteOptions(), std::string(keys::kLayout), keys::layout_value(partitions));
  if (!put.ok()) return failed("writing its layout", put);
  return ok_status();
}

Result<std::optional<std::string>> StateStore::Impl::read(const std::string& key) const {
  if (!db) return not_open(directory);
  std::string value;
  const rocksdb::Status status = db->Get(rocksdb::ReadOptions(), key, &value);
  if (status.IsNotFound()) return std::optional<std::string>();
  if (!status.ok()) return failed("reading", status);
  return std::optional<std::string>(std::move(value));
}

// Calls visit(key_without_prefix, value) for each key under `prefix` after prefix+`after`, in
// key order, until visit returns false.
template <typename Visit>
Status StateStore::Impl::scan(const std::string& prefix, const std::string& after,
                              Visit visit) const {
  if (!db) return not_open(directory);
  const std::string upper = successor(prefix);
  rocksdb::Slice upper_bound(upper);
  rocksdb::ReadOptions options;
  options.iterate_upper_bound = &upper_bound;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(options));
  const std::string start = prefix + after;
  for (it->Seek(start); it->Valid(); it->Next()) {
    rocksdb::Slice key = it->key();
    if (!after.empty() && key == rocksdb::Slice(start)) continue;
    key.remove_prefix(prefix.size());
    if (!visit(key.ToStringView(), it->value())) break;
  }
  if (!it->status().ok()) return failed("scanning", it->status());
  return ok_status();
}

Result<std::unique_ptr<StateStore>> StateStore::open(const fs::path& state_dir,
                                                     std::int32_t partitions) {
  auto impl = std::make_unique<Impl>();
  impl->directory = state_dir / kStoreSubdirectory;
  impl->partitions = partitions;
  if (auto opened = impl->open_or_rebuild(); !opened) return opened.error();
  return std::unique_ptr<StateStore>(new StateStore(std::move(impl)));
}

StateStore::StateStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

StateStore::~StateStore() {
  if (impl_ && impl_->db) (void)impl_->db->Close();
}

const std::string& StateStore::rebuilt_because() const { return impl_->rebuilt_because; }

const fs::path& StateStore::directory() const { return impl_->directory; }

Result<std::optional<std::string>> StateStore::get_bytes(const std::string& pseudonym) const {
  std::shared_lock lock(impl_->guard);
  return impl_->read(keys::case_key(pseudonym));
}

Result<std::optional<samsag::v1::CitizenCase>> StateStore::get(const std::string& pseudonym) const {
  auto bytes = get_bytes(pseudonym);  // takes the lock itself
  if (!bytes) return bytes.error();
  if (!bytes->has_value()) return std::optional<samsag::v1::CitizenCase>();
  samsag::v1::CitizenCase citizen_case;
  if (!citizen_case.ParseFromString(**bytes)) return corrupt("a case that does not parse");
  return std::optional<samsag::v1::CitizenCase>(std::move(citizen_case));
}

Result<std::vector<std::string>> StateStore::list(std::int32_t partition,
                                                  const std::string& coordinator_id,
                                                  const std::string& after,
                                                  std::size_t limit) const {
  std::shared_lock lock(impl_->guard);
  std::vector<std::string> pseudonyms;
  if (limit == 0) return pseudonyms;
  auto scanned = impl_->scan(keys::member_prefix(partition), after,
                             [&](std::string_view pseudonym, rocksdb::Slice coordinator) {
                               if (coordinator_id.empty() || coordinator == coordinator_id) {
                                 pseudonyms.emplace_back(pseudonym);
                               }
                               return pseudonyms.size() < limit;
                             });
  if (!scanned) return scanned.error();
  return pseudonyms;
}

Result<PartitionProgress> StateStore::progress(std::int32_t partition) const {
  std::shared_lock lock(impl_->guard);
  PartitionProgress progress;
  auto applied = impl_->read(keys::applied_key(partition));
  if (!applied) return applied.error();
  if (applied->has_value()) {
    progress.next_case_offset = keys::decode_offset(**applied);
    if (!progress.next_case_offset) return corrupt("an applied offset that is not a number");
  }
  auto checkpoint = impl_->read(keys::checkpoint_key(partition));
  if (!checkpoint) return checkpoint.error();
  if (checkpoint->has_value()) {
    progress.checkpoint.emplace();
    if (!progress.checkpoint->ParseFromString(**checkpoint)) {
      return corrupt("a checkpoint that does not parse");
    }
  }
  return progress;
}

Status StateStore::write(const PartitionWrite& change) {
  rocksdb::WriteBatch batch;
  for (const auto& [pseudonym, bytes] : change.cases) {
    batch.Put(keys::case_key(pseudonym), bytes);
    batch.Put(keys::member_key(change.partition, pseudonym), keys::coordinator_id_of(bytes));
  }
  for (const auto& pseudonym : change.removed) {
    batch.Delete(keys::case_key(pseudonym));
    batch.Delete(keys::member_key(change.partition, pseudonym));
  }
  if (change.next_case_offset) {
    batch.Put(keys::applied_key(change.partition), keys::encode_offset(*change.next_case_offset));
  }
  if (change.checkpoint) {
    batch.Put(keys::checkpoint_key(change.partition), change.checkpoint->SerializeAsString());
  }
  std::shared_lock lock(impl_->guard);
  if (!impl_->db) return not_open(impl_->directory);
  const rocksdb::Status status = impl_->db->Write(rocksdb::WriteOptions(), &batch);
  if (!status.ok()) return failed("writing", status);
  return ok_status();
}

Status StateStore::forget_partition(std::int32_t partition) {
  std::shared_lock lock(impl_->guard);
  rocksdb::WriteBatch batch;
  auto scanned = impl_->scan(keys::member_prefix(partition), "",
                             [&batch, partition](std::string_view pseudonym, rocksdb::Slice) {
                               batch.Delete(keys::case_key(pseudonym));
                               batch.Delete(keys::member_key(partition, pseudonym));
                               return true;
                             });
  if (!scanned) return scanned;
  batch.Delete(keys::applied_key(partition));
  batch.Delete(keys::checkpoint_key(partition));
  if (!impl_->db) return not_open(impl_->directory);
  const rocksdb::Status status = impl_->db->Write(rocksdb::WriteOptions(), &batch);
  if (!status.ok()) return failed("forgetting a partition", status);
  return ok_status();
}

Result<std::size_t> StateStore::count_cases(std::int32_t partition) const {
  std::shared_lock lock(impl_->guard);
  std::size_t count = 0;
  auto scanned =
      impl_->scan(keys::member_prefix(partition), "", [&count](std::string_view, rocksdb::Slice) {
        ++count;
        return true;
      });
  if (!scanned) return scanned.error();
  return count;
}

Result<std::vector<StoredCase>> StateStore::cases_after(std::int32_t partition,
                                                        const std::string& after,
                                                        std::size_t limit) const {
  std::shared_lock lock(impl_->guard);
  std::vector<std::string> pseudonyms;
  auto scanned = impl_->scan(keys::member_prefix(partition), after,
                             [&pseudonyms, limit](std::string_view pseudonym, rocksdb::Slice) {
                               pseudonyms.emplace_back(pseudonym);
                               return pseudonyms.size() < limit;
                             });
  if (!scanned) return scanned.error();
  std::vector<StoredCase> cases;
  cases.reserve(pseudonyms.size());
  for (auto& pseudonym : pseudonyms) {
    auto bytes = impl_->read(keys::case_key(pseudonym));
    if (!bytes) return bytes.error();
    if (!bytes->has_value()) return corrupt("a partition member without its case");
    cases.emplace_back(std::move(pseudonym), std::move(**bytes));
  }
  return cases;
}

Status StateStore::purge_history() {
  std::shared_lock lock(impl_->guard);
  if (!impl_->db) return not_open(impl_->directory);
  rocksdb::FlushOptions flush;
  flush.wait = true;
  if (auto status = impl_->db->Flush(flush); !status.ok()) return failed("flushing", status);
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  if (auto status = impl_->db->CompactRange(compact, nullptr, nullptr); !status.ok()) {
    return failed("compacting", status);
  }
  return ok_status();
}

std::uint64_t StateStore::size_on_disk() const {
  std::uint64_t total = 0;
  std::error_code error;
  for (fs::recursive_directory_iterator it(impl_->directory, error), end; !error && it != end;
       it.increment(error)) {
    std::error_code size_error;
    if (it->is_regular_file(size_error)) {
      const auto size = it->file_size(size_error);
      if (!size_error) total += size;
    }
  }
  return total;
}

Status StateStore::reset() {
  std::unique_lock lock(impl_->guard);
  return impl_->open_empty("corruption was found while running");
}

Status StateStore::recover() {
  std::unique_lock lock(impl_->guard);
  if (impl_->db) {
    // Clears a background error (a write that failed on a full disk) once the cause is gone.
    const rocksdb::Status resumed = impl_->db->Resume();
    if (resumed.ok()) return ok_status();
    log::warn("the state store could not resume; it is reopened",
              {{"directory", impl_->directory.string()}, {"reason", resumed.ToString()}});
    (void)impl_->db->Close();
    impl_->db.reset();
  }
  // What is on disk is kept when it opens; otherwise the store starts empty and is restored.
  return impl_->open_or_rebuild();
}

}  // namespace samsag::bridge
