#include "core/http/server.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <future>
#include <map>
#include <mutex>
#include <regex>
#include <thread>
#include <vector>

#include "tests/unit/core/http/http_test_client.h"

namespace samsag::http {
namespace {

using testing::Reply;
using testing::TestClient;
using namespace std::chrono_literals;

class ServerTest : public ::testing::Test {
 protected:
  void start(Router router, ServerOptions options = {}) {
    options.name = "test";
    options.io_threads = 2;  // strands, not luck, must keep each connection in order
    auto server = Server::start(std::move(options), std::move(router));
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
  }
  std::uint16_t port() const { return server_->port(); }

  std::unique_ptr<Server> server_;
};

Handler answer(int status, std::string body) {
  return [status, body](const Request&, Responder responder) {
    responder.send(Response::text(status, body));
  };
}

TEST_F(ServerTest, RoutesRequestWithParamsToItsHandler) {
  Router router;
  router.add("GET", "/api/v1/cases/{pseudonym}/plan/goals/{id}",
             [](const Request& request, Responder responder) {
               responder.send(Response::json(200, std::string(request.param("pseudonym")) + "/" +
                                                      std::string(request.param("id"))));
             });
  ASSERT_NO_FATAL_FAILURE(start(std::move(router)));
  EXPECT_NE(port(), 0);
  TestClient client(port());
  const auto reply = client.request("GET", "/api/v1/cases/v1%3Aabc/plan/goals/42");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->result_int(), 200);
  EXPECT_EQ(reply->body(), "v1:abc/42");
  EXPECT_EQ((*reply)[boost::beast::http::field::content_type], "application/json");
  const std::string id((*reply)["X-Request-Id"]);
  EXPECT_TRUE(std::regex_match(id, std::regex("[a-z]{26}"))) << id;
}

TEST_F(ServerTest, PassesQueryHeadersBodyAndPeerToTheHandler) {
  Router router;
  router.add("POST", "/records", [](const Request& request, Responder responder) {
    responder.send(Response::text(
        200, request.method + "|" + std::string(request.query_param("sector").value_or("-")) + "|" +
                 std::string(request.header("x-source").value_or("-")) + "|" + request.body + "|" +
                 request.remote_address + "|" + request.request_id));
  });
  ASSERT_NO_FATAL_FAILURE(start(std::move(router)));
  TestClient client(port());
  const auto reply =
      client.request("POST", "/records?sector=social&x=1", "hello", {{"X-Source", "momentum"}});
  ASSERT_TRUE(reply);
  const std::string expected_prefix = "POST|social|momentum|hello|127.0.0.1:";
  EXPECT_EQ(reply->body().substr(0, expected_prefix.size()), expected_prefix);
  // The id the handler saw is the one the client got back.
  EXPECT_EQ(reply->body().substr(reply->body().size() - 26), (*reply)["X-Request-Id"]);
}

TEST_F(ServerTest, Answers404ForUnknownPath) {
  Router router;
  router.add("GET", "/healthz", answer(200, "ok"));
  ASSERT_NO_FATAL_FAILURE(start(std::move(router)));
  TestClient client(port());
  const auto reply = client.request("GET", "/nothing/here");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->result_int(), 404);
}

TEST_F(ServerTest, Answers405WithAllowForWrongMethod) {
  Router router;
  router.add("POST", "/records", answer(202, "")).add("PUT", "/records", answer(200, ""));
  ASSERT_NO_FATAL_FAILURE(start(std::move(router)));
  TestClient client(port());
  const auto reply = client.request("GET", "/records");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->result_int(), 405);
  EXPECT_EQ((*reply)[boost::beast::http::field::allow], "POST, PUT");
}

TEST_F(ServerTest, RejectsBodyOverTheLimitWith413) {
  Router router;
  router.add("POST", "/records", answer(202, "accepted"));
  ServerOptions options;
  options.body_limit = 64;
  ASSERT_NO_FATAL_FAILURE(start(std::move(router), options));

  TestClient within(port());
  const auto small = within.request("POST", "/records", std::string(64, 'x'));
  ASSERT_TRUE(small);
  EXPECT_EQ(small->result_int(), 202);

  TestClient over(port());
  const auto large = over.request("POST", "/records", std::string(10'000, 'x'));
  ASSERT_TRUE(large);
  EXPECT_EQ(large->result_int(), 413);
  EXPECT_FALSE(large->keep_alive());
}

TEST_F(ServerTest, RejectsChunkedBodyOverTheLimitWith413) {
  Router router;
  router.add("POST", "/records", answer(202, "accepted"));
  ServerOptions options;
  options.body_limit = 64;
  ASSERT_NO_FATAL_FAILURE(start(std::move(router), options));
  TestClient client(port());
  ASSERT_TRUE(client.send_raw(
      "POST /records HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "40\r\n" +
      std::string(64, 'a') + "\r\n10\r\n" + std::string(16, 'b') + "\r\n0\r\n\r\n"));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->result_int(), 413);
}

TEST_F(ServerTest, AnswersGarbageWith400) {
  ASSERT_NO_FATAL_FAILURE(start(Router{}));
  TestClient client(port());
  ASSERT_TRUE(client.send_raw("HELLO THERE\r\n\r\n"));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->result_int(), 400);
}

// What the server answers on its own reaches on_refusal with the request id the client got, and
// what a handler answers does not.
TEST_F(ServerTest, ReportsEveryRefusalWithTheRequestIdAnswered) {
  std::mutex mutex;
  std::condition_variable reported;
  std::vector<Refusal> refusals;
  Router router;
  router.add("POST", "/records", answer(202, "accepted"));
  ServerOptions options;
  options.body_limit = 64;
  options.on_refusal = [&](const Refusal& refusal) {
    std::lock_guard lock(mutex);
    refusals.push_back(refusal);
    reported.notify_all();
  };
  ASSERT_NO_FATAL_FAILURE(start(std::move(router), options));

  std::vector<std::string> ids;
  auto send = [&](const std::string& method, const std::string& target, std::string body) {
    TestClient client(port());
    const auto reply = client.request(method, target, std::move(body));
    ASSERT_TRUE(reply);
    ids.emplace_back((*reply)["X-Request-Id"]);
  };
  send("POST", "/records", "ok");                       // routed: not a refusal
  send("GET", "/nothing?cpr=x", "");                    // 404; the query stays out
  send("GET", "/records", "");                          // 405
  send("POST", "/records?a=1", std::string(100, 'x'));  // 413
  TestClient garbage(port());
  ASSERT_TRUE(garbage.send_raw("HELLO THERE\r\n\r\n"));
  const auto bad = garbage.read_reply();
  ASSERT_TRUE(bad);
  ids.emplace_back((*bad)["X-Request-Id"]);

  std::unique_lock lock(mutex);
  ASSERT_TRUE(reported.wait_for(lock, 30s, [&] { return refusals.size() >= 4; }));
  std::map<std::string, Refusal> by_id;
  for (const auto& refusal : refusals) by_id[refusal.request_id] = refusal;
  EXPECT_EQ(by_id.size(), 4U);
  EXPECT_FALSE(by_id.contains(ids[0]));
  ASSERT_TRUE(by_id.contains(ids[1]) && by_id.contains(ids[2]) && by_id.contains(ids[3]) &&
              by_id.contains(ids[4]));
  EXPECT_EQ(by_id[ids[1]].status, 404);
  EXPECT_EQ(by_id[ids[1]].path, "/nothing");
  EXPECT_EQ(by_id[ids[2]].status, 405);
  EXPECT_EQ(by_id[ids[2]].method, "GET");
  EXPECT_EQ(by_id[ids[3]].status, 413);
  EXPECT_EQ(by_id[ids[3]].path, "/records");
  EXPECT_EQ(by_id[ids[4]].status, 400);
  EXPECT_EQ(by_id[ids[4]].path, "");
}

TEST_F(ServerTest, DisconnectsClientThatSendsHeadersTooSlowly) {
  Router router;
  router.add("GET", "/healthz", answer(200, "ok"));
  ServerOptions options;
  options.header_timeout = 200ms;
  ASSERT_NO_FATAL_FAILURE(start(std::move(router), options));
  TestClient client(port());
  ASSERT_TRUE(client.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n"));  // never finished
  const auto started = std::chrono::steady_clock::now();
  const auto [received, ended] = client.read_until_closed(5s);
  EXPECT_NE(ended, boost::beast::error::timeout) << "the server kept the slow client";
  EXPECT_EQ(received, "");
  EXPECT_GE(std::chrono::steady_clock::now() - started, 150ms);
}

TEST_F(ServerTest, DisconnectsClientThatSendsTheBodyTooSlowly) {
  Router router;
  router.add("POST", "/records", answer(202, ""));
  ServerOptions options;
  options.body_timeout = 200ms;
  ASSERT_NO_FATAL_FAILURE(start(std::move(router), options));
  TestClient client(port());
  ASSERT_TRUE(
      client.send_raw("POST /records HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"));
  const auto [received, ended] = client.read_until_closed(5s);
  EXPECT_NE(ended, boost::beast::error::timeout) << "the server kept the slow client";
  EXPECT_EQ(received, "");
}

TEST_F(ServerTest, ClosesIdleKeepAliveConnectionAfterTheHeaderTimeout) {
  Router router;
  router.add("GET", "/healthz", answer(200, "ok"));
  ServerOptions options;
  options.header_timeout = 200ms;
  ASSERT_NO_FATAL_FAILURE(start(std::move(router), options));
  TestClient client(port());
  ASSERT_TRUE(client.request("GET", "/healthz"));
  const auto [received, ended] = client.read_until_closed(5s);
  EXPECT_NE(ended, boost::beast::error::timeout);
}

TEST_F(ServerTest, AnswersFromAnotherThreadLater) {
  std::promise<Responder> pending;
  Router router;
  router.add("POST", "/records", [&pending](const Request&, Responder responder) {
    pending.set_value(std::move(responder));  // as if waiting for Kafka's delivery report
  });
  ASSERT_NO_FATAL_FAILURE(start(std::move(router)));
  std::thread delivery([future = pending.get_future()]() mutable {
    if (future.wait_for(10s) == std::future_status::ready) {
      future.get().send(Response::text(202, "delivered"));
    }
  });
  TestClient client(port());
  const auto reply = client.request("POST", "/records", "row");
  delivery.join();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->result_int(), 202);
  EXPECT_EQ(reply->body(), "delivered");
}

TEST_F(ServerTest, KeepsTheConnectionAliveBetweenRequests) {
  Router router;
  router.add("GET", "/peer", [](const Request& request, Responder responder) {
    responder.send(Response::text(200, request.remote_address));
  });
  ASSERT_NO_FATAL_FAILURE(start(std::move(router)));
  TestClient client(port());
  const auto first = client.request("GET", "/peer");
  const auto second = client.request("GET", "/peer");
  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  EXPECT_TRUE(first->keep_alive());
  // Same client port: both requests travelled on one connection.
  EXPECT_EQ(first->body(), second->body());
  EXPECT_NE((*first)["X-Request-Id"], (*second)["X-Request-Id"]);
}

TEST_F(ServerTest, AnswersWith500WhenTheHandlerDropsTheResponder) {
  Router router;
  router.add("GET", "/forgetful", [](const Request&, Responder) {});
  ASSERT_NO_FATAL_FAILURE(start(std::move(router)));
  TestClient client(port());
  const auto reply = client.request("GET", "/forgetful");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->result_int(), 500);
}

TEST_F(ServerTest, AnswersWith500WhenTheHandlerThrows) {
  Router router;
  router.add("GET", "/broken",
             [](const Request&, Responder) { throw std::runtime_error("handler bug"); });
  ASSERT_NO_FATAL_FAILURE(start(std::move(router)));
  TestClient client(port());
  const auto reply = client.request("GET", "/broken");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->result_int(), 500);
}

TEST_F(ServerTest, KeepsTheFirstOfTwoAnswers) {
  Router router;
  router.add("GET", "/twice", [](const Request&, Responder responder) {
    responder.send(Response::text(200, "first"));
    responder.send(Response::text(500, "second"));
  });
  ASSERT_NO_FATAL_FAILURE(start(std::move(router)));
  TestClient client(port());
  const auto first = client.request("GET", "/twice");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->body(), "first");
  const auto next = client.request("GET", "/twice");  // no stray second answer in between
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body(), "first");
}

TEST_F(ServerTest, SendsContinueBeforeReadingAnExpectedBody) {
  Router router;
  router.add("POST", "/records", [](const Request& request, Responder responder) {
    responder.send(Response::text(202, request.body));
  });
  ASSERT_NO_FATAL_FAILURE(start(std::move(router)));
  TestClient client(port());
  ASSERT_TRUE(client.send_raw(
      "POST /records HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
  std::string received;
  ASSERT_TRUE(client.read_until_contains(received, "HTTP/1.1 100 Continue\r\n\r\n"));
  ASSERT_TRUE(client.send_raw("hello"));
  ASSERT_TRUE(client.read_until_contains(received, "hello"));
  EXPECT_NE(received.find("HTTP/1.1 202"), std::string::npos) << received;
}

TEST_F(ServerTest, ReportsAPortInUse) {
  ASSERT_NO_FATAL_FAILURE(start(Router{}));
  ServerOptions options;
  options.port = port();
  const auto second = Server::start(options, Router{});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, "HTTP_LISTEN_FAILED");
}

TEST_F(ServerTest, StopClosesIdleConnectionsAndFinishesRequestsInFlight) {
  std::promise<Responder> pending;
  Router router;
  router.add("POST", "/records", [&pending](const Request&, Responder responder) {
    pending.set_value(std::move(responder));
  });
  router.add("GET", "/healthz", answer(200, "ok"));
  ASSERT_NO_FATAL_FAILURE(start(std::move(router)));

  TestClient idle(port());
  ASSERT_TRUE(idle.request("GET", "/healthz"));
  std::optional<Reply> in_flight_reply;
  std::thread in_flight([&, port = port()] {
    TestClient client(port);
    in_flight_reply = client.request("POST", "/records", "row");
  });
  auto responder = pending.get_future();
  ASSERT_EQ(responder.wait_for(10s), std::future_status::ready);

  std::thread stopper([this] { server_->stop(); });
  // The idle connection closing shows the stop has begun while the request is still open.
  const auto [received, ended] = idle.read_until_closed(5s);
  EXPECT_NE(ended, boost::beast::error::timeout);
  responder.get().send(Response::text(202, "accepted"));
  in_flight.join();
  stopper.join();
  ASSERT_TRUE(in_flight_reply);
  EXPECT_EQ(in_flight_reply->result_int(), 202);
  EXPECT_FALSE(in_flight_reply->keep_alive());
  EXPECT_THROW(TestClient{port()}, boost::system::system_error);  // no longer listening
}

TEST_F(ServerTest, StopReturnsAsSoonAsTheConnectionsAreDone) {
  Router router;
  router.add("GET", "/healthz", answer(200, "ok"));
  ServerOptions options;
  options.drain_timeout = 60s;
  ASSERT_NO_FATAL_FAILURE(start(std::move(router), options));
  for (int i = 0; i < 3; ++i) {
    TestClient client(port());
    ASSERT_TRUE(client.request("GET", "/healthz"));
  }
  TestClient still_open(port());
  ASSERT_TRUE(still_open.request("GET", "/healthz"));
  const auto started = std::chrono::steady_clock::now();
  server_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s) << "stop() waited out its drain time";
}

TEST_F(ServerTest, StreamsServerSentEvents) {
  std::promise<EventStream> opened;
  Router router;
  router.add("GET", "/events", [&opened](const Request&, Responder responder) {
    opened.set_value(responder.stream());
  });
  ASSERT_NO_FATAL_FAILURE(start(std::move(router)));
  TestClient client(port());
  ASSERT_TRUE(client.send_raw("GET /events HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto future = opened.get_future();
  ASSERT_EQ(future.wait_for(10s), std::future_status::ready);
  const EventStream stream = future.get();

  std::string received;
  ASSERT_TRUE(client.read_until_contains(received, "\r\n\r\n"));
  EXPECT_NE(received.find("Content-Type: text/event-stream"), std::string::npos) << received;
  EXPECT_NE(received.find("Transfer-Encoding: chunked"), std::string::npos) << received;
  EXPECT_TRUE(stream.send("case", "line one\nline two"));
  ASSERT_TRUE(
      client.read_until_contains(received, "event: case\ndata: line one\ndata: line two\n\n"))
      << received;
  stream.close();
  const auto [rest, ended] = client.read_until_closed();
  EXPECT_NE(ended, boost::beast::error::timeout);
  EXPECT_NE((received + rest).find("0\r\n\r\n"), std::string::npos);
  EXPECT_FALSE(stream.send("case", "after close"));
}

TEST_F(ServerTest, EventStreamNoticesTheClientLeaving) {
  std::promise<EventStream> opened;
  Router router;
  router.add("GET", "/events", [&opened](const Request&, Responder responder) {
    opened.set_value(responder.stream());
  });
  ASSERT_NO_FATAL_FAILURE(start(std::move(router)));
  auto client = std::make_unique<TestClient>(port());
  ASSERT_TRUE(client->send_raw("GET /events HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto future = opened.get_future();
  ASSERT_EQ(future.wait_for(10s), std::future_status::ready);
  const EventStream stream = future.get();
  std::string received;
  ASSERT_TRUE(client->read_until_contains(received, "\r\n\r\n"));
  client.reset();  // the browser tab closes

  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (stream.is_open() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);  // polling a flag against a deadline
  }
  EXPECT_FALSE(stream.is_open());
}

}  // namespace
}  // namespace samsag::http
