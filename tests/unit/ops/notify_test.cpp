#include <doctest/doctest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/log.h"
#include "ops/notify.h"
#include "support/env.h"
#include "support/temp_dir.h"

using namespace orpheus;

namespace {

using test::EnvVar;

// What systemd listens on: an AF_UNIX datagram socket at a path, or in the abstract namespace
// for an address starting with '@' (as $NOTIFY_SOCKET writes it).
class NotifySocket {
 public:
  explicit NotifySocket(std::string address) : address_(std::move(address)) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    REQUIRE(address_.size() < sizeof sa.sun_path);
    std::memcpy(sa.sun_path, address_.data(), address_.size());
    if (address_[0] == '@') sa.sun_path[0] = '\0';
    const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + address_.size() +
                                            (address_[0] == '@' ? 0 : 1));
    INFO("bind ", address_, ": ", std::strerror(errno));
    REQUIRE(::bind(fd_, reinterpret_cast<const sockaddr*>(&sa), len) == 0);
  }
  ~NotifySocket() {
    ::close(fd_);
    if (address_[0] != '@') ::unlink(address_.c_str());
  }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;
  const std::string& address() const { return address_; }

  // The next datagram, waiting up to `timeout_ms`; nullopt if none came.
  std::optional<std::string> receive(int timeout_ms = 2000) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return std::nullopt;
    char buf[4096];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
    if (n < 0) return std::nullopt;
    return std::string(buf, static_cast<std::size_t>(n));
  }
  // sd_notify() has queued its datagram by the time it returns: nothing now means nothing sent.
  std::optional<std::string> receive_now() { return receive(0); }

 private:
  std::string address_;
  int fd_ = -1;
};

std::string unique_name() {
  std::random_device rd;
  return "orpheus-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd());
}

}  // namespace

TEST_SUITE("sd_notify") {
  TEST_CASE("READY, STATUS and STOPPING arrive on $NOTIFY_SOCKET") {
    test::TempDir dir;
    NotifySocket sock((dir / "notify").string());
    EnvVar socket_env("NOTIFY_SOCKET", sock.address());
    EnvVar usec("WATCHDOG_USEC", nullptr);
    EnvVar pid("WATCHDOG_PID", nullptr);

    ops::Notifier n;
    CHECK(n.enabled());
    CHECK_FALSE(n.watchdog_ms().has_value());
    n.ready("showing thracology 1.2");
    CHECK(sock.receive() == std::optional<std::string>("READY=1\nSTATUS=showing thracology 1.2"));
    n.status("pack switched");
    CHECK(sock.receive() == std::optional<std::string>("STATUS=pack switched"));
    n.status("two\nlines\r\nREADY=1");  // a status cannot smuggle in another assignment
    CHECK(sock.receive() == std::optional<std::string>("STATUS=two lines  READY=1"));
    n.stopping();
    CHECK(sock.receive() == std::optional<std::string>("STOPPING=1"));
    // Without $WATCHDOG_USEC the watchdog is off: nothing to send, no deadline.
    CHECK_FALSE(n.watchdog(0).has_value());
    CHECK_FALSE(sock.receive_now().has_value());
  }

  TEST_CASE("An abstract-namespace socket (\"@name\") works too") {
    NotifySocket sock("@" + unique_name());
    EnvVar socket_env("NOTIFY_SOCKET", sock.address());
    ops::Notifier n;
    REQUIRE(n.enabled());
    n.ready("up");
    CHECK(sock.receive() == std::optional<std::string>("READY=1\nSTATUS=up"));
  }

  TEST_CASE("The watchdog pings at half the interval, not more often (virtual clock)") {
    test::TempDir dir;
    NotifySocket sock((dir / "notify").string());
    EnvVar socket_env("NOTIFY_SOCKET", sock.address());
    EnvVar usec("WATCHDOG_USEC", "2000000");
    EnvVar pid("WATCHDOG_PID", std::to_string(::getpid()));

    ops::Notifier n;
    REQUIRE(n.watchdog_ms().has_value());
    CHECK(*n.watchdog_ms() == 2000);

    std::vector<int> pinged_at;
    const double origin = 123'456;
    for (int t = 0; t <= 5000; t += 10) {
      const auto next = n.watchdog(origin + t);
      REQUIRE(next.has_value());
      if (auto msg = sock.receive_now()) {
        CHECK(*msg == "WATCHDOG=1");
        pinged_at.push_back(t);
        CHECK(*next == origin + t + 1000);
      }
      CHECK(*next > origin + t);
      CHECK(*next <= origin + t + 1000);
    }
    CHECK(pinged_at == std::vector<int>{0, 1000, 2000, 3000, 4000, 5000});
    // Just before the next due time: nothing; at it: a ping.
    CHECK(n.watchdog(origin + 5999.9) == origin + 6000);
    CHECK_FALSE(sock.receive_now().has_value());
    n.watchdog(origin + 6000);
    CHECK(sock.receive_now() == std::optional<std::string>("WATCHDOG=1"));
  }

  TEST_CASE("A slow loop pings on every call once half the interval has passed") {
    test::TempDir dir;
    NotifySocket sock((dir / "notify").string());
    EnvVar socket_env("NOTIFY_SOCKET", sock.address());
    EnvVar usec("WATCHDOG_USEC", "100000");  // 100 ms
    EnvVar pid("WATCHDOG_PID", nullptr);
    ops::Notifier n;
    REQUIRE(n.watchdog_ms() == std::optional<double>(100));
    for (int t = 0; t < 1000; t += 70) {
      n.watchdog(t);
      CHECK(sock.receive_now() == std::optional<std::string>("WATCHDOG=1"));
    }
  }

  TEST_CASE("$WATCHDOG_PID of another process turns the watchdog off") {
    test::TempDir dir;
    NotifySocket sock((dir / "notify").string());
    EnvVar socket_env("NOTIFY_SOCKET", sock.address());
    EnvVar usec("WATCHDOG_USEC", "2000000");
    EnvVar pid("WATCHDOG_PID", std::to_string(::getppid()));
    ops::Notifier n;
    CHECK(n.enabled());
    CHECK_FALSE(n.watchdog_ms().has_value());
    CHECK_FALSE(n.watchdog(0).has_value());
    CHECK_FALSE(sock.receive_now().has_value());
    n.ready("still notifies");  // only the watchdog is someone else's
    CHECK(sock.receive() == std::optional<std::string>("READY=1\nSTATUS=still notifies"));
  }

  TEST_CASE("A malformed $WATCHDOG_USEC turns the watchdog off") {
    test::TempDir dir;
    NotifySocket sock((dir / "notify").string());
    EnvVar socket_env("NOTIFY_SOCKET", sock.address());
    EnvVar pid("WATCHDOG_PID", nullptr);
    for (const char* value : {"abc", "0", "-5", ""}) {
      EnvVar usec("WATCHDOG_USEC", value);
      ops::Notifier n;
      INFO("WATCHDOG_USEC=", value);
      CHECK_FALSE(n.watchdog_ms().has_value());
    }
  }

  TEST_CASE("Without $NOTIFY_SOCKET nothing is sent") {
    test::TempDir dir;
    NotifySocket sock((dir / "notify").string());
    EnvVar socket_env("NOTIFY_SOCKET", nullptr);
    EnvVar usec("WATCHDOG_USEC", "2000000");
    EnvVar pid("WATCHDOG_PID", std::to_string(::getpid()));
    ops::Notifier n;
    CHECK_FALSE(n.enabled());
    CHECK_FALSE(n.watchdog_ms().has_value());
    n.ready("x");
    n.status("y");
    n.stopping();
    CHECK_FALSE(n.watchdog(0).has_value());
    CHECK_FALSE(sock.receive_now().has_value());

    EnvVar empty("NOTIFY_SOCKET", "");
    ops::Notifier m;
    CHECK_FALSE(m.enabled());
  }

  TEST_CASE("A socket that is gone: no exception, one warning however often it fails") {
    test::TempDir dir;
    EnvVar socket_env("NOTIFY_SOCKET", (dir / "nobody-listens").string());
    EnvVar usec("WATCHDOG_USEC", "1000");
    EnvVar pid("WATCHDOG_PID", nullptr);
    ops::Notifier n;
    REQUIRE(n.enabled());
    const auto before = log::problem_count();
    for (int t = 0; t < 100; ++t) {
      CHECK_NOTHROW(n.watchdog(t));
      CHECK_NOTHROW(n.status("s"));
    }
    CHECK(log::problem_count() - before == 1);
    REQUIRE_FALSE(log::recent_problems().empty());
    CHECK(log::recent_problems().back().find("warn notify: sd_notify") != std::string::npos);
  }
}
