#include "bench/adapters/bench_environment.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <boost/json.hpp>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "core/kafka/admin.h"
#include "samsag/config/v1/config.pb.h"
#include "tests/support/child_process.h"

namespace samsag::bench {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

double seconds_of(const timeval& time) {
  return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
}

}  // namespace

std::int64_t GenFiles::records(const std::string& sector) const {
  return manifest.at("sectors").at(sector).at("records").to_number<std::int64_t>();
}

std::vector<fs::path> GenFiles::files(const std::string& sector) const {
  std::vector<fs::path> files;
  for (const auto& file : manifest.at("sectors").at(sector).at("files").as_array()) {
    files.push_back(directory / std::string(file.at("path").as_string()));
  }
  return files;
}

GenFiles run_gen(const fs::path& directory, const GenArguments& arguments) {
  std::vector<std::string> argv{testing::samsag_binary(),
                                "gen",
                                "--citizens",
                                std::to_string(arguments.citizens),
                                "--seed",
                                "4242",
                                "--out",
                                directory.string()};
  if (arguments.employment_rows) {
    argv.insert(argv.end(), {"--employment-rows", std::to_string(*arguments.employment_rows)});
  }
  testing::ChildProcess gen(argv);
  (void)gen.read_all(600s);
  if (gen.wait_for_exit(10s) != 0) throw std::runtime_error("samsag gen failed");
  return GenFiles{directory, json::parse(read_file(directory / "manifest.json"))};
}

std::string fresh_slug(const std::string& prefix) {
  std::random_device random;
  std::array<char, 16> hex{};
  std::snprintf(hex.data(), hex.size(), "%08x", random());
  return prefix + "-" + hex.data();
}

void ensure_topics(const std::string& bootstrap, const fs::path& config_path,
                   const std::vector<std::pair<std::string, int>>& extra_topics) {
  testing::ChildProcess ensure(
      {testing::samsag_binary(), "topics", "ensure", "-c", config_path.string()});
  const auto output = ensure.read_all(120s);
  if (ensure.wait_for_exit(10s) != 0) {
    throw std::runtime_error("samsag topics ensure failed: " + output.value_or(""));
  }
  config::v1::Kafka kafka;
  kafka.set_bootstrap(bootstrap);
  auto settings = kafka::KafkaSettings::for_admin(kafka);
  if (!settings) throw std::runtime_error("admin settings: " + settings.error().message);
  auto admin = kafka::Admin::create(*settings);
  if (!admin) throw std::runtime_error("admin client: " + admin.error().message);
  std::vector<kafka::NewTopic> wanted;
  // Every topic ensure reported ("topic=NAME status=..."), and the extra ones.
  std::vector<std::string> names;
  std::istringstream lines(output.value_or(""));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("topic=", 0) == 0) names.push_back(line.substr(6, line.find(' ') - 6));
  }
  if (names.empty()) throw std::runtime_error("samsag topics ensure reported no topic");
  for (const auto& [name, partitions] : extra_topics) {
    wanted.push_back({.name = name, .partitions = partitions});
    names.push_back(name);
  }
  if (!wanted.empty()) {
    auto created = admin->create_topics(wanted, kafka::deadline_in(60s));
    if (!created) throw std::runtime_error("creating topics: " + created.error().message);
    for (const auto& [name, status] : *created) {
      if (!status) throw std::runtime_error("creating " + name + ": " + status.error().message);
    }
  }
  // A KRaft broker serves a new topic's metadata a moment after the controller made it, and the
  // bridge refuses to start on a topic it does not see.
  const auto deadline = Clock::now() + 60s;
  while (true) {
    auto counts = admin->partition_counts(names, kafka::deadline_in(10s));
    if (counts && counts->missing.empty()) return;
    if (Clock::now() > deadline) throw std::runtime_error("the new topics did not appear");
    std::this_thread::sleep_for(100ms);  // polling interval of the metadata
  }
}

BenchCluster::BenchCluster(const fs::path& directory,
                           std::vector<std::pair<std::string, int>> extra_topics,
                           std::map<std::string, std::string> kafka_properties,
                           const std::string& existing_bootstrap)
    : deployment_(testing::AdapterDeploymentOptions{
          .directory = directory,
          .slug = existing_bootstrap.empty() ? "itest" : fresh_slug("bench"),
          .kafka_properties = std::move(kafka_properties)}) {
  for (auto& [kind, partitions] : extra_topics) kind = deployment_.topic(kind);
  if (existing_bootstrap.empty()) {
    broker_ = std::make_unique<testing::BrokerProcess>(testing::BrokerProcess::Options{
        .config_path = deployment_.write_config("").string(), .topics = std::move(extra_topics)});
    bootstrap_ = broker_->bootstrap();
    deployment_.write_config(bootstrap_);
  } else {
    bootstrap_ = existing_bootstrap;
    ensure_topics(bootstrap_, deployment_.write_config(bootstrap_), extra_topics);
  }
}

std::unique_ptr<testing::AdapterProcess> BenchCluster::start_adapter(const std::string& name) {
  auto adapter = std::make_unique<testing::AdapterProcess>(deployment_, name);
  if (!adapter->wait_ready(30s)) {
    for (const auto& line : adapter->log_lines()) std::cerr << name << "| " << line << "\n";
    throw std::runtime_error("adapter " + name + " did not become ready");
  }
  return adapter;
}

double cpu_seconds_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Fields after the command name, which is in parentheses and may contain spaces.
  const auto close = text.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(text.substr(close + 2));
  std::vector<std::string> values;
  for (std::string value; fields >> value;) values.push_back(value);
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  if (values.size() < 13) return -1;
  const auto ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  return (std::stod(values[11]) + std::stod(values[12])) / ticks;
}

TimedRun run_timed(const std::vector<std::string>& argv, const fs::path& stdout_path) {
  std::vector<std::string> copy = argv;
  std::vector<char*> args;
  args.reserve(copy.size() + 1);
  for (auto& arg : copy) args.push_back(arg.data());
  args.push_back(nullptr);
  const auto started = Clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (!stdout_path.empty()) {
      const int out = ::open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      if (out < 0 || ::dup2(out, STDOUT_FILENO) < 0) ::_exit(126);
    }
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) throw std::runtime_error("wait4 failed");
  }
  TimedRun run;
  run.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.cpu_seconds = seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime);
  return run;
}

}  // namespace samsag::bench
