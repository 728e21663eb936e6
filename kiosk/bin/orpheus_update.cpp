// orpheus-update: brings this kiosk's pack up to date from the channel its configuration names
// (docs/fleet.md). This file parses the command line, reads the configuration and loops; the
// work is kiosk/fleet's run_update. Run by orpheus-update.timer (once per start), or as a loop
// with --every. Killing it at any moment is safe: downloads resume, installs are atomic.
// Exit codes: 0 installed, up to date or waiting; 1 failed or refused; 2 usage or configuration.
#include <CLI/CLI.hpp>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <iostream>
#include <optional>
#include <random>
#include <string>

#include "bin/command_line.h"
#include "config/config.h"
#include "core/log.h"
#include "fleet/updater.h"

namespace {

using namespace orpheus;
namespace fs = std::filesystem;

constexpr int kOk = 0, kFailed = 1, kUsage = 2;

// "900", "900s", "15m", "2h", "1d" -> seconds; nullopt otherwise.
std::optional<double> duration_s(const std::string& text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || value < 0) return std::nullopt;
  const std::string unit(end, text.data() + text.size());
  if (unit.empty() || unit == "s") return value;
  if (unit == "m") return value * 60;
  if (unit == "h") return value * 3600;
  if (unit == "d") return value * 86400;
  return std::nullopt;
}

// Sleeps `seconds`, or less if SIGTERM or SIGINT arrives (blocked meanwhile, then taken with
// sigtimedwait): true if the loop should stop.
bool sleep_or_stop(double seconds) {
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  timespec t{static_cast<time_t>(seconds), static_cast<long>((seconds - static_cast<double>(static_cast<time_t>(seconds))) * 1e9)};
  while (true) {
    const int sig = sigtimedwait(&stop, nullptr, &t);
    if (sig == SIGTERM || sig == SIGINT) return true;
    if (sig < 0 && errno == EAGAIN) return false;
    if (sig < 0 && errno != EINTR) return false;
  }
}

void block_stop_signals(bool block) {
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  sigprocmask(block ? SIG_BLOCK : SIG_UNBLOCK, &stop, nullptr);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Bring this kiosk's pack up to date from its channel on a web server (docs/fleet.md)."};
  app.set_version_flag("--version", std::string("orpheus-update ") + ORPHEUS_VERSION);
  std::string config_file = config::default_path().string(), channel, group, content_dir, state_dir, every, jitter = "0";
  bool now = false, no_delta = false, quiet = false;
  app.add_option("--config", config_file, "The kiosk configuration ([update], [content], [state])")->capture_default_str();
  app.add_option("--channel", channel, "The channel's URL instead of [update] channel");
  app.add_option("--group", group, "This kiosk's group instead of [update] group");
  app.add_option("--content-dir", content_dir, "The content store instead of [content] dir");
  app.add_option("--state-dir", state_dir, "The state folder instead of [state] dir");
  app.add_flag("--now", now, "Try at once, even while backing off after failures");
  app.add_flag("--no-delta", no_delta, "Download whole packs, never patches");
  app.add_option("--every", every, "Run as a loop: check every DURATION (900, 15m, 1h) instead of once");
  app.add_option("--jitter", jitter, "With --every: wait a random part of DURATION more each time")->capture_default_str();
  app.add_flag("-q,--quiet", quiet, "No progress lines, only the log");
  if (const auto status = bin::parse_command_line(app, argc, argv, "orpheus-update", kUsage)) return *status;

  const auto interval = every.empty() ? std::optional<double>(0) : duration_s(every);
  const auto spread = duration_s(jitter);
  if (!interval || !spread || (!every.empty() && *interval < 1)) {
    std::cerr << "orpheus-update: --every and --jitter take a duration like 900, 15m or 1h (--every at least 1 s)\n";
    return kUsage;
  }

  config::Config c;
  try {
    c = config::load_config(config_file);
  } catch (const std::exception& e) {
    std::cerr << "orpheus-update: " << e.what() << "\n";
    return kUsage;
  }
  if (log::Level level; log::parse_level(c.log.level, level)) log::set_level(level);

  fleet::UpdaterOptions o;
  o.channel_url = channel.empty() ? c.update.channel : channel;
  o.group = group.empty() ? c.update.group : group;
  o.content_dir = content_dir.empty() ? c.content.dir : fs::path(content_dir);
  o.state_dir = state_dir.empty() ? c.state.dir : fs::path(state_dir);
  o.trusted = c.content.trusted_keys;
  o.require_signature = c.content.require_signature;
  o.http.proxy = c.update.proxy;
  o.http.ca_file = c.update.ca_file;
  o.http.user_agent = std::string("orpheus-update/") + ORPHEUS_VERSION;
  o.use_patches = c.update.delta && !no_delta;
  o.hash_memo = config::pack_hashes_file(c);
  o.status_url = c.update.status_url;
  if (c.update.upload_usage) o.usage_journal = config::usage_file(c);
  o.health_file = c.health.file;
  o.kiosk_name = c.usage.kiosk_name;
  o.institution = c.usage.institution;
  o.ignore_backoff = now;
  if (!quiet && ::isatty(STDERR_FILENO)) o.progress = [](const std::string& line) { std::cerr << "  " << line << "\n"; };

  if (o.channel_url.empty()) {
    // The package's timer runs on every kiosk; one without a channel has nothing to do.
    std::cerr << "orpheus-update: no channel: set [update] channel in " << config_file << " (docs/fleet.md)\n";
    return kOk;
  }
  if (o.content_dir.empty() || o.state_dir.empty()) {
    std::cerr << "orpheus-update: " << config_file << " names no [content] dir or no [state] dir\n";
    return kUsage;
  }

  if (every.empty()) {
    const auto r = fleet::run_update(o);
    return r.outcome == fleet::Outcome::failed || r.outcome == fleet::Outcome::refused ? kFailed : kOk;
  }
  std::mt19937_64 rng(std::random_device{}());
  while (true) {
    block_stop_signals(false);  // a stop during a run ends it there: downloads resume, installs are atomic
    fleet::run_update(o);
    block_stop_signals(true);
    const double wait = *interval + std::uniform_real_distribution<double>(0, *spread)(rng);
    if (sleep_or_stop(wait)) return kOk;
  }
}
