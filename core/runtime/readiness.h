// Whether a process is ready for work (/readyz): the conjunction of named conditions that its
// components set as they get there ("kafka" connected, partitions "assigned", "caught_up").
#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace samsag::runtime {

// Thread-safe: components set their conditions from their own threads.
class Readiness {
 public:
  Readiness() = default;
  // Each named condition starts unmet.
  Readiness(std::initializer_list<std::string_view> conditions);

  // Adds an unmet condition; a known one keeps its state.
  void require(std::string_view condition);
  // Sets a condition, adding it when unknown. Conditions can become unmet again (a lost broker).
  void set(std::string_view condition, bool met = true);
  // From now on the process is going away and never ready again (SIGTERM received).
  void mark_stopping();

  bool ready() const;
  bool stopping() const;
  // The unmet conditions, in name order.
  std::vector<std::string> waiting_for() const;

  // Called each time the process becomes ready, on the thread whose set() made it so, outside
  // the lock (so it may read this object). Also called at once if it is ready already.
  void on_ready(const std::function<void()>& callback);

 private:
  bool ready_locked() const;

  mutable std::mutex mutex_;
  std::map<std::string, bool, std::less<>> conditions_;
  bool stopping_ = false;
  std::vector<std::function<void()>> on_ready_;
};

}  // namespace samsag::runtime
