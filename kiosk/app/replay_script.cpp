#include "app/replay_script.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace orpheus::app {
namespace {

using Json = nlohmann::json;
constexpr double kTapHoldMs = 60;
constexpr double kMoveIntervalMs = 16;

float number(const Json& v, const char* what) {
  if (!v.is_number()) throw std::runtime_error(std::string(what) + " must be a number");
  const double d = v.get<double>();
  if (!std::isfinite(d)) throw std::runtime_error(std::string(what) + " must be finite");
  return static_cast<float>(d);
}

std::vector<float> numbers(const Json& v, const char* key, std::size_t n) {
  if (!v.is_array() || v.size() != n)
    throw std::runtime_error(std::string("\"") + key + "\" must be an array of " + std::to_string(n) + " numbers");
  std::vector<float> out;
  for (const auto& x : v) out.push_back(number(x, key));
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
    if (t < 0) throw std::runtime_error("t_ms must not be negative");
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
    if (ms <= 0) throw std::runtime_error("\"ms\" must be positive");
    out.push_back(pointer_step(t, touch::PointerKind::down, kScriptPointer, p[0], p[1], line));
    const int steps = std::max(1, static_cast<int>(ms / kMoveIntervalMs));
    for (int i = 1; i <= steps; ++i) {
      const float a = static_cast<float>(i) / static_cast<float>(steps);
      out.push_back(pointer_step(t + ms * a, touch::PointerKind::move, kScriptPointer, p[0] + (p[2] - p[0]) * a,
                                 p[1] + (p[3] - p[1]) * a, line));
    }
    out.push_back(pointer_step(t + ms, touch::PointerKind::up, kScriptPointer, p[2], p[3], line));
  } else if (j.contains("tap_target")) {
    need_time("tap_target");
    if (!j["tap_target"].is_string()) throw std::runtime_error("\"tap_target\" must be a string");
    ScriptStep s;
    s.kind = ScriptStep::Kind::tap_target;
    s.t_ms = t;
    s.argument = j["tap_target"].get<std::string>();
    s.line = line;
    out.push_back(s);
  } else if (j.contains("finger_down") || j.contains("finger_move") || j.contains("finger_up")) {
    need_time("finger_*");
    const char* key = j.contains("finger_down") ? "finger_down" : j.contains("finger_move") ? "finger_move" : "finger_up";
    const auto kind = j.contains("finger_down") ? touch::PointerKind::down
                      : j.contains("finger_move") ? touch::PointerKind::move
                                                  : touch::PointerKind::up;
    const auto p = numbers(j[key], key, 3);
    out.push_back(pointer_step(t, kind, static_cast<std::int64_t>(p[0]), p[1], p[2], line));
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
    throw std::runtime_error("unknown step (expected tap, drag, tap_target, finger_down/move/up, screenshot, state, quit or t_ms)");
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

}  // namespace orpheus::app
