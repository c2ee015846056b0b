// Which bridge instance owns a citizen's case, and how a request for a case owned elsewhere reaches
// that owner. The API codes against these interfaces; bridge/cluster/ implements them from the
// consumer group's assignment and the members' published API addresses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/http/request.h"
#include "core/http/responder.h"

namespace samsag::bridge {

class Ownership {
 public:
  virtual ~Ownership() = default;
  // The partition of the citizen's case: murmur2 of the pseudonym, like the producers.
  virtual std::int32_t partition_of(const std::string& pseudonym) const = 0;
  virtual bool owns(std::int32_t partition) const = 0;
  // "http://host:port" of the instance owning the partition, nullopt when unknown/none.
  virtual std::optional<std::string> owner_address(std::int32_t partition) const = 0;
};

// Forwards the request to `base_url` and answers through the responder (async; 502 when the owner
// does not answer).
class Forwarder {
 public:
  virtual ~Forwarder() = default;
  virtual void forward(const http::Request& request, const std::string& base_url,
                       http::Responder responder) = 0;
};

}  // namespace samsag::bridge
