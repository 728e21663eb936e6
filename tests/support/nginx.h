#pragma once
// A real nginx (Debian's package) on 127.0.0.1 for the fleet's tests and benchmarks: its own
// configuration, logs and temp folders in a TempDir, a free non-root port, no root needed and
// nothing of the machine's own nginx configuration read. Serves `root` read-only (with Range
// requests, ETag and Last-Modified as nginx always does), optionally throttled per connection,
// and accepts WebDAV PUTs under /status/ into `dav_root`.
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "support/temp_dir.h"

namespace orpheus::test {

struct NginxOptions {
  std::filesystem::path root;      // served at /
  std::filesystem::path dav_root;  // PUT (and GET) at /status/; empty: no /status/
  std::string limit_rate;          // per connection, nginx syntax ("200k", "2m"); "": unthrottled
  int workers = 1;
  // Inserted into the server block as it is, e.g. "location = /broken/channel.json { return 500; }".
  std::string extra;
  // Both set: HTTPS with this certificate chain and key (PEM); url() then says "https://". The
  // "{}" lets aggregate initialisers that end before them build without -Wmissing-field-initializers.
  std::filesystem::path tls_cert{}, tls_key{};
  // A server block of its own instead of the fixture's (the packaged example site, say): every
  // "${PORT}" in it becomes the port and "${DIR}" the fixture's folder; root, dav_root, limit_rate
  // and extra are then unused. The fixture still provides the rest (pid, logs, temp paths).
  std::string site{};
};

// A certificate authority and a certificate for 127.0.0.1 signed by it (PEM files in `dir`,
// made with /usr/bin/openssl): HTTPS that a client trusts only when given the CA file. Throws
// std::runtime_error with openssl's message if it fails.
struct Certificates {
  std::filesystem::path ca, cert, key;
};
Certificates make_certificates(const std::filesystem::path& dir);

struct AccessLine {
  int status = 0;
  std::uint64_t body_bytes = 0;  // $body_bytes_sent
  std::string method, uri, range;  // range: the request's Range header, "" if none
};

class Nginx {
 public:
  // Whether the nginx binary is there (/usr/sbin/nginx); tests skip with a message if not.
  static bool available();
  // Starts nginx and waits until it accepts connections (at most 10 s). Throws
  // std::runtime_error with nginx's own error log if it does not start.
  explicit Nginx(NginxOptions options);
  ~Nginx();  // stops it (SIGQUIT, then SIGKILL after 5 s) and waits
  Nginx(const Nginx&) = delete;
  Nginx& operator=(const Nginx&) = delete;

  int port() const { return port_; }
  std::string url(std::string_view path = "/") const;  // "http://127.0.0.1:PORT" + path (https with TLS)
  pid_t pid() const { return pid_; }                    // the master process

  // CPU seconds (user + system) the master and its workers have used so far.
  double cpu_seconds() const;
  // The access log as written so far (nginx writes each line when the request ends).
  std::vector<AccessLine> access_log() const;
  std::uint64_t bytes_sent() const;  // the sum of body_bytes over access_log()
  std::string error_log() const;     // nginx's own, for a failing test's message

 private:
  TempDir dir_;
  NginxOptions options_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace orpheus::test

// In a doctest test case: say so and return when there is no nginx to test against.
#define SKIP_WITHOUT_NGINX()                                                              \
  if (!::orpheus::test::Nginx::available()) {                                             \
    MESSAGE("skipped: these tests need nginx at /usr/sbin/nginx (apt-get install nginx)"); \
    return;                                                                               \
  }
