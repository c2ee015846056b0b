#include "adapters/employment/checkpoint_schedule.h"

namespace samsag::adapters::employment {

std::optional<SpoolMark> CheckpointSchedule::due(Clock::time_point now, bool idle) const {
  if (!newest_) return std::nullopt;
  if (newest_->end_of_file || idle || now - last_commit_ >= interval_) return newest_;
  return std::nullopt;
}

}  // namespace samsag::adapters::employment
