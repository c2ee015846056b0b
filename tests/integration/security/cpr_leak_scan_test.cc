// The CPR scan of issue 8: a whole `samsag up` run (samsag gen data through the four adapters, the
// bridge, consent and coordinator writes and case reads through the API), plus a case read,
// dead-lettered bad records carrying generated CPR numbers in every adapter, and CPR numbers put
// where they do not belong (a case URL, a page path, a query string). Then everything the run
// left behind is searched for every generated CPR number (tests/support/cpr_scan.h for the
// rule): every record of every topic (key, value, headers), the /metrics, /healthz and /readyz
// of every admin endpoint, every process's log, up's own stderr, the raw bytes of every file in
// the scratch directory (RocksDB state, spool, checkpoints) and the decoded keys and values of
// the RocksDB store. Left out: the sources' own input (gen/, and spool files byte-identical to a
// file a source was given) and up's stdout, which prints the demo citizen by contract.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "demo_deployment.h"
#include "raw_http.h"
#include "tests/support/cpr_scan.h"
#include "tests/support/http_client.h"
#include "tests/support/topic_reader.h"

namespace samsag::security_test {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string dashed(const std::string& cpr) { return cpr.substr(0, 6) + "-" + cpr.substr(6); }

// The decoded keys and values of every column family of a RocksDB store (its SST blocks are
// LZ4/Snappy-compressed, where a raw byte search could miss a number).
void scan_rocksdb(const fs::path& store, samsag::testing::CprScan& scan) {
  std::vector<std::string> families;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), store.string(), &families).ok())
      << store;
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& name : families) descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), store.string(), descriptors,
                                           &handles, &raw)
                  .ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  std::size_t entries = 0;
  for (auto* handle : handles) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handle));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const std::string where =
          "rocksdb " + handle->GetName() + " entry " + std::to_string(entries);
      scan.scan(where + " key", it->key().ToStringView());
      scan.scan(where + " value", it->value().ToStringView());
      ++entries;
    }
    EXPECT_TRUE(it->status().ok());
  }
  for (auto* handle : handles) EXPECT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
  std::cerr << "  rocksdb: " << families.size() << " column families, " << entries << " entries\n";
  EXPECT_GT(entries, 0U) << "the store is empty: the scan proves nothing";
}

TEST(CprLeakScan, NoGeneratedCprNumberIsLeftAnywhereAfterAFullRun) {
  const auto started = Clock::now();
  DemoDeployment demo(16);
  std::cerr << "samsag up was ready after " << demo.ready_after().count() << " ms\n";
  const std::vector<std::string> cprs = demo.cprs();
  ASSERT_GE(cprs.size(), 6U);
  const auto& ports = demo.ports();
  samsag::testing::TopicReader topics(demo.bootstrap());
  const auto dead_letters_before = topics.appended("demo.dlq.v1");

  // A lookup and a case read through the API.
  const std::string coordinator = "Bearer " + demo.coordinator_token();
  const auto lookup = samsag::testing::http_send(
      ports.api, {.method = "POST",
                  .path = "/api/v1/lookup",
                  .headers = {{"Authorization", coordinator}, {"Content-Type", "application/json"}},
                  .body = R"({"cpr":")" + dashed(demo.demo_cpr()) + "\"}"});
  ASSERT_EQ(lookup.status, 200) << lookup.body;
  const std::string citizen(boost::json::parse(lookup.body).at("citizen").as_string());
  const auto read =
      samsag::testing::http_send(ports.api, {.method = "GET",
                                             .path = "/api/v1/cases/" + citizen,
                                             .headers = {{"Authorization", coordinator}}});
  ASSERT_EQ(read.status, 200) << read.body.substr(0, 200);

  // Bad records carrying generated numbers, into every adapter: each becomes a dead letter.
  const std::string adapter = "Authorization: Bearer " + demo.adapter_token() + "\r\n";
  const std::string unknown_type = R"({"type":"NO_SUCH_TYPE","record_id":"scan-1","version":1,)"
                                   R"("cpr":")" +
                                   cprs[0] +
                                   R"(","occurred_at":"2026-01-01",)"
                                   R"("note":"ring )" +
                                   dashed(cprs[1]) + R"("})";
  EXPECT_EQ(raw_exchange(ports.social,
                         raw_request("POST", "/v1/events",
                                     adapter + "Content-Type: application/json\r\n", unknown_type))
                .status,
            400);
  const std::string broken_json = R"({"events":[{"cpr":")" + cprs[2] + R"(", "type": )";
  EXPECT_EQ(raw_exchange(ports.social,
                         raw_request("POST", "/v1/events",
                                     adapter + "Content-Type: application/json\r\n", broken_json))
                .status,
            400);
  const std::string broken_fhir =
      R"({"resourceType":"Patient","identifier":[{"value":")" + dashed(cprs[3]) + R"("}]],)";
  for (const int port : {ports.health, ports.region}) {
    EXPECT_EQ(raw_exchange(port, raw_request("POST", "/fhir",
                                             adapter + "Content-Type: application/fhir+json\r\n",
                                             broken_fhir))
                  .status,
              400);
  }
  const fs::path spool = demo.dir() / "spool/employment";
  const std::string gen_csv =
      read_file(fs::directory_iterator(demo.gen_dir() / "employment")->path());
  const std::string bad_csv =
      gen_csv.substr(0, gen_csv.find('\n') + 1) + cprs[4] +
      ";UKENDT_HAENDELSE;2026-04-01;scan.R1;1;samsag-gen;751;;;;;;;;;;;;;;;;;;;\n";
  {
    std::ofstream(spool / ".scan-bad-00001.csv.tmp", std::ios::binary) << bad_csv;
    fs::rename(spool / ".scan-bad-00001.csv.tmp", spool / "scan-bad-00001.csv");
  }
  // Numbers where they do not belong: a case URL, a page path, a query string.
  EXPECT_EQ(raw_exchange(ports.api, raw_request("GET", "/api/v1/cases/" + cprs[5],
                                                "Authorization: " + coordinator + "\r\n"))
                .status,
            400);
  EXPECT_EQ(raw_exchange(ports.api, raw_request("GET", "/" + dashed(cprs[5]))).status, 404);
  EXPECT_EQ(raw_exchange(ports.bridge_admin, raw_request("GET", "/metrics?cpr=" + cprs[5])).status,
            200);

  // Wait for the dead letters: two social, one each from health, region and employment.
  const auto deadline = Clock::now() + 60s;
  while (topics.appended("demo.dlq.v1") < dead_letters_before + 5 && Clock::now() < deadline) {
    raw_exchange(ports.employment_admin, raw_request("GET", "/healthz"), 1s);  // paces the poll
  }
  ASSERT_GE(topics.appended("demo.dlq.v1"), dead_letters_before + 5) << "dead letters missing";

  samsag::testing::CprScan scan(cprs);
  // Every record of every topic, while the broker still runs.
  std::size_t records = 0;
  for (const auto& topic : topics.topics()) {
    for (const auto& message : topics.read_all(topic)) {
      const std::string where = "topic " + topic + " p" + std::to_string(message.partition) + "@" +
                                std::to_string(message.offset);
      scan.scan(where + " key", message.key.value_or(""));
      scan.scan(where + " value", message.value.value_or(""));
      for (const auto& header : message.headers) {
        scan.scan(where + " header " + header.key, header.key + "=" + header.value);
      }
      ++records;
    }
  }
  std::cerr << "  topics: " << topics.topics().size() << " topics, " << records << " records\n";
  EXPECT_GT(records, 100U);
  // Every admin endpoint's answers.
  for (const int port : {ports.bridge_admin, ports.employment_admin, ports.social_admin,
                         ports.health_admin, ports.region_admin}) {
    for (const std::string path : {"/metrics", "/healthz", "/readyz"}) {
      const auto reply = raw_exchange(port, raw_request("GET", path));
      EXPECT_EQ(reply.status, path == "/metrics" ? 200 : reply.status) << port << path;
      scan.scan("port " + std::to_string(port) + path, reply.head + "\r\n\r\n" + reply.body);
    }
  }

  // Stopped, so logs are flushed and the store is closed.
  EXPECT_EQ(demo.stop(), 0);
  std::set<std::string> source_inputs{bad_csv};
  for (const auto& entry : fs::recursive_directory_iterator(demo.gen_dir())) {
    if (entry.is_regular_file()) source_inputs.insert(read_file(entry.path()));
  }
  std::size_t skipped = 0;
  const auto files = scan.scan_tree(demo.dir(), [&](const fs::path& file) {
    const auto relative = fs::relative(file, demo.dir()).string();
    const bool source_input =
        relative.starts_with("gen/") ||
        (relative.starts_with("spool/") && source_inputs.contains(read_file(file)));
    skipped += source_input ? 1 : 0;
    return source_input;
  });
  std::cerr << "  files: " << files << " scanned, " << skipped << " skipped as source input\n";
  EXPECT_TRUE(fs::exists(demo.dir() / "logs/bridge.log"));
  EXPECT_TRUE(fs::exists(demo.dir() / "up-stderr.log"));
  scan_rocksdb(demo.dir() / "bridge-state/store", scan);

  std::cerr << "  scan: " << scan.summary() << "\n";
  EXPECT_TRUE(scan.findings().empty()) << scan.findings().size() << " CPR numbers left behind:\n"
                                       << scan.describe_findings();
  EXPECT_LT(scan.expected_false_alarms(), 1e-3) << "the scan would raise chance alarms";
  std::cerr << "the whole test took "
            << std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count()
            << " ms\n";
}

}  // namespace
}  // namespace samsag::security_test
