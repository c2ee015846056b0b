// samsag broker: the embedded development broker. What it is and is not is said in --help and in
// core/broker/embedded_broker.h; both must stay honest, because tests and the demo lean on it.
// It prints exactly one line on stdout, when clients can connect; everything else goes to stderr.
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/broker/embedded_broker.h"
#include "core/broker/fault_control.h"
#include "core/config/config.h"
#include "core/config/host_port.h"
#include "core/config/topics.h"
#include "core/runtime/shutdown.h"

namespace samsag::cli {
namespace {

constexpr int kExitBadArguments = 2;
constexpr int kExitStartFailed = 1;

constexpr const char* kSummary =
    "the embedded Kafka-protocol broker for development, tests and the demo (in memory; never "
    "for production)";

constexpr const char* kExplanation = R"(
What it is: librdkafka 2.0.2's mock cluster. It speaks the real Kafka wire protocol, runs 3 brokers
(--brokers) on random loopback ports and keeps all data in memory: a restart starts empty. A
bootstrap listener on --listen relays to them; clients fetch metadata there and then connect to
the brokers' own addresses, which are on 127.0.0.1: clients must run on this machine.

What it is not:
  - it answers no CreateTopics request: topics are created in-process, from --topic and -c;
  - it auto-creates an unknown topic, with 4 partitions, when a client produces to it;
  - transactions are accepted but NOT enforced: no commit or abort markers are written, aborted
    records reach read_committed consumers, and offsets sent with a transaction are not stored;
  - no ACLs, no SASL or TLS, no durable log, no replicas kept in sync (acks=all and
    min.insync.replicas promise nothing when one of its brokers goes down); each partition
    keeps only its newest 5 MiB (or 100,000 message sets): older records are dropped silently.
What it lacks is tested on real Apache Kafka 3.9 by the tests labelled `kafka`
(tests/integration/realkafka; run them with `ctest --preset kafka`): topics made by `samsag
topics ensure`, transaction markers and read_committed, fencing, and the failover of a
three-node cluster with replication factor 3. For a real cluster of your
own on this machine: tools/kafka/cluster start --nodes 1 --dir DIR. It is never the production
default: production runs a real Kafka cluster.

When ready it prints one line on stdout and flushes it:
  ready bootstrap=HOST:PORT brokers=N topics=M
SIGTERM or SIGINT stops it with exit code 0.)";

constexpr const char* kDefaultListen = "127.0.0.1:9092";
constexpr int kDefaultBrokers = 3;

struct BrokerArguments {
  std::string config_path;
  std::string listen = kDefaultListen;
  int brokers = kDefaultBrokers;
  std::vector<std::string> topics;
  std::string control;
  // Set when the flag was given: a flag overrides the config's embedded_broker section.
  const CLI::Option* listen_flag = nullptr;
  const CLI::Option* brokers_flag = nullptr;
};

// With -c: every topic of the municipality with the config's partition count, and the config's
// embedded_broker settings where no flag overrides them. Prints what is wrong and returns false.
bool apply_config(const BrokerArguments& args, broker::EmbeddedBrokerOptions& options) {
  const auto loaded = config::load_config(args.config_path);
  if (!loaded.ok()) {
    for (const auto& problem : loaded.problems) {
      std::cerr << problem.to_string() << "\n";
    }
    std::cerr << "samsag broker: " << args.config_path << " is not a valid config; `samsag config "
              << "check -c " << args.config_path << "` says the same\n";
    return false;
  }
  const auto& embedded = loaded.config.embedded_broker();
  if (args.listen_flag->count() == 0 && !embedded.listen().empty()) {
    auto listen = config::parse_host_port(embedded.listen(), config::PortZero::kAnyFreePort);
    if (!listen) {
      std::cerr << "samsag broker: embedded_broker.listen: " << listen.error().message << "\n";
      return false;
    }
    options.listen = *listen;
  }
  if (args.brokers_flag->count() == 0 && embedded.brokers() != 0) {
    options.brokers = static_cast<int>(embedded.brokers());
  }
  const int partitions = static_cast<int>(loaded.config.kafka().partitions());
  const auto topics = config::Topics::for_municipality(loaded.config.municipality().slug());
  for (auto& name : topics.all()) {
    const int count = topics.partitions_of(name, partitions);
    options.topics.push_back({std::move(name), count});
  }
  return true;
}

// Turns the arguments into broker options; prints what is wrong and returns nullopt otherwise.
std::optional<broker::EmbeddedBrokerOptions> broker_options(const BrokerArguments& args) {
  broker::EmbeddedBrokerOptions options;
  bool ok = true;

  if (auto listen = config::parse_host_port(args.listen, config::PortZero::kAnyFreePort)) {
    options.listen = *listen;
  } else {
    std::cerr << "samsag broker: --listen: " << listen.error().message << "\n";
    ok = false;
  }
  options.brokers = args.brokers;
  if (!args.config_path.empty() && !apply_config(args, options)) {
    ok = false;
  }
  for (const auto& text : args.topics) {
    if (auto topic = broker::parse_topic_spec(text)) {
      options.topics.push_back(*topic);
    } else {
      std::cerr << "samsag broker: --topic: " << topic.error().message << "\n";
      ok = false;
    }
  }
  if (!ok) {
    return std::nullopt;
  }
  return options;
}

int run_broker(const BrokerArguments& args) {
  // Before any thread exists, so that only wait_for_shutdown() ever takes SIGTERM and SIGINT.
  runtime::block_shutdown_signals();
  // A client that vanishes must not kill the broker through a write to its socket.
  std::signal(SIGPIPE, SIG_IGN);

  const auto options = broker_options(args);
  if (!options) {
    return kExitBadArguments;
  }
  auto started = broker::EmbeddedBroker::start(*options);
  if (!started) {
    std::cerr << "samsag broker: " << started.error().message << " [" << started.error().code
              << "]\n";
    const auto& code = started.error().code;
    const bool bad_arguments =
        code == "INVALID_OPTIONS" || code == "TOPIC_CONFLICT" || code == "INVALID_TOPIC_NAME";
    return bad_arguments ? kExitBadArguments : kExitStartFailed;
  }
  std::unique_ptr<broker::EmbeddedBroker> embedded = std::move(started).value();

  std::cout << "ready bootstrap=" << embedded->bootstrap().to_string()
            << " brokers=" << embedded->brokers().size() << " topics=" << embedded->topics().size()
            << std::endl;  // flushed: tests wait on it
  std::cerr << "samsag broker: " << embedded->brokers().size() << " in-memory brokers at";
  for (const auto& address : embedded->brokers()) {
    std::cerr << " " << address.to_string();
  }
  std::cerr << ", bootstrap " << embedded->bootstrap().to_string() << ", "
            << embedded->topics().size() << " topics; development only, data is lost on exit\n";

  std::unique_ptr<http::Server> control;
  if (!args.control.empty()) {
    auto address = config::parse_host_port(args.control, config::PortZero::kAnyFreePort);
    if (!address) {
      std::cerr << "samsag broker: --control: " << address.error().message << "\n";
      return kExitBadArguments;
    }
    auto started_control = broker::start_fault_control(embedded->cluster(), address->host,
                                                       static_cast<std::uint16_t>(address->port));
    if (!started_control) {
      std::cerr << "samsag broker: " << started_control.error().message << "\n";
      return kExitStartFailed;
    }
    control = std::move(*started_control);
    std::cerr << "samsag broker: fault injection on http://" << address->host << ":"
              << control->port() << "/faults (development only)\n";
  }

  const int signal = runtime::wait_for_shutdown();
  std::cerr << "samsag broker: stopping (signal " << signal << ")\n";
  if (control) control->stop();
  embedded.reset();
  return 0;
}

}  // namespace

void add_broker_command(CLI::App& app, CommandRunner& selected) {
  auto args = std::make_shared<BrokerArguments>();
  auto* cmd = app.add_subcommand("broker", kSummary);
  cmd->footer(kExplanation);
  cmd->add_option("-c,--config", args->config_path,
                  "municipality config: create its topics (kafka.partitions each) and take "
                  "embedded_broker.listen and .brokers from it");
  args->listen_flag =
      cmd->add_option("--listen", args->listen,
                      "HOST:PORT of the bootstrap listener; port 0 takes a free port")
          ->default_str(kDefaultListen);
  args->brokers_flag = cmd->add_option("--brokers", args->brokers, "number of brokers")
                           ->check(CLI::Range(1, broker::kMaxBrokers))
                           ->default_str(std::to_string(kDefaultBrokers));
  cmd->add_option("--topic", args->topics,
                  "NAME:PARTITIONS of a topic to create at start; repeat for more");
  cmd->add_option("--control", args->control,
                  "HOST:PORT of an HTTP endpoint that injects faults into the running cluster: "
                  "POST /faults/requests, /faults/delay, /faults/brokers/{id}/down|up, "
                  "/faults/leader, /faults/coordinator (parameters in "
                  "core/broker/fault_control.h); for tests, development only");
  cmd->callback([&selected, args] { selected = [args] { return run_broker(*args); }; });
}

}  // namespace samsag::cli
