#include "adapters/employment/spool_directory.h"

#include <sys/stat.h>

#include <algorithm>
#include <utility>

#include "core/log/log.h"

namespace samsag::adapters::employment {
namespace {

namespace fs = std::filesystem;

constexpr const char* kProcessed = "processed";

// FORMAT.md §1: complete files end in `.csv` and do not start with `.` (`.NAME.csv.tmp` is a
// file still being written). A name with a line break could not be checkpointed; none is valid.
bool is_picked_up(const std::string& name) {
  return name.size() > 4 && name.front() != '.' && name.ends_with(".csv") &&
         name.find('\n') == std::string::npos;
}

bool file_exists(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);
}

}  // namespace

std::vector<std::string> list_spool_files(const fs::path& directory) {
  std::vector<std::string> files;
  std::error_code error;
  for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    std::string name = it->path().filename().string();
    std::error_code type_error;
    if (is_picked_up(name) && it->is_regular_file(type_error)) files.push_back(std::move(name));
  }
  std::sort(files.begin(), files.end());  // std::string compares bytes as unsigned char
  return files;
}

SpoolDirectory::SpoolDirectory(SpoolOptions options, RowMapper mapper)
    : options_(std::move(options)), mapper_(std::move(mapper)) {}

Result<std::unique_ptr<SpoolDirectory>> SpoolDirectory::open(SpoolOptions options,
                                                             RowMapper mapper) {
  std::error_code error;
  if (!fs::is_directory(options.directory, error)) {
    return make_error("SPOOL_UNUSABLE",
                      "the spool directory " + options.directory.string() + " does not exist");
  }
  fs::create_directories(options.directory / kProcessed, error);
  if (error) {
    return make_error("SPOOL_UNUSABLE",
                      "cannot create " + (options.directory / kProcessed).string());
  }
  if (options.batch_rows == 0) options.batch_rows = 1;
  std::unique_ptr<SpoolDirectory> spool(new SpoolDirectory(std::move(options), std::move(mapper)));
  const std::string directory = spool->options_.directory.string();
  auto checkpoint = read_checkpoint(spool->options_.directory);
  if (!checkpoint.ok()) {
    // Starting over repeats rows (harmless: the same event ids); guessing could lose some.
    samsag::log::warn("spool checkpoint unusable; the first waiting file is started over",
                      {{"directory", directory}, {"code", checkpoint.error().code}});
  } else if (checkpoint.value()) {
    const SpoolCheckpoint& saved = *checkpoint.value();
    if (file_exists(spool->options_.directory / saved.file) && is_picked_up(saved.file)) {
      spool->resume_ = saved;
    } else if (file_exists(spool->options_.directory / kProcessed / saved.file)) {
      samsag::log::debug("checkpointed spool file already processed",
                         {{"directory", directory}, {"file", saved.file}});
    } else {
      samsag::log::warn("checkpointed spool file vanished; continuing with the waiting files",
                        {{"directory", directory}, {"file", saved.file}});
    }
  }
  return spool;
}

// The checkpointed position in `file`, if it is one; otherwise the start of the file. An offset
// past the end, or not right after a line end, is not a position this code wrote.
ResumePoint SpoolDirectory::checked_resume_point(const std::string& file) {
  if (!resume_ || resume_->file != file) return {};
  const ResumePoint point{resume_->offset, resume_->line};
  resume_.reset();
  std::error_code error;
  const std::uintmax_t size = fs::file_size(options_.directory / file, error);
  bool valid = !error && point.offset <= size;
  if (valid && point.offset > 0 && point.offset < size) {
    std::ifstream in(options_.directory / file, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(point.offset - 1));
    valid = in.get() == '\n';
  }
  if (!valid) {
    samsag::log::warn("spool checkpoint does not fit its file; the file is started over",
                      {{"directory", options_.directory.string()}, {"file", file}});
    return {};
  }
  return point;
}

Status SpoolDirectory::open_next_file(bool& opened) {
  opened = false;
  std::vector<std::string> files = list_spool_files(options_.directory);
  // A file read to its end stays in the directory until its last mark is committed.
  std::erase_if(files, [&](const std::string& name) {
    return std::any_of(finished_.begin(), finished_.end(),
                       [&](const auto& done) { return done.second == name; });
  });
  if (files.empty()) return ok_status();
  // The checkpointed file first: it was begun before any other that is waiting now.
  std::string file = files.front();
  if (resume_ && std::find(files.begin(), files.end(), resume_->file) != files.end()) {
    file = resume_->file;
  }
  const ResumePoint resume = checked_resume_point(file);
  auto stream = std::make_unique<std::ifstream>(options_.directory / file, std::ios::binary);
  if (!*stream) {
    return make_error("SPOOL_READ_FAILED", "cannot open the spool file " + file);
  }
  if (resume.offset > 0) {
    samsag::log::info("resuming spool file at its checkpoint",
                      {{"file", file}, {"offset", resume.offset}, {"line", resume.line}});
  }
  current_file_ = std::move(file);
  stream_ = std::move(stream);
  reader_ = std::make_unique<ExportReader>(*stream_, current_file_, mapper_, resume);
  opened = true;
  return ok_status();
}

Result<std::optional<SpoolMark>> SpoolDirectory::next_batch(const RowSink& sink) {
  if (!reader_) {
    bool opened = false;
    if (Status status = open_next_file(opened); !status.ok()) return status.error();
    if (!opened) return std::optional<SpoolMark>();
  }
  ExportRow row;
  bool end_of_file = false;
  for (std::size_t rows = 0; rows < options_.batch_rows; ++rows) {
    if (!reader_->next(row)) {
      end_of_file = true;
      break;
    }
    sink(std::move(row));
  }
  if (end_of_file && reader_->read_failure()) {
    // Reopen where the rows handed out end; what was handed out stays valid.
    const ResumePoint at = reader_->position();
    resume_ = SpoolCheckpoint{current_file_, at.offset, at.line};
    reader_.reset();
    stream_.reset();
    return make_error("SPOOL_READ_FAILED", "reading the spool file " + current_file_ + " failed");
  }
  const ResumePoint handed_out = reader_->position();
  SpoolMark mark{current_file_, handed_out.offset, handed_out.line, end_of_file, next_sequence_++};
  if (end_of_file) {
    finished_.emplace_back(mark.sequence, current_file_);
    reader_.reset();
    stream_.reset();
    current_file_.clear();
  }
  return std::optional<SpoolMark>(std::move(mark));
}

Status SpoolDirectory::move_to_processed(const std::string& file) {
  const fs::path target_directory = options_.directory / kProcessed;
  fs::path target = target_directory / file;
  // File names are unique over time (FORMAT.md §1), but a re-delivered file must not overwrite
  // the copy of its first delivery.
  for (int n = 1; file_exists(target); ++n) {
    target = target_directory / (file + "." + std::to_string(n));
  }
  std::error_code error;
  fs::rename(options_.directory / file, target, error);
  if (error) {
    return make_error("SPOOL_MOVE_FAILED", "cannot move the spool file " + file + " to processed/");
  }
  samsag::log::info("spool file processed", {{"file", file}});
  return ok_status();
}

Status SpoolDirectory::commit(const SpoolMark& mark) {
  if (mark.sequence <= committed_sequence_) return ok_status();
  // A mark in the middle of a file is checkpointed. A file's last mark needs no checkpoint: the
  // file moves to processed/ and the checkpoint is removed, so a later file of the same name is
  // read from its start. A crash before the move resumes the file at its last checkpoint, one
  // after it finds the checkpointed file processed: repeats at worst, never a lost row.
  if (!mark.end_of_file) {
    if (Status status = write_checkpoint(options_.directory, {mark.file, mark.offset, mark.line});
        !status.ok()) {
      return status;
    }
  }
  committed_sequence_ = mark.sequence;
  while (!finished_.empty() && finished_.front().first <= mark.sequence) {
    if (Status status = move_to_processed(finished_.front().second); !status.ok()) return status;
    finished_.pop_front();
  }
  if (mark.end_of_file) {
    if (Status status = remove_checkpoint(options_.directory); !status.ok()) return status;
  }
  return ok_status();
}

SpoolBacklog SpoolDirectory::backlog(std::chrono::system_clock::time_point now) const {
  SpoolBacklog backlog;
  std::optional<std::chrono::system_clock::time_point> oldest;
  for (const std::string& file : list_spool_files(options_.directory)) {
    struct stat info {};
    if (::stat((options_.directory / file).c_str(), &info) != 0) continue;
    ++backlog.files_waiting;
    const auto modified = std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::seconds(info.st_mtim.tv_sec) +
            std::chrono::nanoseconds(info.st_mtim.tv_nsec)));
    if (!oldest || modified < *oldest) oldest = modified;
  }
  if (oldest && now > *oldest) {
    backlog.oldest_file_age = std::chrono::duration_cast<std::chrono::seconds>(now - *oldest);
  }
  return backlog;
}

}  // namespace samsag::adapters::employment
