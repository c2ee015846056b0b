// What the adapters' integration tests share: `samsag gen` output with its manifest and the CPR
// numbers it issued, a broker with a deployment of the four adapters, the records on a topic
// decoded, and a finder for CPR numbers (with or without the dash) in bytes.
#pragma once

#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/kafka/record.h"
#include "samsag/v1/dead_letter.pb.h"
#include "samsag/v1/event.pb.h"
#include "tests/support/adapter_process.h"
#include "tests/support/broker_process.h"

namespace samsag::adapters::itest {

using samsag::testing::AdapterDeployment;
using samsag::testing::AdapterDeploymentOptions;
using samsag::testing::AdapterProcess;
using samsag::testing::BrokerProcess;

// An integer from the environment, or `fallback` when unset or not a number.
std::int64_t env_int(const char* name, std::int64_t fallback);

// One `samsag gen` run (the real command) into `directory`.
struct GenOutput {
  std::filesystem::path directory;
  boost::json::value manifest;
  std::vector<std::string> cprs;  // citizens.csv, DDMMYYSSSS

  // manifest.sectors.<sector>.records
  std::int64_t records(const std::string& sector) const;
  // The sector's files (absolute paths) with their records, in manifest order.
  std::vector<std::pair<std::filesystem::path, std::int64_t>> files(
      const std::string& sector) const;
};
struct GenArguments {
  int citizens = 10;
  std::string seed = "20260302";
  std::optional<std::int64_t> employment_rows{};
};
GenOutput run_gen(const std::filesystem::path& directory, const GenArguments& arguments);

// Finds any of a set of CPR numbers in bytes, in either written form (DDMMYYSSSS, DDMMYY-SSSS),
// also inside longer runs of digits. What it reports never contains the number itself.
class CprFinder {
 public:
  explicit CprFinder(const std::vector<std::string>& cprs);
  // Where the first known CPR number starts in `bytes`, or nullopt.
  std::optional<std::size_t> find(std::string_view bytes) const;

 private:
  std::unordered_set<std::string> cprs_;
};

// A broker with the deployment's topics and the deployment's config pointing at it.
class BrokerWithDeployment {
 public:
  explicit BrokerWithDeployment(AdapterDeploymentOptions options);
  BrokerWithDeployment(const BrokerWithDeployment&) = delete;
  BrokerWithDeployment& operator=(const BrokerWithDeployment&) = delete;

  AdapterDeployment& deployment() { return deployment_; }
  BrokerProcess& broker() { return *broker_; }
  const std::string& bootstrap() const { return broker_->bootstrap(); }
  // Starts adapter `name` and waits until /readyz answers 200; throws when it does not.
  std::unique_ptr<AdapterProcess> start_adapter(const std::string& name);

 private:
  AdapterDeployment deployment_;
  std::unique_ptr<BrokerProcess> broker_;
};

// Every record of `topic`.
std::vector<kafka::Message> read_topic(const std::string& bootstrap, const std::string& topic);
std::vector<samsag::v1::DeadLetter> read_dead_letters(const std::string& bootstrap,
                                                      const std::string& topic);

// Prints an adapter's log lines to stderr (JSON; pseudonyms and masked numbers only).
void print_log(const AdapterProcess& adapter, const std::string& name);

// Asks `done` every `interval` until it says yes; false when `timeout` passes first.
bool poll_until(const std::function<bool()>& done, std::chrono::milliseconds timeout,
                std::chrono::milliseconds interval = std::chrono::milliseconds(5));

// Reads a whole file.
std::string read_file(const std::filesystem::path& path);

// The source tree's tests/data (the tests run from the source directory).
std::filesystem::path test_data(const std::string& relative);

}  // namespace samsag::adapters::itest
