#include "cli/up/topic_check.h"

#include <chrono>

#include "core/config/topics.h"
#include "core/kafka/admin.h"

namespace samsag::cli::up {

Result<std::vector<std::string>> missing_topics(const config::v1::Config& config) {
  auto settings = kafka::KafkaSettings::for_admin(config.kafka());
  if (!settings) return settings.error();
  auto admin = kafka::Admin::create(*settings);
  if (!admin) return admin.error();
  const auto topics = config::Topics::for_municipality(config.municipality().slug()).all();
  auto counts = admin->partition_counts(topics, kafka::deadline_in(std::chrono::seconds(15)));
  if (!counts) return counts.error();
  return counts->missing;
}

}  // namespace samsag::cli::up
