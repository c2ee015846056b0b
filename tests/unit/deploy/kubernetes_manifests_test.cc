// deploy/kubernetes: for every municipality's overlay, the manifests agree with its samsag.yaml
// (names, ports, topics) and hold the invariants ops rely on: probes on /healthz and /readyz, a
// state volume for the bridge, a disruption budget and network policies for every workload, and
// Kafka ACLs that keep each adapter to its own sector topic and let only the bridge read.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/unit/deploy/manifest_set.h"
#include "tests/unit/deploy/municipality_config.h"

namespace samsag::deploy_test {
namespace {
namespace fs = std::filesystem;

const fs::path kSource = SAMSAG_SOURCE_DIR;
const fs::path kOverlays = kSource / "deploy/kubernetes/overlays";
const fs::path kMunicipalities = kSource / "deploy/municipalities";
constexpr const char* kConfigPath = "/etc/samsag/samsag.yaml";
constexpr long long kMillisPerDay = 86'400'000;

std::vector<std::string> overlay_slugs() {
  std::vector<std::string> slugs;
  for (const auto& entry : fs::directory_iterator(kOverlays)) {
    if (entry.is_directory()) slugs.push_back(entry.path().filename().string());
  }
  std::sort(slugs.begin(), slugs.end());
  return slugs;
}

std::string text(const YAML::Node& node, const std::string& fallback = "") {
  return node && node.IsScalar() ? node.as<std::string>() : fallback;
}

YAML::Node container_of(const Manifest& workload) {
  return workload.node["spec"]["template"]["spec"]["containers"][0];
}

int named_port(const YAML::Node& container, const std::string& name) {
  for (const auto& port : container["ports"]) {
    if (text(port["name"]) == name) return port["containerPort"].as<int>();
  }
  return 0;
}

std::string env_value(const YAML::Node& container, const std::string& name) {
  for (const auto& variable : container["env"]) {
    if (text(variable["name"]) == name) return text(variable["value"]);
  }
  return "";
}

std::vector<std::string> args_of(const YAML::Node& container) {
  std::vector<std::string> args;
  for (const auto& arg : container["args"]) args.push_back(arg.as<std::string>());
  return args;
}

std::string mount_path(const YAML::Node& container, const std::string& volume) {
  for (const auto& mount : container["volumeMounts"]) {
    if (text(mount["name"]) == volume) return text(mount["mountPath"]);
  }
  return "";
}

// path -> "secret NAME/KEY" or "configMap NAME/KEY" for each item of a projected volume.
std::map<std::string, std::string> projected_files(const Manifest& workload,
                                                   const std::string& volume) {
  std::map<std::string, std::string> files;
  for (const auto& candidate : workload.node["spec"]["template"]["spec"]["volumes"]) {
    if (text(candidate["name"]) != volume) continue;
    for (const auto& source : candidate["projected"]["sources"]) {
      for (const char* kind : {"secret", "configMap"}) {
        if (!source[kind]) continue;
        for (const auto& item : source[kind]["items"]) {
          files[text(item["path"])] =
              std::string(kind) + " " + text(source[kind]["name"]) + "/" + text(item["key"]);
        }
      }
    }
  }
  return files;
}

void expect_probes(const YAML::Node& container, const std::string& what) {
  const auto liveness = container["livenessProbe"]["httpGet"];
  const auto readiness = container["readinessProbe"]["httpGet"];
  EXPECT_EQ(text(liveness["path"]), "/healthz") << what;
  EXPECT_EQ(text(liveness["port"]), "admin") << what;
  EXPECT_EQ(text(readiness["path"]), "/readyz") << what;
  EXPECT_EQ(text(readiness["port"]), "admin") << what;
}

// Everything the process reads beside its config is in the volume mounted at /etc/samsag.
void expect_config_volume(const Manifest& workload, const std::string& kafka_user,
                          const std::vector<std::string>& needed) {
  const auto container = container_of(workload);
  EXPECT_EQ(mount_path(container, "config"), "/etc/samsag") << workload.name();
  const auto files = projected_files(workload, "config");
  const auto at = [&files](const std::string& path) {
    const auto found = files.find(path);
    return found == files.end() ? std::string("(missing)") : found->second;
  };
  EXPECT_EQ(at("samsag.yaml"), "configMap samsag-config/samsag.yaml") << workload.name();
  EXPECT_EQ(at("kafka-password"), "secret " + kafka_user + "/password") << workload.name();
  for (const auto& file : needed) {
    EXPECT_TRUE(files.contains(file))
        << workload.name() << " does not provide " << file << " beside its config";
  }
}

bool is_under(const std::string& path, const std::string& directory) {
  if (directory.empty()) return false;
  const auto prefix = directory.back() == '/' ? directory : directory + "/";
  return path.starts_with(prefix);
}

using AclKey = std::string;  // "topic koebenhavn.social.v1 literal"
using Acls = std::map<AclKey, std::set<std::string>>;

Acls acls_of(const Manifest& user) {
  Acls acls;
  for (const auto& acl : user.node["spec"]["authorization"]["acls"]) {
    const auto resource = acl["resource"];
    const AclKey key = text(resource["type"]) + " " + text(resource["name"]) + " " +
                       text(resource["patternType"], "literal");
    for (const auto& operation : acl["operations"]) acls[key].insert(operation.as<std::string>());
  }
  return acls;
}

AclKey topic(const std::string& name) { return "topic " + name + " literal"; }

class Overlay : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    slug_ = GetParam();
    const auto config_file = kMunicipalities / slug_ / "samsag.yaml";
    ASSERT_TRUE(fs::exists(config_file)) << "overlay " << slug_ << " has no " << config_file;
    config_ = read_municipality(config_file);
    set_ = ManifestSet::load(kOverlays / slug_);
    for (const auto& problem : set_.problems()) ADD_FAILURE() << problem;
  }

  std::string topic_name(const std::string& kind) const { return slug_ + "." + kind + ".v1"; }

  std::vector<const Manifest*> workloads() const {
    auto found = set_.of_kind("Deployment");
    for (const auto* stateful : set_.of_kind("StatefulSet")) found.push_back(stateful);
    return found;
  }

  std::string slug_;
  MunicipalitySettings config_;
  ManifestSet set_;
};

TEST_P(Overlay, TargetsItsOwnNamespaceLabelAndConfig) {
  EXPECT_EQ(config_.slug, slug_);
  EXPECT_EQ(set_.name_space(), "samsag-" + slug_);
  const auto* config_map = set_.find("ConfigMap", "samsag-config");
  ASSERT_NE(config_map, nullptr);
  const auto packaged = YAML::Load(text(config_map->node["data"]["samsag.yaml"]));
  EXPECT_EQ(text(packaged["municipality"]["slug"]), slug_);
  for (const auto* workload : workloads()) {
    const auto labels = pod_labels(*workload);
    EXPECT_EQ(labels.count("samsag.dk/municipality") ? labels.at("samsag.dk/municipality") : "",
              slug_)
        << workload->name();
    EXPECT_EQ(
        labels.count("app.kubernetes.io/part-of") ? labels.at("app.kubernetes.io/part-of") : "",
        "samsag")
        << workload->name();
  }
}

TEST_P(Overlay, RunsEveryConfiguredAdapterAsADeploymentAndNoOther) {
  std::set<std::string> configured;
  for (const auto& adapter : config_.adapters) {
    const std::string name = "samsag-adapter-" + adapter.name;
    configured.insert(name);
    const auto* deployment = set_.find("Deployment", name);
    ASSERT_NE(deployment, nullptr) << "no Deployment " << name;
    const auto container = container_of(*deployment);
    EXPECT_EQ(args_of(container),
              (std::vector<std::string>{"adapter", adapter.name, "-c", kConfigPath}));
    EXPECT_EQ(named_port(container, "admin"), adapter.admin_port) << name;
    EXPECT_EQ(named_port(container, "intake"), adapter.intake_port.value_or(0)) << name;
    expect_probes(container, name);
    EXPECT_EQ(env_value(container, "SAMSAG_KAFKA_USERNAME"), name);
    auto needed = config_.shared_files;
    needed.insert(needed.end(), adapter.files.begin(), adapter.files.end());
    expect_config_volume(*deployment, name, needed);
    if (adapter.spool_directory) {
      EXPECT_EQ(deployment->node["spec"]["replicas"].as<int>(), 1) << name << ": one spool reader";
      EXPECT_EQ(text(deployment->node["spec"]["strategy"]["type"]), "Recreate") << name;
      EXPECT_TRUE(is_under(*adapter.spool_directory, mount_path(container, "spool")))
          << name << ": " << *adapter.spool_directory << " is on no mounted volume";
    }
    const auto* service = set_.find("Service", name);
    ASSERT_NE(service, nullptr) << "no Service " << name;
    EXPECT_TRUE(selects(service->node["spec"]["selector"], pod_labels(*deployment)));
    std::set<std::string> service_ports;
    for (const auto& port : service->node["spec"]["ports"]) {
      service_ports.insert(text(port["targetPort"]));
      EXPECT_EQ(port["port"].as<int>(), named_port(container, text(port["targetPort"])))
          << name << " port " << text(port["name"]);
    }
    EXPECT_TRUE(service_ports.contains("admin")) << name;
    EXPECT_EQ(service_ports.contains("intake"), adapter.intake_port.has_value()) << name;
  }
  for (const auto* deployment : set_.of_kind("Deployment")) {
    EXPECT_TRUE(configured.contains(deployment->name()))
        << deployment->name() << " runs an adapter " << slug_ << "'s config does not have";
  }
}

TEST_P(Overlay, RunsTheBridgeAsAStatefulSetWithAStateVolume) {
  const auto* bridge = set_.find("StatefulSet", "samsag-bridge");
  ASSERT_NE(bridge, nullptr);
  const auto container = container_of(*bridge);
  const auto args = args_of(container);
  ASSERT_GE(args.size(), 3U);
  EXPECT_EQ(args[0], "bridge");
  EXPECT_EQ(args[1], "-c");
  EXPECT_EQ(args[2], kConfigPath);
  EXPECT_EQ(named_port(container, "api"), config_.bridge_api_port);
  EXPECT_EQ(named_port(container, "admin"), config_.bridge_admin_port);
  expect_probes(container, "samsag-bridge");
  EXPECT_EQ(env_value(container, "SAMSAG_KAFKA_USERNAME"), "samsag-bridge");
  auto needed = config_.shared_files;
  needed.insert(needed.end(), config_.bridge_files.begin(), config_.bridge_files.end());
  expect_config_volume(*bridge, "samsag-bridge", needed);

  bool has_state_claim = false;
  for (const auto& claim : bridge->node["spec"]["volumeClaimTemplates"]) {
    has_state_claim = has_state_claim || text(claim["metadata"]["name"]) == "state";
  }
  EXPECT_TRUE(has_state_claim) << "the RocksDB store needs a volume of its own";
  EXPECT_FALSE(env_value(container, "STATE_DIRECTORY").empty());
  EXPECT_EQ(mount_path(container, "state"), env_value(container, "STATE_DIRECTORY"))
      << "bridge.state_dir reads STATE_DIRECTORY; it must be the state volume";

  const auto* peers = set_.find("Service", text(bridge->node["spec"]["serviceName"]));
  ASSERT_NE(peers, nullptr) << "the StatefulSet's serviceName names no Service";
  EXPECT_EQ(text(peers->node["spec"]["clusterIP"]), "None");
  EXPECT_TRUE(selects(peers->node["spec"]["selector"], pod_labels(*bridge)));
  const auto* api = set_.find("Service", "samsag-bridge");
  ASSERT_NE(api, nullptr);
  EXPECT_TRUE(selects(api->node["spec"]["selector"], pod_labels(*bridge)));
  EXPECT_EQ(text(api->node["spec"]["ports"][0]["targetPort"]), "api");
}

TEST_P(Overlay, DeclaresEveryTopicWithTheConfigsLayoutAndRetention) {
  struct Expected {
    int partitions;
    std::string cleanup;
    int retention_days;  // 0: compacted, no time limit
  };
  const int p = config_.partitions;
  const std::map<std::string, Expected> expected = {
      {topic_name("employment"), {p, "delete", config_.sector_days}},
      {topic_name("social"), {p, "delete", config_.sector_days}},
      {topic_name("health"), {p, "delete", config_.sector_days}},
      {topic_name("region"), {p, "delete", config_.sector_days}},
      {topic_name("consent"), {p, "delete", config_.decision_days}},
      {topic_name("plan"), {p, "delete", config_.decision_days}},
      {topic_name("case"), {p, "compact", 0}},
      {topic_name("audit"), {p, "delete", config_.audit_days}},
      {topic_name("dlq"), {p, "delete", config_.dlq_days}},
      {topic_name("members"), {1, "compact", 0}},
  };
  std::set<std::string> declared;
  for (const auto* topic_manifest : set_.of_kind("KafkaTopic")) {
    const auto spec = topic_manifest->node["spec"];
    const std::string name = text(spec["topicName"], topic_manifest->name());
    declared.insert(name);
    const auto wanted = expected.find(name);
    if (wanted == expected.end()) {
      ADD_FAILURE() << "KafkaTopic " << name << " is not one of " << slug_ << "'s topics";
      continue;
    }
    EXPECT_EQ(spec["partitions"].as<int>(), wanted->second.partitions) << name;
    EXPECT_EQ(spec["replicas"].as<int>(), config_.replication_factor) << name;
    EXPECT_EQ(text(spec["config"]["min.insync.replicas"]),
              std::to_string(config_.min_insync_replicas))
        << name;
    EXPECT_EQ(text(spec["config"]["cleanup.policy"]), wanted->second.cleanup) << name;
    if (wanted->second.retention_days > 0) {
      EXPECT_EQ(text(spec["config"]["retention.ms"]),
                std::to_string(wanted->second.retention_days * kMillisPerDay))
          << name;
    }
  }
  for (const auto& [name, unused] : expected) {
    EXPECT_TRUE(declared.contains(name)) << "no KafkaTopic " << name;
  }
}

TEST_P(Overlay, KafkaUsersKeepEachProcessToItsOwnTopics) {
  std::map<std::string, Acls> users;
  for (const auto* user : set_.of_kind("KafkaUser")) {
    EXPECT_EQ(text(user->node["spec"]["authentication"]["type"]), "scram-sha-512") << user->name();
    EXPECT_EQ(text(user->node["spec"]["authorization"]["type"]), "simple") << user->name();
    users[user->name()] = acls_of(*user);
  }
  std::set<std::string> expected_users = {"samsag-bridge"};
  for (const auto& adapter : config_.adapters) {
    const std::string name = "samsag-adapter-" + adapter.name;
    expected_users.insert(name);
    ASSERT_TRUE(users.contains(name)) << "no KafkaUser " << name;
    const Acls only_own = {{topic(topic_name(adapter.sector)), {"Write", "Describe"}},
                           {topic(topic_name("dlq")), {"Write", "Describe"}}};
    EXPECT_EQ(users[name], only_own) << name << " may do more than write its sector and the DLQ";
  }
  std::set<std::string> actual_users;
  for (const auto& [name, unused] : users) actual_users.insert(name);
  EXPECT_EQ(actual_users, expected_users);

  ASSERT_TRUE(users.contains("samsag-bridge"));
  auto& bridge = users["samsag-bridge"];
  for (const char* input : {"employment", "social", "health", "region", "consent", "plan"}) {
    EXPECT_TRUE(bridge[topic(topic_name(input))].contains("Read")) << input;
  }
  for (const char* output : {"case", "audit", "members"}) {
    EXPECT_TRUE(bridge[topic(topic_name(output))].contains("Write")) << output;
  }
  // Nobody but the bridge reads a topic or writes the case, audit and membership topics.
  for (const auto& [name, acls] : users) {
    if (name == "samsag-bridge") continue;
    for (const auto& [resource, operations] : acls) {
      if (!resource.starts_with("topic ")) continue;
      EXPECT_FALSE(operations.contains("Read")) << name << " reads " << resource;
      EXPECT_FALSE(operations.contains("All")) << name << " may do anything on " << resource;
      for (const char* output : {"case", "audit", "members"}) {
        EXPECT_NE(resource, topic(topic_name(output))) << name << " touches " << resource;
      }
    }
  }
  for (const auto& [name, acls] : users) {
    for (const auto& [resource, operations] : acls) {
      const bool topic_acl = resource.starts_with("topic ");
      EXPECT_FALSE(topic_acl && (resource.starts_with("topic * ") || resource.ends_with(" prefix")))
          << name << " has a wildcard or prefix topic ACL: " << resource;
    }
  }
}

bool allows_port(const YAML::Node& ports, const std::string& name, int number) {
  if (!ports) return true;  // a rule without ports allows every port
  for (const auto& port : ports) {
    const auto value = text(port["port"]);
    if (value == name || value == std::to_string(number)) return true;
  }
  return false;
}

TEST_P(Overlay, EveryWorkloadHasADisruptionBudgetAndOnlyItsPortsAreOpen) {
  const auto budgets = set_.of_kind("PodDisruptionBudget");
  const auto policies = set_.of_kind("NetworkPolicy");
  for (const auto* workload : workloads()) {
    const auto labels = pod_labels(*workload);
    const auto budget =
        std::find_if(budgets.begin(), budgets.end(), [&labels](const Manifest* candidate) {
          return selects(candidate->node["spec"]["selector"]["matchLabels"], labels);
        });
    EXPECT_NE(budget, budgets.end()) << workload->name() << " has no PodDisruptionBudget";

    std::vector<const Manifest*> applying;
    for (const auto* policy : policies) {
      if (selects(policy->node["spec"]["podSelector"]["matchLabels"], labels)) {
        applying.push_back(policy);
      }
    }
    const bool default_deny = std::any_of(applying.begin(), applying.end(), [](const auto* p) {
      const auto spec = p->node["spec"];
      return spec["policyTypes"].size() == 2 && !spec["ingress"] && !spec["egress"];
    });
    EXPECT_TRUE(default_deny) << workload->name() << " is not under a default-deny policy";

    for (const auto& port : container_of(*workload)["ports"]) {
      const auto name = text(port["name"]);
      const int number = port["containerPort"].as<int>();
      const bool open = std::any_of(applying.begin(), applying.end(), [&](const auto* p) {
        for (const auto& rule : p->node["spec"]["ingress"]) {
          if (allows_port(rule["ports"], name, number)) return true;
        }
        return false;
      });
      EXPECT_TRUE(open) << workload->name() << ": no NetworkPolicy lets traffic reach " << name;
    }
    const bool reaches_kafka = std::any_of(applying.begin(), applying.end(), [](const auto* p) {
      for (const auto& rule : p->node["spec"]["egress"]) {
        if (allows_port(rule["ports"], "", 9093)) return true;
      }
      return false;
    });
    EXPECT_TRUE(reaches_kafka) << workload->name() << " cannot reach Kafka's TLS listener";
  }
}

INSTANTIATE_TEST_SUITE_P(Municipalities, Overlay, testing::ValuesIn(overlay_slugs()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

TEST(KubernetesOverlays, EveryMunicipalityButTheDemoHasOne) {
  for (const auto& entry : fs::directory_iterator(kMunicipalities)) {
    const auto slug = entry.path().filename().string();
    if (slug == "demo") continue;  // `samsag up` runs the demo on one machine
    EXPECT_TRUE(fs::exists(kOverlays / slug / "kustomization.yaml")) << slug << " has no overlay";
  }
}

TEST(KubernetesOverlays, EveryManifestFileIsPartOfAnOverlay) {
  std::set<fs::path> used;
  for (const auto& slug : overlay_slugs()) {
    const auto set = ManifestSet::load(kOverlays / slug);
    for (const auto& manifest : set.all()) used.insert(fs::canonical(manifest.file));
  }
  for (const auto& entry : fs::recursive_directory_iterator(kSource / "deploy/kubernetes")) {
    if (entry.path().extension() != ".yaml" || entry.path().filename() == "kustomization.yaml") {
      continue;
    }
    EXPECT_TRUE(used.contains(fs::canonical(entry.path())))
        << entry.path() << " is in no overlay, so nothing deploys or checks it";
  }
}

}  // namespace
}  // namespace samsag::deploy_test
