// Path traversal, NUL bytes, overlong targets, oversized bodies and headers and smuggling-shaped
// framing against every HTTP server of a running `samsag up`: the bridge's API and page, the
// social, health and region intake, and the admin endpoint (/healthz, /readyz, /metrics) of the
// bridge and of each adapter. Each answer has its status (400, 404, 405, 413 or 431), carries
// no file from outside the embedded page assets and no data; every request that reaches a case
// endpoint is audited, and so is every request to the API that the HTTP server refuses before
// routing (400, 404, 405, 413, 431): as REFUSED_BEFORE_ROUTING, with no user and no citizen
// (bridge/api/API.md).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "audit_log.h"
#include "demo_deployment.h"
#include "raw_http.h"
#include "tests/support/topic_reader.h"

namespace samsag::security_test {
namespace {

using namespace std::chrono_literals;
namespace v1 = samsag::v1;

enum class Kind { kPage, kAdmin, kSocial, kFhir };

struct Server {
  std::string name;
  int port;
  Kind kind;
};

struct Attack {
  std::string what;
  std::string request;  // raw bytes
  int status;
  bool case_request = false;  // routed to a case endpoint: must be audited
  // Sent to the bridge's API server, refused before routing, and under /api/ or unreadable: must
  // be audited as REFUSED_BEFORE_ROUTING.
  bool api_refusal = false;
};

std::string content(std::string_view text) {
  return "Content-Type: application/json\r\nContent-Length: " + std::to_string(text.size()) +
         "\r\n\r\n" + std::string(text);
}

// What no answer to an attack may contain: files from outside the assets, the deployment's
// secrets, page assets or metrics served under a forged path.
void expect_nothing_leaked(const RawReply& reply, const DemoDeployment& demo,
                           const std::string& what) {
  for (const std::string& marker :
       {std::string("root:x:0:0"), std::string("PRIVATE KEY"), demo.key_id(),
        std::string("<!doctype"), std::string("# HELP"), std::string("tovholder-demo"),
        std::string("function "), std::string("\"citizen\"")}) {
    EXPECT_EQ(reply.body.find(marker), std::string::npos)
        << what << ": the answer holds " << marker << "\n"
        << reply.body.substr(0, 300);
  }
}

class PathAttackTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { demo_ = new DemoDeployment(4); }
  static void TearDownTestSuite() {
    delete demo_;
    demo_ = nullptr;
  }
  static DemoDeployment* demo_;
};

DemoDeployment* PathAttackTest::demo_ = nullptr;

// Traversal in every spelling, against every server, on a GET: nothing there (404), or a request
// line that is no HTTP (400), or a target over the header limit (431).
std::vector<Attack> traversals_for_every_server(const std::string& auth) {
  std::vector<Attack> attacks;
  const std::vector<std::pair<std::string, std::string>> targets{
      {"dot-dot segments", "/../../../../etc/passwd"},
      {"encoded dots", "/%2e%2e/%2e%2e/etc/passwd"},
      {"encoded dots, upper case", "/%2E%2E/%2E%2E/etc/passwd"},
      {"encoded slashes", "/..%2f..%2f..%2fetc%2fpasswd"},
      {"double-encoded", "/%252e%252e%252f%252e%252e%252fetc%252fpasswd"},
      {"overlong UTF-8 dot-dot-slash", "/%c0%ae%c0%ae%c0%afetc%c0%afpasswd"},
      {"backslashes", "/..\\..\\..\\etc\\passwd"},
      {"encoded backslashes", "/%5c..%5c..%5cetc%5cpasswd"},
      {"encoded NUL after an asset", "/index.html%00.png"},
      {"encoded NUL alone", "/%00"},
      {"dot-dot after an asset", "/app.js/../../etc/passwd"},
      {"no leading slash", "..%2f..%2fetc%2fpasswd"},
      {"absolute form", "http://127.0.0.1/../../etc/passwd"},
      {"into the deployment's secrets", "/../secrets/demo-signing-key.pem"},
      {"into the secrets, encoded", "/..%2fsecrets%2fjwks.json"},
      {"around an admin path", "/metrics/../healthz"},
      {"admin path with NUL", "/healthz%00"},
      {"trailing dot-dot", "/readyz/.."},
      {"API prefix then out", "/api/v1/../../etc/passwd"},
      {"intake prefix then out", "/v1/events/../../etc/passwd"},
  };
  for (const auto& [what, target] : targets) {
    attacks.push_back(
        {"GET " + what, raw_request("GET", target, auth), 404, false, target.starts_with("/api/")});
  }
  attacks.push_back({"raw NUL in the request line", raw_request("GET", std::string("/\0", 2), auth),
                     400, false, true});
  attacks.push_back(
      {"raw space-split target", raw_request("GET", "/.. /etc/passwd", auth), 400, false, true});
  attacks.push_back({"target of 9000 bytes", raw_request("GET", "/" + std::string(9000, 'a'), auth),
                     431, false, true});
  return attacks;
}

// Bodies and headers over the limits, and framing a smuggler would use.
std::vector<Attack> oversize_for_every_server(const std::string& method, const std::string& path,
                                              const std::string& auth) {
  std::string many_headers;
  for (int i = 0; i < 300; ++i)
    many_headers += "X-Filler-" + std::to_string(i) + ": " + std::string(40, 'v') + "\r\n";
  const std::string head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth;
  std::vector<Attack> attacks{
      {"Content-Length of 100 MB", head + "Content-Length: 100000000\r\n\r\n{", 413},
      {"a chunk of 256 MiB",
       head + "Transfer-Encoding: chunked\r\n\r\n10000000\r\n" + std::string(1000, 'a'), 413},
      {"one header of 9000 bytes", head + "X-Big: " + std::string(9000, 'a') + "\r\n\r\n", 431},
      {"300 headers", head + many_headers + "\r\n", 431},
      {"two Content-Lengths", head + "Content-Length: 1\r\nContent-Length: 2\r\n\r\n{}", 400},
      {"Transfer-Encoding and Content-Length",
       head + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n", 400},
      {"a bad chunk size", head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", 400},
  };
  for (auto& attack : attacks) attack.api_refusal = path.starts_with("/api/");
  return attacks;
}

TEST_F(PathAttackTest, EveryServerAnswersTraversalAndOversizeWithoutData) {
  std::cerr << "samsag up was ready after " << demo_->ready_after().count() << " ms\n";
  const auto& ports = demo_->ports();
  const std::string coordinator = "Authorization: Bearer " + demo_->coordinator_token() + "\r\n";
  const std::string adapter = "Authorization: Bearer " + demo_->adapter_token() + "\r\n";
  const std::vector<Server> servers{
      {"bridge API and page", ports.api, Kind::kPage},
      {"bridge admin", ports.bridge_admin, Kind::kAdmin},
      {"social intake", ports.social, Kind::kSocial},
      {"health intake", ports.health, Kind::kFhir},
      {"region intake", ports.region, Kind::kFhir},
      {"employment admin", ports.employment_admin, Kind::kAdmin},
      {"social admin", ports.social_admin, Kind::kAdmin},
      {"health admin", ports.health_admin, Kind::kAdmin},
      {"region admin", ports.region_admin, Kind::kAdmin},
  };

  // The controls: each server serves its real paths, so "no data" below could fail.
  EXPECT_EQ(raw_exchange(ports.api, raw_request("GET", "/")).status, 200);
  EXPECT_NE(raw_exchange(ports.api, raw_request("GET", "/")).body.find("<!doctype"),
            std::string::npos);
  for (const auto& server : servers) {
    if (server.kind == Kind::kAdmin) {
      EXPECT_EQ(raw_exchange(server.port, raw_request("GET", "/metrics")).status, 200)
          << server.name;
    }
  }

  samsag::testing::TopicReader topics(demo_->bootstrap());
  const std::vector<std::string> sector_topics{"demo.employment.v1", "demo.social.v1",
                                               "demo.health.v1",     "demo.region.v1",
                                               "demo.plan.v1",       "demo.consent.v1"};
  std::map<std::string, std::int64_t> before;
  for (const auto& topic : sector_topics) before[topic] = topics.appended(topic);

  struct Sent {
    std::string what;
    RawReply reply;
    bool case_request;
    bool api_refusal;
  };
  std::vector<Sent> sent;
  auto run = [&](const Server& server, const Attack& attack) {
    const std::string what = server.name + ": " + attack.what;
    auto reply = raw_exchange(server.port, attack.request);
    EXPECT_EQ(reply.status, attack.status) << what << " " << reply.error << "\n"
                                           << reply.body.substr(0, 300);
    expect_nothing_leaked(reply, *demo_, what);
    std::cerr << "  " << reply.status << "  " << what << "\n";
    sent.push_back({what, std::move(reply), attack.case_request,
                    server.kind == Kind::kPage && attack.api_refusal});
  };

  for (const auto& server : servers) {
    const std::string auth = server.kind == Kind::kPage    ? coordinator
                             : server.kind == Kind::kAdmin ? std::string()
                                                           : adapter;
    for (const auto& attack : traversals_for_every_server(auth)) run(server, attack);
    const std::string method = server.kind == Kind::kPage    ? "POST"
                               : server.kind == Kind::kAdmin ? "GET"
                                                             : "POST";
    const std::string path = server.kind == Kind::kPage     ? "/api/v1/lookup"
                             : server.kind == Kind::kAdmin  ? "/metrics"
                             : server.kind == Kind::kSocial ? "/v1/events"
                                                            : "/fhir";
    for (const auto& attack : oversize_for_every_server(method, path, auth)) run(server, attack);
  }

  // Traversal inside the routes that take a path parameter.
  const std::string patient = R"({"resourceType":"Patient","id":"p1"})";
  for (const auto* server : {&servers[3], &servers[4]}) {
    const std::string fhir = adapter + "Content-Type: application/fhir+json\r\n";
    for (const std::string target :
         {"/fhir/..", "/fhir/%2e%2e", "/fhir/..%2f..%2fetc%2fpasswd", "/fhir/Patient%00",
          "/fhir/%2e%2e%5cPatient", "/fhir/%252e%252e%252fPatient"}) {
      run(*server,
          {"POST " + target + " with a Patient",
           "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + fhir +
               "Content-Length: " + std::to_string(patient.size()) + "\r\n\r\n" + patient,
           400});
    }
    run(*server, {"GET /fhir/..", raw_request("GET", "/fhir/..", adapter), 405});
    run(*server,
        {"POST /fhir/../metrics", raw_request("POST", "/fhir/../metrics", adapter, "{}"), 404});
  }
  for (const std::string target :
       {"/v1/events/..", "/v1/events%2f..%2f..%2fmetrics", "/v1/events/%2e%2e", "/v1/events%00"}) {
    run(servers[2], {"POST " + target, raw_request("POST", target, adapter, "{}"), 404});
  }

  // Case endpoints: the path parameter is checked after the token, and every answer audited.
  const std::string case_base = "/api/v1/cases/";
  const std::vector<std::pair<std::string, std::string>> case_targets{
      {"dot-dot", "%2e%2e"},
      {"encoded slashes", "..%2f..%2f..%2fetc%2fpasswd"},
      {"double-encoded", "%252e%252e%252fetc%252fpasswd"},
      {"backslashes", "k1:..%5c..%5cetc"},
      {"NUL", "k1:%00"},
      {"4000 bytes", "k1:" + std::string(4000, 'a')},
  };
  for (const auto& [what, pseudonym] : case_targets) {
    run(servers[0],
        {"GET case " + what, raw_request("GET", case_base + pseudonym, coordinator), 400, true});
    run(servers[0],
        {"GET events of case " + what,
         raw_request("GET", case_base + pseudonym + "/events", coordinator), 400, true});
    run(servers[0], {"POST goal to case " + what,
                     "POST " + case_base + pseudonym +
                         "/plan/goals HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                         coordinator + content(R"({"area":"GOAL_AREA_JOB","title":"Job"})"),
                     400, true});
  }
  run(servers[0], {"GET a case path with a dot-dot segment",
                   raw_request("GET", case_base + "k1:x/../k1:y", coordinator), 404, false, true});
  run(servers[0], {"GET a case over the header limit",
                   raw_request("GET", case_base + "k1:" + std::string(9000, 'a'), coordinator), 431,
                   false, true});
  run(servers[0], {"POST a goal of 100 MB",
                   "POST " + case_base + "k1:x/plan/goals HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                       coordinator + "Content-Length: 100000000\r\n\r\n{",
                   413, false, true});

  std::set<std::string> expected;
  for (const auto& one : sent) {
    if (one.api_refusal) expected.insert(one.reply.header("X-Request-Id").value_or("?"));
  }
  const auto audit = audit_records_once_holding(demo_->bootstrap(), expected);
  for (const auto& [what, reply, case_request, api_refusal] : sent) {
    const auto id = reply.header("X-Request-Id");
    const bool audited = id && audit.contains(*id);
    if (case_request) {
      ASSERT_TRUE(audited) << "no audit record for " << what;
      EXPECT_EQ(audit.at(*id).outcome(), v1::ACCESS_OUTCOME_INVALID) << what;
      EXPECT_EQ(audit.at(*id).user(), "tovholder-demo") << what;
      EXPECT_EQ(audit.at(*id).citizen(), "") << what;
    } else if (api_refusal) {
      ASSERT_TRUE(audited) << "no audit record for " << what;
      const auto& record = audit.at(*id);
      EXPECT_EQ(record.action(), v1::ACCESS_ACTION_REFUSED_BEFORE_ROUTING) << what;
      EXPECT_EQ(record.outcome(),
                reply.status == 404 ? v1::ACCESS_OUTCOME_NOT_FOUND : v1::ACCESS_OUTCOME_INVALID)
          << what;
      EXPECT_EQ(record.user(), "") << what;
      EXPECT_EQ(record.citizen(), "") << what;
    } else {
      EXPECT_FALSE(audited) << what << " was audited though it reached no API endpoint";
    }
  }
  // Nothing went onto a sector, plan or consent topic (FHIR 400s are dead letters, not events).
  for (const auto& topic : sector_topics) EXPECT_EQ(topics.appended(topic), before[topic]) << topic;
  // Every process is still serving.
  for (const auto& server : servers) {
    if (server.kind == Kind::kAdmin) {
      EXPECT_EQ(raw_exchange(server.port, raw_request("GET", "/healthz")).status, 200)
          << server.name;
    }
  }
}

}  // namespace
}  // namespace samsag::security_test
