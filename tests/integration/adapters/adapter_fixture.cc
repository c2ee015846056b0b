#include "adapter_fixture.h"

#include <boost/json.hpp>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <thread>

#include "core/privacy/cpr_shape.h"
#include "tests/support/child_process.h"
#include "tests/support/topic_reader.h"

namespace samsag::adapters::itest {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

const json::object& sector_of(const json::value& manifest, const std::string& sector) {
  return manifest.at("sectors").at(sector).as_object();
}

}  // namespace

std::int64_t env_int(const char* name, std::int64_t fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  char* end = nullptr;
  const long long value = std::strtoll(text, &end, 10);
  return (end != nullptr && *end == '\0') ? value : fallback;
}

bool poll_until(const std::function<bool()>& done, std::chrono::milliseconds timeout,
                std::chrono::milliseconds interval) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(interval);  // the polling interval, bounded by the deadline
  }
  return true;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

fs::path test_data(const std::string& relative) { return fs::path("tests/data") / relative; }

// --- gen ---------------------------------------------------------------------------------------

std::int64_t GenOutput::records(const std::string& sector) const {
  return sector_of(manifest, sector).at("records").to_number<std::int64_t>();
}

std::vector<std::pair<fs::path, std::int64_t>> GenOutput::files(const std::string& sector) const {
  std::vector<std::pair<fs::path, std::int64_t>> files;
  for (const auto& file : sector_of(manifest, sector).at("files").as_array()) {
    files.emplace_back(directory / std::string(file.at("path").as_string()),
                       file.at("records").to_number<std::int64_t>());
  }
  return files;
}

GenOutput run_gen(const fs::path& directory, const GenArguments& arguments) {
  std::vector<std::string> argv{samsag::testing::samsag_binary(),
                                "gen",
                                "--citizens",
                                std::to_string(arguments.citizens),
                                "--seed",
                                arguments.seed,
                                "--out",
                                directory.string()};
  if (arguments.employment_rows) {
    argv.insert(argv.end(), {"--employment-rows", std::to_string(*arguments.employment_rows)});
  }
  samsag::testing::ChildProcess gen(argv);
  // gen prints a summary on stdout; read it so the pipe never fills.
  (void)gen.read_all(180s);
  const auto code = gen.wait_for_exit(10s);
  if (code != 0) throw std::runtime_error("samsag gen failed (its stderr is above)");

  GenOutput output;
  output.directory = directory;
  output.manifest = json::parse(read_file(directory / "manifest.json"));
  std::ifstream citizens(directory / "citizens.csv");
  std::string line;
  std::getline(citizens, line);  // header
  while (std::getline(citizens, line)) {
    const auto first = line.find(',');
    const auto second = line.find(',', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    output.cprs.push_back(line.substr(first + 1, second - first - 1));
  }
  if (output.cprs.size() != static_cast<std::size_t>(arguments.citizens)) {
    throw std::runtime_error("citizens.csv lists " + std::to_string(output.cprs.size()) +
                             " citizens, not " + std::to_string(arguments.citizens));
  }
  return output;
}

// --- CprFinder ---------------------------------------------------------------------------------

CprFinder::CprFinder(const std::vector<std::string>& cprs) : cprs_(cprs.begin(), cprs.end()) {
  for (const auto& cpr : cprs) {
    if (cpr.size() != 10) throw std::invalid_argument("a CPR number has 10 digits");
  }
}

std::optional<std::size_t> CprFinder::find(std::string_view bytes) const {
  std::string candidate(10, '0');
  for (std::size_t at = 0; at + 10 <= bytes.size(); ++at) {
    std::size_t i = at;
    std::size_t got = 0;
    for (; got < 10 && i < bytes.size(); ++got, ++i) {
      if (got == 6 && bytes[i] == '-') ++i;  // DDMMYY-SSSS
      if (i >= bytes.size() || !is_digit(bytes[i])) break;
      candidate[got] = bytes[i];
    }
    if (got == 10 && cprs_.contains(candidate)) return at;
  }
  return std::nullopt;
}

// --- broker and adapters -----------------------------------------------------------------------

BrokerWithDeployment::BrokerWithDeployment(AdapterDeploymentOptions options)
    : deployment_(std::move(options)) {
  // The broker reads only the topics from the config; the adapters then get its address.
  broker_ = std::make_unique<BrokerProcess>(
      BrokerProcess::Options{.config_path = deployment_.write_config("").string()});
  deployment_.write_config(broker_->bootstrap());
}

std::unique_ptr<AdapterProcess> BrokerWithDeployment::start_adapter(const std::string& name) {
  auto adapter = std::make_unique<AdapterProcess>(deployment_, name);
  if (!adapter->wait_ready(30s)) {
    print_log(*adapter, name);
    throw std::runtime_error("adapter " + name + " did not become ready within 30 s");
  }
  return adapter;
}

std::vector<kafka::Message> read_topic(const std::string& bootstrap, const std::string& topic) {
  return samsag::testing::TopicReader(bootstrap).read_all(topic);
}

std::vector<samsag::v1::DeadLetter> read_dead_letters(const std::string& bootstrap,
                                                      const std::string& topic) {
  std::vector<samsag::v1::DeadLetter> letters;
  for (const auto& message : read_topic(bootstrap, topic)) {
    samsag::v1::DeadLetter letter;
    if (!message.value || !letter.ParseFromString(*message.value)) {
      throw std::runtime_error("a record on " + topic + " is not a DeadLetter");
    }
    letters.push_back(std::move(letter));
  }
  return letters;
}

void print_log(const AdapterProcess& adapter, const std::string& name) {
  // Masked all the same: should a CPR number have leaked into a line, the test output must not
  // carry it further.
  for (const auto& line : adapter.log_lines()) {
    std::cerr << name << "| " << samsag::privacy::mask_cpr_shaped(line) << "\n";
  }
}

}  // namespace samsag::adapters::itest
