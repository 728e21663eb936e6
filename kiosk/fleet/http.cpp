#include "fleet/http.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/fd.h"

namespace orpheus::fleet {
namespace {

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw HttpError("libcurl: cannot be initialised", 0);
  });
}

struct EasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

void append(Slist& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (!grown) throw std::bad_alloc();
  (void)list.release();  // curl_slist_append returned the same list, now one longer
  list.reset(grown);
}

// The URL without "user:password@": messages and logs never carry credentials.
std::string redacted(std::string_view url) {
  const auto scheme = url.find("://");
  const std::size_t host_from = scheme == std::string_view::npos ? 0 : scheme + 3;
  const std::size_t host_end = std::min(url.find_first_of("/?#", host_from), url.size());
  const auto at = url.substr(0, host_end).rfind('@');
  if (at == std::string_view::npos || at < host_from) return std::string(url);
  return std::string(url.substr(0, host_from)) + std::string(url.substr(at + 1));
}

bool iequals_prefix(std::string_view line, std::string_view name) {
  if (line.size() < name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(line[i])) != std::tolower(static_cast<unsigned char>(name[i])))
      return false;
  return true;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

std::optional<std::uint64_t> parse_number(std::string_view s) {
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

// The headers of the last response (a redirect or "100 Continue" starts them over).
struct Headers {
  long status = 0;
  std::string etag, last_modified, content_range;
  std::optional<std::uint64_t> content_length;
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& h = *static_cast<Headers*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    h = {};
    // "HTTP/1.1 206 Partial Content", "HTTP/2 200"
    const auto space = line.find(' ');
    if (space != std::string_view::npos) {
      const auto code = parse_number(line.substr(space + 1, 3));
      if (code) h.status = static_cast<long>(*code);
    }
    return size * count;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  const std::string_view name = line.substr(0, colon), value = trimmed(line.substr(colon + 1));
  const auto is = [&](std::string_view n) { return name.size() == n.size() && iequals_prefix(name, n); };
  if (is("etag")) h.etag = value;
  else if (is("last-modified")) h.last_modified = value;
  else if (is("content-range")) h.content_range = value;
  else if (is("content-length")) h.content_length = parse_number(value);
  return size * count;
}

struct ContentRange {
  std::optional<std::uint64_t> first, last;  // absent for "bytes */TOTAL"
  std::uint64_t total = 0;
};

// "bytes START-END/TOTAL" or "bytes */TOTAL"; nullopt for anything else (an unknown total "*").
std::optional<ContentRange> parse_content_range(std::string_view v) {
  if (!v.starts_with("bytes ")) return std::nullopt;
  v.remove_prefix(6);
  const auto slash = v.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  ContentRange r;
  const auto total = parse_number(v.substr(slash + 1));
  if (!total) return std::nullopt;
  r.total = *total;
  const std::string_view range = v.substr(0, slash);
  if (range == "*") return r;
  const auto dash = range.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  r.first = parse_number(range.substr(0, dash));
  r.last = parse_number(range.substr(dash + 1));
  if (!r.first || !r.last || *r.last < *r.first || *r.last >= r.total) return std::nullopt;
  return r;
}

std::string system_error(const std::string& what) { return what + ": " + std::strerror(errno); }

// Error bodies (an nginx error page) are read and dropped, up to this much.
constexpr std::size_t kMaxDiscardedBytes = 1 << 20;

}  // namespace

struct Http::Handle {
  std::unique_ptr<CURL, EasyDeleter> easy;
  char error[CURL_ERROR_SIZE] = {};
};

Http::Http(HttpOptions options) : handle_(std::make_unique<Handle>()), options_(std::move(options)) {
  init_curl_once();
  handle_->easy.reset(curl_easy_init());
  if (!handle_->easy) throw HttpError("libcurl: no easy handle (out of memory?)", 0);
}

Http::~Http() = default;

namespace {

// The options every request shares; curl_easy_reset keeps the connections open for reuse.
void prepare(CURL* c, char* error, const HttpOptions& o, const std::string& url) {
  curl_easy_reset(c);
  error[0] = '\0';
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!o.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, o.ca_file.c_str());
  if (!o.proxy.empty()) curl_easy_setopt(c, CURLOPT_PROXY, o.proxy.c_str());
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o.connect_timeout_s);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1024L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, o.stall_timeout_s);
  curl_easy_setopt(c, CURLOPT_USERAGENT, o.user_agent.c_str());
}

// "URL: reason" for a transfer curl gave up on.
HttpError transfer_error(const std::string& url, CURLcode code, const char* error, const HttpOptions& o,
                         long status) {
  std::string reason = error[0] ? std::string(error) : std::string(curl_easy_strerror(code));
  while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
  if (!o.proxy.empty() && (code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_PROXY ||
                           code == CURLE_OPERATION_TIMEDOUT || code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR))
    reason += " (through the proxy " + redacted(o.proxy) + ")";
  return HttpError(redacted(url) + ": " + reason, status);
}

HttpError status_error(const std::string& url, long status) {
  return HttpError(redacted(url) + ": HTTP " + std::to_string(status), status);
}

// An error answer whose body was too long to drop ends in CURLE_WRITE_ERROR: its status says more.
bool error_answer(CURLcode code, long status) {
  return code == CURLE_WRITE_ERROR && (status < 200 || status > 299) && status != 304 && status != 416;
}

}  // namespace

FetchResult Http::get(const std::string& url, std::string_view etag, std::string_view last_modified,
                      std::uint64_t max_bytes) {
  CURL* c = handle_->easy.get();
  prepare(c, handle_->error, options_, url);

  Slist request_headers;
  if (!etag.empty()) append(request_headers, "If-None-Match: " + std::string(etag));
  if (!last_modified.empty()) append(request_headers, "If-Modified-Since: " + std::string(last_modified));
  if (request_headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, request_headers.get());

  struct Sink {
    Headers headers;
    std::string body;
    std::uint64_t max_bytes = 0;
    std::size_t discarded = 0;
    std::string problem;
  } sink;
  sink.max_bytes = max_bytes;
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &sink.headers);
  curl_easy_setopt(
      c, CURLOPT_WRITEFUNCTION, +[](char* data, std::size_t size, std::size_t count, void* user) -> std::size_t {
        auto& s = *static_cast<Sink*>(user);
        const std::size_t n = size * count;
        if (s.headers.status != 200) return (s.discarded += n) > kMaxDiscardedBytes ? 0 : n;
        if (s.body.size() + n > s.max_bytes) {
          s.problem = "the body is larger than " + std::to_string(s.max_bytes) + " bytes";
          return 0;
        }
        s.body.append(data, n);
        return n;
      });
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);

  const CURLcode code = curl_easy_perform(c);
  if (!sink.problem.empty()) throw HttpError(redacted(url) + ": " + sink.problem, sink.headers.status);
  const long status = sink.headers.status;
  if (code != CURLE_OK && !error_answer(code, status)) throw transfer_error(url, code, handle_->error, options_, status);
  if (status != 200 && status != 304) throw status_error(url, status);

  FetchResult result;
  result.status = status;
  if (status == 304) {
    result.etag = sink.headers.etag.empty() ? std::string(etag) : sink.headers.etag;
    result.last_modified = sink.headers.last_modified.empty() ? std::string(last_modified) : sink.headers.last_modified;
    return result;
  }
  result.body = std::move(sink.body);
  result.etag = std::move(sink.headers.etag);
  result.last_modified = std::move(sink.headers.last_modified);
  return result;
}

namespace {

// Where download() puts the body of one answer: the part file, from `offset` on.
struct DownloadSink {
  Headers headers;
  int fd = -1;
  std::string part;
  std::uint64_t expected = 0, requested_from = 0;
  std::uint64_t offset = 0;       // where the next byte goes in the part
  std::uint64_t transferred = 0;  // body bytes written
  bool started = false;           // the first body block was judged
  bool writing = false;           // the answer is the file's bytes
  std::size_t discarded = 0;
  std::string problem;            // why the transfer was aborted
  const std::function<void(std::uint64_t, std::uint64_t)>* progress = nullptr;

  // Judges the answer once its headers are in; false (with `problem`) to abort.
  bool start() {
    started = true;
    if (headers.status == 206) {
      const auto range = parse_content_range(headers.content_range);
      if (!range || !range->first || *range->first != requested_from || range->total != expected) {
        problem = "Content-Range \"" + headers.content_range + "\" does not match the request (from byte " +
                  std::to_string(requested_from) + " of " + std::to_string(expected) + ")";
        return false;
      }
      writing = true;
      return true;
    }
    if (headers.status == 200) {
      // The whole file again: check its size before the part's prefix is thrown away.
      if (const auto problem_with_size = size_problem()) {
        problem = *problem_with_size;
        return false;
      }
      if (::ftruncate(fd, 0) != 0) {
        problem = system_error(part + ": cannot be truncated");
        return false;
      }
      offset = 0;
      writing = true;
      return true;
    }
    return true;  // an error answer: its body is dropped, the status judged after the transfer
  }

  std::optional<std::string> size_problem() const {
    if (headers.content_length && *headers.content_length != expected)
      return "the server's file has " + std::to_string(*headers.content_length) + " bytes, expected " +
             std::to_string(expected);
    return std::nullopt;
  }

  bool write(const char* data, std::size_t n) {
    if (!started && !start()) return false;
    if (!writing) {
      discarded += n;
      return discarded <= kMaxDiscardedBytes;
    }
    if (offset + n > expected) {
      problem = "the body goes on beyond " + std::to_string(expected) + " bytes";
      n = static_cast<std::size_t>(expected - offset);  // keep what is right: the bytes up to `expected`
    }
    while (n > 0) {
      const ssize_t w = ::pwrite(fd, data, n, static_cast<off_t>(offset));
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        problem = system_error(part + ": cannot be written");
        return false;
      }
      data += w;
      n -= static_cast<std::size_t>(w);
      offset += static_cast<std::uint64_t>(w);
      transferred += static_cast<std::uint64_t>(w);
    }
    if (progress && *progress) (*progress)(offset, expected);
    return problem.empty();
  }
};

}  // namespace

std::uint64_t Http::download(const std::string& url, const std::filesystem::path& part, std::uint64_t expected_bytes,
                             const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  const std::string where = redacted(url);
  const core::UniqueFd fd = core::open_fd(part, O_WRONLY | O_CREAT, 0644);
  if (!fd.valid()) throw HttpError(system_error(part.string() + ": cannot be opened"), 0);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw HttpError(system_error(part.string() + ": cannot be read"), 0);
  std::uint64_t have = static_cast<std::uint64_t>(st.st_size);
  const auto truncate_part = [&] {
    if (::ftruncate(fd.get(), 0) != 0) throw HttpError(system_error(part.string() + ": cannot be truncated"), 0);
    have = 0;
  };
  if (have > expected_bytes) truncate_part();  // not a prefix of this file: start over

  std::uint64_t transferred = 0;
  // Two rounds at most: a server that ignores the Range answers 200, which curl refuses to resume
  // into (CURLE_RANGE_ERROR, before any byte is written); the part then starts over from zero.
  for (int round = 0;; ++round) {
    CURL* c = handle_->easy.get();
    prepare(c, handle_->error, options_, url);
    if (have > 0) curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(have));

    DownloadSink sink;
    sink.fd = fd.get();
    sink.part = part.string();
    sink.expected = expected_bytes;
    sink.requested_from = have;
    sink.offset = have;
    sink.progress = &progress;
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &sink.headers);
    curl_easy_setopt(
        c, CURLOPT_WRITEFUNCTION, +[](char* data, std::size_t size, std::size_t count, void* user) -> std::size_t {
          const std::size_t n = size * count;
          return static_cast<DownloadSink*>(user)->write(data, n) ? n : 0;
        });
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);

    const CURLcode code = curl_easy_perform(c);
    transferred += sink.transferred;
    const long status = sink.headers.status;
    // Whatever happened, what was written stays: the next call resumes after it.
    if (sink.transferred > 0 && ::fdatasync(fd.get()) != 0 && sink.problem.empty() && code == CURLE_OK)
      throw HttpError(system_error(part.string() + ": cannot be written"), status);
    const auto held = [&] {
      return " (the part holds " + std::to_string(sink.offset) + " of " + std::to_string(expected_bytes) + " bytes)";
    };

    if (!sink.problem.empty()) throw HttpError(where + ": " + sink.problem, status);
    if (code == CURLE_RANGE_ERROR && status == 200 && round == 0 && have > 0) {
      if (const auto problem = sink.size_problem()) throw HttpError(where + ": " + *problem, status);
      truncate_part();
      continue;
    }
    if (code == CURLE_PARTIAL_FILE)
      throw HttpError(where + ": ended after " + std::to_string(sink.offset) + " of " +
                          std::to_string(expected_bytes) + " bytes (" + handle_->error + ")",
                      status);
    if (code != CURLE_OK && !error_answer(code, status)) {
      const HttpError e = transfer_error(url, code, handle_->error, options_, status);
      throw HttpError(std::string(e.what()) + (sink.writing ? held() : std::string()), status);
    }
    if (status == 416) {
      // What a complete part gets for "Range: bytes=SIZE-", with "Content-Range: bytes */SIZE".
      const auto range = parse_content_range(sink.headers.content_range);
      if (have == expected_bytes && (!range || range->total == expected_bytes)) return transferred;
      throw HttpError(where + ": HTTP 416" +
                          (range ? ", the server's file has " + std::to_string(range->total) + " bytes, expected " +
                                       std::to_string(expected_bytes)
                                 : std::string()) +
                          held(),
                      status);
    }
    if (status != 200 && status != 206) throw status_error(url, status);
    // A 200 without a body: an empty file, or curl's "already downloaded" (as long as the part).
    if (!sink.started && status == 200)
      if (const auto problem = sink.size_problem()) throw HttpError(where + ": " + *problem, status);
    if (sink.offset != expected_bytes)
      throw HttpError(where + ": ended after " + std::to_string(sink.offset) + " of " +
                          std::to_string(expected_bytes) + " bytes",
                      status);
    return transferred;
  }
}

void Http::put(const std::string& url, std::string_view body, std::string_view content_type) {
  CURL* c = handle_->easy.get();
  prepare(c, handle_->error, options_, url);

  Slist request_headers;
  append(request_headers, "Content-Type: " + std::string(content_type));
  // No "Expect: 100-continue" round trip: these bodies are small, and some stores never answer it.
  append(request_headers, "Expect:");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, request_headers.get());

  struct Source {
    std::string_view body;
    std::size_t at = 0;
  } source{body, 0};
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(
      c, CURLOPT_READFUNCTION, +[](char* buffer, std::size_t size, std::size_t count, void* user) -> std::size_t {
        auto& s = *static_cast<Source*>(user);
        const std::size_t n = std::min(size * count, s.body.size() - s.at);
        std::memcpy(buffer, s.body.data() + s.at, n);
        s.at += n;
        return n;
      });
  curl_easy_setopt(c, CURLOPT_READDATA, &source);
  // A redirect sends the body again from the start.
  curl_easy_setopt(
      c, CURLOPT_SEEKFUNCTION, +[](void* user, curl_off_t offset, int origin) -> int {
        auto& s = *static_cast<Source*>(user);
        if (origin != SEEK_SET || offset < 0 || static_cast<std::uint64_t>(offset) > s.body.size())
          return CURL_SEEKFUNC_FAIL;
        s.at = static_cast<std::size_t>(offset);
        return CURL_SEEKFUNC_OK;
      });
  curl_easy_setopt(c, CURLOPT_SEEKDATA, &source);

  Headers headers;
  std::size_t answered = 0;
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &headers);
  curl_easy_setopt(
      c, CURLOPT_WRITEFUNCTION, +[](char*, std::size_t size, std::size_t count, void* user) -> std::size_t {
        auto& total = *static_cast<std::size_t*>(user);
        total += size * count;
        return total > kMaxDiscardedBytes ? 0 : size * count;
      });
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answered);

  const CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK && !error_answer(code, headers.status))
    throw transfer_error(url, code, handle_->error, options_, headers.status);
  if (headers.status < 200 || headers.status > 299) throw status_error(url, headers.status);
}

std::string join_url(std::string_view base, std::string_view relative) {
  std::string out(base);
  if (!out.empty() && out.back() != '/') out += '/';
  while (relative.starts_with('/')) relative.remove_prefix(1);
  out += relative;
  return out;
}

std::string url_folder(std::string_view url) {
  // Query and fragment are not part of the path.
  const std::size_t path_end = std::min(url.find_first_of("?#"), url.size());
  const std::string_view path = url.substr(0, path_end);
  const auto scheme = path.find("://");
  const std::size_t host_from = scheme == std::string_view::npos ? 0 : scheme + 3;
  const auto slash = path.rfind('/');
  if (slash == std::string_view::npos || slash < host_from) return std::string(path) + "/";  // "https://h"
  return std::string(path.substr(0, slash + 1));
}

}  // namespace orpheus::fleet
