// samsag dlq list|show|replay -c CONFIG: the dead letters of {m}.dlq.v1 for ops (DESIGN.md
// "Delivery and state": bad input never vanishes; it is inspected, replayed after a fix, or left
// to expire). list: a table, never the original bytes. show: one in full, masked. replay: back
// through the adapter that rejected it, with the current config (cli/dlq/dead_letter_replay.h).
// Exit 0 on success; replay exits 1 when a selected record still fails, cannot be replayed or
// was not confirmed; 2 for bad arguments or config.
#include <google/protobuf/util/time_util.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/dlq/dead_letter_replay.h"
#include "cli/dlq/dead_letter_selection.h"
#include "cli/dlq/dead_letter_view.h"
#include "cli/report_logging.h"
#include "core/config/config.h"
#include "core/config/topics.h"
#include "core/kafka/settings.h"

namespace samsag::cli {
namespace {

constexpr int kExitProblem = 1;
constexpr int kExitBadArguments = 2;

struct DlqArguments {
  std::string config_path;
  std::string reason;
  std::string source;
  std::string since;
  std::vector<std::string> positions;
  std::size_t limit = 0;
  bool all = false;
  bool dry_run = false;
  int timeout_seconds = 60;
};

struct Loaded {
  samsag::config::v1::Config config;
  std::vector<dlq::StoredDeadLetter> selected;
};

// Loads the config, reads the DLQ and applies the selection; prints why not and returns nullopt.
std::optional<Loaded> load(const DlqArguments& args, int& exit_code) {
  log_warnings_to_stderr("dlq");
  exit_code = kExitBadArguments;
  auto loaded = config::load_config(args.config_path);
  if (!loaded.ok()) {
    for (const auto& problem : loaded.problems) std::cerr << problem.to_string() << '\n';
    return std::nullopt;
  }
  dlq::DeadLetterSelection selection;
  auto fail = [](const Error& error) {
    std::cerr << "samsag dlq: " << error.message << '\n';
    return std::nullopt;
  };
  if (!args.reason.empty()) {
    auto reason = dlq::parse_reason(args.reason);
    if (!reason) return fail(reason.error());
    selection.reason = *reason;
  }
  if (!args.source.empty()) selection.source = args.source;
  if (!args.since.empty()) {
    auto since = dlq::parse_since(args.since, google::protobuf::util::TimeUtil::GetCurrentTime());
    if (!since) return fail(since.error());
    selection.since = *since;
  }
  for (const auto& text : args.positions) {
    auto position = dlq::parse_position(text);
    if (!position) return fail(position.error());
    selection.positions.push_back(*position);
  }
  if (args.limit > 0) selection.limit = args.limit;

  const auto topic = config::Topics::for_municipality(loaded.config.municipality().slug()).dlq;
  auto letters = dlq::read_dead_letters(
      loaded.config.kafka(), topic, kafka::deadline_in(std::chrono::seconds(args.timeout_seconds)));
  exit_code = kExitProblem;
  if (!letters) return fail(letters.error());
  exit_code = 0;
  return Loaded{std::move(loaded.config), selection.apply(std::move(*letters))};
}

int list(const DlqArguments& args) {
  int exit_code = 0;
  auto loaded = load(args, exit_code);
  if (!loaded) return exit_code;
  for (const auto& line : dlq::list_lines(loaded->selected)) std::cout << line << '\n';
  return 0;
}

int show(DlqArguments args) {
  int exit_code = 0;
  auto loaded = load(args, exit_code);
  if (!loaded) return exit_code;
  if (loaded->selected.empty()) {
    std::cerr << "samsag dlq show: no dead letter at " << args.positions.front() << '\n';
    return kExitProblem;
  }
  std::cout << dlq::show_text(loaded->selected.front());
  return 0;
}

int replay(const DlqArguments& args) {
  const bool selects = !args.reason.empty() || !args.source.empty() || !args.since.empty() ||
                       !args.positions.empty() || args.limit > 0;
  if (!selects && !args.all) {
    std::cerr << "samsag dlq replay: select what to replay (--reason, --source, --since, --at, "
                 "--limit), or pass --all\n";
    return kExitBadArguments;
  }
  int exit_code = 0;
  auto loaded = load(args, exit_code);
  if (!loaded) return exit_code;
  const auto& config = loaded->config;
  auto pseudonymiser = privacy::Pseudonymiser::from_key_file(
      config.pseudonymisation().key_file(), config.pseudonymisation().key_version());
  if (!pseudonymiser) {
    std::cerr << "samsag dlq replay: " << pseudonymiser.error().message << '\n';
    return kExitBadArguments;
  }
  std::optional<kafka::Producer> producer;
  if (!args.dry_run) {
    auto settings = kafka::KafkaSettings::for_producer(config.kafka());
    if (settings) (void)settings->set("client.id", "samsag-dlq-replay");
    auto created =
        settings ? kafka::Producer::create(*settings) : Result<kafka::Producer>(settings.error());
    if (!created) {
      std::cerr << "samsag dlq replay: " << created.error().message << '\n';
      return kExitBadArguments;
    }
    producer.emplace(std::move(*created));
  }
  dlq::DeadLetterReplay replayer(config, *pseudonymiser, producer ? &*producer : nullptr,
                                 std::chrono::seconds(args.timeout_seconds));
  int replayed = 0;
  int failing = 0;
  for (const auto& stored : loaded->selected) {
    for (const auto& outcome : replayer.replay(stored)) {
      std::cout << dlq::outcome_line(outcome) << '\n';
      const bool good = outcome.verdict == dlq::ReplayVerdict::kReplayed ||
                        outcome.verdict == dlq::ReplayVerdict::kWouldReplay;
      ++(good ? replayed : failing);
    }
  }
  std::cout << "summary selected=" << loaded->selected.size()
            << (args.dry_run ? " would_replay=" : " replayed=") << replayed
            << " not_replayed=" << failing << (args.dry_run ? " dry_run=yes" : "") << '\n';
  return failing > 0 ? kExitProblem : 0;
}

void add_selection(CLI::App& command, DlqArguments& args) {
  command.add_option("--reason", args.reason, "Only this reason, e.g. WRONG_MUNICIPALITY");
  command.add_option("--source", args.source,
                     "Only from this adapter (its name), component or source system");
  command.add_option("--since", args.since,
                     "Only rejected at or after: 2026-03-02T10:00:00Z, 2026-03-02, or 36h, 7d");
  command.add_option("--limit", args.limit, "At most this many, the oldest first per partition");
}

}  // namespace

void add_dlq_command(CLI::App& app, CommandRunner& selected) {
  auto* dlq = app.add_subcommand(
      "dlq", "Inspect the dead letters of {m}.dlq.v1 and replay them after a fix");
  dlq->require_subcommand(1);
  auto args = std::make_shared<DlqArguments>();
  auto add_config = [&args](CLI::App* command) {
    command->add_option("-c,--config", args->config_path, "The municipality's samsag.yaml")
        ->required();
    command->add_option("--timeout", args->timeout_seconds, "Seconds to wait for Kafka")
        ->check(CLI::Range(1, 3600));
  };

  auto* list_command = dlq->add_subcommand(
      "list", "A table of dead letters: position, time, source, reason and sentence");
  add_config(list_command);
  add_selection(*list_command, *args);
  list_command->callback([&selected, args] { selected = [args] { return list(*args); }; });

  auto* show_command = dlq->add_subcommand(
      "show", "One dead letter in full, its original with CPR-shaped numbers masked");
  add_config(show_command);
  show_command->add_option("position", args->positions, "PARTITION:OFFSET, as list prints it")
      ->required()
      ->expected(1);
  show_command->callback([&selected, args] { selected = [args] { return show(*args); }; });

  auto* replay_command = dlq->add_subcommand(
      "replay",
      "Send selected dead letters back through the adapter that rejected them, with the current "
      "config: the same event id as the adapter would give; still failing ones go to the DLQ "
      "again with their new reason");
  add_config(replay_command);
  add_selection(*replay_command, *args);
  replay_command->add_option("--at", args->positions, "Only this PARTITION:OFFSET (repeatable)");
  replay_command->add_flag("--all", args->all, "Replay every dead letter (no other selection)");
  replay_command->add_flag("--dry-run", args->dry_run,
                           "Parse and say what would happen; produce nothing");
  replay_command->callback([&selected, args] { selected = [args] { return replay(*args); }; });
}

}  // namespace samsag::cli
