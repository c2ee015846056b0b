#include "bridge/cluster/http_forwarder.h"

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/http/server.h"
#include "tests/unit/core/http/http_test_client.h"

namespace samsag::bridge {
namespace {

using namespace std::chrono_literals;
using http::testing::TestClient;

std::unique_ptr<http::Server> start_server(http::Router router) {
  http::ServerOptions options;
  options.name = "test";
  auto server = http::Server::start(options, std::move(router));
  if (!server) throw std::runtime_error(server.error().message);
  return std::move(*server);
}

// The instance a coordinator asked ("front"), forwarding every route to the owner at `owner_url`,
// and the owner itself, whose handlers each test writes.
class HttpForwarderTest : public ::testing::Test {
 protected:
  void start(http::Router owner_routes,
             const std::vector<std::pair<std::string, std::string>>& routes,
             HttpForwarderOptions options = {}) {
    owner_ = start_server(std::move(owner_routes));
    forwarder_ = std::make_unique<HttpForwarder>(options);
    start_front(routes, "http://127.0.0.1:" + std::to_string(owner_->port()));
  }

  void start_front(const std::vector<std::pair<std::string, std::string>>& routes,
                   const std::string& owner_url) {
    http::Router front;
    for (const auto& [method, pattern] : routes) {
      front.add(method, pattern,
                [this, owner_url](const http::Request& request, http::Responder responder) {
                  forwarder_->forward(request, owner_url, std::move(responder));
                });
    }
    front_ = start_server(std::move(front));
  }

  void TearDown() override {
    if (front_) front_->stop();
    if (forwarder_) forwarder_->stop();
    {
      std::lock_guard lock(mutex_);
      held_.clear();
    }
    if (owner_) owner_->stop();
  }

  std::unique_ptr<http::Server> owner_;
  std::unique_ptr<http::Server> front_;
  std::unique_ptr<HttpForwarder> forwarder_;
  std::mutex mutex_;
  std::vector<http::Responder> held_;  // requests the owner never answers
};

TEST_F(HttpForwarderTest, TheOwnerSeesTheCallersRequestAndTheCallerTheOwnersAnswer) {
  http::Router owner;
  owner.add("POST", "/api/v1/cases/{citizen}/consent",
            [](const http::Request& request, const http::Responder& responder) {
              http::Response response =
                  http::Response::json(202, std::string(R"({"target":")") + request.target +
                                                R"(","body":)" + request.body + "}");
              response.headers.emplace_back(
                  "X-Seen-Authorization",
                  std::string(request.header("Authorization").value_or("")));
              response.headers.emplace_back(
                  "X-Seen-Purpose", std::string(request.header("X-Samsag-Purpose").value_or("")));
              response.headers.emplace_back(
                  "X-Seen-Forwarded", std::string(request.header(kForwardedHeader).value_or("")));
              response.headers.emplace_back("X-Seen-Cookie",
                                            std::string(request.header("Cookie").value_or("none")));
              responder.send(std::move(response));
            });
  start(std::move(owner), {{"POST", "/api/v1/cases/{citizen}/consent"}});

  TestClient client(front_->port());
  const auto reply =
      client.request("POST", "/api/v1/cases/k1:abc/consent?x=1", R"({"granted":true})",
                     {{"Authorization", "Bearer token-1"},
                      {"X-Samsag-Purpose", "opfoelgning"},
                      {"Cookie", "session=secret"},
                      {"Content-Type", "application/json"}});
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->result_int(), 202U);
  EXPECT_EQ((*reply)[boost::beast::http::field::content_type], "application/json");
  EXPECT_EQ(reply->body(),
            R"({"target":"/api/v1/cases/k1:abc/consent?x=1","body":{"granted":true}})");
  EXPECT_EQ((*reply)["X-Seen-Authorization"], "Bearer token-1");
  EXPECT_EQ((*reply)["X-Seen-Purpose"], "opfoelgning");
  EXPECT_EQ((*reply)["X-Seen-Forwarded"], "1");
  EXPECT_EQ((*reply)["X-Seen-Cookie"], "none") << "only the listed headers go along";
  EXPECT_FALSE((*reply)["X-Samsag-Owner-Request-Id"].empty());
  EXPECT_NE((*reply)["X-Samsag-Owner-Request-Id"], (*reply)["X-Request-Id"]);
}

TEST_F(HttpForwarderTest, RelaysTheETagAndANotModified) {
  http::Router owner;
  owner.add("GET", "/api/v1/cases/{citizen}",
            [](const http::Request& request, const http::Responder& responder) {
              if (request.header("If-None-Match") == "\"v7\"") {
                http::Response unchanged{304, "application/json", {{"ETag", "\"v7\""}}, {}};
                responder.send(std::move(unchanged));
                return;
              }
              responder.send(http::Response{
                  200, "application/json", {{"ETag", "\"v7\""}}, R"({"citizen":"k1:abc"})"});
            });
  start(std::move(owner), {{"GET", "/api/v1/cases/{citizen}"}});

  TestClient client(front_->port());
  const auto first = client.request("GET", "/api/v1/cases/k1:abc");
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->result_int(), 200U);
  EXPECT_EQ((*first)[boost::beast::http::field::etag], "\"v7\"");
  EXPECT_EQ(first->body(), R"({"citizen":"k1:abc"})");
  const auto again =
      client.request("GET", "/api/v1/cases/k1:abc", {}, {{"If-None-Match", "\"v7\""}});
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->result_int(), 304U);
}

TEST_F(HttpForwarderTest, AnUnreachableOwnerIsA502WithAJsonError) {
  forwarder_ = std::make_unique<HttpForwarder>();
  start_front({{"GET", "/api/v1/cases/{citizen}"}}, "http://127.0.0.1:1");  // refused at once
  TestClient client(front_->port());
  const auto reply = client.request("GET", "/api/v1/cases/k1:abc");
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->result_int(), 502U);
  EXPECT_EQ((*reply)[boost::beast::http::field::content_type], "application/json");
  EXPECT_NE(reply->body().find(R"("error":"OWNER_UNREACHABLE")"), std::string::npos)
      << reply->body();
  EXPECT_FALSE((*reply)[boost::beast::http::field::retry_after].empty());
}

TEST_F(HttpForwarderTest, AnOwnerAddressThatIsNoHttpUrlIsA502) {
  forwarder_ = std::make_unique<HttpForwarder>();
  start_front({{"GET", "/api/v1/cases/{citizen}"}}, "bridge-2:8080");
  TestClient client(front_->port());
  const auto reply = client.request("GET", "/api/v1/cases/k1:abc");
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->result_int(), 502U);
}

TEST_F(HttpForwarderTest, AnOwnerThatDoesNotAnswerInTimeIsA504) {
  http::Router owner;
  owner.add("GET", "/api/v1/cases/{citizen}",
            [this](const http::Request&, http::Responder responder) {
              std::lock_guard lock(mutex_);
              held_.push_back(std::move(responder));
            });
  HttpForwarderOptions options;
  options.response_timeout = 300ms;
  start(std::move(owner), {{"GET", "/api/v1/cases/{citizen}"}}, options);
  TestClient client(front_->port());
  const auto reply = client.request("GET", "/api/v1/cases/k1:abc");
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->result_int(), 504U);
  EXPECT_NE(reply->body().find(R"("error":"OWNER_TIMED_OUT")"), std::string::npos) << reply->body();
}

TEST_F(HttpForwarderTest, AnOwnersEventStreamIsRelayedEventByEvent) {
  std::promise<http::EventStream> opened;
  http::Router owner;
  owner.add("GET", "/api/v1/cases/{citizen}/events",
            [&opened](const http::Request&, const http::Responder& responder) {
              auto stream = responder.stream({{"X-Accel-Buffering", "no"}});
              stream.send_comment("open");
              opened.set_value(stream);
            });
  start(std::move(owner), {{"GET", "/api/v1/cases/{citizen}/events"}});

  TestClient client(front_->port());
  ASSERT_TRUE(client.send_raw("GET /api/v1/cases/k1:abc/events HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto future = opened.get_future();
  ASSERT_EQ(future.wait_for(10s), std::future_status::ready);
  const http::EventStream stream = future.get();
  std::string received;
  ASSERT_TRUE(client.read_until_contains(received, ": open\n\n")) << received;
  EXPECT_NE(received.find("Content-Type: text/event-stream"), std::string::npos) << received;
  EXPECT_NE(received.find("X-Accel-Buffering: no"), std::string::npos) << received;

  // Sent after the relay began: it arrives while the stream is open, not at its end.
  ASSERT_TRUE(stream.send("case", "\"etag-2\""));
  ASSERT_TRUE(client.read_until_contains(received, "event: case\ndata: \"etag-2\"\n\n"))
      << received;

  stream.close();
  const auto [rest, ended] = client.read_until_closed();
  EXPECT_NE(ended, boost::beast::error::timeout) << "the relay outlived the owner's stream";
}

TEST_F(HttpForwarderTest, AfterStopItAnswersAtOnce) {
  forwarder_ = std::make_unique<HttpForwarder>();
  start_front({{"GET", "/api/v1/cases/{citizen}"}}, "http://127.0.0.1:1");
  forwarder_->stop();
  TestClient client(front_->port());
  const auto reply = client.request("GET", "/api/v1/cases/k1:abc");
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->result_int(), 503U);
}

}  // namespace
}  // namespace samsag::bridge
