#include "support/nginx.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "support/process.h"
#include "support/wait.h"

namespace orpheus::test {
namespace fs = std::filesystem;

namespace {

constexpr const char* kNginx = "/usr/sbin/nginx";

class Socket {
 public:
  Socket() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  }
  ~Socket() { ::close(fd_); }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

sockaddr_in loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

// A port nobody listens on right now: the kernel's choice for port 0. Another process may take
// it before nginx binds it; the constructor then tries again with another.
int free_port() {
  const Socket s;
  sockaddr_in a = loopback(0);
  if (::bind(s.get(), reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
    throw std::runtime_error(std::string("no free port on 127.0.0.1: ") + std::strerror(errno));
  socklen_t size = sizeof a;
  ::getsockname(s.get(), reinterpret_cast<sockaddr*>(&a), &size);
  return ntohs(a.sin_port);
}

bool accepts(int port) {
  const Socket s;
  const sockaddr_in a = loopback(port);
  return ::connect(s.get(), reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
}

// A path as an nginx string: double-quoted, quotes and backslashes escaped.
std::string quoted(const fs::path& p) {
  std::string out = "\"";
  for (const char ch : p.string()) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

std::string config(const fs::path& dir, const NginxOptions& o, const fs::path& root, int port) {
  const bool tls = !o.tls_cert.empty() && !o.tls_key.empty();
  std::ostringstream c;
  c << "worker_processes " << o.workers << ";\n"
    << "pid " << quoted(dir / "nginx.pid") << ";\n"
    << "error_log " << quoted(dir / "error.log") << " notice;\n"
    // An unfinished throttled download would hold a graceful stop for as long as it lasts.
    << "worker_shutdown_timeout 2s;\n";
  // Started by root, the master switches its workers to `nobody`, who could neither read the
  // test's files (under a TMPDIR that may be private to root) nor write dav_root (owned by root,
  // mode 0755). Workers that stay root need no permission changed anywhere, and the PUT files
  // belong to the test's user, as they do when the test is not root (nginx then keeps its
  // workers as that user; the directive would only earn a warning, so it is left out).
  if (::geteuid() == 0) c << "user root root;\n";
  c << "events { worker_connections 256; }\n"
    << "http {\n"
    << "  default_type application/octet-stream;\n"
    << "  types { application/json json; text/plain txt; }\n"
    << "  client_body_temp_path " << quoted(dir / "temp/body") << ";\n"
    << "  proxy_temp_path " << quoted(dir / "temp/proxy") << ";\n"
    << "  fastcgi_temp_path " << quoted(dir / "temp/fastcgi") << ";\n"
    << "  uwsgi_temp_path " << quoted(dir / "temp/uwsgi") << ";\n"
    << "  scgi_temp_path " << quoted(dir / "temp/scgi") << ";\n"
    << "  log_format orpheus '$status $body_bytes_sent $request_method \"$request_uri\" \"$http_range\"';\n"
    << "  access_log " << quoted(dir / "access.log") << " orpheus;\n";
  const std::string head = c.str();
  c << "  server {\n"
    << "    listen 127.0.0.1:" << port << (tls ? " ssl" : "") << ";\n"
    << "    server_name 127.0.0.1;\n";
  if (!o.site.empty()) {
    std::string site = o.site;
    for (const auto& [key, value] : {std::pair<std::string, std::string>{"${PORT}", std::to_string(port)}, {"${DIR}", dir.string()}})
      for (auto at = site.find(key); at != std::string::npos; at = site.find(key, at + value.size())) site.replace(at, key.size(), value);
    c.str("");
    c << head << site << "\n}\n";
    return c.str();
  }
  if (tls)
    c << "    ssl_certificate " << quoted(o.tls_cert) << ";\n"
      << "    ssl_certificate_key " << quoted(o.tls_key) << ";\n";
  c << "    location / {\n"
    << "      root " << quoted(root) << ";\n";
  if (!o.limit_rate.empty()) c << "      limit_rate " << o.limit_rate << ";\n";
  c << "    }\n";
  if (!o.dav_root.empty())
    c << "    location /status/ {\n"
      << "      alias " << quoted(o.dav_root.string() + "/") << ";\n"
      << "      dav_methods PUT;\n"
      << "      create_full_put_path on;\n"
      << "      dav_access user:rw group:r all:r;\n"
      << "      client_max_body_size 64m;\n"
      << "    }\n";
  c << "    " << o.extra << "\n"
    << "  }\n"
    << "}\n";
  return c.str();
}

// The pids of `parent`'s children, from /proc/*/stat.
std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::string stat = read_text(entry.path() / "stat");
    const auto close = stat.rfind(')');
    if (close == std::string::npos || close + 2 > stat.size()) continue;
    std::istringstream fields(stat.substr(close + 2));
    char state = 0;
    pid_t ppid = 0;
    if (fields >> state >> ppid && ppid == parent) out.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return out;
}

// Ends `pid` and reaps it: `signal` (SIGQUIT: nginx's graceful stop), then SIGKILL for it and its
// workers if it is not gone after `grace`.
void stop(pid_t pid, std::chrono::seconds grace, int signal = SIGQUIT) {
  ::kill(pid, signal);
  int status = 0;
  if (!wait_until([&] { return ::waitpid(pid, &status, WNOHANG) != 0; }, grace, std::chrono::milliseconds(5))) {
    for (const pid_t worker : children_of(pid)) ::kill(worker, SIGKILL);
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  }
}

}  // namespace

bool Nginx::available() { return ::access(kNginx, X_OK) == 0; }

Certificates make_certificates(const fs::path& dir) {
  fs::create_directories(dir);
  const auto path = [&](const char* name) { return (dir / name).string(); };
  const auto openssl = [](std::vector<std::string> args) {
    args.insert(args.begin(), "/usr/bin/openssl");
    const auto r = run(args, 60);
    if (r.exit_code != 0) throw std::runtime_error("openssl " + args[1] + " failed: " + r.err);
  };
  openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path("ca.key"),
           "-out", path("ca.pem"), "-days", "2", "-subj", "/CN=Orpheus test CA", "-addext",
           "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"});
  openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path("server.key"),
           "-out", path("server.csr"), "-subj", "/CN=127.0.0.1"});
  write_text(dir / "server.ext",
             "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
             "extendedKeyUsage=serverAuth\n");
  openssl({"x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"), "-CAcreateserial",
           "-out", path("server.pem"), "-days", "2", "-extfile", path("server.ext")});
  return {dir / "ca.pem", dir / "server.pem", dir / "server.key"};
}

Nginx::Nginx(NginxOptions options) : options_(std::move(options)) {
  for (const char* sub : {"temp/body", "temp/proxy", "temp/fastcgi", "temp/uwsgi", "temp/scgi", "www"})
    fs::create_directories(dir_ / sub);
  if (!options_.dav_root.empty()) fs::create_directories(options_.dav_root);
  const fs::path root = options_.root.empty() ? dir_ / "www" : options_.root;
  const fs::path conf = dir_ / "nginx.conf", error_log = dir_ / "error.log", output = dir_ / "stderr.log";

  for (int attempt = 1;; ++attempt) {
    port_ = free_port();
    write_text(conf, config(dir_.path(), options_, root, port_));
    fs::remove(error_log);
    pid_ = spawn({kNginx, "-p", dir_.path().string() + "/", "-c", conf.string(), "-e", error_log.string(), "-g",
                  "daemon off;"},
                 output.string());
    bool exited = false, ready = false;
    wait_until(
        [&] {
          int status = 0;
          exited = ::waitpid(pid_, &status, WNOHANG) == pid_;
          ready = !exited && accepts(port_);
          return exited || ready;
        },
        std::chrono::seconds(10), std::chrono::milliseconds(10));
    if (ready) return;
    const std::string log = read_text(error_log) + read_text(output);
    if (!exited) stop(pid_, std::chrono::seconds(1), SIGTERM);
    pid_ = -1;
    if (exited && attempt < 5 && log.find("Address already in use") != std::string::npos) continue;
    throw std::runtime_error("nginx " + std::string(exited ? "exited" : "did not accept connections within 10 s") +
                             " (" + conf.string() + "):\n" + log);
  }
}

Nginx::~Nginx() {
  if (pid_ > 0) stop(pid_, std::chrono::seconds(5));
}

std::string Nginx::url(std::string_view path) const {
  const bool tls = !options_.tls_cert.empty() && !options_.tls_key.empty();
  return std::string(tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

double Nginx::cpu_seconds() const {
  double ticks = cpu_ticks(pid_);
  for (const pid_t child : children_of(pid_)) ticks += cpu_ticks(child);
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

std::vector<AccessLine> Nginx::access_log() const {
  std::vector<AccessLine> lines;
  std::istringstream in(read_text(dir_ / "access.log"));
  // $status $body_bytes_sent $request_method "$request_uri" "$http_range"; nginx writes "-" for an
  // empty variable and escapes '"' inside one as \x22, so a quoted field ends at the next '"'.
  for (std::string line; std::getline(in, line);) {
    AccessLine a;
    std::istringstream fields(line);
    if (!(fields >> a.status >> a.body_bytes >> a.method)) continue;
    const auto quoted_field = [&](std::size_t from, std::size_t& end) -> std::string {
      const auto open = line.find('"', from);
      if (open == std::string::npos) return end = std::string::npos, std::string();
      end = line.find('"', open + 1);
      if (end == std::string::npos) return {};
      return line.substr(open + 1, end - open - 1);
    };
    std::size_t end = 0;
    a.uri = quoted_field(0, end);
    if (end == std::string::npos) continue;
    a.range = quoted_field(end + 1, end);
    if (a.range == "-") a.range.clear();
    lines.push_back(std::move(a));
  }
  return lines;
}

std::string Nginx::error_log() const { return read_text(dir_ / "error.log"); }

std::uint64_t Nginx::bytes_sent() const {
  std::uint64_t sum = 0;
  for (const auto& line : access_log()) sum += line.body_bytes;
  return sum;
}

}  // namespace orpheus::test
