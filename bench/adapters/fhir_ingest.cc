// FHIR: the health bundles posted to a do-nothing endpoint of samsag's HTTP server, then to the
// health adapter, by the same client with the same number of keep-alive connections.
#include <atomic>
#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "bench/adapters/ingest_paths.h"
#include "core/http/server.h"
#include "tests/support/http_client.h"

namespace samsag::bench {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct PostResult {
  double seconds = 0;
  std::int64_t accepted = 0;  // summed from the 202 bodies
  int failures = 0;           // answers other than 202
};

// Posts every body once, spread over `connections` threads with one keep-alive connection each.
PostResult post_all(int port, const std::vector<std::string>& bodies, const std::string& token,
                    int connections) {
  std::atomic<std::size_t> next{0};
  std::atomic<std::int64_t> accepted{0};
  std::atomic<int> failures{0};
  std::mutex report;
  const auto started = Clock::now();
  std::vector<std::thread> clients;
  clients.reserve(static_cast<std::size_t>(connections));
  for (int c = 0; c < connections; ++c) {
    clients.emplace_back([&] {
      testing::HttpConnection connection(port, 60s);
      for (std::size_t i = next++; i < bodies.size(); i = next++) {
        testing::HttpRequest request{.method = "POST", .path = "/fhir/Bundle", .body = bodies[i]};
        request.headers = {{"Content-Type", "application/fhir+json"},
                           {"Authorization", "Bearer " + token}};
        const auto reply = connection.send(request);
        if (reply.status != 202) {
          if (failures++ == 0) {
            std::lock_guard lock(report);
            std::cerr << "POST answered " << reply.status << " " << reply.error << reply.body
                      << "\n";
          }
          continue;
        }
        accepted += json::parse(reply.body).at("accepted").to_number<std::int64_t>();
      }
    });
  }
  for (auto& client : clients) client.join();
  return PostResult{std::chrono::duration<double>(Clock::now() - started).count(), accepted.load(),
                    failures.load()};
}

// The do-nothing endpoint: the same server type, thread count and body limit as an adapter's
// HTTP source, with a handler that answers 202 at once.
std::unique_ptr<http::Server> start_null_endpoint() {
  http::Router router;
  router.add("POST", "/fhir/{resource_type}",
             [](const http::Request&, const http::Responder& responder) {
               responder.send(http::Response::json(202, R"({"accepted":0})"));
             });
  http::ServerOptions options;
  options.name = "bench-null";
  options.io_threads = 2;
  auto server = http::Server::start(std::move(options), std::move(router));
  if (!server.ok()) throw std::runtime_error("cannot start the do-nothing endpoint");
  return std::move(server).value();
}

}  // namespace

std::vector<Measurement> measure_fhir(BenchCluster& cluster, const GenFiles& gen, int connections) {
  std::vector<std::string> bodies;
  for (const auto& file : gen.files("health")) bodies.push_back(read_file(file));
  const auto events = gen.records("health");
  const std::string label = " (" + std::to_string(bodies.size()) + " bundles, " +
                            std::to_string(connections) + " connections)";
  std::vector<Measurement> measured;

  {
    auto server = start_null_endpoint();
    const auto posted = post_all(server->port(), bodies, "unused", connections);
    Measurement null_path{"POST bundles -> do-nothing endpoint" + label, events, posted.seconds};
    null_path.ok = posted.failures == 0;
    measured.push_back(null_path);
  }

  auto adapter = cluster.start_adapter("health");
  const double cpu_before = cpu_seconds_of(adapter->pid());
  const auto posted = post_all(cluster.deployment().http_port("health"), bodies,
                               testing::AdapterDeployment::token("health"), connections);
  Measurement adapter_path{"samsag adapter health (FHIR) -> broker" + label, events, posted.seconds,
                           cpu_seconds_of(adapter->pid()) - cpu_before};
  adapter_path.ok = posted.failures == 0 && posted.accepted == events;
  if (!adapter_path.ok) {
    std::cerr << "health adapter: " << posted.failures << " failed requests, " << posted.accepted
              << " of " << events << " events accepted\n";
  }
  measured.push_back(adapter_path);
  (void)adapter->terminate(30s);
  return measured;
}

}  // namespace samsag::bench
