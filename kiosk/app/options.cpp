#include "app/options.h"

#include <charconv>

#include "config/config.h"
#include "events/zone.h"

namespace orpheus::app {

const char* usage() {
  return "usage: orpheus-kiosk (--pack PACK.db | --content-dir DIR | --config FILE) [options]\n"
         "       orpheus-kiosk --check-config [--config FILE] [--set KEY=VALUE ...]\n"
         "       orpheus-kiosk --hash-pin\n"
         "  --pack FILE          content pack to show (development)\n"
         "  --content-dir DIR    show the current pack of this content store, switching to newly\n"
         "                       installed ones at an idle moment (see orpheus-pack install)\n"
         "  --config FILE        kiosk configuration (default $ORPHEUS_CONFIG, else\n"
         "                       /etc/orpheus/kiosk.toml, when neither --pack nor --content-dir is given)\n"
         "  --kiosk              kiosk mode: fullscreen on the configured display, no cursor, no\n"
         "                       screensaver, window-manager and keyboard escapes ignored, a real\n"
         "                       display required, packs must be signed by a trusted key\n"
         "  --set KEY=VALUE      override one configuration key, e.g. --set session.idle_timeout=30\n"
         "                       (repeatable; VALUE as in TOML)\n"
         "  --check-config       check the configuration (and --set overrides), print every problem\n"
         "                       with its key and line, or the effective settings; exit 1 if bad\n"
         "  --hash-pin           read the admin PIN (twice on a terminal) and print the line\n"
         "                       pin_hash = \"...\" for the [admin] section; the PIN is never stored\n"
         "  --display N          fill display N (display.index)\n"
         "  --windowed WxH       a window of W x H pixels instead of fullscreen\n"
         "  --replay FILE.jsonl  drive the app from a script on a virtual clock (see docs/replay.md)\n"
         "  --screenshot OUT.png write the first settled frame to OUT.png and exit\n"
         "  --dpi N              display density to use instead of the reported one\n"
         "  --lang CODE          start language (default: the pack's default language)\n"
         "  --assets DIR         folder with po/ and keyboards/ (default: installed or source)\n"
         "  --pseudo-locale      every interface text accented and 40 % longer, to find clipping\n"
         "  --log-level LEVEL    debug, info, warn or error (default info)\n"
         "  --touch-rotation DEG the display is mounted turned DEG clockwise from the touch\n"
         "                       panel: 0, 90, 180 or 270 (default 0)\n"
         "  --max-touches N      more simultaneous touches than N are a palm: ignored (default 5)\n"
         "  --now TIME           the kiosk's clock starts at TIME and runs on from there (tests,\n"
         "                       rehearsing a programme): 2027-03-14T10:30 in the museum's time\n"
         "                       zone, or 2027-03-14T08:30Z, 2027-03-14T10:30+02:00\n"
         "  --record FILE.jsonl  write every input event with its time, replayable with --replay\n"
         "  --trace-frames FILE  write one JSON line per presented frame (for latency benchmarks)\n"
         "  --help               this text\n";
}

namespace {
int to_int(const std::string& s, const std::string& opt) {
  int v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) throw UsageError(opt + ": not a number: " + s);
  return v;
}
}  // namespace

Options parse_options(const std::vector<std::string>& args) {
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw UsageError(a + " needs a value");
      return args[++i];
    };
    if (a == "--help" || a == "-h") {
      o.help = true;
    } else if (a == "--pack") {
      o.pack = value();
    } else if (a == "--content-dir") {
      o.content_dir = value();
    } else if (a == "--config") {
      o.config = value();
    } else if (a == "--kiosk") {
      o.kiosk = true;
    } else if (a == "--set") {
      const std::string& v = value();
      if (v.find('=') == std::string::npos) throw UsageError("--set: expected section.key=VALUE, got " + v);
      o.sets.push_back(v);
    } else if (a == "--check-config") {
      o.check_config = true;
    } else if (a == "--hash-pin") {
      o.hash_pin = true;
    } else if (a == "--display") {
      o.display = to_int(value(), a);
      if (*o.display < 0 || *o.display > 15) throw UsageError("--display: out of range (0 to 15)");
    } else if (a == "--windowed") {
      const std::string& v = value();
      const auto x = v.find('x');
      if (x == std::string::npos) throw UsageError("--windowed: expected WxH, e.g. 1920x1080, got " + v);
      o.width = to_int(v.substr(0, x), "--windowed");
      o.height = to_int(v.substr(x + 1), "--windowed");
      if (o.width < 320 || o.height < 240 || o.width > 16384 || o.height > 16384)
        throw UsageError("--windowed: size out of range (320x240 to 16384x16384): " + v);
      o.fullscreen = false;
    } else if (a == "--replay") {
      o.replay = value();
    } else if (a == "--screenshot") {
      o.screenshot = value();
    } else if (a == "--dpi") {
      const int d = to_int(value(), "--dpi");
      if (d < 40 || d > 1000) throw UsageError("--dpi: out of range (40 to 1000)");
      o.dpi = static_cast<float>(d);
    } else if (a == "--lang") {
      o.language = value();
    } else if (a == "--assets") {
      o.assets_dir = value();
    } else if (a == "--log-level") {
      o.log_level = value();
      if (o.log_level != "debug" && o.log_level != "info" && o.log_level != "warn" && o.log_level != "error")
        throw UsageError("--log-level: expected debug, info, warn or error, got " + o.log_level);
    } else if (a == "--touch-rotation") {
      const int r = to_int(value(), a);
      o.touch_rotation = r;
      if (r != 0 && r != 90 && r != 180 && r != 270)
        throw UsageError("--touch-rotation: expected 0, 90, 180 or 270, got " + args[i]);
    } else if (a == "--max-touches") {
      o.max_touches = to_int(value(), a);
      if (*o.max_touches < 2 || *o.max_touches > 20) throw UsageError("--max-touches: out of range (2 to 20)");
    } else if (a == "--pseudo-locale") {
      o.pseudo_locale = true;
    } else if (a == "--now") {
      o.now = value();
      if (!events::parse_instant(o.now, events::TimeZone::utc()))
        throw UsageError("--now: expected a date and time such as 2027-03-14T10:30 (or ...Z, ...+02:00), got " + o.now);
    } else if (a == "--record") {
      o.record = value();
    } else if (a == "--trace-frames") {
      o.trace_frames = value();
    } else {
      throw UsageError("unknown argument: " + a);
    }
  }
  if (!o.pack.empty() && !o.content_dir.empty()) throw UsageError("--pack and --content-dir exclude each other");
  if (o.hash_pin && (o.check_config || !o.pack.empty() || !o.content_dir.empty() || o.config))
    throw UsageError("--hash-pin takes no other option");
  if (!o.help && !o.hash_pin && o.pack.empty() && o.content_dir.empty() && !o.config) {
    std::error_code ec;
    const auto fallback = config::default_path();
    if (std::filesystem::exists(fallback, ec))
      o.config = fallback;
    else if (!o.check_config)
      throw UsageError("--pack, --content-dir or --config is required (no " + fallback.string() + ")");
  }
  return o;
}

}  // namespace orpheus::app
