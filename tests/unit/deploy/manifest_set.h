// The Kubernetes objects a kustomization builds, read the way `kubectl kustomize` combines them for
// samsag's layout: resources (files and nested kustomizations), configMapGenerator, `labels` with
// includeTemplates and `namespace`. samsag's overlays only add objects and never patch, so this
// union is what the cluster receives, without needing kubectl on the test machine.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace samsag::deploy_test {

struct Manifest {
  std::filesystem::path file;  // where it was written (generated ConfigMaps: the kustomization)
  YAML::Node node;

  std::string kind() const;
  std::string name() const;
};

class ManifestSet {
 public:
  // Reads `directory`/kustomization.yaml and everything it refers to. Problems (a missing file, a
  // document without kind or name, YAML errors) are collected, not thrown.
  static ManifestSet load(const std::filesystem::path& directory);

  std::vector<const Manifest*> of_kind(std::string_view kind) const;
  const Manifest* find(std::string_view kind, std::string_view name) const;
  const std::vector<Manifest>& all() const { return manifests_; }
  const std::vector<std::string>& problems() const { return problems_; }
  // The namespace the top-level kustomization sets ("" if none).
  const std::string& name_space() const { return namespace_; }

 private:
  void load_kustomization(const std::filesystem::path& directory, std::size_t depth);
  void load_file(const std::filesystem::path& file);

  std::vector<Manifest> manifests_;
  std::vector<std::string> problems_;
  std::string namespace_;
};

// Every YAML document in `file`; a parse error is a problem, not an exception.
std::vector<YAML::Node> read_documents(const std::filesystem::path& file,
                                       std::vector<std::string>& problems);

// A workload's pod template labels (Deployment, StatefulSet).
std::map<std::string, std::string> pod_labels(const Manifest& workload);
// Whether `selector` (a matchLabels map) selects pods with `labels`; an empty selector selects all.
bool selects(const YAML::Node& match_labels, const std::map<std::string, std::string>& labels);

}  // namespace samsag::deploy_test
