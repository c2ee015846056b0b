// `samsag broker --control HOST:PORT`: an HTTP endpoint through which tests and developers inject
// the faults librdkafka's mock cluster can simulate into the running broker (DESIGN.md "Two
// brokers in the tests"; issue 8). Development only, loopback only, no authentication:
//
//   POST /faults/requests?api=N&error=E&count=C   the next C requests of Kafka API key N (0 =
//                                                  Produce, 1 = Fetch, ...) fail with error code E
//   POST /faults/delay?broker=B&api=N&count=C&ms=M the next C requests of API N to broker B are
//                                                  answered after M milliseconds
//   POST /faults/brokers/{id}/down, .../up         broker id stops or resumes serving (its
//                                                  partitions keep it as leader: no failover)
//   POST /faults/leader?topic=T&partition=P&broker=B
//                                                  broker B leads T [P] from now on; the old
//                                                  leader answers NOT_LEADER_FOR_PARTITION. Only
//                                                  topics created at start (--topic, -c)
//   POST /faults/coordinator?type=group|transaction&key=K&broker=B
//                                                  broker B coordinates consumer group K (or
//                                                  transactional id K); the old coordinator
//                                                  answers NOT_COORDINATOR
//
// Each answers 204, or 400 naming the parameter at fault (or what the cluster refused: an
// unknown topic, partition or broker).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/base/result.h"
#include "core/http/server.h"

namespace samsag::kafka {
class MockCluster;
}

namespace samsag::broker {

// Serves the endpoints above on host:port (port 0: any free one) until destroyed. `cluster` must
// outlive the server. Errors: HTTP_LISTEN_FAILED.
Result<std::unique_ptr<http::Server>> start_fault_control(kafka::MockCluster& cluster,
                                                          const std::string& host,
                                                          std::uint16_t port);

}  // namespace samsag::broker
