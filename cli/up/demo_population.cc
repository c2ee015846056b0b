#include "cli/up/demo_population.h"

#include <array>
#include <boost/json.hpp>
#include <charconv>
#include <fstream>
#include <sstream>

#include "cli/gen/generator.h"

namespace samsag::cli::up {
namespace {

namespace json = boost::json;

constexpr std::array<std::string_view, 5> kSectors = {"employment", "social", "health", "region",
                                                      "consent"};

Error unreadable(const std::filesystem::path& file, const std::string& why) {
  return make_error("GEN_OUTPUT_UNREADABLE", file.string() + ": " + why);
}

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  for (std::string field; std::getline(in, field, separator);) fields.push_back(field);
  return fields;
}

std::uint64_t number(const std::string& text) {
  std::uint64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

Status read_manifest(const std::filesystem::path& directory, DemoPopulation& population) {
  const auto path = directory / "manifest.json";
  std::ifstream in(path);
  if (!in) return unreadable(path, "cannot open it (did samsag gen finish?)");
  std::stringstream text;
  text << in.rdbuf();
  json::error_code ec;
  const auto manifest = json::parse(text.str(), ec);
  if (ec || !manifest.is_object()) return unreadable(path, "not a JSON object");
  const auto* sectors = manifest.as_object().if_contains("sectors");
  if (sectors == nullptr || !sectors->is_object()) return unreadable(path, "no \"sectors\"");
  for (const auto name : kSectors) {
    const auto* sector = sectors->as_object().if_contains(name);
    const auto* records =
        sector && sector->is_object() ? sector->as_object().if_contains("records") : nullptr;
    const auto* files =
        sector && sector->is_object() ? sector->as_object().if_contains("files") : nullptr;
    if (records == nullptr || !records->is_int64() || files == nullptr || !files->is_array()) {
      return unreadable(path, "sector " + std::string(name) + " lacks records or files");
    }
    SectorFiles tally;
    tally.records = static_cast<std::uint64_t>(records->as_int64());
    for (const auto& file : files->as_array()) {
      const auto* relative = file.is_object() ? file.as_object().if_contains("path") : nullptr;
      if (relative == nullptr || !relative->is_string()) {
        return unreadable(path, "a file of sector " + std::string(name) + " has no path");
      }
      tally.files.push_back(directory / std::string(relative->as_string()));
    }
    population.sectors.emplace(name, std::move(tally));
  }
  return ok_status();
}

// citizens.csv: `citizen,cpr,profile,consent,employment_events,...`; columns found by name.
Status read_citizens(const std::filesystem::path& directory, DemoPopulation& population) {
  const auto path = directory / "citizens.csv";
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) return unreadable(path, "cannot read its header");
  const auto header = split(line, ',');
  auto column = [&](std::string_view name) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    return header.size();
  };
  const std::array<std::size_t, 6> wanted = {
      column("cpr"),           column("consent"),       column("employment_events"),
      column("social_events"), column("health_events"), column("region_events")};
  for (const auto index : wanted) {
    if (index == header.size()) return unreadable(path, "a column is missing in the header");
  }
  while (std::getline(in, line)) {
    const auto fields = split(line, ',');
    if (fields.size() != header.size()) return unreadable(path, "a row has the wrong field count");
    population.cprs.push_back(fields[wanted[0]]);
    bool in_all_sectors = fields[wanted[1]] == "ALL";
    for (std::size_t i = 2; i < wanted.size(); ++i) in_all_sectors &= number(fields[wanted[i]]) > 0;
    if (in_all_sectors && population.demo_citizen.empty()) {
      population.demo_citizen = fields[wanted[0]];
    }
  }
  return ok_status();
}

}  // namespace

const SectorFiles& DemoPopulation::sector(std::string_view name) const {
  static const SectorFiles kNone;
  const auto found = sectors.find(name);
  return found == sectors.end() ? kNone : found->second;
}

Result<DemoPopulation> read_population(const std::filesystem::path& directory) {
  DemoPopulation population;
  population.directory = directory;
  if (auto read = read_manifest(directory, population); !read) return read.error();
  if (auto read = read_citizens(directory, population); !read) return read.error();
  if (population.demo_citizen.empty()) {
    return make_error("NO_DEMO_CITIZEN",
                      "none of the " + std::to_string(population.cprs.size()) +
                          " synthetic citizens has data from all four sectors and full consent; "
                          "ask for more citizens");
  }
  return population;
}

Result<DemoPopulation> generate_population(const std::filesystem::path& directory,
                                           std::uint64_t citizens, int municipality_code,
                                           gen::Date reference_date) {
  gen::GenOptions options;
  options.citizens = citizens;
  options.seed = kDemoSeed;
  options.out = directory;
  options.reference_date = reference_date;
  options.municipality_code = municipality_code;
  options.force = true;
  if (auto generated = gen::generate(options); !generated) return generated.error();
  return read_population(directory);
}

}  // namespace samsag::cli::up
