// systemd notification through a NOTIFY_SOCKET of the test's own: a Unix datagram socket in a
// temporary directory, read with poll() deadlines.
#include "core/runtime/systemd.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "core/runtime/admin_server.h"

namespace samsag::runtime {
namespace {

namespace fs = std::filesystem;

class SystemdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "samsag-notify-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    socket_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    ASSERT_GE(socket_, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::string path = (dir_ / "notify").string();
    ASSERT_LT(path.size(), sizeof(address.sun_path));
    path.copy(address.sun_path, path.size());
    ASSERT_EQ(::bind(socket_, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
    setenv("NOTIFY_SOCKET", path.c_str(), 1);
  }
  void TearDown() override {
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
    if (socket_ >= 0) ::close(socket_);
    fs::remove_all(dir_);
  }

  // The next datagram systemd would have received, or nullopt after `timeout`.
  std::optional<std::string> next_message(int timeout_ms = 10'000) {
    pollfd ready{socket_, POLLIN, 0};
    if (::poll(&ready, 1, timeout_ms) != 1) return std::nullopt;
    std::string message(4096, '\0');
    const ssize_t length = ::recv(socket_, message.data(), message.size(), 0);
    if (length < 0) return std::nullopt;
    message.resize(static_cast<std::size_t>(length));
    return message;
  }

  fs::path dir_;
  int socket_ = -1;
};

TEST_F(SystemdTest, SaysReadyOnceWhenReadinessIsFirstMet) {
  Readiness readiness{"kafka"};
  auto admin = AdminServer::start("127.0.0.1", 0, readiness);
  ASSERT_TRUE(admin) << admin.error().message;
  EXPECT_EQ(next_message(0), std::nullopt);  // not ready yet: nothing said
  readiness.set("kafka");
  EXPECT_EQ(next_message(), "READY=1");
  readiness.set("kafka", false);
  readiness.set("kafka");
  (*admin)->begin_shutdown();
  EXPECT_EQ(next_message(), "STOPPING=1");  // and no second READY=1 before it
}

TEST_F(SystemdTest, SaysStoppingOnceWhenStopped) {
  Readiness readiness;
  auto admin = AdminServer::start("127.0.0.1", 0, readiness);
  ASSERT_TRUE(admin) << admin.error().message;
  EXPECT_EQ(next_message(), "READY=1");  // no conditions: ready at once
  (*admin)->stop();
  (*admin)->stop();
  EXPECT_EQ(next_message(), "STOPPING=1");
  EXPECT_EQ(next_message(0), std::nullopt);
}

TEST_F(SystemdTest, PetsTheWatchdogWhenSystemdAsks) {
  setenv("WATCHDOG_USEC", "20000", 1);  // 20 ms: pets every 10 ms
  setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
  systemd::Watchdog watchdog;
  EXPECT_TRUE(watchdog.enabled());
  EXPECT_EQ(next_message(), "WATCHDOG=1");
  EXPECT_EQ(next_message(), "WATCHDOG=1");
}

TEST_F(SystemdTest, LeavesTheWatchdogAloneForAnotherProcess) {
  setenv("WATCHDOG_USEC", "20000", 1);
  setenv("WATCHDOG_PID", "1", 1);  // the watchdog is for someone else
  systemd::Watchdog watchdog;
  EXPECT_FALSE(watchdog.enabled());
}

}  // namespace
}  // namespace samsag::runtime
