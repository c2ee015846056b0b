#include "core/runtime/admin_server.h"

#include <gtest/gtest.h>
#include <prometheus/counter.h>

#include <boost/json.hpp>

#include "core/metrics/metrics.h"
#include "tests/unit/core/http/http_test_client.h"

namespace samsag::runtime {
namespace {

using http::testing::TestClient;

class AdminServerTest : public ::testing::Test {
 protected:
  void start() {
    auto admin = AdminServer::start("127.0.0.1", 0, readiness_);
    ASSERT_TRUE(admin) << admin.error().message;
    admin_ = std::move(*admin);
  }

  Readiness readiness_{"kafka", "assigned"};
  std::unique_ptr<AdminServer> admin_;
};

TEST_F(AdminServerTest, AnswersHealthzWhileRunning) {
  ASSERT_NO_FATAL_FAILURE(start());
  TestClient client(admin_->port());
  const auto reply = client.request("GET", "/healthz");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->result_int(), 200);
  EXPECT_EQ(reply->body(), "ok\n");
}

TEST_F(AdminServerTest, ReadyzTurnsFrom503To200WhenEveryConditionIsMet) {
  ASSERT_NO_FATAL_FAILURE(start());
  TestClient client(admin_->port());

  readiness_.set("assigned");
  const auto waiting = client.request("GET", "/readyz");
  ASSERT_TRUE(waiting);
  EXPECT_EQ(waiting->result_int(), 503);
  const auto body = boost::json::parse(waiting->body()).as_object();
  EXPECT_FALSE(body.at("ready").as_bool());
  ASSERT_EQ(body.at("waiting_for").as_array().size(), 1U);
  EXPECT_EQ(body.at("waiting_for").as_array()[0].as_string(), "kafka");

  readiness_.set("kafka");
  const auto ready = client.request("GET", "/readyz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->result_int(), 200);
  EXPECT_TRUE(boost::json::parse(ready->body()).as_object().at("ready").as_bool());
}

TEST_F(AdminServerTest, ReadyzAnswers503OnceShutdownBegins) {
  ASSERT_NO_FATAL_FAILURE(start());
  readiness_.set("kafka");
  readiness_.set("assigned");
  admin_->begin_shutdown();
  TestClient client(admin_->port());
  const auto reply = client.request("GET", "/readyz");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->result_int(), 503);
  EXPECT_TRUE(boost::json::parse(reply->body()).as_object().at("stopping").as_bool());
  const auto health = client.request("GET", "/healthz");  // still alive while draining
  ASSERT_TRUE(health);
  EXPECT_EQ(health->result_int(), 200);
}

TEST_F(AdminServerTest, MetricsShowACounterIncrementedHere) {
  ASSERT_NO_FATAL_FAILURE(start());
  auto& events = prometheus::BuildCounter()
                     .Name("samsag_admin_test_events_total")
                     .Help("Counted by the admin server test.")
                     .Register(metrics::registry())
                     .Add({{"sector", "health"}});
  events.Increment(7);
  // 7 in a fresh process; more when gtest repeats the test in one.
  const std::string expected = R"(samsag_admin_test_events_total{sector="health"} )" +
                               std::to_string(static_cast<long long>(events.Value()));
  TestClient client(admin_->port());
  ASSERT_TRUE(client.request("GET", "/healthz"));
  const auto reply = client.request("GET", "/metrics");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->result_int(), 200);
  EXPECT_EQ((*reply)[boost::beast::http::field::content_type], metrics::kTextContentType);
  EXPECT_NE(reply->body().find(expected + "\n"), std::string::npos) << reply->body();
  EXPECT_NE(reply->body().find("samsag_build_info"), std::string::npos);
  // The request counter of the HTTP server itself, labelled by route, not by path.
  EXPECT_NE(reply->body().find(R"(route="/healthz")"), std::string::npos) << reply->body();
}

TEST_F(AdminServerTest, ReportsAnAddressInUse) {
  ASSERT_NO_FATAL_FAILURE(start());
  Readiness other;
  const auto second = AdminServer::start("127.0.0.1", admin_->port(), other);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, "HTTP_LISTEN_FAILED");
}

}  // namespace
}  // namespace samsag::runtime
