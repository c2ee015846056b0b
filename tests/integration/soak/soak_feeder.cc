#include "tests/integration/soak/soak_feeder.h"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tests/support/child_process.h"
#include "tests/support/http_client.h"

namespace samsag::soak {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

const std::vector<std::string> kHttpAdapters{"social", "health", "region"};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> fields(1);
  for (const char c : line) {
    if (c == separator) {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
  return fields;
}

// gen writes no quoted fields with separators in the columns touched here.
std::string join(const std::vector<std::string>& fields, char separator) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i)
    line += (i == 0 ? "" : std::string(1, separator)) + fields[i];
  return line;
}

// The export with one more row: a copy of its last row with a CPR that cannot be one.
std::string with_bad_row(const std::string& csv, const std::string& marker) {
  std::istringstream in(csv);
  std::string header;
  std::getline(in, header);
  std::string line;
  std::string last;
  while (std::getline(in, line)) {
    if (!line.empty() && line != "\r") last = line;
  }
  if (!last.empty() && last.back() == '\r') last.pop_back();
  const auto names = split(header, ';');
  auto fields = split(last, ';');
  for (std::size_t i = 0; i < names.size() && i < fields.size(); ++i) {
    if (names[i] == "cpr") fields[i] = "1234";
    if (names[i] == "registrering_id") fields[i] = marker;
  }
  std::string out = csv;
  if (!out.empty() && out.back() != '\n') out += "\n";
  return out + join(fields, ';') + "\n";
}

// One social event object of the round with a CPR that cannot be one: answered 400.
std::string bad_social_request(const std::string& batch_or_event, const std::string& marker) {
  json::value parsed = json::parse(batch_or_event);
  json::object event = parsed.as_object().contains("events")
                           ? parsed.as_object().at("events").as_array().at(0).as_object()
                           : parsed.as_object();
  event["cpr"] = "1234";
  event["record_id"] = marker;
  return json::serialize(event);
}

std::string path_of(const std::string& adapter) {
  return adapter == "social" ? "/v1/events" : "/fhir/Bundle";
}

std::string content_type_of(const std::string& adapter) {
  return adapter == "social" ? "application/json" : "application/fhir+json";
}

}  // namespace

SoakFeeder::SoakFeeder(const testing::AdapterDeployment& deployment, const AcceptedEvents& oracle,
                       FeedOptions options)
    : deployment_(deployment), oracle_(oracle), options_(std::move(options)) {}

SoakFeeder::~SoakFeeder() {
  stopping_ = true;
  aborted_ = true;
  changed_.notify_all();
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

void SoakFeeder::start() {
  threads_.emplace_back([this] { make_rounds(); });
  for (const auto& adapter : kHttpAdapters)
    threads_.emplace_back([this, adapter] { post(adapter); });
}

void SoakFeeder::make_rounds() {
  for (int round = 0; !stopping_; ++round) {
    const auto started = Clock::now();
    try {
      make_round(round);
    } catch (const std::exception& error) {
      std::lock_guard lock(mutex_);
      ledger_.surprises.push_back("round " + std::to_string(round) + ": " + error.what());
      return;
    }
    // Paced, and never far ahead of what the adapters have taken.
    std::unique_lock lock(mutex_);
    changed_.wait_until(lock, started + options_.round_period, [this] { return stopping_.load(); });
    changed_.wait(lock, [this] {
      std::size_t waiting = 0;
      for (const auto& [adapter, queue] : queues_) waiting += queue.size();
      return stopping_ || waiting < 8;
    });
  }
}

void SoakFeeder::make_round(int round) {
  const fs::path out = options_.directory / ("round-" + std::to_string(round));
  const std::uint64_t seed = options_.seed * 100'000 + static_cast<std::uint64_t>(round);
  testing::ChildProcess gen({testing::samsag_binary(), "gen", "--citizens",
                             std::to_string(options_.citizens_per_round), "--seed",
                             std::to_string(seed), "--out", out.string()});
  (void)gen.read_all(120s);
  if (gen.wait_for_exit(60s) != 0) throw std::runtime_error("samsag gen failed");
  const json::value manifest = json::parse(read_file(out / "manifest.json"));
  auto files_of = [&](const std::string& sector) {
    std::vector<fs::path> files;
    for (const auto& file : manifest.at("sectors").at(sector).at("files").as_array()) {
      files.push_back(out / std::string(file.at("path").as_string()));
    }
    return files;
  };

  const std::string tag = std::to_string(round);
  std::vector<std::pair<std::string, Request>> requests;
  for (const auto& adapter : kHttpAdapters) {
    for (const auto& file : files_of(adapter))
      requests.push_back({adapter, {read_file(file), false, ""}});
  }
  const std::string social_marker = "soak-bad-s" + tag;
  requests.push_back(
      {"social",
       {bad_social_request(requests.front().second.body, social_marker), true, social_marker}});

  const std::string row_marker = "soak-bad-e" + tag;
  std::vector<std::pair<std::string, ExpectedRecords>> spooled;
  int part = 0;
  for (const auto& file : files_of("employment")) {
    const std::string csv = with_bad_row(read_file(file), row_marker);
    const fs::path written = out / ("soak-" + tag + "-" + std::to_string(part) + ".csv");
    std::ofstream(written, std::ios::binary) << csv;
    spooled.push_back({written.filename().string(), oracle_.of("employment", csv)});
    // Renamed in: from here on the source counts its rows as delivered.
    testing::drop_into_spool(written, deployment_.spool_directory());
    ++part;
  }

  fs::remove_all(out);  // the bodies are queued and the exports spooled: a long run stays small

  std::lock_guard lock(mutex_);
  ++ledger_.rounds;
  ledger_.bad_markers.insert(row_marker);
  for (auto& [name, expected] : spooled) {
    if (expected.rejected != 1) {
      ledger_.surprises.push_back(name + ": " + std::to_string(expected.rejected) +
                                  " rows refused, 1 (the bad one) expected");
    }
    ledger_.spooled_files.push_back(name);
    ledger_.accepted_per_adapter["employment"] += static_cast<std::int64_t>(expected.events.size());
    ledger_.accepted.insert(ledger_.accepted.end(), expected.events.begin(), expected.events.end());
  }
  for (auto& [adapter, request] : requests) queues_[adapter].push_back(std::move(request));
  changed_.notify_all();
}

void SoakFeeder::post(const std::string& adapter) {
  testing::HttpConnection connection(deployment_.http_port(adapter), 30s);
  while (true) {
    Request request;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return aborted_ || !queues_[adapter].empty(); });
      if (aborted_) return;
      request = queues_[adapter].front();  // stays queued until answered
    }
    const auto reply = connection.send(
        {.method = "POST",
         .path = path_of(adapter),
         .headers = {{"Content-Type", content_type_of(adapter)},
                     {"Authorization", "Bearer " + testing::AdapterDeployment::token(adapter)}},
         .body = request.body});
    std::unique_lock lock(mutex_);
    if (reply.status == 0 || reply.status == 503 || reply.status >= 500) {
      ++ledger_.retries;
      // A pause between attempts, as a source's retry would have: nothing to wait for.
      changed_.wait_for(lock, 100ms, [this] { return aborted_.load(); });
      continue;
    }
    if (reply.status == 202 && !request.bad) {
      lock.unlock();
      const auto expected = oracle_.of(adapter, request.body);
      lock.lock();
      ++ledger_.requests_accepted;
      if (expected.rejected != 0) {
        ledger_.surprises.push_back(adapter + ": a request answered 202 holds " +
                                    std::to_string(expected.rejected) + " refused records");
      }
      ledger_.accepted_per_adapter[adapter] += static_cast<std::int64_t>(expected.events.size());
      ledger_.accepted.insert(ledger_.accepted.end(), expected.events.begin(),
                              expected.events.end());
    } else if (reply.status == 400 && request.bad) {
      ledger_.bad_markers.insert(request.marker);
    } else {
      ledger_.surprises.push_back(adapter + " answered " + std::to_string(reply.status) +
                                  (request.bad ? " to a bad request: " : ": ") +
                                  reply.body.substr(0, 300));
    }
    queues_[adapter].pop_front();
    changed_.notify_all();
  }
}

bool SoakFeeder::finish(std::chrono::milliseconds timeout) {
  stopping_ = true;
  changed_.notify_all();
  if (!threads_.empty() && threads_.front().joinable()) threads_.front().join();
  std::unique_lock lock(mutex_);
  const bool answered = changed_.wait_for(lock, timeout, [this] {
    for (const auto& [adapter, queue] : queues_) {
      if (!queue.empty()) return false;
    }
    return true;
  });
  aborted_ = true;
  changed_.notify_all();
  lock.unlock();
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  return answered;
}

bool SoakFeeder::spool_empty() const {
  for (const auto& entry : fs::directory_iterator(deployment_.spool_directory())) {
    if (entry.is_regular_file() && entry.path().extension() == ".csv") return false;
  }
  return true;
}

Ledger SoakFeeder::ledger() const {
  std::lock_guard lock(mutex_);
  return ledger_;
}

}  // namespace samsag::soak
