#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sodium.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <string>
#include <vector>

#include "admin/pin.h"

using namespace orpheus;
using admin::PinLock;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

template <class F>
std::string pin_error_of(F&& f) {
  try {
    f();
  } catch (const admin::PinError& e) {
    return e.what();
  }
  return {};
}

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

// Reads from `fd` into `into` until `until` appears in it at or after `from` (empty: until end
// of input), or the deadline. False on timeout.
bool read_until(int fd, std::string& into, const std::string& until,
                std::chrono::steady_clock::time_point deadline, std::size_t from = 0) {
  for (;;) {
    if (!until.empty() && into.find(until, from) != std::string::npos) return true;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    char buf[256];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return until.empty();  // end of input (EIO on a pty master whose child is gone)
    into.append(buf, static_cast<std::size_t>(n));
  }
}

// What read_and_hash_pin() did in a child process.
struct Outcome {
  bool finished = false;  // the child reported in time
  std::string hash;       // on success
  std::string error;      // the PinError's message
  std::string echo_before, echo_after;  // the terminal's ECHO flag: "1", "0", "-" (no terminal)
  std::string transcript;  // what a terminal showed (prompts; the PIN only if echoed)
};

std::string echo_flag() {
  termios t{};
  if (tcgetattr(0, &t) != 0) return "-";
  return (t.c_lflag & ECHO) ? "1" : "0";
}

// In the child: runs the real function on the stdin it has and reports on `out`.
[[noreturn]] void child_report(int out) {
  std::string r = "BEFORE " + echo_flag() + "\n";
  try {
    r += "OK " + admin::read_and_hash_pin() + "\n";
  } catch (const admin::PinError& e) {
    r += std::string("ERR ") + e.what() + "\n";
  } catch (const std::exception& e) {
    r += std::string("EXC ") + e.what() + "\n";
  }
  r += "AFTER " + echo_flag() + "\n";
  write_all(out, r);
  ::_exit(0);
}

std::string field(const std::string& report, const std::string& key) {
  const auto at = report.find(key + " ");
  if (at == std::string::npos) return {};
  const auto start = at + key.size() + 1;
  return report.substr(start, report.find('\n', start) - start);
}

Outcome collect(pid_t pid, int report_fd, Outcome o) {
  std::string report;
  o.finished = read_until(report_fd, report, "", std::chrono::steady_clock::now() + std::chrono::seconds(30));
  ::close(report_fd);
  if (!o.finished) ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  o.finished = o.finished && WIFEXITED(status) && has(report, "AFTER ");
  o.hash = field(report, "OK");
  o.error = field(report, "ERR") + field(report, "EXC");
  o.echo_before = field(report, "BEFORE");
  o.echo_after = field(report, "AFTER");
  return o;
}

// read_and_hash_pin() with stdin a pipe holding `input` (then end of input).
Outcome from_pipe(const std::string& input) {
  int in[2], out[2];
  REQUIRE(::pipe(in) == 0);
  REQUIRE(::pipe(out) == 0);
  REQUIRE(input.size() < 4096);  // fits the pipe before anyone reads
  write_all(in[1], input);
  ::close(in[1]);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::close(in[0]);
    ::close(out[0]);
    child_report(out[1]);
  }
  ::close(in[0]);
  ::close(out[1]);
  return collect(pid, out[0], {});
}

// read_and_hash_pin() with stdin, stdout and stderr a terminal (a pty) and stdout then sent to
// /dev/null, so every prompt seen came through stderr. Answers each prompt in turn with the
// next of `answers` once it is shown.
Outcome from_terminal(const std::vector<std::string>& prompts, const std::vector<std::string>& answers) {
  int out[2];
  REQUIRE(::pipe(out) == 0);
  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(out[0]);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    child_report(out[1]);
  }
  ::close(out[1]);
  Outcome o;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  std::size_t seen = 0;
  for (std::size_t i = 0; i < prompts.size(); ++i) {
    const bool shown = read_until(master, o.transcript, prompts[i], deadline, seen);
    INFO("prompt ", i, " \"", prompts[i], "\"; terminal so far: ", o.transcript);
    CHECK(shown);
    if (!shown) break;
    seen = o.transcript.find(prompts[i], seen) + prompts[i].size();
    if (i < answers.size()) write_all(master, answers[i] + "\n");
  }
  read_until(master, o.transcript, "", deadline);
  o = collect(pid, out[0], o);
  ::close(master);
  return o;
}

}  // namespace

TEST_SUITE("PIN rules") {
  TEST_CASE("Four to twelve digits are a PIN") {
    CHECK_FALSE(admin::check_pin_rules("1234").has_value());
    CHECK_FALSE(admin::check_pin_rules("000000000000").has_value());
    CHECK_FALSE(admin::check_pin_rules("908172").has_value());
  }
  TEST_CASE("Too short, too long, empty") {
    REQUIRE(admin::check_pin_rules("123").has_value());
    CHECK(has(*admin::check_pin_rules("123"), "4 to 12 digits"));
    REQUIRE(admin::check_pin_rules("1234567890123").has_value());
    CHECK(has(*admin::check_pin_rules("1234567890123"), "4 to 12 digits"));
    REQUIRE(admin::check_pin_rules("").has_value());
    CHECK(has(*admin::check_pin_rules(""), "4 to 12 digits"));
  }
  TEST_CASE("Only ASCII digits") {
    for (const char* pin : {"12a4", "abcd", "12 34", "1234 ", "-1234", "12\xd9\xa3" "4", "１２３４"}) {
      INFO(pin);
      REQUIRE(admin::check_pin_rules(pin).has_value());
      CHECK(has(*admin::check_pin_rules(pin), "digits"));
    }
    CHECK(admin::check_pin_rules(std::string_view("12\0" "34", 5)).has_value());
  }
}

TEST_SUITE("PIN hash") {
  TEST_CASE("The hash is libsodium's Argon2id string with the INTERACTIVE costs") {
    const std::string hash = admin::hash_pin("2468");
    CHECK(hash.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0) == 0);
    CHECK(admin::is_pin_hash(hash));
    CHECK_FALSE(has(hash, "2468"));
  }
  TEST_CASE("The right PIN verifies, a wrong one does not") {
    const std::string hash = admin::hash_pin("135790");
    CHECK(admin::verify_pin(hash, "135790"));
    CHECK_FALSE(admin::verify_pin(hash, "135791"));
    CHECK_FALSE(admin::verify_pin(hash, "13579"));
    CHECK_FALSE(admin::verify_pin(hash, "1357900"));
    CHECK_FALSE(admin::verify_pin(hash, ""));
  }
  TEST_CASE("Two hashes of one PIN differ (fresh salt), both verify") {
    const std::string a = admin::hash_pin("4444");
    const std::string b = admin::hash_pin("4444");
    CHECK(a != b);
    CHECK(a.substr(0, a.rfind('$')) != b.substr(0, b.rfind('$')));  // the salt part
    CHECK(admin::verify_pin(a, "4444"));
    CHECK(admin::verify_pin(b, "4444"));
  }
  TEST_CASE("A PIN breaking the rules is not hashed") {
    CHECK(has(pin_error_of([] { admin::hash_pin("123"); }), "4 to 12 digits"));
    CHECK(has(pin_error_of([] { admin::hash_pin("12ab"); }), "digits"));
    CHECK(has(pin_error_of([] { admin::hash_pin(""); }), "4 to 12 digits"));
  }
  TEST_CASE("Malformed hashes are refused and never verify") {
    const std::string good = admin::hash_pin("8080");
    REQUIRE(admin::verify_pin(good, "8080"));
    std::string tampered = good;
    tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
    REQUIRE(admin::is_pin_hash(tampered));  // well-formed, but the wrong hash
    CHECK_FALSE(admin::verify_pin(tampered, "8080"));

    const std::vector<std::string> bad = {
        "",
        "8080",
        "$argon2id$",
        good.substr(0, good.size() - 1),
        good + "A",
        good + " ",
        std::string(good).replace(good.find("v=19"), 4, "v=16"),
        std::string(good).replace(good.find("p=1"), 3, "p=2"),
        std::string(good).replace(good.find("m="), 2, "m=-"),
        std::string(good).replace(0, 9, "$argon2i"),
        good + std::string("\0junk", 5),  // C code would stop at the NUL and accept it
    };
    for (const auto& h : bad) {
      INFO("hash: ", h);
      CHECK_FALSE(admin::is_pin_hash(h));
      CHECK_FALSE(admin::verify_pin(h, "8080"));
    }
  }
  TEST_CASE("An Argon2i hash of the right PIN is not accepted") {
    REQUIRE(sodium_init() >= 0);
    char out[crypto_pwhash_STRBYTES];
    REQUIRE(crypto_pwhash_str_alg(out, "8080", 4, crypto_pwhash_argon2i_OPSLIMIT_INTERACTIVE,
                                  crypto_pwhash_argon2i_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2I13) == 0);
    const std::string argon2i = out;
    REQUIRE(argon2i.rfind("$argon2i$", 0) == 0);
    REQUIRE(crypto_pwhash_str_verify(out, "8080", 4) == 0);  // libsodium alone would accept it
    CHECK_FALSE(admin::is_pin_hash(argon2i));
    CHECK_FALSE(admin::verify_pin(argon2i, "8080"));
  }
}

TEST_SUITE("PIN lockout") {
  TEST_CASE("Four wrong PINs do not lock; the fifth locks for exactly 30 s") {
    PinLock lock;
    double t = 5'000;
    for (int i = 1; i <= 4; ++i) {
      CHECK(lock.failed(t) == 0);
      CHECK(lock.failures() == i);
      CHECK_FALSE(lock.locked(t));
      t += 1'000;
    }
    CHECK(lock.failed(t) == 30'000);
    CHECK(lock.failures() == 5);
    CHECK(lock.locked_until_ms() == t + 30'000);
    CHECK(lock.locked(t));
    CHECK(lock.locked(t + 29'999.999));
    CHECK_FALSE(lock.locked(t + 30'000));
    CHECK_FALSE(lock.locked(t + 30'001));
  }
  TEST_CASE("Each further wrong PIN doubles the lock, up to one hour") {
    PinLock lock;
    double t = 0;
    for (int i = 0; i < 4; ++i) REQUIRE(lock.failed(t) == 0);
    const std::vector<double> expected = {30'000, 60'000, 120'000, 240'000, 480'000, 960'000,
                                          1'920'000, 3'600'000, 3'600'000, 3'600'000};
    for (std::size_t i = 0; i < expected.size(); ++i) {
      INFO("wrong PIN number ", i + 5);
      const double lock_ms = lock.failed(t);
      CHECK(lock_ms == expected[i]);
      CHECK(lock.locked_until_ms() == t + expected[i]);
      CHECK(lock.locked(t + expected[i] - 1));
      CHECK_FALSE(lock.locked(t + expected[i]));
      t += expected[i];  // the next try comes right when the lock ends
    }
    for (int i = 0; i < 1000; ++i) t += lock.failed(t);  // no overflow however long it goes on
    CHECK(lock.failed(t) == PinLock::kMaxLockMs);
  }
  TEST_CASE("A right PIN clears the count") {
    PinLock lock;
    double t = 0;
    for (int i = 0; i < 6; ++i) t += lock.failed(t);
    REQUIRE(lock.failures() == 6);
    REQUIRE_FALSE(lock.locked(t));
    lock.succeeded();
    CHECK(lock.failures() == 0);
    CHECK_FALSE(lock.locked(t));
    for (int i = 0; i < 4; ++i) CHECK(lock.failed(t + i) == 0);
    CHECK(lock.failed(t + 4) == 30'000);
  }
  TEST_CASE("A wrong PIN reported while locked never shortens the lock") {
    PinLock lock;
    for (int i = 0; i < 7; ++i) lock.failed(0);  // the 7th: while locked
    const double until = lock.locked_until_ms();
    CHECK(until >= 30'000);
    const double left = lock.failed(10'000);
    CHECK(lock.locked_until_ms() >= until);
    CHECK(left == lock.locked_until_ms() - 10'000);
    CHECK(lock.locked(until - 1));
  }
}

TEST_SUITE("Reading a PIN for --hash-pin") {
  TEST_CASE("From a pipe: one line") {
    const Outcome o = from_pipe("482916\n");
    REQUIRE(o.finished);
    CHECK(o.error == "");
    CHECK(o.echo_before == "-");
    REQUIRE(admin::is_pin_hash(o.hash));
    CHECK(admin::verify_pin(o.hash, "482916"));
  }
  TEST_CASE("From a pipe: only the first line counts; CR LF and a missing newline are fine") {
    Outcome o = from_pipe("1234\n5678\n");
    REQUIRE(o.finished);
    CHECK(admin::verify_pin(o.hash, "1234"));
    o = from_pipe("7777\r\n");
    REQUIRE(o.finished);
    CHECK(admin::verify_pin(o.hash, "7777"));
    o = from_pipe("90210");
    REQUIRE(o.finished);
    CHECK(admin::verify_pin(o.hash, "90210"));
  }
  TEST_CASE("From a pipe: empty input, an empty line, a PIN breaking the rules") {
    for (const char* input : {"", "\n"}) {
      const Outcome o = from_pipe(input);
      REQUIRE(o.finished);
      CHECK(o.hash == "");
      CHECK(has(o.error, "empty input"));
    }
    Outcome o = from_pipe("123\n");
    REQUIRE(o.finished);
    CHECK(o.hash == "");
    CHECK(has(o.error, "4 to 12 digits"));
    o = from_pipe("12ab\n");
    CHECK(has(o.error, "digits"));
    o = from_pipe(std::string(200, '1') + "\n");
    CHECK(o.hash == "");
    CHECK(has(o.error, "4 to 12 digits"));
  }
  TEST_CASE("From a terminal: two prompts on stderr, no echo, echo restored") {
    const Outcome o = from_terminal({"PIN: ", "Repeat PIN: "}, {"4321", "4321"});
    REQUIRE(o.finished);
    INFO("terminal: ", o.transcript);
    CHECK(o.error == "");
    CHECK(o.echo_before == "1");
    CHECK(o.echo_after == "1");
    CHECK_FALSE(has(o.transcript, "4321"));
    REQUIRE(admin::is_pin_hash(o.hash));
    CHECK(admin::verify_pin(o.hash, "4321"));
  }
  TEST_CASE("From a terminal: two different PINs are an error, echo still restored") {
    const Outcome o = from_terminal({"PIN: ", "Repeat PIN: "}, {"4321", "4322"});
    REQUIRE(o.finished);
    INFO("terminal: ", o.transcript);
    CHECK(o.hash == "");
    CHECK(has(o.error, "do not match"));
    CHECK(o.echo_after == "1");
    CHECK_FALSE(has(o.transcript, "432"));
  }
  TEST_CASE("From a terminal: an empty or bad first PIN stops at once, echo restored") {
    Outcome o = from_terminal({"PIN: "}, {""});
    REQUIRE(o.finished);
    CHECK(has(o.error, "empty input"));
    CHECK_FALSE(has(o.transcript, "Repeat"));
    CHECK(o.echo_after == "1");
    o = from_terminal({"PIN: "}, {"12x4"});
    REQUIRE(o.finished);
    CHECK(has(o.error, "digits"));
    CHECK_FALSE(has(o.transcript, "12x4"));
    CHECK(o.echo_after == "1");
  }
}
