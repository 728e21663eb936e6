// HTTP for the fleet (kiosk/fleet/http.h) against a real nginx on 127.0.0.1 (tests/support/nginx.h):
// conditional GETs, downloads resumed with Range requests and checked against the access log,
// throttling, WebDAV PUTs, a dead proxy, and TLS with a CA made for the test.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "fleet/http.h"
#include "support/nginx.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/wait.h"

using namespace orpheus;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string random_bytes(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::string out(n, '\0');
  for (std::size_t i = 0; i < n; i += 8) {
    const std::uint64_t v = random();
    for (std::size_t j = 0; j < 8 && i + j < n; ++j) out[i + j] = static_cast<char>(v >> (8 * j));
  }
  return out;
}

// The HttpError `f` throws (status -1 and an empty message if it throws none).
template <class F>
fleet::HttpError error_of(F&& f) {
  try {
    f();
  } catch (const fleet::HttpError& e) {
    return e;
  }
  return fleet::HttpError("", -1);
}

// A loopback port that nothing listens on (bound, then released).
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof a;
  const bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
                     ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &size) == 0;
  ::close(fd);
  REQUIRE(bound);
  return ntohs(a.sin_port);
}

// A web root with some files, and a folder for PUTs.
struct Site {
  test::TempDir dir;
  fs::path root = dir / "www", dav = dir / "dav";
  Site() { fs::create_directories(root); }
  fs::path put(const std::string& name, const std::string& bytes) const {
    test::write_text(root / name, bytes);
    return root / name;
  }
  test::NginxOptions options() const {
    test::NginxOptions o;
    o.root = root;
    o.dav_root = dav;
    return o;
  }
};

// The access log line of the `n`th request (from 1): nginx writes it once the request ends, which
// may be just after the client has the whole answer.
test::AccessLine request(const test::Nginx& server, std::size_t n) {
  std::vector<test::AccessLine> log;
  test::wait_until([&] { return (log = server.access_log()).size() >= n; }, std::chrono::seconds(2), std::chrono::milliseconds(5));
  REQUIRE(log.size() >= n);
  return log[n - 1];
}

}  // namespace

TEST_SUITE("Conditional GET") {
  TEST_CASE("A GET returns the body with the server's ETag and Last-Modified") {
    SKIP_WITHOUT_NGINX();
    Site site;
    site.put("channel.json", "{\"serial\": 1}\n");
    test::Nginx server(site.options());
    fleet::Http http;
    const auto r = http.get(server.url("/channel.json"));
    CHECK(r.status == 200);
    CHECK_FALSE(r.not_modified());
    CHECK(r.body == "{\"serial\": 1}\n");
    CHECK(r.etag.starts_with("\""));
    CHECK(r.last_modified.ends_with(" GMT"));
  }

  TEST_CASE("The validators of the last answer make the next GET a 304 until the file changes") {
    SKIP_WITHOUT_NGINX();
    Site site;
    const fs::path file = site.put("channel.json", "{\"serial\": 1}\n");
    test::Nginx server(site.options());
    fleet::Http http;
    const auto first = http.get(server.url("/channel.json"));
    REQUIRE(first.status == 200);

    SUBCASE("By ETag") {
      const auto again = http.get(server.url("/channel.json"), first.etag);
      CHECK(again.not_modified());
      CHECK(again.body.empty());
      CHECK(again.etag == first.etag);
      CHECK(request(server, 2).status == 304);
    }
    SUBCASE("By Last-Modified") {
      const auto again = http.get(server.url("/channel.json"), {}, first.last_modified);
      CHECK(again.not_modified());
      CHECK(again.last_modified == first.last_modified);
    }
    SUBCASE("A changed file is sent again with new validators") {
      test::write_text(file, "{\"serial\": 22}\n");
      fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(5));
      const auto again = http.get(server.url("/channel.json"), first.etag, first.last_modified);
      CHECK(again.status == 200);
      CHECK(again.body == "{\"serial\": 22}\n");
      CHECK(again.etag != first.etag);
    }
  }

  TEST_CASE("A missing file and a server error throw with the status and the URL") {
    SKIP_WITHOUT_NGINX();
    Site site;
    auto options = site.options();
    options.extra = "location = /broken { return 500; }";
    test::Nginx server(options);
    fleet::Http http;

    const auto missing = error_of([&] { http.get(server.url("/nothing/channel.json")); });
    CHECK(missing.status() == 404);
    CHECK(std::string(missing.what()) == server.url("/nothing/channel.json") + ": HTTP 404");

    const auto broken = error_of([&] { http.get(server.url("/broken")); });
    CHECK(broken.status() == 500);
    CHECK(std::string(broken.what()) == server.url("/broken") + ": HTTP 500");

    const fs::path part = site.dir / "x.part";
    const auto download = error_of([&] { http.download(server.url("/broken"), part, 100); });
    CHECK(download.status() == 500);
    CHECK(has(download.what(), "HTTP 500"));
    CHECK(fs::file_size(part) == 0);
  }

  TEST_CASE("Redirects are followed, five at most") {
    SKIP_WITHOUT_NGINX();
    Site site;
    site.put("stable/channel.json", "{}");
    auto options = site.options();
    options.extra =
        "location = /channel.json { return 302 /stable/channel.json; }\n"
        "    location ~ ^/loop/(\\d+)$ { return 302 /loop/$1$1; }";
    test::Nginx server(options);
    fleet::Http http;
    CHECK(http.get(server.url("/channel.json")).body == "{}");
    CHECK(http.download(server.url("/channel.json"), site.dir / "c.part", 2) == 2);
    const auto e = error_of([&] { http.get(server.url("/loop/1")); });
    CHECK(e.status() == 302);
    CHECK(has(e.what(), server.url("/loop/1") + ": Maximum (5) redirects followed"));
  }

  TEST_CASE("A large error page still reads as its status") {
    SKIP_WITHOUT_NGINX();
    Site site;
    site.put("big-error.html", std::string(3 << 20, 'e'));
    auto options = site.options();
    options.extra = "error_page 404 =503 /big-error.html;";
    test::Nginx server(options);
    fleet::Http http;
    const auto e = error_of([&] { http.get(server.url("/missing.json")); });
    CHECK(e.status() == 503);
    CHECK(std::string(e.what()) == server.url("/missing.json") + ": HTTP 503");
    const auto put = error_of([&] { http.download(server.url("/missing.db"), site.dir / "m.part", 10); });
    CHECK(std::string(put.what()) == server.url("/missing.db") + ": HTTP 503");
  }

  TEST_CASE("A body larger than allowed is refused") {
    SKIP_WITHOUT_NGINX();
    Site site;
    site.put("big.json", std::string(5000, 'x'));
    test::Nginx server(site.options());
    fleet::Http http;
    const auto e = error_of([&] { http.get(server.url("/big.json"), {}, {}, 4096); });
    CHECK(e.status() == 200);
    CHECK(has(e.what(), "larger than 4096 bytes"));
    CHECK(http.get(server.url("/big.json"), {}, {}, 5000).body.size() == 5000);
  }

  TEST_CASE("Credentials in a URL never appear in a message") {
    SKIP_WITHOUT_NGINX();
    Site site;
    test::Nginx server(site.options());
    fleet::Http http;
    const std::string url = "http://curator:s3cret@127.0.0.1:" + std::to_string(server.port()) + "/missing.json";
    const auto e = error_of([&] { http.get(url); });
    CHECK(e.status() == 404);
    CHECK(std::string(e.what()) == server.url("/missing.json") + ": HTTP 404");
    CHECK_FALSE(has(e.what(), "s3cret"));
  }
}

TEST_SUITE("Resumed downloads") {
  TEST_CASE("A download of 2 MB of random bytes is byte-exact, with progress") {
    SKIP_WITHOUT_NGINX();
    Site site;
    const std::string bytes = random_bytes(2'000'003, 1);
    site.put("packs/demo.db", bytes);
    test::Nginx server(site.options());
    fleet::Http http;
    const fs::path part = site.dir / "demo.part";
    std::uint64_t last_done = 0, calls = 0;
    bool monotonic = true;
    const auto n = http.download(server.url("/packs/demo.db"), part, bytes.size(), [&](std::uint64_t done, std::uint64_t of) {
      monotonic = monotonic && done >= last_done && of == bytes.size();
      last_done = done;
      ++calls;
    });
    CHECK(n == bytes.size());
    CHECK(test::read_text(part) == bytes);
    CHECK(monotonic);
    CHECK(calls > 1);
    CHECK(last_done == bytes.size());
    const auto line = request(server, 1);
    CHECK(line.status == 200);
    CHECK(line.range.empty());
    CHECK(line.body_bytes == bytes.size());
  }

  TEST_CASE("A part holding the first bytes makes the download transfer only the rest") {
    SKIP_WITHOUT_NGINX();
    Site site;
    const std::string bytes = random_bytes(1'500'000, 2);
    site.put("pack.db", bytes);
    test::Nginx server(site.options());
    const fs::path part = site.dir / "pack.part";
    test::write_text(part, bytes.substr(0, 600'000));
    fleet::Http http;
    CHECK(http.download(server.url("/pack.db"), part, bytes.size()) == 900'000);
    CHECK(test::read_text(part) == bytes);
    const auto line = request(server, 1);
    CHECK(line.status == 206);
    CHECK(line.range == "bytes=600000-");
    CHECK(line.body_bytes == 900'000);
    CHECK(server.bytes_sent() == 900'000);

    // Complete already: one request, answered 416, nothing written.
    CHECK(http.download(server.url("/pack.db"), part, bytes.size()) == 0);
    CHECK(request(server, 2).status == 416);
    CHECK(test::read_text(part) == bytes);
  }

  TEST_CASE("A part longer than the file starts over from zero") {
    SKIP_WITHOUT_NGINX();
    Site site;
    const std::string bytes = random_bytes(300'000, 3);
    site.put("pack.db", bytes);
    test::Nginx server(site.options());
    const fs::path part = site.dir / "pack.part";
    test::write_text(part, random_bytes(300'100, 4));
    fleet::Http http;
    CHECK(http.download(server.url("/pack.db"), part, bytes.size()) == bytes.size());
    CHECK(test::read_text(part) == bytes);
    const auto line = request(server, 1);
    CHECK(line.range.empty());
    CHECK(line.status == 200);
  }

  TEST_CASE("An interrupted download keeps its prefix for the next one to resume") {
    SKIP_WITHOUT_NGINX();
    Site site;
    const std::string bytes = random_bytes(1'000'000, 5);
    site.put("pack.db", bytes);
    const fs::path part = site.dir / "pack.part";
    fleet::Http http;
    {
      auto options = site.options();
      options.limit_rate = "200k";
      test::Nginx slow(options);
      // nginx's fast stop (SIGTERM) closes the connection in the middle of the body: once the
      // first 50 kB of it are in the part (a quarter of a second at 200 kB/s).
      std::thread stopper([&] {
        std::error_code ec;
        test::wait_until([&] { return fs::file_size(part, ec) >= 50'000 && !ec; }, std::chrono::seconds(20),
                         std::chrono::milliseconds(5));
        ::kill(slow.pid(), SIGTERM);
      });
      const auto e = error_of([&] { http.download(slow.url("/pack.db"), part, bytes.size()); });
      stopper.join();
      CHECK(has(e.what(), "ended after "));
      CHECK(has(e.what(), " of 1000000 bytes"));
    }
    const auto kept = fs::file_size(part);
    CHECK(kept > 0);
    CHECK(kept < bytes.size());
    CHECK(test::read_text(part) == bytes.substr(0, kept));

    test::Nginx server(site.options());
    CHECK(http.download(server.url("/pack.db"), part, bytes.size()) == bytes.size() - kept);
    CHECK(test::read_text(part) == bytes);
    CHECK(request(server, 1).range == "bytes=" + std::to_string(kept) + "-");
  }

  TEST_CASE("A server file shorter than expected is an error and the part is kept") {
    SKIP_WITHOUT_NGINX();
    Site site;
    const std::string bytes = random_bytes(1000, 6);
    site.put("pack.db", bytes);
    test::Nginx server(site.options());
    fleet::Http http;
    const fs::path part = site.dir / "pack.part";

    SUBCASE("From the start") {
      const auto e = error_of([&] { http.download(server.url("/pack.db"), part, 2000); });
      CHECK(e.status() == 200);
      CHECK(std::string(e.what()) == server.url("/pack.db") + ": the server's file has 1000 bytes, expected 2000");
      CHECK(fs::file_size(part) == 0);
    }
    SUBCASE("Resumed") {
      test::write_text(part, bytes.substr(0, 500));
      const auto e = error_of([&] { http.download(server.url("/pack.db"), part, 2000); });
      CHECK(e.status() == 206);
      CHECK(has(e.what(), "Content-Range \"bytes 500-999/1000\" does not match the request (from byte 500 of 2000)"));
      CHECK(test::read_text(part) == bytes.substr(0, 500));
    }
    SUBCASE("Beyond its end") {
      test::write_text(part, random_bytes(1500, 7));
      const auto e = error_of([&] { http.download(server.url("/pack.db"), part, 2000); });
      CHECK(e.status() == 416);
      CHECK(has(e.what(), "HTTP 416, the server's file has 1000 bytes, expected 2000"));
      CHECK(fs::file_size(part) == 1500);
    }
  }

  TEST_CASE("A file that changed size on the server is an error, the part kept") {
    SKIP_WITHOUT_NGINX();
    Site site;
    const std::string old_bytes = random_bytes(50'000, 8);
    site.put("pack.db", old_bytes + random_bytes(7'000, 9));  // the file was replaced by a larger one
    test::Nginx server(site.options());
    fleet::Http http;
    const fs::path part = site.dir / "pack.part";
    test::write_text(part, old_bytes.substr(0, 10'000));
    const auto e = error_of([&] { http.download(server.url("/pack.db"), part, old_bytes.size()); });
    CHECK(e.status() == 206);
    CHECK(has(e.what(), "bytes 10000-56999/57000"));
    CHECK(test::read_text(part) == old_bytes.substr(0, 10'000));

    // Complete, but the server's file is another size now: not "done".
    test::write_text(part, old_bytes);
    const auto complete = error_of([&] { http.download(server.url("/pack.db"), part, old_bytes.size()); });
    CHECK(complete.status() == 206);
    CHECK(fs::file_size(part) == old_bytes.size());
  }

  TEST_CASE("limit_rate really slows a download down") {
    SKIP_WITHOUT_NGINX();
    Site site;
    const std::string bytes = random_bytes(200 * 1024, 10);
    site.put("pack.db", bytes);
    auto options = site.options();
    options.limit_rate = "50k";
    test::Nginx server(options);
    fleet::Http http;
    const auto start = Clock::now();
    REQUIRE(http.download(server.url("/pack.db"), site.dir / "pack.part", bytes.size()) == bytes.size());
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    // nginx lets limit_rate * (whole seconds since the start + 1) out: 200 KB at 50 KB/s needs three
    // more whole seconds after the first, so at least a little over two real ones.
    CHECK(seconds >= 1.9);
    CHECK(seconds < 6.0);
  }
}

TEST_SUITE("PUT") {
  TEST_CASE("A PUT under /status/ creates the exact file, nested folders and all, and replaces it") {
    SKIP_WITHOUT_NGINX();
    Site site;
    test::Nginx server(site.options());
    fleet::Http http;
    const std::string body = "{\n  \"format\": \"orpheus-kiosk-status\"\n}\n";
    http.put(server.url("/status/a1b2c3d4e5f60708/status.json"), body);
    CHECK(test::read_text(site.dav / "a1b2c3d4e5f60708/status.json") == body);
    CHECK(request(server, 1).status == 201);
    CHECK(request(server, 1).method == "PUT");

    const std::string usage = random_bytes(70'000, 11);
    http.put(server.url("/status/a1b2c3d4e5f60708/usage-2027-03-01-2027-03-19.json"), usage, "application/octet-stream");
    CHECK(test::read_text(site.dav / "a1b2c3d4e5f60708/usage-2027-03-01-2027-03-19.json") == usage);

    http.put(server.url("/status/a1b2c3d4e5f60708/status.json"), "{}\n");
    CHECK(test::read_text(site.dav / "a1b2c3d4e5f60708/status.json") == "{}\n");
    CHECK(request(server, 3).status == 204);
  }

  TEST_CASE("A PUT outside /status/ is refused with 405") {
    SKIP_WITHOUT_NGINX();
    Site site;
    test::Nginx server(site.options());
    fleet::Http http;
    const auto e = error_of([&] { http.put(server.url("/channel.json"), "{}"); });
    CHECK(e.status() == 405);
    CHECK(std::string(e.what()) == server.url("/channel.json") + ": HTTP 405");
    CHECK_FALSE(fs::exists(site.root / "channel.json"));
  }
}

TEST_SUITE("URLs") {
  TEST_CASE("join_url and url_folder") {
    CHECK(fleet::join_url("https://h/a", "packs/x.db") == "https://h/a/packs/x.db");
    CHECK(fleet::join_url("https://h/a/", "packs/x.db") == "https://h/a/packs/x.db");
    CHECK(fleet::join_url("https://h/status/", "0011/") == "https://h/status/0011/");
    CHECK(fleet::url_folder("https://h/a/channel.json") == "https://h/a/");
    CHECK(fleet::url_folder("https://h/a/") == "https://h/a/");
    CHECK(fleet::url_folder("https://h") == "https://h/");
    CHECK(fleet::url_folder("https://h/a/channel.json?v=2") == "https://h/a/");
    CHECK(fleet::join_url(fleet::url_folder("https://u:p@h:8443/museum/stable/channel.json"), "packs/p.db") ==
          "https://u:p@h:8443/museum/stable/packs/p.db");
  }
}

TEST_SUITE("Proxies and TLS") {
  TEST_CASE("A proxy on a closed port fails, naming the proxy") {
    SKIP_WITHOUT_NGINX();
    Site site;
    site.put("channel.json", "{}");
    test::Nginx server(site.options());
    fleet::HttpOptions options;
    const int port = closed_port();
    options.proxy = "http://squid:pa55@127.0.0.1:" + std::to_string(port);
    options.connect_timeout_s = 5;
    fleet::Http http(options);
    const auto e = error_of([&] { http.get(server.url("/channel.json")); });
    CHECK(e.status() == 0);
    const std::string message = e.what();
    CHECK(message.starts_with(server.url("/channel.json") + ": "));
    CHECK(has(message, "(through the proxy http://127.0.0.1:" + std::to_string(port) + ")"));
    CHECK_FALSE(has(message, "pa55"));
  }

  TEST_CASE("TLS is verified against the CA file given, and fails without it") {
    SKIP_WITHOUT_NGINX();
    if (::access("/usr/bin/openssl", X_OK) != 0) {
      MESSAGE("skipped: this test makes its certificates with /usr/bin/openssl");
      return;
    }
    Site site;
    const std::string bytes = random_bytes(100'000, 12);
    site.put("pack.db", bytes);
    const auto certificates = test::make_certificates(site.dir / "tls");
    auto options = site.options();
    options.tls_cert = certificates.cert;
    options.tls_key = certificates.key;
    test::Nginx server(options);
    REQUIRE(server.url("/pack.db").starts_with("https://127.0.0.1:"));

    fleet::HttpOptions trusting;
    trusting.ca_file = certificates.ca;
    fleet::Http http(trusting);
    CHECK(http.download(server.url("/pack.db"), site.dir / "ok.part", bytes.size()) == bytes.size());
    CHECK(test::read_text(site.dir / "ok.part") == bytes);

    fleet::Http system_cas;
    const auto e = error_of([&] { system_cas.download(server.url("/pack.db"), site.dir / "no.part", bytes.size()); });
    CHECK(e.status() == 0);
    CHECK(std::string(e.what()).starts_with(server.url("/pack.db") + ": "));
    CHECK(has(e.what(), "certificate"));
    CHECK(fs::file_size(site.dir / "no.part") == 0);
  }
}
