#include "adapters/runtime/http_intake.h"

#include <atomic>
#include <boost/json.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "core/digest/sha256.h"
#include "core/events/dead_letters.h"
#include "core/log/log.h"

namespace samsag::adapters {

// A published request waiting for Kafka's confirmation.
struct HttpIntake::Waiting {
  PendingBatch batch;
  http::Responder responder;
  std::string request_id;
  kafka::Deadline deadline;
};

// Waits for batches in arrival order on its own thread, so io threads never block on Kafka.
// Batches are produced in order, so waiting for them in order costs nothing.
class HttpIntake::Confirmer {
 public:
  explicit Confirmer(HttpIntake& intake) : intake_(intake), thread_([this] { run(); }) {}
  ~Confirmer() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  void add(Waiting waiting) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(waiting));
    }
    changed_.notify_all();
  }

 private:
  void run() {
    for (;;) {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      Waiting waiting = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      intake_.answer(waiting);
    }
  }

  HttpIntake& intake_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Waiting> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

HttpIntake::HttpIntake(Publisher& publisher, Options options)
    : publisher_(publisher),
      options_(std::move(options)),
      confirmer_(std::make_unique<Confirmer>(*this)) {}

HttpIntake::~HttpIntake() { drain(); }

void HttpIntake::drain() {
  std::unique_ptr<Confirmer> confirmer;
  {
    std::lock_guard lock(intake_mutex_);
    draining_ = true;
    confirmer = std::move(confirmer_);
  }
  confirmer.reset();  // answers every waiting request before its thread ends
}

void HttpIntake::route(http::Router& router, const std::string& method, const std::string& pattern,
                       RequestParser parser) {
  router.add(
      method, pattern,
      [this, parser = std::move(parser)](const http::Request& request, http::Responder responder) {
        handle(request, responder, parser);
      });
}

bool HttpIntake::authorised(const http::Request& request) const {
  static constexpr std::string_view kScheme = "Bearer ";
  const auto header = request.header("Authorization");
  if (!header || header->size() <= kScheme.size() || header->substr(0, kScheme.size()) != kScheme) {
    return false;
  }
  const std::string presented = samsag::digest::sha256_hex(header->substr(kScheme.size()));
  bool match = false;
  for (const auto& accepted : options_.token_sha256) {
    // No early exit: the time taken does not tell which entry matched.
    match = samsag::digest::constant_time_equals(presented, accepted) || match;
  }
  return match;
}

void HttpIntake::handle(const http::Request& request, const http::Responder& responder,
                        const RequestParser& parser) {
  if (!authorised(request)) {
    auto response = options_.render_error(IntakeError{
        401, "UNAUTHENTICATED", "a valid bearer token is required", "", request.request_id});
    response.headers.emplace_back("WWW-Authenticate", "Bearer");
    responder.send(std::move(response));
    return;
  }
  ParseResult parsed = parser(request);
  std::unique_lock lock(intake_mutex_);
  if (draining_) {
    lock.unlock();
    auto response = options_.render_error(IntakeError{
        503, "SHUTTING_DOWN", "the adapter is shutting down; retry later", "", request.request_id});
    response.headers.emplace_back("Retry-After", "5");
    responder.send(std::move(response));
    return;
  }
  // Published under the lock so drain() cannot take the confirmer away in between.
  PendingBatch batch = publisher_.publish(std::move(parsed));
  confirmer_->add(Waiting{std::move(batch), responder, request.request_id,
                          kafka::deadline_in(options_.confirm_timeout)});
}

void HttpIntake::answer(Waiting& waiting) {
  auto confirmed = waiting.batch.wait(waiting.deadline);
  if (!confirmed.ok()) {
    samsag::log::warn("records not confirmed by Kafka in time; asking the source to retry",
                      {{"request_id", waiting.request_id}, {"error", confirmed.error().code}});
    auto response = options_.render_error(IntakeError{
        503, "KAFKA_UNAVAILABLE", "Kafka did not confirm the records in time; retry later", "",
        waiting.request_id});
    response.headers.emplace_back("Retry-After", "5");
    waiting.responder.send(std::move(response));
    return;
  }
  const auto& rejections = waiting.batch.rejections();
  if (!rejections.empty()) {
    const auto& first = rejections.front();
    waiting.responder.send(options_.render_error(
        IntakeError{400, std::string(samsag::events::reason_name(first.reason)), first.message,
                    first.field, waiting.request_id}));
    return;
  }
  boost::json::object body{{"accepted", confirmed->events}, {"request_id", waiting.request_id}};
  waiting.responder.send(http::Response::json(202, boost::json::serialize(body)));
}

http::Response json_error(const IntakeError& error) {
  boost::json::object detail{
      {"code", error.code}, {"message", error.message}, {"request_id", error.request_id}};
  if (!error.field.empty()) detail["field"] = error.field;
  boost::json::object body{{"error", std::move(detail)}};
  return http::Response::json(error.status, boost::json::serialize(body));
}

}  // namespace samsag::adapters
