// The Server-Sent Events of GET /api/v1/cases/{pseudonym}/events: an event `case` with the case's
// ETag whenever it changes, and a comment every keep-alive interval. One thread polls the state
// store for every open stream each interval: one point read per stream (a few microseconds from
// RocksDB's cache), so 1,000 open pages at 500 ms cost ~2,000 reads a second. A stream closes when
// the case is gone from this instance (its partition moved: the page reconnects and is forwarded)
// or the caller may no longer see it (the coordinator was replaced).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bridge/api/caller.h"
#include "bridge/store/case_store.h"
#include "core/http/responder.h"

namespace samsag::bridge::api {

struct CaseWatchOptions {
  std::chrono::milliseconds poll_interval{500};
  std::chrono::milliseconds keep_alive{15'000};
  std::size_t max_streams = 1'000;
};

class CaseWatch {
 public:
  CaseWatch(const CaseStore& cases, CaseWatchOptions options);
  // Closes every stream.
  ~CaseWatch();
  CaseWatch(const CaseWatch&) = delete;
  CaseWatch& operator=(const CaseWatch&) = delete;

  // Closes every stream; add() closes later ones at once.
  void close_all();
  // False when max_streams are open already (answer 503 then).
  bool has_room();
  // Watches `stream`, which has sent `etag` already.
  void add(http::EventStream stream, Caller caller, std::string pseudonym, std::string etag);
  std::size_t open_streams();

 private:
  struct Watched {
    http::EventStream stream;
    Caller caller;
    std::string pseudonym;
    std::string etag;
  };
  void run();
  // False when the stream should close.
  bool check(Watched& watched, bool keep_alive);

  const CaseStore& cases_;
  CaseWatchOptions options_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Watched> watched_;
  bool stopping_ = false;
  bool closed_ = false;
  std::thread thread_;
};

}  // namespace samsag::bridge::api
