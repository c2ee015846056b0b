#include "tests/unit/deploy/manifest_set.h"

#include <fstream>
#include <sstream>

namespace samsag::deploy_test {
namespace fs = std::filesystem;

std::string Manifest::kind() const { return node["kind"] ? node["kind"].as<std::string>() : ""; }

std::string Manifest::name() const {
  const auto metadata = node["metadata"];
  return metadata && metadata["name"] ? metadata["name"].as<std::string>() : "";
}

std::vector<YAML::Node> read_documents(const fs::path& file, std::vector<std::string>& problems) {
  try {
    std::vector<YAML::Node> documents;
    for (auto& document : YAML::LoadAllFromFile(file.string())) {
      if (!document.IsNull()) documents.push_back(document);
    }
    return documents;
  } catch (const YAML::Exception& e) {
    problems.push_back(file.string() + ": " + e.what());
    return {};
  }
}

ManifestSet ManifestSet::load(const fs::path& directory) {
  ManifestSet set;
  set.load_kustomization(directory, 0);
  return set;
}

namespace {

// kustomize's `labels: [{pairs: ..., includeTemplates: true}]`: objects and pod templates.
void apply_labels(const YAML::Node& labels, std::vector<Manifest>& manifests, std::size_t from) {
  if (!labels) return;
  for (const auto& entry : labels) {
    const bool templates = entry["includeTemplates"] && entry["includeTemplates"].as<bool>();
    for (std::size_t i = from; i < manifests.size(); ++i) {
      auto node = manifests[i].node;
      for (const auto& pair : entry["pairs"]) {
        node["metadata"]["labels"][pair.first.as<std::string>()] = pair.second.as<std::string>();
        if (templates && node["spec"] && node["spec"]["template"]) {
          node["spec"]["template"]["metadata"]["labels"][pair.first.as<std::string>()] =
              pair.second.as<std::string>();
        }
      }
    }
  }
}

}  // namespace

void ManifestSet::load_kustomization(const fs::path& directory, std::size_t depth) {
  constexpr std::size_t kDeepest = 8;  // a cycle of bases would otherwise never end
  const fs::path file = directory / "kustomization.yaml";
  if (depth > kDeepest) {
    problems_.push_back(file.string() + ": kustomizations nested too deep (a cycle?)");
    return;
  }
  const auto documents = read_documents(file, problems_);
  if (documents.size() != 1) {
    problems_.push_back(file.string() + ": expected one kustomization document");
    return;
  }
  const YAML::Node& kustomization = documents.front();
  const std::size_t first = manifests_.size();
  for (const auto& resource : kustomization["resources"]) {
    const fs::path path = directory / resource.as<std::string>();
    if (fs::is_directory(path)) {
      load_kustomization(path, depth + 1);
    } else if (fs::is_regular_file(path)) {
      load_file(path);
    } else {
      problems_.push_back(file.string() + ": resource " + path.string() + " does not exist");
    }
  }
  for (const auto& generator : kustomization["configMapGenerator"]) {
    YAML::Node config_map;
    config_map["apiVersion"] = "v1";
    config_map["kind"] = "ConfigMap";
    config_map["metadata"]["name"] = generator["name"].as<std::string>();
    for (const auto& source : generator["files"]) {
      const fs::path data_file = directory / source.as<std::string>();
      std::ifstream in(data_file, std::ios::binary);
      if (!in) {
        problems_.push_back(file.string() + ": generator file " + data_file.string() +
                            " cannot be read");
        continue;
      }
      std::ostringstream text;
      text << in.rdbuf();
      config_map["data"][data_file.filename().string()] = text.str();
    }
    manifests_.push_back(Manifest{file, config_map});
  }
  apply_labels(kustomization["labels"], manifests_, first);
  if (depth == 0 && kustomization["namespace"]) {
    namespace_ = kustomization["namespace"].as<std::string>();
  }
}

void ManifestSet::load_file(const fs::path& file) {
  for (auto& document : read_documents(file, problems_)) {
    Manifest manifest{file, document};
    if (!document.IsMap() || !document["apiVersion"] || manifest.kind().empty() ||
        manifest.name().empty()) {
      problems_.push_back(file.string() + ": a document without apiVersion, kind or metadata.name");
      continue;
    }
    manifests_.push_back(std::move(manifest));
  }
}

std::vector<const Manifest*> ManifestSet::of_kind(std::string_view kind) const {
  std::vector<const Manifest*> found;
  for (const auto& manifest : manifests_) {
    if (manifest.kind() == kind) found.push_back(&manifest);
  }
  return found;
}

const Manifest* ManifestSet::find(std::string_view kind, std::string_view name) const {
  for (const auto& manifest : manifests_) {
    if (manifest.kind() == kind && manifest.name() == name) return &manifest;
  }
  return nullptr;
}

std::map<std::string, std::string> pod_labels(const Manifest& workload) {
  std::map<std::string, std::string> labels;
  for (const auto& label : workload.node["spec"]["template"]["metadata"]["labels"]) {
    labels[label.first.as<std::string>()] = label.second.as<std::string>();
  }
  return labels;
}

bool selects(const YAML::Node& match_labels, const std::map<std::string, std::string>& labels) {
  for (const auto& wanted : match_labels) {
    const auto found = labels.find(wanted.first.as<std::string>());
    if (found == labels.end() || found->second != wanted.second.as<std::string>()) return false;
  }
  return true;
}

}  // namespace samsag::deploy_test
