#include <doctest/doctest.h>

#include <sstream>

#include "app/replay_script.h"

using namespace orpheus::app;
using orpheus::touch::PointerKind;

namespace {
std::vector<ScriptStep> parse(const std::string& text) {
  std::istringstream in(text);
  return parse_script(in, "s.jsonl");
}
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const ScriptError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_SUITE("Replay script") {
  TEST_CASE("A tap becomes a press and a release 60 ms later") {
    const auto s = parse(R"({"t_ms": 100, "tap": [10, 20]})");
    REQUIRE(s.size() == 2);
    CHECK(s[0].pointer.kind == PointerKind::down);
    CHECK(s[0].t_ms == 100);
    CHECK(s[0].pointer.x == 10);
    CHECK(s[1].pointer.kind == PointerKind::up);
    CHECK(s[1].t_ms == 160);
  }

  TEST_CASE("A drag interpolates moves every 16 ms and ends at its end point") {
    const auto s = parse(R"({"t_ms": 0, "drag": [0, 0, 0, 320], "ms": 320})");
    REQUIRE(s.size() == 22);  // down, 20 moves, up
    CHECK(s.front().pointer.kind == PointerKind::down);
    CHECK(s[10].pointer.y == doctest::Approx(160));
    CHECK(s.back().pointer.kind == PointerKind::up);
    CHECK(s.back().pointer.y == 320);
    CHECK(s.back().t_ms == 320);
  }

  TEST_CASE("Commands, waits, raw finger events and comments") {
    const auto s = parse("# a comment\n\n"
                         R"({"t_ms": 5, "finger_down": [3, 1, 2]})" "\n"
                         R"({"t_ms": 900})" "\n"
                         R"({"screenshot": "a.png"})" "\n"
                         R"({"state": "s.json"})" "\n"
                         R"({"t_ms": 950, "tap_target": "lang.en"})" "\n"
                         R"({"quit": true})");
    REQUIRE(s.size() == 6);
    CHECK(s[0].pointer.id == 3);
    CHECK(s[0].line == 3);
    CHECK(s[1].kind == ScriptStep::Kind::wait);
    CHECK(s[2].kind == ScriptStep::Kind::screenshot);
    CHECK(s[2].argument == "a.png");
    CHECK(s[2].t_ms < 0);
    CHECK(s[3].kind == ScriptStep::Kind::state);
    CHECK(s[4].kind == ScriptStep::Kind::tap_target);
    CHECK(s[4].argument == "lang.en");
    CHECK(s[5].kind == ScriptStep::Kind::quit);
  }

  TEST_CASE("A double tap is two taps 150 ms apart") {
    const auto s = parse(R"({"t_ms": 100, "double_tap": [5, 6]})");
    REQUIRE(s.size() == 4);
    CHECK(s[0].t_ms == 100);
    CHECK(s[1].t_ms == 160);
    CHECK(s[2].t_ms == 250);
    CHECK(s[2].pointer.kind == PointerKind::down);
    CHECK(s[3].pointer.kind == PointerKind::up);
    CHECK(s[3].pointer.y == 6);
  }

  TEST_CASE("A pinch moves two fingers apart on a line through its centre") {
    const auto s = parse(R"({"t_ms": 0, "pinch": [500, 300, 100, 300], "ms": 160})");
    REQUIRE(s.size() == 2 + 2 * 10 + 2);
    CHECK(s[0].pointer.id == 0);
    CHECK(s[0].pointer.x == 450);
    CHECK(s[1].pointer.id == 1);
    CHECK(s[1].pointer.x == 550);
    CHECK(s[1].pointer.y == 300);
    const auto& last = s[s.size() - 1];
    CHECK(last.pointer.kind == PointerKind::up);
    CHECK(last.pointer.x == 650);
    CHECK(s[s.size() - 2].pointer.x == 350);
    CHECK(last.t_ms == 160);
  }

  TEST_CASE("tap_target may be optional") {
    const auto s = parse(R"({"t_ms": 1, "tap_target": "nav.home", "if_present": true})" "\n" R"({"t_ms": 2, "tap_target": "x"})");
    CHECK(s[0].if_present);
    CHECK_FALSE(s[1].if_present);
  }

  TEST_CASE("type keeps its text whole, with or without a time") {
    const auto s = parse(R"({"type": "Ротон 2"})" "\n" R"({"t_ms": 40, "type": "a"})");
    REQUIRE(s.size() == 2);
    CHECK(s[0].kind == ScriptStep::Kind::type);
    CHECK(s[0].argument == "Ротон 2");
    CHECK(s[0].t_ms < 0);
    CHECK(s[0].line == 1);
    CHECK(s[1].kind == ScriptStep::Kind::type);
    CHECK(s[1].argument == "a");
    CHECK(s[1].t_ms == 40);
  }

  TEST_CASE("A recorded event reads back as exactly the same event") {
    using orpheus::touch::PointerEvent;
    for (const PointerEvent e : {PointerEvent{1016.6666666666666, PointerKind::down, 7, 933.33331f, 0.1f},
                                 PointerEvent{3.25, PointerKind::move, -1, -20000.5f, 1e5f},
                                 PointerEvent{123456.789, PointerKind::up, 4294967301, 1919.99f, 1079.01f}}) {
      const auto line = to_script_line(e);
      CAPTURE(line);
      const auto s = parse(line);
      REQUIRE(s.size() == 1);
      CHECK(s[0].t_ms == e.t_ms);
      CHECK(s[0].pointer.t_ms == e.t_ms);
      CHECK(s[0].pointer.kind == e.kind);
      CHECK(s[0].pointer.id == e.id);
      CHECK(s[0].pointer.x == e.x);
      CHECK(s[0].pointer.y == e.y);
    }
  }

  TEST_CASE("Bad lines are reported with file and line") {
    CHECK(error_of("{\"quit\":true}\n{nope") .rfind("s.jsonl:2: ", 0) == 0);
    CHECK(error_of(R"({"tap": [1, 2]})").find("needs \"t_ms\"") != std::string::npos);
    CHECK(error_of(R"({"t_ms": 1, "tap": [1]})").find("array of 2 numbers") != std::string::npos);
    CHECK(error_of(R"({"t_ms": -4})").find("between 0 and") != std::string::npos);
    CHECK(error_of(R"({"t_ms": 1, "finger_down": [1.5, 2, 3]})").find("finger id (integer)") != std::string::npos);
    CHECK(error_of(R"({"t_ms": 1, "tap": [1e300, 2]})").find("within") != std::string::npos);
    CHECK(error_of(R"({"t_ms": 1, "drag": [0, 0, 1, 1], "ms": 1e30})").find("\"ms\"") != std::string::npos);
    CHECK(error_of(R"({"t_ms": 1, "pinch": [0, 0, 0, 100]})").find("positive") != std::string::npos);
    CHECK(error_of(R"({"t_ms": 1, "tap_target": "x", "if_present": 1})").find("if_present") != std::string::npos);
    CHECK(error_of(R"({"type": ""})") == "s.jsonl:1: \"type\" must be a non-empty string");
    CHECK(error_of(R"({"type": 3})").find("non-empty string") != std::string::npos);
    CHECK(error_of(R"({"type": ["a"]})").find("non-empty string") != std::string::npos);
    CHECK(error_of(R"({"type": "a\bc"})").find("control characters") != std::string::npos);
    CHECK(error_of(R"({"type": "a\nb"})").find("control characters") != std::string::npos);
    CHECK(error_of(R"({"t_ms": 1, "jump": 3})").find("unknown step") != std::string::npos);
    CHECK(error_of(R"({"t_ms": 1, "jump": 3})").find("type") != std::string::npos);
    CHECK(error_of(R"({"screenshot": ""})").find("file path") != std::string::npos);
    CHECK(error_of("[1,2]").find("JSON object") != std::string::npos);
  }
}
