// samsag topics ensure -c CONFIG [--dry-run]: creates or verifies every topic of the
// municipality through the Kafka Admin API (cli/topics/topic_ensure.h says what it changes and
// what it never changes). Exit 0 when every topic is as the config asks (or was made so), 1 when
// a topic has a problem this command must not or cannot fix, 2 for bad arguments or config.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/report_logging.h"
#include "cli/topics/topic_ensure.h"
#include "cli/topics/topic_layout.h"
#include "core/config/config.h"
#include "core/kafka/admin.h"
#include "core/kafka/settings.h"

namespace samsag::cli {
namespace {

constexpr int kExitProblem = 1;
constexpr int kExitBadArguments = 2;

struct EnsureArguments {
  std::string config_path;
  bool dry_run = false;
  int timeout_seconds = 30;
};

int ensure(const EnsureArguments& args) {
  log_warnings_to_stderr("topics");
  const auto loaded = config::load_config(args.config_path);
  if (!loaded.ok()) {
    for (const auto& problem : loaded.problems) std::cerr << problem.to_string() << '\n';
    return kExitBadArguments;
  }
  auto settings = kafka::KafkaSettings::for_admin(loaded.config.kafka());
  if (settings) (void)settings->set("client.id", "samsag-topics");
  auto admin = settings ? kafka::Admin::create(*settings) : Result<kafka::Admin>(settings.error());
  if (!admin) {
    std::cerr << "samsag topics ensure: " << admin.error().message << '\n';
    return kExitBadArguments;
  }
  const topics::EnsureOptions options{.dry_run = args.dry_run,
                                      .timeout = std::chrono::seconds(args.timeout_seconds)};
  topics::KafkaTopicAdmin topic_admin(*admin);
  auto report = topics::ensure_topics(topic_admin, topics::topic_layout(loaded.config), options);
  if (!report) {
    std::cerr << "samsag topics ensure: " << report.error().message << '\n';
    return kExitProblem;
  }
  for (const auto& line : topics::report_lines(*report)) std::cout << line << '\n';
  return report->problems() ? kExitProblem : 0;
}

}  // namespace

void add_topics_command(CLI::App& app, CommandRunner& selected) {
  auto* topics = app.add_subcommand("topics", "Work with the municipality's Kafka topics");
  topics->require_subcommand(1);

  auto args = std::make_shared<EnsureArguments>();
  auto* ensure_command = topics->add_subcommand(
      "ensure",
      "Create missing topics and correct topic configs (cleanup.policy, retention.ms, "
      "min.insync.replicas) through the Kafka Admin API; report, never change, a wrong partition "
      "count or too few replicas. One line per topic; exit 1 when a topic has a problem.");
  ensure_command->add_option("-c,--config", args->config_path, "The municipality's samsag.yaml")
      ->required();
  ensure_command->add_flag("--dry-run", args->dry_run,
                           "Say what would be created or corrected, and change nothing");
  ensure_command
      ->add_option("--timeout", args->timeout_seconds, "Seconds to wait for each Kafka request")
      ->check(CLI::Range(1, 600));
  ensure_command->callback([&selected, args] { selected = [args] { return ensure(*args); }; });
}

}  // namespace samsag::cli
