#include "cli/up/source_feed.h"

#include <boost/json.hpp>
#include <charconv>
#include <fstream>
#include <sstream>
#include <thread>

#include "cli/up/http_call.h"

namespace samsag::cli::up {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kRequestTimeout = std::chrono::seconds(60);  // an adapter waits for Kafka's ack
constexpr auto kLongestRetryDelay = std::chrono::seconds(5);

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  if (!in || !(content << in.rdbuf())) {
    return make_error("SOURCE_UNREADABLE", "cannot read " + path.string());
  }
  return content.str();
}

// Waits `delay` in short steps, so a Ctrl-C is not kept waiting; false when stopping.
bool pause(std::chrono::milliseconds delay, const std::atomic<bool>& stopping) {
  const auto until = Clock::now() + delay;
  while (Clock::now() < until) {
    if (stopping) return false;
    std::this_thread::sleep_for(
        std::min<Clock::duration>(std::chrono::milliseconds(50), until - Clock::now()));
  }
  return !stopping;
}

// The adapter's own sentence from an error body {"code":..,"message":..}; it never holds a CPR.
std::string adapter_message(const std::string& body) {
  boost::json::error_code ec;
  const auto parsed = boost::json::parse(body, ec);
  if (ec || !parsed.is_object()) return {};
  const auto* message = parsed.as_object().if_contains("message");
  return message && message->is_string() ? std::string(message->as_string()) : std::string();
}

}  // namespace

Status drop_into_spool(const std::vector<std::filesystem::path>& files,
                       const std::filesystem::path& spool) {
  for (const auto& file : files) {
    const auto name = file.filename().string();
    const auto temporary = spool / ("." + name + ".tmp");
    std::error_code ec;
    std::filesystem::copy_file(file, temporary, std::filesystem::copy_options::overwrite_existing,
                               ec);
    if (!ec) std::filesystem::rename(temporary, spool / name, ec);
    if (ec) {
      return make_error("SPOOL_WRITE_FAILED",
                        "cannot put " + name + " into " + spool.string() + ": " + ec.message());
    }
  }
  return ok_status();
}

std::uint64_t rejected_entries(const std::string& body) {
  boost::json::error_code ec;
  const auto parsed = boost::json::parse(body, ec);
  if (ec || !parsed.is_object()) return 0;
  const auto* rejected = parsed.as_object().if_contains("rejected");
  return rejected && rejected->is_array() ? rejected->as_array().size() : 0;
}

std::chrono::milliseconds retry_delay(const std::string& retry_after) {
  unsigned seconds = 1;
  const auto* end = retry_after.data() + retry_after.size();
  if (const auto [ptr, ec] = std::from_chars(retry_after.data(), end, seconds);
      ec != std::errc() || ptr != end) {
    seconds = 1;
  }
  return std::min<std::chrono::milliseconds>(std::chrono::seconds(seconds), kLongestRetryDelay);
}

Result<PostOutcome> post_files(const HttpSourceTarget& target,
                               const std::vector<std::filesystem::path>& files,
                               const std::atomic<bool>& stopping, std::chrono::seconds patience) {
  PostOutcome outcome;
  for (const auto& file : files) {
    auto body = read_file(file);
    if (!body) return body.error();
    const HttpCall call{.method = "POST",
                        .target = target.path,
                        .bearer_token = target.token,
                        .content_type = target.content_type,
                        .body = std::move(body).value()};
    const auto give_up = Clock::now() + patience;
    while (true) {
      if (stopping) return make_error("SOURCE_FEED_STOPPED", "stopped");
      const auto answer = http_call(target.address, call, kRequestTimeout);
      ++outcome.requests;
      if (answer.status >= 200 && answer.status < 300) break;
      if (answer.status == 422) {
        outcome.rejected += rejected_entries(answer.body);
        break;
      }
      const std::string where =
          file.filename().string() + " to " + target.address.to_string() + target.path;
      if (answer.status == 503 && Clock::now() < give_up) {
        if (!pause(retry_delay(answer.retry_after), stopping)) {
          return make_error("SOURCE_FEED_STOPPED", "stopped");
        }
        continue;
      }
      if (answer.status == 0) {
        return make_error("SOURCE_UNREACHABLE", "posting " + where + ": " + answer.error);
      }
      return make_error("SOURCE_REFUSED", "posting " + where + " answered " +
                                              std::to_string(answer.status) + ": " +
                                              adapter_message(answer.body));
    }
  }
  return outcome;
}

}  // namespace samsag::cli::up
