// The employment adapter's source: a spool directory the jobcenter's export job drops complete
// CSV files into (FORMAT.md §1). Files are read one at a time in byte-wise name order and handed
// out as batches of parsed rows; progress is checkpointed only when the caller says Kafka has
// confirmed delivery, so a crash at any point repeats rows (the same event ids) and loses none.
//
// How the adapter drives it:
//
//   auto spool = SpoolDirectory::open({.directory = dir}, RowMapper(settings)).value();
//   for (;;) {
//     auto mark = spool->next_batch([&](ExportRow&& row) { produce(std::move(row)); });
//     if (!mark.ok()) { log, wait, retry; continue; }       // e.g. a file cannot be read
//     if (!*mark) { wait poll_interval; continue; }          // nothing waiting
//     wait until Kafka confirmed every row produced so far;
//     spool->commit(**mark);                                 // checkpoint; done file → processed/
//   }
//
// Rules the caller keeps:
// - commit() a mark only after Kafka confirmed every row handed out up to it, dead letters
//   included. Marks are committed in the order they were handed out; committing one commits
//   every earlier one, so a caller may read ahead several batches and commit only the last.
// - A mark can come with zero rows (a file's end, an empty file, a file with only a header):
//   commit it all the same; that is what moves the file to processed/.
// - commit() of a mark inside a file costs one fsync (the checkpoint); batches of a few thousand
//   rows keep that small.
//
// Files: only regular files named `*.csv` (lower case) not starting with `.`; the export job
// writes `.NAME.csv.tmp` and renames it. A finished file moves to `processed/NAME` (a suffix
// `.1`, `.2`, ... when that name is taken). The checkpoint is `.samsag-checkpoint` in the spool
// directory (spool_checkpoint.h), present only while a file is part-way delivered. After a restart
// the checkpointed file is resumed first, at its checkpointed byte offset; a corrupt checkpoint is
// logged and the files are started over (repeats are harmless, guessing could lose rows).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/employment/export_reader.h"
#include "adapters/employment/row_mapper.h"
#include "adapters/employment/spool_checkpoint.h"
#include "core/base/result.h"

namespace samsag::adapters::employment {

struct SpoolOptions {
  std::filesystem::path directory;
  // Most rows handed out by one next_batch().
  std::size_t batch_rows = 1000;
};

// A position to commit once Kafka confirmed everything handed out up to it.
struct SpoolMark {
  std::string file;            // the spool file's name
  std::uint64_t offset = 0;    // byte offset right after the last row handed out
  std::uint64_t line = 1;      // the line the next row starts on
  bool end_of_file = false;    // every row of the file has been handed out
  std::uint64_t sequence = 0;  // the order marks were handed out in
};

// The source backlog, as plain values for the runtime's metrics.
struct SpoolBacklog {
  std::size_t files_waiting = 0;  // complete files not yet moved to processed/, current included
  std::chrono::seconds oldest_file_age{0};  // by modification time; 0 when none is waiting
};

using RowSink = std::function<void(ExportRow&&)>;

// The names of the complete files in `directory` by the pick-up rule, in byte-wise order.
std::vector<std::string> list_spool_files(const std::filesystem::path& directory);

class SpoolDirectory {
 public:
  // Creates `processed/` when missing and reads the checkpoint.
  // Errors: SPOOL_UNUSABLE (the directory is missing or processed/ cannot be made).
  static Result<std::unique_ptr<SpoolDirectory>> open(SpoolOptions options, RowMapper mapper);

  // The open file's reader refers to the mapper inside: the object stays where it was made.
  SpoolDirectory(const SpoolDirectory&) = delete;
  SpoolDirectory& operator=(const SpoolDirectory&) = delete;

  // Hands at most batch_rows rows of the current file to `sink` (opening the next waiting file
  // when needed) and returns the mark that covers them; nullopt when no complete file is
  // waiting. Errors: SPOOL_READ_FAILED (a file cannot be opened or read; the next call retries
  // from the last row handed out).
  Result<std::optional<SpoolMark>> next_batch(const RowSink& sink);

  // Kafka confirmed every row up to `mark`: checkpoint it and move finished files to processed/.
  // Errors: CHECKPOINT_WRITE_FAILED, SPOOL_MOVE_FAILED (then the file stays and is offered again
  // after a restart: only repeats).
  Status commit(const SpoolMark& mark);

  // Files waiting and the oldest one's age at `now`.
  SpoolBacklog backlog(std::chrono::system_clock::time_point now) const;

  const std::filesystem::path& directory() const { return options_.directory; }

 private:
  SpoolDirectory(SpoolOptions options, RowMapper mapper);

  Status open_next_file(bool& opened);
  ResumePoint checked_resume_point(const std::string& file);
  Status move_to_processed(const std::string& file);

  SpoolOptions options_;
  RowMapper mapper_;
  std::optional<SpoolCheckpoint> resume_;  // from the checkpoint, for the first file opened
  // The file being read.
  std::string current_file_;
  std::unique_ptr<std::ifstream> stream_;
  std::unique_ptr<ExportReader> reader_;
  // Files read to their end whose last mark is not committed yet, oldest first.
  std::deque<std::pair<std::uint64_t, std::string>> finished_;
  std::uint64_t next_sequence_ = 1;
  std::uint64_t committed_sequence_ = 0;
};

}  // namespace samsag::adapters::employment
