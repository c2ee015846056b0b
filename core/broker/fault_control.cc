#include "core/broker/fault_control.h"

#include <charconv>
#include <optional>
#include <vector>

#include "core/kafka/mock_cluster.h"

namespace samsag::broker {
namespace {

// The query parameter `name` as a number in [low, high].
std::optional<long> number(const http::Request& request, std::string_view name, long low,
                           long high) {
  const auto text = request.query_param(name);
  if (!text) return std::nullopt;
  long value = 0;
  const auto* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || value < low || value > high) return std::nullopt;
  return value;
}

http::Response bad(std::string_view name) {
  return http::Response::text(
      400, "the query parameter " + std::string(name) + " is missing or out of range\n");
}

http::Response done() { return http::Response{204, "text/plain", {}, ""}; }

http::Response outcome(const Status& status) {
  return status ? done() : http::Response::text(400, status.error().message + "\n");
}

// The query parameter `name` when present and not empty.
std::optional<std::string> word(const http::Request& request, std::string_view name) {
  const auto text = request.query_param(name);
  if (!text || text->empty()) return std::nullopt;
  return std::string(*text);
}

}  // namespace

Result<std::unique_ptr<http::Server>> start_fault_control(kafka::MockCluster& cluster,
                                                          const std::string& host,
                                                          std::uint16_t port) {
  http::Router router;
  router.add("POST", "/faults/requests",
             [&cluster](const http::Request& request, const http::Responder& responder) {
               const auto api = number(request, "api", 0, 100);
               const auto error = number(request, "error", -1, 200);
               const auto count = number(request, "count", 1, 100'000);
               if (!api) return responder.send(bad("api"));
               if (!error) return responder.send(bad("error"));
               if (!count) return responder.send(bad("count"));
               cluster.fail_next_requests(
                   static_cast<std::int16_t>(*api),
                   std::vector<std::int16_t>(static_cast<std::size_t>(*count),
                                             static_cast<std::int16_t>(*error)));
               responder.send(done());
             });
  router.add(
      "POST", "/faults/delay",
      [&cluster](const http::Request& request, const http::Responder& responder) {
        const auto broker = number(request, "broker", 1, 1'000);
        const auto api = number(request, "api", 0, 100);
        const auto count = number(request, "count", 1, 100'000);
        const auto ms = number(request, "ms", 0, 600'000);
        if (!broker) return responder.send(bad("broker"));
        if (!api) return responder.send(bad("api"));
        if (!count) return responder.send(bad("count"));
        if (!ms) return responder.send(bad("ms"));
        auto delayed = cluster.delay_next_requests(
            static_cast<std::int32_t>(*broker), static_cast<std::int16_t>(*api),
            static_cast<int>(*count), std::chrono::milliseconds(*ms));
        responder.send(delayed ? done() : http::Response::text(400, delayed.error().message));
      });
  for (const bool up : {false, true}) {
    router.add(
        "POST", up ? "/faults/brokers/{id}/up" : "/faults/brokers/{id}/down",
        [&cluster, up](const http::Request& request, const http::Responder& responder) {
          std::int32_t id = 0;
          const auto text = request.param("id");
          auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
          if (ec != std::errc() || ptr != text.data() + text.size()) {
            return responder.send(bad("id"));
          }
          auto changed = up ? cluster.set_broker_up(id) : cluster.set_broker_down(id);
          responder.send(changed ? done() : http::Response::text(400, changed.error().message));
        });
  }
  router.add(
      "POST", "/faults/leader",
      [&cluster](const http::Request& request, const http::Responder& responder) {
        const auto topic = word(request, "topic");
        const auto partition = number(request, "partition", 0, 100'000);
        const auto broker = number(request, "broker", 1, 1'000);
        if (!topic) return responder.send(bad("topic"));
        if (!partition) return responder.send(bad("partition"));
        if (!broker) return responder.send(bad("broker"));
        responder.send(outcome(cluster.set_partition_leader(
            *topic, static_cast<std::int32_t>(*partition), static_cast<std::int32_t>(*broker))));
      });
  router.add(
      "POST", "/faults/coordinator",
      [&cluster](const http::Request& request, const http::Responder& responder) {
        const auto type = word(request, "type");
        const auto key = word(request, "key");
        const auto broker = number(request, "broker", 1, 1'000);
        if (!type || (*type != "group" && *type != "transaction")) {
          return responder.send(bad("type"));
        }
        if (!key) return responder.send(bad("key"));
        if (!broker) return responder.send(bad("broker"));
        const auto id = static_cast<std::int32_t>(*broker);
        responder.send(outcome(*type == "group" ? cluster.set_group_coordinator(*key, id)
                                                : cluster.set_transaction_coordinator(*key, id)));
      });
  http::ServerOptions options;
  options.name = "broker-control";
  options.host = host;
  options.port = port;
  return http::Server::start(std::move(options), std::move(router));
}

}  // namespace samsag::broker
