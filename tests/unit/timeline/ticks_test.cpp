// The axis's ticks: the unit by zoom, labels as historians write them, never colliding.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/utf8.h"
#include "timeline/axis.h"
#include "timeline/ticks.h"

using namespace orpheus::timeline;

namespace {

// About as wide as the kiosk's axis font: 9 px a character.
float measure(std::string_view s) {
  float n = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  return n * 9;
}

std::vector<std::string> texts(const Ticks& t) {
  std::vector<std::string> out;
  for (const auto& l : t.labels) out.push_back(l.text);
  return out;
}

}  // namespace

TEST_SUITE("Time axis ticks") {
  TEST_CASE("Centuries and millennia are named over their spans, in Bulgarian and English") {
    const Ticks en = ticks_of(TickUnit::century, -400, -200, "en");
    CHECK(texts(en) == std::vector<std::string>{"4th century BCE", "3rd century BCE"});
    CHECK(en.marks == std::vector<double>{-400, -300, -200});
    CHECK(en.labels[0].t == -350);
    CHECK(texts(ticks_of(TickUnit::century, -100, 100, "bg")) == std::vector<std::string>{"I в. пр. Хр.", "I в. сл. Хр."});
    CHECK(texts(ticks_of(TickUnit::millennium, -2000, 0, "en")) ==
          std::vector<std::string>{"2nd millennium BCE", "1st millennium BCE"});
  }

  TEST_CASE("A German, French, Russian or Greek axis is labelled in its own language") {
    CHECK(texts(ticks_of(TickUnit::century, -100, 100, "de")) == std::vector<std::string>{"1. Jh. v. Chr.", "1. Jh. n. Chr."});
    CHECK(texts(ticks_of(TickUnit::century, -400, -200, "fr")) ==
          std::vector<std::string>{"IVe siècle av. J.-C.", "IIIe siècle av. J.-C."});
    CHECK(texts(ticks_of(TickUnit::millennium, -2000, 0, "ru")) ==
          std::vector<std::string>{"II тыс. до н. э.", "I тыс. до н. э."});
    CHECK(texts(ticks_of(TickUnit::years10, -10, 10, "el")) == std::vector<std::string>{"10 π.Χ.", "1 μ.Χ.", "10 μ.Χ."});
  }

  TEST_CASE("Year ticks skip the year 0: 10 BCE, 1 CE, 10 CE") {
    const Ticks t = ticks_of(TickUnit::years10, -20, 20, "en");
    CHECK(texts(t) == std::vector<std::string>{"20 BCE", "10 BCE", "1 CE", "10 CE", "20 CE"});
    CHECK(t.marks == std::vector<double>{-20, -10, 0, 9, 19});
    CHECK(texts(ticks_of(TickUnit::year, -2, 2, "en")) == std::vector<std::string>{"2 BCE", "1 BCE", "1 CE", "2 CE"});
    CHECK(texts(ticks_of(TickUnit::years5, -400, -390, "bg")) ==
          std::vector<std::string>{"400 г. пр. Хр.", "395 г. пр. Хр."});
  }

  TEST_CASE("The unit follows the zoom: millennia far out, single years close in") {
    const auto unit_at = [](double px_per_year) {
      return choose_ticks(-3000, 2000, px_per_year, "en", measure, 16).unit;
    };
    CHECK(unit_at(0.05) == TickUnit::millennium);
    CHECK(unit_at(3) == TickUnit::century);
    CHECK(unit_at(10) == TickUnit::years10);
    CHECK(unit_at(20) == TickUnit::years5);
    CHECK(unit_at(200) == TickUnit::year);
  }

  TEST_CASE("Labels never collide, at any zoom, in any language") {
    for (const char* lang : {"en", "bg", "de", "fr", "ru", "el"})
      for (double ppy = 0.01; ppy < 400; ppy *= 1.19) {
        CAPTURE(lang);
        CAPTURE(ppy);
        // What a screen of 1920 px shows around 350 BC, and around the turn of the era.
        for (double centre : {-350.0, 0.0}) {
          const double half = 960 / ppy;
          const Ticks t = choose_ticks(centre - half, centre + half, ppy, lang, measure, 16);
          REQUIRE_FALSE(t.labels.empty());
          for (std::size_t i = 1; i < t.labels.size(); ++i) {
            const double gap = (t.labels[i].t - t.labels[i - 1].t) * ppy -
                               (measure(t.labels[i].text) + measure(t.labels[i - 1].text)) / 2;
            CHECK(gap >= 16 - 1e-6);
          }
        }
      }
  }
}
