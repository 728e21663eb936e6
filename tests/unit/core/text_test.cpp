#include <doctest/doctest.h>

#include <string_view>

#include "core/text.h"
#include "core/utf8.h"

using orpheus::core::ascii_lower;
using orpheus::core::ascii_lowered;
using orpheus::core::ascii_upper;
using orpheus::core::count_code_points;
using orpheus::core::hex_value;
using orpheus::core::trim;
using namespace std::string_view_literals;

TEST_SUITE("core text helpers") {
  TEST_CASE("trim strips space, tab, CR and LF at both ends, nothing inside and nothing else") {
    CHECK(trim("") == "");
    CHECK(trim(" \t\r\n") == "");
    CHECK(trim(" \t msgid \"x\"\r\n") == "msgid \"x\"");
    CHECK(trim("a b\tc") == "a b\tc");                   // inside: kept
    CHECK(trim("\f\va\v\f") == "\f\va\v\f");             // form feed, vertical tab: not white space here
    CHECK(trim("\xC2\xA0x\xC2\xA0") == "\xC2\xA0x\xC2\xA0");  // nor U+00A0
    CHECK(trim("\0 x \0"sv) == "\0 x \0"sv);             // NUL is not space
    // A view into the same characters, not a copy.
    constexpr std::string_view s = "  key  ";
    CHECK(trim(s).data() == s.data() + 2);
    static_assert(trim("\n ab \t") == "ab");
  }

  TEST_CASE("hex_value: 0-15 for a hex digit in either case, -1 for anything else") {
    CHECK(hex_value('0') == 0);
    CHECK(hex_value('9') == 9);
    CHECK(hex_value('a') == 10);
    CHECK(hex_value('f') == 15);
    CHECK(hex_value('A') == 10);
    CHECK(hex_value('F') == 15);
    for (const char c : {'g', 'G', 'x', ' ', '/', ':', '@', '`', '\0', '\xC3', '\xFF'}) {
      CAPTURE(static_cast<int>(static_cast<unsigned char>(c)));
      CHECK(hex_value(c) == -1);
    }
    int digits = 0;
    for (int c = -128; c < 128; ++c) digits += hex_value(static_cast<char>(c)) >= 0;
    CHECK(digits == 22);
    static_assert(hex_value('b') == 11 && hex_value('z') == -1);
  }

  TEST_CASE("ASCII case: A-Z and a-z only, UTF-8 bytes and everything else as they are") {
    CHECK(ascii_lower('A') == 'a');
    CHECK(ascii_lower('Z') == 'z');
    CHECK(ascii_lower('a') == 'a');
    CHECK(ascii_lower('@') == '@');
    CHECK(ascii_lower('[') == '[');
    CHECK(ascii_upper('a') == 'A');
    CHECK(ascii_upper('z') == 'Z');
    CHECK(ascii_upper('`') == '`');
    CHECK(ascii_upper('{') == '{');
    CHECK(ascii_lowered("IMG_01.JPEG") == "img_01.jpeg");
    CHECK(ascii_lowered("\xC3\x89T\xC3\x89") == "\xC3\x89t\xC3\x89");  // "ÉTÉ": É is not ASCII
    CHECK(ascii_lowered("\xD0\x90") == "\xD0\x90");                  // Cyrillic А
    CHECK(ascii_lowered("") == "");
  }

  TEST_CASE("count_code_points counts the bytes that start a code point") {
    CHECK(count_code_points("") == 0);
    CHECK(count_code_points("abc") == 3);
    CHECK(count_code_points("\xD0\x9F\xD0\xB0\xD0\xBD") == 3);      // "Пан"
    CHECK(count_code_points("\xE2\x80\xA6") == 1);                  // "…"
    CHECK(count_code_points("\xF0\x9F\x8F\x9B x") == 3);           // "🏛 x"
    CHECK(count_code_points("\x80\x80") == 0);                      // stray continuations: not counted
    CHECK(count_code_points("\xC3") == 1);                          // a truncated sequence: one
  }
}
