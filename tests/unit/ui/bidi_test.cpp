// Right-to-left lines in the order ImGui draws them (left to right): FriBidi's reordering and
// Arabic joining, and the fast path for text that has no right-to-left letter.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ui/bidi.h"

using namespace orpheus::ui;

TEST_SUITE("Bidirectional text") {
  TEST_CASE("Only right-to-left letters and marks need reordering") {
    CHECK_FALSE(has_rtl(""));
    CHECK_FALSE(has_rtl("Tea bowl"));
    CHECK_FALSE(has_rtl("Жълтица, Ἀθῆναι, Խաչքար, ოთხთავი, ጸሎት, 不二山"));
    CHECK(has_rtl("Torah pointer (יד)"));
    CHECK(has_rtl("بركة"));
    CHECK(has_rtl("\u200F"));   // a right-to-left mark alone
    CHECK(has_rtl("\uFEFC"));   // a presentation form
    CHECK_FALSE(has_rtl("\xD7"));  // a truncated sequence is no letter
  }

  TEST_CASE("Text without right-to-left letters comes back unchanged") {
    for (const char* s : {"", "Tea bowl named 不二山 (Fuji-san)", "IV–III в. пр. Хр.", "1885"}) CHECK(visual_line(s) == s);
  }

  TEST_CASE("Hebrew is reversed, numbers and Latin words in it stay left to right") {
    CHECK(visual_line("שלום") == "םולש");
    CHECK(visual_line("עמוד 12 מתוך 30") == "30 ךותמ 12 דומע");
    CHECK(visual_line("שנת 1885") == "1885 תנש");
    CHECK(visual_line("כתובת ABC") == "ABC תבותכ");
  }

  TEST_CASE("Brackets are mirrored inside right-to-left runs") {
    // Logical "(" opens the run on its right-hand side: drawn as ")" at the far right, and so on.
    CHECK(visual_line("(שלום)") == "(םולש)");
    CHECK(visual_line("„חזק ואמץ“") == "“ץמאו קזח„");
  }

  TEST_CASE("Arabic letters are joined into their presentation forms") {
    // سلام: seen initial, lam-alef ligature (final: it follows seen), meem isolated (alef does not
    // join to the left); drawn right to left.
    CHECK(visual_line("سلام") == "\uFEE1\uFEFC\uFEB3");
    // بركة: beh initial, reh final (reh joins only to the right), kaf initial, teh marbuta final.
    CHECK(visual_line("بركة") == "\uFE94\uFEDB\uFEAE\uFE91");
    // Arabic-Indic and European digits keep their order.
    CHECK(visual_line("سنة 950") == "950 \uFE94\uFEE8\uFEB3");
  }

  TEST_CASE("A line follows the direction of the paragraph it was wrapped from") {
    CHECK(visual_line("ABC שלום") == "ABC םולש");                   // its own: left to right
    CHECK(visual_line("ABC שלום", Direction::rtl) == "םולש ABC");   // the second line of a Hebrew paragraph
    CHECK(visual_line("שלום ABC", Direction::ltr) == "םולש ABC");
  }

  TEST_CASE("Direction marks and joiners are left out: they have no glyph") {
    CHECK(visual_line("\u200Fשלום\u200E") == "םולש");
    CHECK(visual_line("ש\u200Dל") == "לש");
  }

  TEST_CASE("A paragraph's direction is that of its first strong letter") {
    CHECK(paragraph_direction("") == Direction::ltr);
    CHECK(paragraph_direction("Kufic: البركة") == Direction::ltr);
    CHECK(paragraph_direction("البركة لصاحبه, blessing") == Direction::rtl);
    CHECK(paragraph_direction("1885 שנת") == Direction::rtl);  // digits are weak
    CHECK(paragraph_direction("12 34") == Direction::ltr);
  }

  TEST_CASE("Remembered lines come back the same") {
    const std::string first = visual_line("כתבי העולם");
    for (int i = 0; i < 1000; ++i) visual_line("שורה " + std::to_string(i));  // more than the memo holds
    CHECK(visual_line("כתבי העולם") == first);
    CHECK(first == "םלועה יבתכ");
  }

  TEST_CASE("A word marked in the logical line is found where it is drawn") {
    const auto visual_of = [](std::string_view line, std::string_view word, Direction dir) {
      const std::size_t at = line.find(word);
      REQUIRE(at != std::string_view::npos);
      const std::string shown = visual_line(line, dir);
      std::vector<std::string> parts;
      for (const ByteRange& r : visual_ranges(line, dir, at, at + word.size())) parts.push_back(shown.substr(r.begin, r.end - r.begin));
      return parts;
    };
    using Parts = std::vector<std::string>;
    CHECK(visual_ranges("Thracian gold", Direction::ltr, 9, 13) == std::vector<ByteRange>{{9, 13}});
    CHECK(visual_of("שלום עולם", "עולם", Direction::rtl) == Parts{"םלוע"});  // drawn first, on the left
    CHECK(visual_ranges("שלום עולם", Direction::rtl, 9, 17) == std::vector<ByteRange>{{0, 8}});
    CHECK(visual_of("מוזיאון Tate לונדון", "Tate", Direction::rtl) == Parts{"Tate"});
    CHECK(visual_of("Tate מוזיאון לונדון", "Tate", Direction::ltr) == Parts{"Tate"});
    // Across the boundary of a Latin and a Hebrew run: one range each, where each is drawn.
    CHECK(visual_of("Tate מוזיאון", "e מו", Direction::ltr) == Parts{"e ", "ומ"});
    // Arabic joined forms keep one place per letter; a lam-alef ligature counts once.
    const Parts salam = visual_of("السلام عليكم", "عليكم", Direction::rtl);
    REQUIRE(salam.size() == 1);
    CHECK(visual_line("عليكم", Direction::rtl) == salam.front());
    CHECK(visual_ranges("abc", Direction::ltr, 2, 2).empty());
  }
}
