// The API server as a whole: the page and its security headers on every response, CORS off, the
// body limit, the audit of refused requests, forwarding to a partition's owner, and the Server-Sent
// Events of a case.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>
#include <thread>

#include "api_fakes.h"
#include "bridge/api/case_access.h"

namespace samsag::bridge::api::test {
namespace {

using Clock = std::chrono::steady_clock;

void expect_security_headers(const samsag::testing::HttpReply& reply) {
  const auto csp = reply.header("Content-Security-Policy");
  ASSERT_TRUE(csp.has_value()) << reply.status;
  EXPECT_NE(csp->find("script-src 'self'"), std::string::npos);
  EXPECT_NE(csp->find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(csp->find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(reply.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(reply.header("Referrer-Policy"), "no-referrer");
  for (const auto& [name, value] : reply.headers) {
    EXPECT_NE(name.rfind("Access-Control-", 0), 0U) << name;
  }
}

TEST(ApiServerTest, ThePageAndEveryAnswerCarryTheSecurityHeaders) {
  ApiHarness api;
  const auto page = api.send("GET", "/", "");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.header("Content-Type")->find("text/html"), std::string::npos);
  expect_security_headers(page);
  const auto missing = api.send("GET", "/no-such-file.js", "");
  EXPECT_EQ(missing.status, 404);
  expect_security_headers(missing);
  const auto unrouted = api.send("GET", "/api/v2/anything/at/all", "");
  EXPECT_EQ(unrouted.status, 404);
  expect_security_headers(unrouted);
  const auto api_answer = api.send("GET", "/api/v1/cases", "", "", {{"Origin", "https://evil"}});
  EXPECT_EQ(api_answer.status, 401);
  EXPECT_EQ(api_answer.header("Cache-Control"), "no-store");
  expect_security_headers(api_answer);
}

TEST(ApiServerTest, ABodyOverTheLimitIs413) {
  ApiHarness api;
  const auto reply = api.send("POST", "/api/v1/lookup", kCoordinator,
                              R"({"cpr":")" + std::string(70 * 1024, 'x') + R"("})");
  EXPECT_EQ(reply.status, 413);
}

// Refused before any endpoint saw them, so audited by the server's hook after the answer: as
// REFUSED_BEFORE_ROUTING without user or citizen, and only under /api/ (not the page's files).
TEST(ApiServerTest, RequestsRefusedBeforeRoutingUnderApiAreAudited) {
  ApiHarness api;
  const auto page_miss = api.send("GET", "/a/b", "");
  EXPECT_EQ(page_miss.status, 404);
  const auto too_large = api.send("POST", "/api/v1/lookup", kCoordinator,
                                  R"({"cpr":")" + std::string(70 * 1024, 'x') + R"("})");
  EXPECT_EQ(too_large.status, 413);
  const auto unrouted = api.send("GET", "/api/v1/cases/a/../b", kCoordinator);
  EXPECT_EQ(unrouted.status, 404);

  const auto deadline = Clock::now() + std::chrono::seconds(30);
  while (api.sink.audit(kAudit).size() < 2 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // poll interval
  }
  std::map<std::string, samsag::v1::AccessRecord> by_id;
  for (const auto& record : api.sink.audit(kAudit)) by_id[record.request_id()] = record;
  ASSERT_EQ(by_id.size(), 2U);
  EXPECT_FALSE(by_id.contains(page_miss.header("X-Request-Id").value_or("?")));
  const auto& large = by_id[too_large.header("X-Request-Id").value_or("?")];
  EXPECT_EQ(large.action(), samsag::v1::ACCESS_ACTION_REFUSED_BEFORE_ROUTING);
  EXPECT_EQ(large.outcome(), samsag::v1::ACCESS_OUTCOME_INVALID);
  EXPECT_EQ(large.user(), "");
  EXPECT_EQ(large.municipality_code(), kCode);
  const auto& nowhere = by_id[unrouted.header("X-Request-Id").value_or("?")];
  EXPECT_EQ(nowhere.action(), samsag::v1::ACCESS_ACTION_REFUSED_BEFORE_ROUTING);
  EXPECT_EQ(nowhere.outcome(), samsag::v1::ACCESS_OUTCOME_NOT_FOUND);
  EXPECT_EQ(nowhere.citizen(), "");
}

TEST(ApiServerTest, ACaseOwnedElsewhereIsForwardedOnceAndNotAuditedHere) {
  ApiHarness api(true);
  api.cases.put(case_of(pseudonym(1), "tovholder-1"));  // partition 1: not owned here
  const auto forwarded = api.send("GET", "/api/v1/cases/" + pseudonym(1), kCoordinator);
  EXPECT_EQ(forwarded.status, 200);
  EXPECT_NE(forwarded.body.find("forwarded"), std::string::npos);
  ASSERT_EQ(api.forwarder.forwarded.size(), 1U);
  EXPECT_EQ(api.forwarder.forwarded[0],
            "GET /api/v1/cases/" + pseudonym(1) + " -> http://127.0.0.1:11");
  EXPECT_TRUE(api.sink.audit(kAudit).empty());

  // Forwarded already: answered here from what this instance holds.
  const auto here = api.send("GET", "/api/v1/cases/" + pseudonym(1), kCoordinator, "",
                             {{"X-Samsag-Forwarded", "1"}});
  EXPECT_EQ(here.status, 200);
  EXPECT_EQ(here.body.find("forwarded"), std::string::npos);
  EXPECT_EQ(api.sink.audit(kAudit).size(), 1U);

  api.ownership.without_owner.insert(2);
  const auto nobody = api.send("GET", "/api/v1/cases/" + pseudonym(2), kCoordinator);
  EXPECT_EQ(nobody.status, 503);
  // A case of partition 0 is local.
  api.cases.put(case_of(pseudonym(4), "tovholder-1"));
  EXPECT_EQ(api.send("GET", "/api/v1/cases/" + pseudonym(4), kCoordinator).status, 200);
  EXPECT_EQ(api.forwarder.forwarded.size(), 1U);
  // The list says how many partitions it could not include.
  const auto list = api.send("GET", "/api/v1/cases?mine=true", kCoordinator);
  EXPECT_NE(list.body.find("\"partitions_elsewhere\":3"), std::string::npos) << list.body;
}

// A raw connection reading an event stream as it arrives.
class StreamReader {
 public:
  StreamReader(int port, const std::string& path, const std::string& token) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) return;
    const std::string request = "GET " + path +
                                " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
                                "\r\nAccept: text/event-stream\r\n\r\n";
    (void)!::write(fd_, request.data(), request.size());
  }
  ~StreamReader() { ::close(fd_); }

  // Reads until `text` has been seen `count` times in total, or the deadline.
  bool wait_for(const std::string& text, int count, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (occurrences(text) < count) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return false;
      pollfd poll_fd{fd_, POLLIN, 0};
      if (::poll(&poll_fd, 1, static_cast<int>(left)) <= 0) return false;
      char buffer[4096];
      const auto read = ::read(fd_, buffer, sizeof(buffer));
      if (read <= 0) return false;
      received_.append(buffer, static_cast<std::size_t>(read));
    }
    return true;
  }
  int occurrences(const std::string& text) const {
    int count = 0;
    for (auto at = received_.find(text); at != std::string::npos;
         at = received_.find(text, at + 1)) {
      ++count;
    }
    return count;
  }
  const std::string& received() const { return received_; }

 private:
  int fd_ = -1;
  std::string received_;
};

TEST(ApiServerTest, TheEventStreamSaysWhenTheCaseChanges) {
  ApiHarness api;
  auto citizen_case = case_of(pseudonym(1), "tovholder-1");
  api.cases.put(citizen_case);
  StreamReader stream(api.server->port(), "/api/v1/cases/" + pseudonym(1) + "/events",
                      kCoordinator);
  ASSERT_TRUE(stream.wait_for("event: case", 1, std::chrono::seconds(10))) << stream.received();
  EXPECT_NE(stream.received().find("text/event-stream"), std::string::npos);
  EXPECT_NE(stream.received().find(etag_of(citizen_case)), std::string::npos);
  ASSERT_EQ(api.sink.audit(kAudit).size(), 1U);

  citizen_case.set_target_group(samsag::v1::TARGET_GROUP_SICK);
  api.cases.put(citizen_case);
  ASSERT_TRUE(stream.wait_for("event: case", 2, std::chrono::seconds(10))) << stream.received();
  EXPECT_NE(stream.received().find(etag_of(citizen_case)), std::string::npos);
  EXPECT_EQ(api.sink.audit(kAudit).size(), 1U) << "a stream is audited once, when it opens";

  // Another coordinator takes over: the stream ends.
  api.cases.put(case_of(pseudonym(1), "tovholder-2"));
  ASSERT_FALSE(stream.wait_for("never sent", 1, std::chrono::seconds(10)));
  EXPECT_EQ(stream.occurrences("event: case"), 2);
}

TEST(ApiServerTest, AStreamOfAnotherCoordinatorsCaseIs403) {
  ApiHarness api;
  api.cases.put(case_of(pseudonym(1), "tovholder-1"));
  const auto reply =
      api.send("GET", "/api/v1/cases/" + pseudonym(1) + "/events", kOtherCoordinator);
  EXPECT_EQ(reply.status, 403);
}

}  // namespace
}  // namespace samsag::bridge::api::test
