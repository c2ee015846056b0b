// kcat, Debian's independent Kafka client, as the tests' witness of what `samsag broker` serves.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace samsag::testing {

inline constexpr const char* kKcatPath = "/usr/bin/kcat";

bool kcat_installed();

// What `kcat -L -J` reports about a cluster.
struct ClusterMetadata {
  int broker_count = 0;
  std::map<std::string, int> partitions_by_topic;
};

// Runs `kcat -L -J -b bootstrap` and parses its JSON; nullopt (with the reason on stderr) when
// kcat fails or prints something unreadable.
std::optional<ClusterMetadata> kcat_metadata(const std::string& bootstrap);

// Runs kcat with `args` and returns its stdout once it exits 0; nullopt otherwise.
std::optional<std::string> run_kcat(const std::vector<std::string>& args);

}  // namespace samsag::testing
