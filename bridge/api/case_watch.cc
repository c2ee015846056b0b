#include "bridge/api/case_watch.h"

#include <utility>

#include "bridge/api/case_access.h"

namespace samsag::bridge::api {

CaseWatch::CaseWatch(const CaseStore& cases, CaseWatchOptions options)
    : cases_(cases), options_(options), thread_([this] { run(); }) {}

CaseWatch::~CaseWatch() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
  for (auto& watched : watched_) watched.stream.close();
}

void CaseWatch::close_all() {
  std::vector<Watched> closing;
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    closing = std::move(watched_);
    watched_.clear();
  }
  for (auto& watched : closing) watched.stream.close();
}

bool CaseWatch::has_room() {
  std::lock_guard lock(mutex_);
  return watched_.size() < options_.max_streams;
}

std::size_t CaseWatch::open_streams() {
  std::lock_guard lock(mutex_);
  return watched_.size();
}

void CaseWatch::add(http::EventStream stream, Caller caller, std::string pseudonym,
                    std::string etag) {
  std::unique_lock lock(mutex_);
  if (closed_) {
    lock.unlock();
    stream.close();
    return;
  }
  watched_.push_back(
      Watched{std::move(stream), std::move(caller), std::move(pseudonym), std::move(etag)});
}

bool CaseWatch::check(Watched& watched, bool keep_alive) {
  if (!watched.stream.is_open()) return false;
  auto found = cases_.get(watched.pseudonym);
  if (!found) return true;  // the store failed this once; ask again next time
  if (!found->has_value() || !may_access(watched.caller, **found)) return false;
  std::string etag = etag_of(**found);
  if (etag != watched.etag) {
    watched.etag = std::move(etag);
    if (!watched.stream.send("case", watched.etag)) return false;
  } else if (keep_alive && !watched.stream.send_comment("keep-alive")) {
    return false;
  }
  return true;
}

void CaseWatch::run() {
  auto next_keep_alive = std::chrono::steady_clock::now() + options_.keep_alive;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    changed_.wait_for(lock, options_.poll_interval, [this] { return stopping_; });
    if (stopping_) break;
    // Checked without the lock, so add() never waits for the store.
    std::vector<Watched> round = std::move(watched_);
    watched_.clear();
    lock.unlock();
    const auto now = std::chrono::steady_clock::now();
    const bool keep_alive = now >= next_keep_alive;
    if (keep_alive) next_keep_alive = now + options_.keep_alive;
    std::vector<Watched> still_open;
    still_open.reserve(round.size());
    for (auto& watched : round) {
      if (check(watched, keep_alive)) {
        still_open.push_back(std::move(watched));
      } else {
        watched.stream.close();
      }
    }
    lock.lock();
    if (closed_) {
      for (auto& watched : still_open) watched.stream.close();
      still_open.clear();
    }
    for (auto& watched : watched_) still_open.push_back(std::move(watched));
    watched_ = std::move(still_open);
  }
}

}  // namespace samsag::bridge::api
