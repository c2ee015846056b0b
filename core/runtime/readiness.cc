#include "core/runtime/readiness.h"

#include <algorithm>

namespace samsag::runtime {

Readiness::Readiness(std::initializer_list<std::string_view> conditions) {
  for (const std::string_view condition : conditions) conditions_.emplace(condition, false);
}

void Readiness::require(std::string_view condition) {
  std::lock_guard lock(mutex_);
  conditions_.try_emplace(std::string(condition), false);
}

void Readiness::set(std::string_view condition, bool met) {
  std::vector<std::function<void()>> callbacks;
  {
    std::lock_guard lock(mutex_);
    const bool was_ready = ready_locked();
    auto found = conditions_.find(condition);
    if (found == conditions_.end()) {
      conditions_.emplace(condition, met);
    } else {
      found->second = met;
    }
    if (!was_ready && ready_locked()) callbacks = on_ready_;
  }
  for (const auto& callback : callbacks) callback();
}

void Readiness::mark_stopping() {
  std::lock_guard lock(mutex_);
  stopping_ = true;
}

bool Readiness::ready() const {
  std::lock_guard lock(mutex_);
  return ready_locked();
}

bool Readiness::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

std::vector<std::string> Readiness::waiting_for() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> unmet;
  for (const auto& [name, met] : conditions_) {
    if (!met) unmet.push_back(name);
  }
  return unmet;
}

void Readiness::on_ready(const std::function<void()>& callback) {
  bool ready_now = false;
  {
    std::lock_guard lock(mutex_);
    on_ready_.push_back(callback);
    ready_now = ready_locked();
  }
  if (ready_now) callback();
}

bool Readiness::ready_locked() const {
  return !stopping_ && std::all_of(conditions_.begin(), conditions_.end(),
                                   [](const auto& condition) { return condition.second; });
}

}  // namespace samsag::runtime
