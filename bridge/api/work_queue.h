// A few threads for the API's work that may wait on the disk (reading cases from the state store),
// so the HTTP io threads never do.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace samsag::bridge::api {

class WorkQueue {
 public:
  explicit WorkQueue(int threads);
  // Runs what was posted, then ends the threads.
  ~WorkQueue();
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  void post(std::function<void()> task);

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace samsag::bridge::api
