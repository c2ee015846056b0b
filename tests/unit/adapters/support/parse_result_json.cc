#include "tests/unit/adapters/support/parse_result_json.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>

#include "core/events/dead_letters.h"
#include "core/privacy/cpr.h"

namespace samsag::adapters::testing {
namespace {

boost::json::value payload_json(const samsag::v1::Event& payload) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  const auto status = google::protobuf::util::MessageToJsonString(payload, &json, options);
  if (!status.ok()) throw std::runtime_error("payload is not printable as JSON");
  return boost::json::parse(json);
}

// A JSON document with its object keys in a stable order, for readable files and diffs.
std::string pretty(const boost::json::value& value, int indent = 0) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  const std::string inner(static_cast<std::size_t>(indent + 2), ' ');
  if (value.is_object()) {
    const auto& object = value.get_object();
    if (object.empty()) return "{}";
    std::string out = "{\n";
    bool first = true;
    for (const auto& member : object) {
      if (!first) out += ",\n";
      first = false;
      out += inner + boost::json::serialize(boost::json::value(member.key())) + ": " +
             pretty(member.value(), indent + 2);
    }
    return out + "\n" + pad + "}";
  }
  if (value.is_array()) {
    const auto& array = value.get_array();
    if (array.empty()) return "[]";
    std::string out = "[\n";
    for (std::size_t i = 0; i < array.size(); ++i) {
      if (i > 0) out += ",\n";
      out += inner + pretty(array[i], indent + 2);
    }
    return out + "\n" + pad + "]";
  }
  return boost::json::serialize(value);
}

}  // namespace

boost::json::value parse_result_json(const ParseResult& result, int skipped_other_municipality) {
  // Citizens are told apart without naming them: the first distinct number is citizen-1.
  std::map<std::string, std::string> citizens;
  auto citizen_of = [&citizens](const std::string& cpr_text) -> std::string {
    auto cpr = samsag::privacy::Cpr::parse(cpr_text);
    if (!cpr.ok()) return "invalid CPR";
    auto [at, fresh] = citizens.emplace(cpr.value().digits(), "");
    if (fresh) at->second = "citizen-" + std::to_string(citizens.size());
    return at->second;
  };
  boost::json::array records;
  for (const ParsedRecord& parsed : result.records) {
    boost::json::object out;
    if (const auto* record = std::get_if<SourceRecord>(&parsed)) {
      out["index"] = record->position.index;
      out["record_id"] = record->record_id;
      out["record_version"] = record->record_version;
      if (!record->source_system.empty()) out["source_system"] = record->source_system;
      out["occurred_at"] = google::protobuf::util::TimeUtil::ToString(record->occurred_at);
      out["citizen"] = citizen_of(record->cpr_text);
      out["event"] = payload_json(record->payload);
    } else {
      const auto& rejection = std::get<Rejection>(parsed);
      out["index"] = rejection.position.index;
      out["rejected"] = std::string(samsag::events::reason_name(rejection.reason));
      out["field"] = rejection.field;
    }
    records.emplace_back(std::move(out));
  }
  boost::json::object dropped;
  auto sorted = result.dropped;
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [type, count] : sorted) dropped[type] = count;
  boost::json::object out;
  out["records"] = std::move(records);
  out["dropped"] = std::move(dropped);
  out["skipped_other_municipality"] = skipped_other_municipality;
  return out;
}

void expect_matches_golden(const boost::json::value& actual,
                           const std::filesystem::path& expected_file) {
  const std::string printed = pretty(actual) + "\n";
  if (const char* update = std::getenv("SAMSAG_UPDATE_GOLDEN"); update && update[0] == '1') {
    std::ofstream(expected_file, std::ios::binary) << printed;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(expected_file))
      << expected_file << " is missing; run the test with SAMSAG_UPDATE_GOLDEN=1 and review it";
  const boost::json::value expected = boost::json::parse(read_file(expected_file));
  EXPECT_EQ(expected, actual) << "expected (" << expected_file.string() << "):\n"
                              << pretty(expected) << "\nactual:\n"
                              << printed;
}

std::vector<std::string> reason_lines(const ParseResult& result, bool body_rejected,
                                      int skipped_other_municipality) {
  std::vector<std::string> lines;
  int accepted = 0;
  for (const ParsedRecord& parsed : result.records) {
    if (std::holds_alternative<SourceRecord>(parsed)) ++accepted;
  }
  if (body_rejected) {
    const auto& rejection = std::get<Rejection>(result.records.at(0));
    lines.push_back("body " + std::string(samsag::events::reason_name(rejection.reason)));
    return lines;
  }
  lines.push_back("accepted " + std::to_string(accepted));
  for (const ParsedRecord& parsed : result.records) {
    if (const auto* rejection = std::get_if<Rejection>(&parsed)) {
      lines.push_back("rejected " + std::to_string(rejection->position.index) + " " +
                      std::string(samsag::events::reason_name(rejection->reason)) + " " +
                      rejection->field);
    }
  }
  auto dropped = result.dropped;
  std::sort(dropped.begin(), dropped.end());
  for (const auto& [type, count] : dropped) {
    lines.push_back("dropped " + type + " " + std::to_string(count));
  }
  if (skipped_other_municipality > 0) {
    lines.push_back("skipped " + std::to_string(skipped_other_municipality));
  }
  return lines;
}

std::vector<std::string> read_reason_lines(const std::filesystem::path& file) {
  std::vector<std::string> lines;
  std::string text = read_file(file);
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line.front() != '#') lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::filesystem::path> corpus_inputs(const std::filesystem::path& directory) {
  std::vector<std::filesystem::path> inputs;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(".json") && !name.ends_with(".expected.json")) {
      inputs.push_back(entry.path());
    }
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

std::filesystem::path beside(const std::filesystem::path& file, const std::string& suffix) {
  std::string name = file.filename().string();
  name.erase(name.size() - std::string(".json").size());
  return file.parent_path() / (name + suffix);
}

}  // namespace samsag::adapters::testing
