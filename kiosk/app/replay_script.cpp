#include "app/replay_script.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/utf8.h"

namespace orpheus::app {
namespace {

using Json = nlohmann::json;
constexpr double kTapHoldMs = 60;
constexpr double kMoveIntervalMs = 16;
constexpr double kDoubleTapGapMs = 150;

double number(const Json& v, const char* what) {
  if (!v.is_number()) throw std::runtime_error(std::string(what) + " must be a number");
  const double d = v.get<double>();
  if (!std::isfinite(d)) throw std::runtime_error(std::string(what) + " must be finite");
  return d;
}

// A screen coordinate: far outside any window is fine (the app must cope), beyond float is not.
float coordinate(const Json& v, const char* what) {
  const double d = number(v, what);
  if (std::fabs(d) > 1e6) throw std::runtime_error(std::string(what) + " coordinates must lie within +-1e6");
  return static_cast<float>(d);
}

std::vector<float> numbers(const Json& v, const char* key, std::size_t n) {
  if (!v.is_array() || v.size() != n)
    throw std::runtime_error(std::string("\"") + key + "\" must be an array of " + std::to_string(n) + " numbers");
  std::vector<float> out;
  for (const auto& x : v) out.push_back(coordinate(x, key));
  return out;
}

ScriptStep pointer_step(double t, touch::PointerKind kind, std::int64_t id, float x, float y, int line) {
  ScriptStep s;
  s.kind = ScriptStep::Kind::pointer;
  s.t_ms = t;
  s.pointer = {t, kind, id, x, y};
  s.line = line;
  return s;
}

void parse_line(const Json& j, int line, std::vector<ScriptStep>& out) {
  if (!j.is_object()) throw std::runtime_error("each line must be a JSON object");
  double t = -1;
  if (j.contains("t_ms")) {
    t = number(j["t_ms"], "t_ms");
    if (t < 0 || t > 1e12) throw std::runtime_error("t_ms must be between 0 and 1e12");
  }
  const auto need_time = [&](const char* what) {
    if (t < 0) throw std::runtime_error(std::string("\"") + what + "\" needs \"t_ms\"");
  };
  constexpr std::int64_t kScriptPointer = 0;
  if (j.contains("tap")) {
    need_time("tap");
    const auto p = numbers(j["tap"], "tap", 2);
    out.push_back(pointer_step(t, touch::PointerKind::down, kScriptPointer, p[0], p[1], line));
    out.push_back(pointer_step(t + kTapHoldMs, touch::PointerKind::up, kScriptPointer, p[0], p[1], line));
  } else if (j.contains("drag")) {
    need_time("drag");
    const auto p = numbers(j["drag"], "drag", 4);
    const double ms = j.contains("ms") ? number(j["ms"], "ms") : 300.0;
    if (ms <= 0 || ms > 600000) throw std::runtime_error("\"ms\" must be between 0 and 600000");
    out.push_back(pointer_step(t, touch::PointerKind::down, kScriptPointer, p[0], p[1], line));
    const int steps = std::max(1, static_cast<int>(ms / kMoveIntervalMs));
    for (int i = 1; i <= steps; ++i) {
      const float a = static_cast<float>(i) / static_cast<float>(steps);
      out.push_back(pointer_step(t + ms * a, touch::PointerKind::move, kScriptPointer, p[0] + (p[2] - p[0]) * a,
                                 p[1] + (p[3] - p[1]) * a, line));
    }
    out.push_back(pointer_step(t + ms, touch::PointerKind::up, kScriptPointer, p[2], p[3], line));
  } else if (j.contains("double_tap")) {
    need_time("double_tap");
    const auto p = numbers(j["double_tap"], "double_tap", 2);
    for (double start : {t, t + kDoubleTapGapMs}) {
      out.push_back(pointer_step(start, touch::PointerKind::down, kScriptPointer, p[0], p[1], line));
      out.push_back(pointer_step(start + kTapHoldMs, touch::PointerKind::up, kScriptPointer, p[0], p[1], line));
    }
  } else if (j.contains("pinch")) {
    need_time("pinch");
    const auto p = numbers(j["pinch"], "pinch", 4);
    if (p[2] <= 0 || p[3] <= 0) throw std::runtime_error("\"pinch\" distances must be positive");
    const double ms = j.contains("ms") ? number(j["ms"], "ms") : 400.0;
    if (ms <= 0 || ms > 600000) throw std::runtime_error("\"ms\" must be between 0 and 600000");
    const auto fingers = [&](double at, touch::PointerKind kind, float d) {
      out.push_back(pointer_step(at, kind, 0, p[0] - d / 2, p[1], line));
      out.push_back(pointer_step(at, kind, 1, p[0] + d / 2, p[1], line));
    };
    fingers(t, touch::PointerKind::down, p[2]);
    const int steps = std::max(1, static_cast<int>(ms / kMoveIntervalMs));
    for (int i = 1; i <= steps; ++i) {
      const float a = static_cast<float>(i) / static_cast<float>(steps);
      fingers(t + ms * a, touch::PointerKind::move, p[2] + (p[3] - p[2]) * a);
    }
    fingers(t + ms, touch::PointerKind::up, p[3]);
  } else if (j.contains("tap_target")) {
    need_time("tap_target");
    if (!j["tap_target"].is_string()) throw std::runtime_error("\"tap_target\" must be a string");
    ScriptStep s;
    s.kind = ScriptStep::Kind::tap_target;
    s.t_ms = t;
    s.argument = j["tap_target"].get<std::string>();
    s.line = line;
    if (j.contains("if_present")) {
      if (!j["if_present"].is_boolean()) throw std::runtime_error("\"if_present\" must be true or false");
      s.if_present = j["if_present"].get<bool>();
    }
    out.push_back(s);
  } else if (j.contains("type")) {
    const auto& v = j["type"];
    if (!v.is_string() || v.get<std::string>().empty()) throw std::runtime_error("\"type\" must be a non-empty string");
    ScriptStep s;
    s.kind = ScriptStep::Kind::type;
    s.t_ms = t;
    s.argument = v.get<std::string>();
    s.line = line;
    // The JSON parser has checked the UTF-8; a control character has no key to tap.
    for (std::size_t i = 0; i < s.argument.size();) {
      const auto [c, length] = core::decode_utf8(s.argument, i);
      if (c < 0x20 || c == 0x7f) throw std::runtime_error("\"type\" must be text without control characters");
      i += std::max<std::size_t>(length, 1);
    }
    out.push_back(s);
  } else if (j.contains("finger_down") || j.contains("finger_move") || j.contains("finger_up")) {
    need_time("finger_*");
    const char* key = j.contains("finger_down") ? "finger_down" : j.contains("finger_move") ? "finger_move" : "finger_up";
    const auto kind = j.contains("finger_down") ? touch::PointerKind::down
                      : j.contains("finger_move") ? touch::PointerKind::move
                                                  : touch::PointerKind::up;
    const auto& a = j[key];
    if (!a.is_array() || a.size() != 3 || !a[0].is_number_integer())
      throw std::runtime_error(std::string("\"") + key + "\" must be [finger id (integer), x, y]");
    out.push_back(pointer_step(t, kind, a[0].get<std::int64_t>(), coordinate(a[1], key), coordinate(a[2], key), line));
  } else if (j.contains("screenshot") || j.contains("state")) {
    const char* key = j.contains("screenshot") ? "screenshot" : "state";
    if (!j[key].is_string() || j[key].get<std::string>().empty())
      throw std::runtime_error(std::string("\"") + key + "\" must be a file path");
    ScriptStep s;
    s.kind = j.contains("screenshot") ? ScriptStep::Kind::screenshot : ScriptStep::Kind::state;
    s.t_ms = t;
    s.argument = j[key].get<std::string>();
    s.line = line;
    out.push_back(s);
  } else if (j.contains("wait_new_pack") || j.contains("sleep_real") || j.contains("stall")) {
    const char* key = j.contains("wait_new_pack") ? "wait_new_pack" : j.contains("sleep_real") ? "sleep_real" : "stall";
    const auto& v = j[key];
    if (!v.is_number() || v.get<double>() <= 0 || v.get<double>() > 600000)
      throw std::runtime_error(std::string("\"") + key + "\" must be milliseconds (1 to 600000)");
    ScriptStep s;
    s.kind = j.contains("wait_new_pack") ? ScriptStep::Kind::wait_new_pack
             : j.contains("sleep_real")  ? ScriptStep::Kind::sleep_real
                                         : ScriptStep::Kind::stall;
    s.t_ms = t;
    s.timeout_ms = v.get<double>();
    s.line = line;
    out.push_back(s);
  } else if (j.contains("frame_ms")) {
    const auto& v = j["frame_ms"];
    if (!v.is_number() || v.get<double>() < 1 || v.get<double>() > 250)
      throw std::runtime_error("\"frame_ms\" must be milliseconds of virtual time per frame (1 to 250)");
    ScriptStep s;
    s.kind = ScriptStep::Kind::frame_ms;
    s.t_ms = t;
    s.timeout_ms = v.get<double>();
    s.line = line;
    out.push_back(s);
  } else if (j.contains("quit")) {
    ScriptStep s;
    s.kind = ScriptStep::Kind::quit;
    s.t_ms = t;
    s.line = line;
    out.push_back(s);
  } else if (t >= 0 && j.size() == 1) {
    ScriptStep s;
    s.kind = ScriptStep::Kind::wait;
    s.t_ms = t;
    s.line = line;
    out.push_back(s);
  } else {
    throw std::runtime_error(
        "unknown step (expected tap, double_tap, drag, pinch, tap_target, type, finger_down/move/up, wait_new_pack, "
        "sleep_real, stall, frame_ms, screenshot, state, quit or t_ms)");
  }
}

}  // namespace

std::vector<ScriptStep> parse_script(std::istream& in, const std::string& name) {
  std::vector<ScriptStep> out;
  std::string text;
  int line = 0;
  while (std::getline(in, text)) {
    ++line;
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos || text[first] == '#') continue;
    try {
      parse_line(Json::parse(text), line, out);
    } catch (const std::exception& e) {
      throw ScriptError(name + ":" + std::to_string(line) + ": " + e.what());
    }
  }
  return out;
}

std::string to_script_line(const touch::PointerEvent& e) {
  const char* key = e.kind == touch::PointerKind::down ? "finger_down"
                    : e.kind == touch::PointerKind::move ? "finger_move"
                                                         : "finger_up";
  // JSON numbers print in their shortest exact form: the replay sees the very same values.
  nlohmann::ordered_json j;
  j["t_ms"] = e.t_ms;
  j[key] = {e.id, e.x, e.y};
  return j.dump();
}

}  // namespace orpheus::app
