#include "core/events/event_id.h"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

#include "core/digest/base32.h"

namespace samsag::events {
namespace {

// SHA-256 with the algorithm fetched once and one context per thread, reused: EVP_Digest with
// EVP_sha256() fetches the algorithm and allocates a context on every call, which cost more than
// the hashing for the short inputs of an event id (an adapter derives one per record).
class ThreadSha256 {
 public:
  ThreadSha256()
      : algorithm_(EVP_MD_fetch(nullptr, "SHA2-256", nullptr)), context_(EVP_MD_CTX_new()) {}
  ~ThreadSha256() {
    EVP_MD_CTX_free(context_);
    EVP_MD_free(algorithm_);
  }
  ThreadSha256(const ThreadSha256&) = delete;
  ThreadSha256& operator=(const ThreadSha256&) = delete;

  bool start() {
    return algorithm_ != nullptr && context_ != nullptr &&
           EVP_DigestInit_ex2(context_, algorithm_, nullptr) == 1;
  }
  bool add(std::string_view data) {
    return EVP_DigestUpdate(context_, data.data(), data.size()) == 1;
  }
  bool finish(std::array<unsigned char, EVP_MAX_MD_SIZE>& digest, unsigned int& length) {
    return EVP_DigestFinal_ex(context_, digest.data(), &length) == 1;
  }

 private:
  EVP_MD* algorithm_;
  EVP_MD_CTX* context_;
};

}  // namespace

std::string derive_event_id(std::string_view source_system, std::string_view record_id,
                            std::string_view record_version) {
  // The unit separator cannot occur in the ids the formats accept.
  static constexpr std::string_view kSeparator = "\x1f";
  thread_local ThreadSha256 sha256;
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  // Hashed piece by piece: the same digest as of the joined string, without building it.
  const bool ok = sha256.start() && sha256.add(source_system) && sha256.add(kSeparator) &&
                  sha256.add(record_id) && sha256.add(kSeparator) && sha256.add(record_version) &&
                  sha256.finish(digest, length) && length == 32;
  if (!ok) throw std::runtime_error("OpenSSL could not compute SHA-256");
  return samsag::digest::base32_lower(digest.data(), 16);
}

}  // namespace samsag::events
