#include "config/config.h"

#include "core/language.h"
#include "events/zone.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <span>
#include <string_view>
#include <system_error>
#include <utility>

namespace orpheus::config {
namespace {

namespace fs = std::filesystem;

// What describe() writes in place of a PIN hash; read back, it keeps the hash already set.
constexpr std::string_view kHiddenHash = "(set)";

// ---- Values as text: in messages, and as TOML in describe() ----

std::string number_text(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::array<char, 64> buf{};
  return {buf.data(), std::to_chars(buf.data(), buf.data() + buf.size(), v).ptr};
}

std::string number_text(float v) {
  if (!std::isfinite(v)) return number_text(static_cast<double>(v));
  std::array<char, 64> buf{};
  return {buf.data(), std::to_chars(buf.data(), buf.data() + buf.size(), v).ptr};
}

// A TOML basic string.
std::string toml_string(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

// The value of a node as a message shows it after "got".
std::string shown(const toml::node& n) {
  if (const auto* i = n.as_integer()) return std::to_string(i->get());
  if (const auto* f = n.as_floating_point()) {
    const double v = f->get();
    // "got 90.0", not "got 90", when 90 would have been right as an integer.
    return number_text(v) + (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15 ? ".0" : "");
  }
  if (const auto* b = n.as_boolean()) return b->get() ? "true" : "false";
  if (const auto* s = n.as_string()) {
    std::string_view v = s->get();
    if (v.size() <= 40) return toml_string(v);
    std::size_t cut = 40;
    while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
    return toml_string(v.substr(0, cut)) + "...";
  }
  if (n.is_array()) return "a list";
  if (n.is_table()) return "a table";
  return "a date or time";
}

std::string joined(std::span<const std::string_view> names, std::string_view separator = ", ") {
  std::string out;
  for (auto n : names) out += (out.empty() ? "" : std::string(separator)) + std::string(n);
  return out;
}

// Optimal string alignment distance (a swap of neighbours counts 1), ignoring ASCII case.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

// ---- Where values come from ----

// A source of values: a file (positions known, relative paths against its folder) or one --set
// override (no position, relative paths against the current directory). Collects the problems
// and remembers which keys it met, for the rules between keys.
class Reader {
 public:
  Reader(fs::path file, fs::path folder, std::string key_prefix, std::vector<Problem>& problems)
      : file_(std::move(file)), folder_(std::move(folder)), prefix_(std::move(key_prefix)), problems_(problems) {}

  void problem(const toml::source_region& at, const std::string& key, std::string reason) {
    Problem p{file_, 0, 0, prefix_ + key, std::move(reason)};
    if (!file_.empty() && at.begin.line) {
      p.line = static_cast<int>(at.begin.line);
      p.column = static_cast<int>(at.begin.column);
    }
    problems_.push_back(std::move(p));
  }
  std::size_t problem_count() const { return problems_.size(); }

  fs::path path(const std::string& written) const { return folder_ / written; }

  void met(const std::string& key, const toml::source_region& at, bool applied) { met_[key] = {at, applied}; }
  bool applied(const std::string& key) const {
    const auto it = met_.find(key);
    return it != met_.end() && it->second.applied;
  }
  bool met(const std::string& key) const { return met_.contains(key); }
  toml::source_region where(const std::string& key) const {
    const auto it = met_.find(key);
    return it == met_.end() ? toml::source_region{} : it->second.at;
  }

 private:
  struct Met {
    toml::source_region at;
    bool applied = false;
  };
  fs::path file_, folder_;
  std::string prefix_;
  std::vector<Problem>& problems_;
  std::map<std::string, Met, std::less<>> met_;
};

// One key's value being read: problems name `key` ("session.languages") at the value.
struct Value {
  Reader& r;
  const toml::node& n;
  std::string key;

  void bad(std::string reason) const { r.problem(n.source(), key, std::move(reason)); }
  void bad_item(const toml::node& item, std::size_t i, std::string reason) const {
    r.problem(item.source(), key + "[" + std::to_string(i + 1) + "]", std::move(reason));
  }
};

// ---- Checks shared by the keys: each reports the problem and returns nothing if the value is bad ----

std::optional<std::int64_t> integer(const Value& v, std::int64_t lo, std::int64_t hi) {
  if (const auto* i = v.n.as_integer(); i && i->get() >= lo && i->get() <= hi) return i->get();
  v.bad("expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " + shown(v.n));
  return std::nullopt;
}

std::optional<double> number(const toml::node& n) {
  if (const auto* i = n.as_integer()) return static_cast<double>(i->get());
  if (const auto* f = n.as_floating_point()) return f->get();
  return std::nullopt;
}

// Integer or fractional seconds in [lo, hi]; NaN fails both comparisons, infinity the upper one.
std::optional<double> seconds(const Value& v, double lo, double hi) {
  if (const auto s = number(v.n); s && *s >= lo && *s <= hi) return s;
  v.bad("expected seconds between " + number_text(lo) + " and " + number_text(hi) + ", got " + shown(v.n));
  return std::nullopt;
}

std::optional<int> rotation(const Value& v) {
  if (const auto* i = v.n.as_integer())
    for (const int r : {0, 90, 180, 270})
      if (i->get() == r) return r;
  v.bad("expected 0, 90, 180 or 270 (degrees), got " + shown(v.n));
  return std::nullopt;
}

std::optional<bool> boolean(const Value& v) {
  if (const auto* b = v.n.as_boolean()) return b->get();
  v.bad("expected true or false");
  return std::nullopt;
}

// A path: "" is none (if allowed), a relative one is taken against the reader's folder.
std::optional<fs::path> path(const Value& v, std::string_view what) {
  if (const auto* s = v.n.as_string()) return s->get().empty() ? fs::path() : v.r.path(s->get());
  v.bad("expected " + std::string(what) + " (a string; \"\" for none), got " + shown(v.n));
  return std::nullopt;
}

using core::is_language_code;  // the same rule as pack languages

constexpr std::string_view kLanguageExpected = "expected a language code like \"bg\" or \"en-GB\" (2-3 lowercase letters, "
                                               "optionally -REGION)";

// The shape of libsodium's crypto_pwhash_str for Argon2id (what admin::hash_pin makes):
// "$argon2id$v=19$m=65536,t=2,p=1$SALT$HASH", the last two unpadded base64. Checked here rather
// than with admin::is_pin_hash so the configuration does not depend on libsodium.
bool is_base64(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

bool looks_like_pin_hash(std::string_view h) {
  constexpr std::string_view prefix = "$argon2id$";
  if (!h.starts_with(prefix) || h.size() >= 128) return false;  // crypto_pwhash_STRBYTES
  h.remove_prefix(prefix.size());
  const auto take = [&](std::string_view expect) {
    if (!h.starts_with(expect)) return false;
    h.remove_prefix(expect.size());
    return true;
  };
  const auto digits = [&] {
    std::size_t n = 0;
    while (n < h.size() && h[n] >= '0' && h[n] <= '9') ++n;
    h.remove_prefix(n);
    return n > 0;
  };
  const auto base64 = [&] {
    std::size_t n = 0;
    while (n < h.size() && is_base64(h[n])) ++n;
    h.remove_prefix(n);
    return n > 0;
  };
  return take("v=") && digits() && take("$m=") && digits() && take(",t=") && digits() && take(",p=") && digits() &&
         take("$") && base64() && take("$") && base64() && h.empty();
}

bool looks_like_pin(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == ' '; });
}

// ---- The keys: one reader per key, used by files and overrides alike ----

void read_trusted_keys(const Value& v, Config& c) {
  const auto* arr = v.n.as_array();
  if (!arr) {
    v.bad("expected a list of key files or keys");
    return;
  }
  // A bad entry is left out and the others apply: the list never keeps a key the file no longer
  // names, and never trusts one it cannot read.
  std::vector<trust::PublicKey> keys;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const auto& item = *arr->get(i);
    const auto* s = item.as_string();
    if (!s) {
      v.bad_item(item, i, "expected a string");
      continue;
    }
    try {
      const std::string& text = s->get();
      // Any "orpheus-ed25519..." text is a key, not a file name: a secret key pasted here gets
      // parse_public_key's advice, not "file not found".
      keys.push_back(text.starts_with("orpheus-ed25519") ? trust::parse_public_key(text)
                                                         : trust::read_public_key(v.r.path(text)));
    } catch (const trust::TrustError& e) {
      v.bad_item(item, i, e.what());
    }
  }
  c.content.trusted_keys = std::move(keys);
}

std::string show_trusted_keys(const Config& c) {
  if (c.content.trusted_keys.empty()) return "[]";
  std::string out = "[\n";
  for (const auto& k : c.content.trusted_keys) {
    out += "  " + toml_string(k.text()) + ",";
    if (!k.comment.empty()) {
      std::string comment = k.comment;
      std::replace_if(comment.begin(), comment.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20; }, ' ');
      out += "  # " + comment;
    }
    out += "\n";
  }
  return out + "]";
}

// A list of distinct language codes: session.languages, session.fallback_languages.
template <std::vector<std::string> SessionConfig::*Field>
void read_languages(const Value& v, Config& c) {
  const auto* arr = v.n.as_array();
  if (!arr) {
    v.bad("expected a list of language codes like [\"bg\", \"en\"], got " + shown(v.n));
    return;
  }
  std::vector<std::string> languages;
  bool good = true;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const auto& item = *arr->get(i);
    const auto* s = item.as_string();
    if (!s || !is_language_code(s->get())) {
      v.bad_item(item, i, std::string(kLanguageExpected) + ", got " + shown(item));
      good = false;
    } else if (std::find(languages.begin(), languages.end(), s->get()) != languages.end()) {
      v.bad_item(item, i, toml_string(s->get()) + " is listed twice");
      good = false;
    } else {
      languages.push_back(s->get());
    }
  }
  if (good) c.session.*Field = std::move(languages);
}

template <std::vector<std::string> SessionConfig::*Field>
std::string show_languages(const Config& c) {
  std::string out;
  for (const auto& l : c.session.*Field) out += (out.empty() ? "" : ", ") + toml_string(l);
  return "[" + out + "]";
}

void read_pin_hash(const Value& v, Config& c) {
  static constexpr std::string_view never = "the PIN must never be written in this file, only its hash: make it with "
                                            "`orpheus-kiosk --hash-pin`";
  // The value is never echoed: it is a secret or something close to one.
  const auto* s = v.n.as_string();
  if (!s) {
    if (v.n.is_integer()) v.bad("this looks like the PIN itself; " + std::string(never));
    else v.bad("expected the PIN's hash (a string from `orpheus-kiosk --hash-pin`), or \"\" for no admin access");
    return;
  }
  const std::string& h = s->get();
  if (h.empty() || looks_like_pin_hash(h)) {
    c.admin.pin_hash = h;
  } else if (h == kHiddenHash) {
    if (c.admin.pin_hash.empty())
      v.bad("\"(set)\" stands for a hash describe() does not show, and none is set; write the hash from "
            "`orpheus-kiosk --hash-pin`");
  } else if (looks_like_pin(h)) {
    v.bad("this looks like the PIN itself; " + std::string(never));
  } else {
    v.bad("expected an Argon2id hash (\"$argon2id$v=19$m=...,t=...,p=...$SALT$HASH\") from "
          "`orpheus-kiosk --hash-pin`, or \"\" for no admin access");
  }
}

struct Key {
  std::string_view name;
  void (*read)(const Value&, Config&);
  std::string (*show)(const Config&);  // the value as TOML; "" when not set (written as a comment)
};

const Key kContentKeys[] = {
    {"dir",
     [](const Value& v, Config& c) {
       if (const auto* s = v.n.as_string(); s && !s->get().empty())
         c.content.dir = v.r.path(s->get());
       else
         v.bad("expected a folder path (a non-empty string)");
     },
     [](const Config& c) { return c.content.dir.empty() ? std::string() : toml_string(c.content.dir.string()); }},
    {"trusted_keys", read_trusted_keys, show_trusted_keys},
    {"require_signature",
     [](const Value& v, Config& c) {
       if (const auto b = boolean(v)) c.content.require_signature = *b;
     },
     [](const Config& c) { return std::string(c.content.require_signature ? "true" : "false"); }},
    {"switch_after_idle",
     [](const Value& v, Config& c) {
       // Its message predates the others' ", got ..." and scripts match it.
       if (const auto s = number(v.n); s && *s >= 0 && *s <= 24 * 3600)
         c.content.switch_after_idle_s = *s;
       else
         v.bad("expected seconds between 0 and 86400");
     },
     [](const Config& c) { return number_text(c.content.switch_after_idle_s); }},
};

const Key kDisplayKeys[] = {
    {"index",
     [](const Value& v, Config& c) {
       if (const auto i = integer(v, 0, 15)) c.display.index = static_cast<int>(*i);
     },
     [](const Config& c) { return std::to_string(c.display.index); }},
    {"rotation",
     [](const Value& v, Config& c) {
       if (const auto r = rotation(v)) c.display.rotation = *r;
     },
     [](const Config& c) { return std::to_string(c.display.rotation); }},
    {"fullscreen",
     [](const Value& v, Config& c) {
       if (const auto b = boolean(v)) c.display.fullscreen = *b;
     },
     [](const Config& c) { return std::string(c.display.fullscreen ? "true" : "false"); }},
    {"dpi",
     [](const Value& v, Config& c) {
       if (const auto d = number(v.n); d && (*d == 0 || (*d >= 40 && *d <= 1000)))
         c.display.dpi = static_cast<float>(*d);
       else
         v.bad("expected 0 (as the display reports it) or dots per inch between 40 and 1000, got " + shown(v.n));
     },
     [](const Config& c) { return number_text(c.display.dpi); }},
};

const Key kTouchKeys[] = {
    {"rotation",
     [](const Value& v, Config& c) {
       if (const auto r = rotation(v)) c.touch.rotation = *r;
     },
     [](const Config& c) { return std::to_string(c.touch.rotation); }},
    {"max_touches",
     [](const Value& v, Config& c) {
       if (const auto i = integer(v, 2, 20)) c.touch.max_touches = static_cast<int>(*i);
     },
     [](const Config& c) { return std::to_string(c.touch.max_touches); }},
};

const Key kSessionKeys[] = {
    {"idle_timeout",
     [](const Value& v, Config& c) {
       if (const auto s = seconds(v, 10, 3600)) c.session.idle_timeout_s = *s;
     },
     [](const Config& c) { return number_text(c.session.idle_timeout_s); }},
    {"attract_timeout",
     [](const Value& v, Config& c) {
       // That it is not below idle_timeout is checked once both are known (check_rules).
       if (const auto s = number(v.n); s && *s >= 0 && *s <= 86400)
         c.session.attract_timeout_s = *s;
       else
         v.bad("expected 0 (no attract loop) or seconds up to 86400, got " + shown(v.n));
     },
     [](const Config& c) { return number_text(c.session.attract_timeout_s); }},
    {"default_language",
     [](const Value& v, Config& c) {
       if (const auto* s = v.n.as_string(); s && (s->get().empty() || is_language_code(s->get())))
         c.session.default_language = s->get();
       else
         v.bad(std::string(kLanguageExpected) + ", or \"\" for the pack's default, got " + shown(v.n));
     },
     [](const Config& c) { return toml_string(c.session.default_language); }},
    {"languages", read_languages<&SessionConfig::languages>, show_languages<&SessionConfig::languages>},
    {"fallback_languages", read_languages<&SessionConfig::fallback_languages>,
     show_languages<&SessionConfig::fallback_languages>},
};

const Key kAdminKeys[] = {
    {"pin_hash", read_pin_hash,
     [](const Config& c) { return toml_string(c.admin.pin_hash.empty() ? std::string_view() : kHiddenHash); }},
    {"hold_seconds",
     [](const Value& v, Config& c) {
       if (const auto s = seconds(v, 2, 30)) c.admin.hold_s = *s;
     },
     [](const Config& c) { return number_text(c.admin.hold_s); }},
};

constexpr std::array<std::string_view, 4> kLevels = {"debug", "info", "warn", "error"};

const Key kLogKeys[] = {
    {"level",
     [](const Value& v, Config& c) {
       if (const auto* s = v.n.as_string(); s && std::find(kLevels.begin(), kLevels.end(), s->get()) != kLevels.end())
         c.log.level = s->get();
       else
         v.bad("expected one of " + joined(kLevels) + ", got " + shown(v.n));
     },
     [](const Config& c) { return toml_string(c.log.level); }},
};

const Key kHealthKeys[] = {
    {"file",
     [](const Value& v, Config& c) {
       if (const auto p = path(v, "a file path")) c.health.file = *p;
     },
     [](const Config& c) { return toml_string(c.health.file.string()); }},
    {"interval",
     [](const Value& v, Config& c) {
       if (const auto s = seconds(v, 1, 3600)) c.health.interval_s = *s;
     },
     [](const Config& c) { return number_text(c.health.interval_s); }},
};

const Key kStateKeys[] = {
    {"dir",
     [](const Value& v, Config& c) {
       if (const auto p = path(v, "a folder path")) c.state.dir = *p;
     },
     [](const Config& c) { return toml_string(c.state.dir.string()); }},
};

const Key kMediaKeys[] = {
    {"texture_budget_mb",
     [](const Value& v, Config& c) {
       if (const auto i = integer(v, 32, 4096)) c.media.texture_budget_mb = static_cast<int>(*i);
     },
     [](const Config& c) { return std::to_string(c.media.texture_budget_mb); }},
    {"decode_threads",
     [](const Value& v, Config& c) {
       if (const auto i = integer(v, 0, 32)) c.media.decode_threads = static_cast<int>(*i);
     },
     [](const Config& c) { return std::to_string(c.media.decode_threads); }},
};

const Key kReachKeys[] = {
    {"screen_bottom_mm",
     [](const Value& v, Config& c) {
       if (const auto d = number(v.n); d && *d >= 0 && *d <= 2500)
         c.reach.screen_bottom_mm = *d;
       else
         v.bad("expected the height of the screen's lower edge above the floor in millimetres, 0 to 2500, got " +
               shown(v.n));
     },
     [](const Config& c) { return number_text(c.reach.screen_bottom_mm); }},
    {"reach_mm",
     [](const Value& v, Config& c) {
       if (const auto d = number(v.n); d && *d >= 600 && *d <= 2000)
         c.reach.reach_mm = *d;
       else
         v.bad("expected the highest point a seated visitor must touch in millimetres above the floor, 600 to "
               "2000 (1220 is the usual), got " + shown(v.n));
     },
     [](const Config& c) { return number_text(c.reach.reach_mm); }},
};

const Key kAudioKeys[] = {
    {"volume",
     [](const Value& v, Config& c) {
       if (const auto i = integer(v, 0, 100)) c.audio.volume = static_cast<int>(*i);
     },
     [](const Config& c) { return std::to_string(c.audio.volume); }},
};

const Key kEventsKeys[] = {
    {"time_zone",
     [](const Value& v, Config& c) {
       if (const auto* s = v.n.as_string(); s && (s->get().empty() || events::TimeZone::named(s->get())))
         c.events.time_zone = s->get();
       else
         v.bad("expected a time zone's IANA name (\"Europe/Sofia\"), or \"\" for the pack's, got " + shown(v.n));
     },
     [](const Config& c) { return toml_string(c.events.time_zone); }},
    {"in_attract",
     [](const Value& v, Config& c) {
       if (const auto b = boolean(v)) c.events.in_attract = *b;
     },
     [](const Config& c) { return std::string(c.events.in_attract ? "true" : "false"); }},
};

// One line of text for people (a kiosk's or a museum's name): no control characters, at most 200 bytes.
std::optional<std::string> label(const Value& v) {
  const auto* s = v.n.as_string();
  if (s && s->get().size() <= 200 &&
      std::none_of(s->get().begin(), s->get().end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20; }))
    return s->get();
  v.bad("expected one line of text, at most 200 bytes, got " + shown(v.n));
  return std::nullopt;
}

const Key kUsageKeys[] = {
    {"enabled",
     [](const Value& v, Config& c) {
       if (const auto b = boolean(v)) c.usage.enabled = *b;
     },
     [](const Config& c) { return std::string(c.usage.enabled ? "true" : "false"); }},
    {"file",
     [](const Value& v, Config& c) {
       if (const auto p = path(v, "a file path")) c.usage.file = *p;
     },
     [](const Config& c) { return toml_string(c.usage.file.string()); }},
    {"detail_days",
     [](const Value& v, Config& c) {
       if (const auto i = integer(v, 30, 400)) c.usage.detail_days = static_cast<int>(*i);
     },
     [](const Config& c) { return std::to_string(c.usage.detail_days); }},
    {"keep_days",
     [](const Value& v, Config& c) {
       if (const auto i = integer(v, 30, 3650)) c.usage.keep_days = static_cast<int>(*i);
     },
     [](const Config& c) { return std::to_string(c.usage.keep_days); }},
    {"kiosk_name",
     [](const Value& v, Config& c) {
       if (auto l = label(v)) c.usage.kiosk_name = std::move(*l);
     },
     [](const Config& c) { return toml_string(c.usage.kiosk_name); }},
    {"institution",
     [](const Value& v, Config& c) {
       if (auto l = label(v)) c.usage.institution = std::move(*l);
     },
     [](const Config& c) { return toml_string(c.usage.institution); }},
};

// An http:// or https:// URL without spaces or control characters; "" allowed.
std::optional<std::string> url(const Value& v, std::string_view what) {
  const auto* s = v.n.as_string();
  if (s) {
    const std::string& u = s->get();
    const bool scheme = u.starts_with("http://") || u.starts_with("https://");
    if (u.empty() || (scheme && u.size() > 8 && u.size() <= 2000 &&
                      std::none_of(u.begin(), u.end(), [](char ch) { return static_cast<unsigned char>(ch) <= 0x20; })))
      return u;
  }
  v.bad("expected " + std::string(what) + " (http:// or https://), or \"\" for none, got " + shown(v.n));
  return std::nullopt;
}

const Key kUpdateKeys[] = {
    {"channel",
     [](const Value& v, Config& c) {
       if (auto u = url(v, "the URL of the channel file")) c.update.channel = std::move(*u);
     },
     [](const Config& c) { return toml_string(c.update.channel); }},
    {"group",
     [](const Value& v, Config& c) {
       const auto* s = v.n.as_string();
       if (s && s->get().size() <= 64 && s->get() != "*" &&
           std::all_of(s->get().begin(), s->get().end(),
                       [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.'; }))
         c.update.group = s->get();
       else
         v.bad("expected a group name of letters, digits, '-', '_' and '.' (at most 64), or \"\" for none, got " + shown(v.n));
     },
     [](const Config& c) { return toml_string(c.update.group); }},
    {"delta",
     [](const Value& v, Config& c) {
       if (const auto b = boolean(v)) c.update.delta = *b;
     },
     [](const Config& c) { return std::string(c.update.delta ? "true" : "false"); }},
    {"proxy",
     [](const Value& v, Config& c) {
       if (auto u = url(v, "a proxy URL")) c.update.proxy = std::move(*u);
     },
     [](const Config& c) { return toml_string(c.update.proxy); }},
    {"ca_file",
     [](const Value& v, Config& c) {
       if (const auto p = path(v, "a file path")) c.update.ca_file = *p;
     },
     [](const Config& c) { return toml_string(c.update.ca_file.string()); }},
    {"status_url",
     [](const Value& v, Config& c) {
       if (auto u = url(v, "the URL of the folder that kiosks write their status to")) c.update.status_url = std::move(*u);
     },
     [](const Config& c) { return toml_string(c.update.status_url); }},
    {"upload_usage",
     [](const Value& v, Config& c) {
       if (const auto b = boolean(v)) c.update.upload_usage = *b;
     },
     [](const Config& c) { return std::string(c.update.upload_usage ? "true" : "false"); }},
};

struct Section {
  std::string_view name;
  std::span<const Key> keys;
};

// [content] first: it is the section both programs read, and the one messages list first.
const Section kSections[] = {
    {"content", kContentKeys}, {"display", kDisplayKeys}, {"touch", kTouchKeys}, {"session", kSessionKeys},
    {"admin", kAdminKeys},     {"log", kLogKeys},         {"health", kHealthKeys}, {"state", kStateKeys},
    {"media", kMediaKeys},     {"reach", kReachKeys},     {"audio", kAudioKeys},
    {"events", kEventsKeys},   {"usage", kUsageKeys},     {"update", kUpdateKeys},
};

const Section* find_section(std::string_view name) {
  for (const auto& s : kSections)
    if (s.name == name) return &s;
  return nullptr;
}

const Key* find_key(const Section& s, std::string_view name) {
  for (const auto& k : s.keys)
    if (k.name == name) return &k;
  return nullptr;
}

// "unknown key; expected one of: a, b; did you mean b?" — the suggestion is the nearest known
// name within 2 edits, else the same key in other sections (`idle_timeout` under [content]).
std::string unknown(std::string_view what, std::string_view name, std::span<const std::string_view> known,
                    const Section* in) {
  std::string out = "unknown " + std::string(what) + "; expected one of: " + joined(known);
  std::string_view nearest;
  std::size_t best = 3;
  for (auto k : known)
    if (const auto d = edit_distance(name, k); d < best) best = d, nearest = k;
  if (!nearest.empty()) return out + "; did you mean " + std::string(nearest) + "?";
  std::vector<std::string> elsewhere;
  for (const auto& s : kSections)
    if (&s != in && find_key(s, name)) elsewhere.push_back(std::string(s.name) + "." + std::string(name));
  for (std::size_t i = 0; i < elsewhere.size(); ++i)
    out += (i == 0 ? "; did you mean " : " or ") + elsewhere[i] + (i + 1 == elsewhere.size() ? "?" : "");
  return out;
}

std::vector<std::string_view> section_names() {
  std::vector<std::string_view> out;
  for (const auto& s : kSections) out.push_back(s.name);
  return out;
}

std::vector<std::string_view> key_names(const Section& s) {
  std::vector<std::string_view> out;
  for (const auto& k : s.keys) out.push_back(k.name);
  return out;
}

void read_key(Reader& r, const Section& s, const Key& k, const toml::node& n, Config& c) {
  const std::string key = std::string(s.name) + "." + std::string(k.name);
  const std::size_t before = r.problem_count();
  k.read(Value{r, n, key}, c);
  r.met(key, n.source(), r.problem_count() == before);
}

// The rules between keys, once all of a source's keys are read. A broken rule is reported on
// its first key; that key, then the other, goes back to `base` until the rule holds again.
void check_rules(Reader& r, Config& c, const Config& base) {
  auto& s = c.session;
  const std::string idle = "session.idle_timeout", attract = "session.attract_timeout";
  const auto attract_ok = [&] { return s.attract_timeout_s == 0 || s.attract_timeout_s >= s.idle_timeout_s; };
  if ((r.applied(idle) || r.applied(attract)) && !attract_ok()) {
    r.problem(r.met(attract) ? r.where(attract) : r.where(idle), attract,
              number_text(s.attract_timeout_s) + " s is below session.idle_timeout (" + number_text(s.idle_timeout_s) +
                  " s): the attract loop starts after the visitor session is reset; expected 0 (no attract loop) "
                  "or at least " + number_text(s.idle_timeout_s));
    if (r.applied(attract)) s.attract_timeout_s = base.session.attract_timeout_s;
    if (!attract_ok() && r.applied(idle)) s.idle_timeout_s = base.session.idle_timeout_s;
  }

  const std::string def = "session.default_language", langs = "session.languages";
  const auto language_ok = [&] {
    return s.default_language.empty() || s.languages.empty() ||
           std::find(s.languages.begin(), s.languages.end(), s.default_language) != s.languages.end();
  };
  if ((r.applied(def) || r.applied(langs)) && !language_ok()) {
    std::string list;
    for (const auto& l : s.languages) list += (list.empty() ? "" : ", ") + l;
    r.problem(r.met(def) ? r.where(def) : r.where(langs), def,
              toml_string(s.default_language) + " is not among session.languages (" + list + ")");
    if (r.applied(def)) s.default_language = base.session.default_language;
    if (!language_ok() && r.applied(langs)) s.languages = base.session.languages;
  }
}

void read_document(Reader& r, const toml::table& root, Config& c, const Config& base) {
  const auto sections = section_names();
  for (const auto& [name, node] : root) {
    const Section* s = find_section(name.str());
    if (!s) {
      r.problem(node.source(), std::string(name.str()), unknown("key", name.str(), sections, nullptr));
      continue;
    }
    const auto* table = node.as_table();
    if (!table) {
      r.problem(node.source(), std::string(s->name), "expected a [" + std::string(s->name) + "] table");
      continue;
    }
    const auto keys = key_names(*s);
    for (const auto& [key, value] : *table) {
      if (const Key* k = find_key(*s, key.str()))
        read_key(r, *s, *k, value, c);
      else
        r.problem(value.source(), std::string(s->name) + "." + std::string(key.str()),
                  unknown("key", key.str(), keys, s));
    }
  }
  check_rules(r, c, base);
}

std::string trimmed(std::string_view s) {
  const auto space = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// A word an override may leave unquoted: `en`, `debug`, `/srv/content`.
bool is_bare_word(std::string_view s) {
  return !s.empty() && std::none_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c <= 0x20 || c == 0x7f || std::string_view("\"'[]{}#").find(ch) != std::string_view::npos;
  });
}

}  // namespace

std::string Problem::to_string() const {
  std::string out = file.string();
  if (!out.empty() && line) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  for (const std::string* part : {&key, &reason})
    if (!part->empty()) out += (out.empty() ? "" : ": ") + *part;
  return out;
}

Loaded read_config(const fs::path& file, const Config& base, const std::optional<fs::path>& relative_to) {
  Loaded l{base, {}};
  const auto fail = [&](int line, int column, std::string reason) {
    l.problems.push_back({file, line, column, "", std::move(reason)});
    return l;
  };
  std::error_code ec;
  const auto status = fs::status(file, ec);
  if (status.type() == fs::file_type::not_found) return fail(0, 0, "file not found");
  if (ec) return fail(0, 0, "cannot be read: " + ec.message());
  if (fs::is_directory(status)) return fail(0, 0, "is a folder, not a configuration file");
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    const auto& at = e.source().begin;
    return fail(static_cast<int>(at.line), static_cast<int>(at.column), std::string(e.description()));
  }
  fs::path folder = relative_to ? *relative_to : file.parent_path();
  if (folder.empty()) folder = ".";
  // Absolute, so a later change of the working directory does not move the paths.
  folder = fs::absolute(folder, ec).lexically_normal();
  Reader r(file, folder, "", l.problems);
  l.config.file = file;
  read_document(r, root, l.config, base);
  // Tables iterate in key order; problems read best in the file's order.
  std::stable_sort(l.problems.begin(), l.problems.end(), [](const Problem& a, const Problem& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
  return l;
}

fs::path default_path() {
  if (const char* env = std::getenv("ORPHEUS_CONFIG"); env && *env) return env;
  return kDefaultPath;
}

Config load_config(const fs::path& file) {
  Loaded l = read_config(file);
  if (l.problems.empty()) return std::move(l.config);
  std::string all;
  for (const auto& p : l.problems) all += (all.empty() ? "" : "\n") + p.to_string();
  throw ConfigError(all);
}

std::vector<Problem> apply_override(Config& config, const std::string& assignment) {
  std::vector<Problem> problems;
  std::error_code ec;
  Reader r({}, fs::current_path(ec), "--set ", problems);
  const auto eq = assignment.find('=');
  const std::string name = trimmed(std::string_view(assignment).substr(0, eq));
  const auto dot = name.find('.');
  if (eq == std::string::npos || dot == std::string::npos || name.find('.', dot + 1) != std::string::npos) {
    r.problem({}, name, "expected section.key=VALUE, e.g. session.idle_timeout=120");
    return problems;
  }
  const std::string section_name = name.substr(0, dot), key_name = name.substr(dot + 1);
  const Section* s = find_section(section_name);
  if (!s) {
    r.problem({}, name, unknown("section", section_name, section_names(), nullptr));
    return problems;
  }
  const Key* k = find_key(*s, key_name);
  if (!k) {
    r.problem({}, name, unknown("key", key_name, key_names(*s), s));
    return problems;
  }

  // The value as TOML; one key only, so a value cannot smuggle in a second line of settings.
  const std::string text = trimmed(std::string_view(assignment).substr(eq + 1));
  toml::table doc;
  const toml::node* value = nullptr;
  try {
    doc = toml::parse("v = " + text);
    if (doc.size() == 1) value = doc.get("v");
  } catch (const toml::parse_error&) {
  }
  toml::value<std::string> word(text);
  if (!value && is_bare_word(text)) value = &word;
  if (!value) {
    // Not echoed: for admin.pin_hash it could be a PIN.
    r.problem({}, name, "expected one value written as in TOML: a number, true or false, a \"string\" (or a word "
                        "without spaces or quotes) or a [\"list\"]");
    return problems;
  }
  Config next = config;
  read_key(r, *s, *k, *value, next);
  check_rules(r, next, config);
  config = std::move(next);
  return problems;
}

std::string describe(const Config& config) {
  std::string out = "# Orpheus kiosk configuration in effect";
  out += config.file.empty() ? " (defaults)" : ", read from " + toml_string(config.file.string());
  out += "\n# pin_hash shows only whether a hash is set: \"(set)\" or \"\".\n";
  for (const auto& s : kSections) {
    out += "\n[" + std::string(s.name) + "]\n";
    for (const auto& k : s.keys) {
      const std::string value = k.show(config);
      out += value.empty() ? "# " + std::string(k.name) + ": not set\n" : std::string(k.name) + " = " + value + "\n";
    }
  }
  return out;
}

std::filesystem::path usage_file(const Config& config) {
  if (!config.usage.enabled) return {};
  if (!config.usage.file.empty()) return config.usage.file;
  return config.state.dir.empty() ? fs::path() : config.state.dir / "usage.db";
}

std::filesystem::path pack_hashes_file(const Config& config) {
  if (!config.state.dir.empty()) return config.state.dir / "pack-hashes";
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "orpheus" / "pack-hashes";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "orpheus" / "pack-hashes";
  return {};
}

}  // namespace orpheus::config
