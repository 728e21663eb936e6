#pragma once
// Plain HTTP(S) for the fleet, through libcurl: conditional GETs of small files (the channel),
// downloads that resume with Range requests after any interruption, and PUT uploads (status and
// usage files to a WebDAV folder or object store). TLS is always verified (against the system's
// CAs, or a museum's own CA file); proxies come from the configuration, else the usual
// environment variables (https_proxy, no_proxy). One Http per thread (a libcurl easy handle,
// kept for connection reuse). Blocking; never call it from a frame.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace orpheus::fleet {

// "URL: reason": curl's own words for a network failure ("Could not connect to server"), or
// "HTTP 404" / "HTTP 500" for an answer that is not a success, or what was wrong with a success
// (a wrong Content-Range, a body larger than allowed).
class HttpError : public std::runtime_error {
 public:
  HttpError(const std::string& message, long status) : std::runtime_error(message), status_(status) {}
  long status() const { return status_; }  // the HTTP status; 0 when no answer came
 private:
  long status_ = 0;
};

struct HttpOptions {
  std::string proxy;             // "http://proxy:3128"; "": the environment's (curl's default)
  std::filesystem::path ca_file; // PEM bundle to verify servers with; "": the system's CAs
  long connect_timeout_s = 20;
  // A transfer slower than 1 KB/s for this long is abandoned (a dead link, not a slow one).
  long stall_timeout_s = 60;
  std::string user_agent = "orpheus-update";
};

struct FetchResult {
  long status = 0;             // 200, or 304 when not modified
  bool not_modified() const { return status == 304; }
  std::string body;            // empty when not modified
  std::string etag, last_modified;  // the server's validators, to send next time
};

class Http {
 public:
  explicit Http(HttpOptions options = {});
  ~Http();
  Http(const Http&) = delete;
  Http& operator=(const Http&) = delete;

  // GET with If-None-Match / If-Modified-Since when `etag` / `last_modified` are given; a 304
  // returns them unchanged. Follows redirects (at most 5). Throws HttpError for anything but
  // 200/304, and for a body over `max_bytes`.
  FetchResult get(const std::string& url, std::string_view etag = {}, std::string_view last_modified = {},
                  std::uint64_t max_bytes = 4 << 20);

  // Downloads `url` into `part`, continuing after the bytes it already holds (a Range request;
  // a server that answers 200 instead restarts it from zero). Returns when `part` holds
  // `expected_bytes` bytes. Never writes beyond `expected_bytes`: a longer body, or a
  // Content-Range for another size, throws HttpError (the part is kept as far as it is right).
  // `progress(done, expected_bytes)` as bytes arrive; may be empty. Each block is written
  // before the next is read, so a process killed at any moment leaves a prefix of the file.
  // Returns the bytes transferred by this call.
  std::uint64_t download(const std::string& url, const std::filesystem::path& part, std::uint64_t expected_bytes,
                         const std::function<void(std::uint64_t, std::uint64_t)>& progress = {});

  // PUT `body` to `url` (Content-Type as given). Throws HttpError unless the server answers 2xx.
  void put(const std::string& url, std::string_view body, std::string_view content_type = "application/json");

 private:
  struct Handle;
  std::unique_ptr<Handle> handle_;
  HttpOptions options_;
};

// `base` (a URL or a folder's URL, with or without a trailing '/') joined with a relative name.
std::string join_url(std::string_view base, std::string_view relative);
// The folder URL of a file's URL: "https://h/a/channel.json" -> "https://h/a/".
std::string url_folder(std::string_view url);

}  // namespace orpheus::fleet
