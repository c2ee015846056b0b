#include "core/config/config.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/config/defaults.h"
#include "core/config/path_fields.h"
#include "core/config/problem_list.h"
#include "core/config/validation.h"
#include "core/config/yaml_mapping.h"

namespace samsag::config {

std::string ConfigProblem::to_string() const {
  if (line <= 0) return file + ": " + message;
  return file + ":" + std::to_string(line) + ": " + message;
}

LoadResult load_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int saved = errno;
    return LoadResult{
        {},
        {ConfigProblem{path, 0,
                       std::string("cannot read the config file: ") + std::strerror(saved)}}};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_config_text(text.str(), path);
}

LoadResult load_config_text(std::string_view yaml, const std::string& file) {
  ProblemList problems(file);
  const auto base_dir = std::filesystem::absolute(file).parent_path();

  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    // After a syntax error the document has no reliable structure left to check.
    problems.add(e.mark.is_null() ? 0 : e.mark.line + 1, "YAML syntax error: " + e.msg);
    return LoadResult{{}, problems.take_sorted()};
  }
  if (root.IsNull()) {
    problems.add(0, "the file holds no settings");
    return LoadResult{{}, problems.take_sorted()};
  }
  if (!root.IsMap()) {
    problems.add(root.Mark().line + 1,
                 "the top level must be a mapping of sections (municipality, kafka, ...)");
    return LoadResult{{}, problems.take_sorted()};
  }

  v1::Config config;
  SourceMap source_map;
  map_yaml(root, config, MappingContext{base_dir, problems, source_map});
  validate(config, source_map, problems);
  if (!problems.empty()) return LoadResult{std::move(config), problems.take_sorted()};

  resolve_path_fields(config, base_dir);
  return LoadResult{with_defaults(std::move(config)), {}};
}

std::string describe(const v1::Config& config) {
  const auto& municipality = config.municipality();
  std::string line = "municipality " + municipality.slug() + " (" +
                     std::to_string(municipality.code()) + ", " + municipality.name() + "), " +
                     std::to_string(config.kafka().partitions()) + " partitions, " +
                     std::to_string(config.adapters_size()) + " adapters";
  if (config.adapters_size() > 0) {
    line += " (";
    for (int i = 0; i < config.adapters_size(); ++i) {
      line += (i == 0 ? "" : ", ") + config.adapters(i).name();
    }
    line += ")";
  }
  line += config.has_bridge() ? ", bridge on " + config.bridge().api_listen() : ", no bridge";
  return line;
}

}  // namespace samsag::config
