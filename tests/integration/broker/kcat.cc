#include "tests/integration/broker/kcat.h"

#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <iostream>

#include "tests/support/child_process.h"

namespace samsag::testing {
namespace {

constexpr std::chrono::seconds kKcatTimeout{30};

}  // namespace

bool kcat_installed() { return ::access(kKcatPath, X_OK) == 0; }

std::optional<std::string> run_kcat(const std::vector<std::string>& args) {
  std::vector<std::string> argv{kKcatPath};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildProcess kcat(argv);
  auto output = kcat.read_all(kKcatTimeout);
  const auto exit_code = kcat.wait_for_exit(kKcatTimeout);
  if (!output || exit_code != 0) {
    std::cerr << "kcat failed (exit " << (exit_code ? std::to_string(*exit_code) : "none") << ")\n";
    return std::nullopt;
  }
  return output;
}

std::optional<ClusterMetadata> kcat_metadata(const std::string& bootstrap) {
  const auto output = run_kcat({"-L", "-J", "-m", "10", "-b", bootstrap});
  if (!output) {
    return std::nullopt;
  }
  boost::system::error_code ec;
  const auto json = boost::json::parse(*output, ec);
  if (ec || !json.is_object()) {
    std::cerr << "kcat printed no JSON object: " << *output << "\n";
    return std::nullopt;
  }
  ClusterMetadata metadata;
  const auto& root = json.as_object();
  metadata.broker_count = static_cast<int>(root.at("brokers").as_array().size());
  for (const auto& topic : root.at("topics").as_array()) {
    const auto& entry = topic.as_object();
    metadata.partitions_by_topic[std::string(entry.at("topic").as_string())] =
        static_cast<int>(entry.at("partitions").as_array().size());
  }
  return metadata;
}

}  // namespace samsag::testing
