// report_lines (topic_ensure.h): one key=value line per topic, for people and for grep/awk.
#include <sstream>

#include "cli/output_field.h"
#include "cli/topics/topic_ensure.h"

namespace samsag::cli::topics {
namespace {

const char* status_word(TopicStatus status) {
  switch (status) {
    case TopicStatus::kOk:
      return "ok";
    case TopicStatus::kCreated:
      return "created";
    case TopicStatus::kWouldCreate:
      return "would-create";
    case TopicStatus::kMissing:
      return "missing";
    case TopicStatus::kWrongPartitions:
      return "wrong-partitions";
    case TopicStatus::kTooFewReplicas:
      return "too-few-replicas";
    case TopicStatus::kFailed:
      return "failed";
  }
  return "unknown";
}

const char* config_word(ConfigStatus status) {
  switch (status) {
    case ConfigStatus::kOk:
      return "ok";
    case ConfigStatus::kSet:
      return "set";
    case ConfigStatus::kCorrected:
      return "corrected";
    case ConfigStatus::kWouldCorrect:
      return "would-correct";
    case ConfigStatus::kUnchecked:
      return "unchecked";
    case ConfigStatus::kNotApplicable:
      return "none";
  }
  return "unknown";
}

std::string topic_line(const TopicReport& topic) {
  std::ostringstream line;
  line << "topic=" << topic.wanted.name << " status=" << status_word(topic.status);
  if (topic.found) {
    line << " partitions=" << topic.found->partitions;
    if (topic.found->replication_factor > 0) {
      line << " replication_factor=" << topic.found->replication_factor;
    }
  }
  if (topic.status == TopicStatus::kWrongPartitions || !topic.found) {
    line << " wanted_partitions=" << topic.wanted.partitions;
  }
  line << " configs=" << config_word(topic.configs);
  if (!topic.changes.empty()) {
    line << " changes=";
    for (std::size_t i = 0; i < topic.changes.size(); ++i) {
      const auto& change = topic.changes[i];
      line << (i > 0 ? "," : "") << change.name << ":" << change.found.value_or("unset") << "->"
           << change.wanted;
    }
  }
  if (!topic.reason.empty()) line << " reason=" << quoted_field(topic.reason);
  return line.str();
}

}  // namespace

std::vector<std::string> report_lines(const EnsureReport& report) {
  std::vector<std::string> lines;
  int ok = 0;
  int created = 0;
  int corrected = 0;
  int problems = 0;
  for (const auto& topic : report.topics) {
    lines.push_back(topic_line(topic));
    if (topic.problem()) {
      ++problems;
    } else if (topic.status == TopicStatus::kCreated) {
      ++created;
    } else if (topic.status == TopicStatus::kOk) {
      ++ok;
    }
    if (topic.configs == ConfigStatus::kCorrected) ++corrected;
  }
  std::ostringstream summary;
  summary << "summary topics=" << report.topics.size() << " ok=" << ok << " created=" << created
          << " corrected=" << corrected << " problems=" << problems
          << " changed=" << (report.changed() ? "yes" : "no")
          << " configs=" << (report.configs_unchecked_reason.empty() ? "checked" : "unchecked");
  lines.push_back(summary.str());
  if (!report.configs_unchecked_reason.empty()) {
    lines.push_back("note=" + quoted_field(report.configs_unchecked_reason));
  }
  return lines;
}

}  // namespace samsag::cli::topics
