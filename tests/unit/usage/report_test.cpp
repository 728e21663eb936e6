// The report across institutions (kiosk/usage/report.h): exports read from files and folders, the
// trusted kiosks, sums and ranks with known answers, overlapping exports counted once, titles in
// the page's language, and the page itself (numbers, escaping, both languages, nothing fetched).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <numeric>
#include <string>

#include "support/synthetic_usage.h"
#include "usage/report.h"
#include "usage_files.h"

using namespace orpheus;
using namespace orpheus::test;

namespace {

// The export as a report gets it: signed, then read back.
usage::SourcedExport signed_export(const usage::Export& e, const KioskKey& key, const std::string& file) {
  return {file, usage::parse_export(usage::export_text(e, key.secret), file)};
}

bool contains(const std::string& page, const std::string& text) { return page.find(text) != std::string::npos; }

std::size_t index_of(const usage::Report& r, const std::string& name) {
  for (std::size_t i = 0; i < r.institutions.size(); ++i)
    if (r.institutions[i].name == name) return i;
  FAIL("no institution " << name);
  return 0;
}

std::size_t measure(usage::Measure m) {
  return static_cast<std::size_t>(std::find(usage::kMeasures.begin(), usage::kMeasures.end(), m) - usage::kMeasures.begin());
}

// Two museums and a kiosk that names none (see usage_files.h for a known day's numbers):
// Museum A: kiosk A1 10 + 20 visits (45..60 s), A2 30 visits (90..120 s); Museum B: B1 8 visits
// (20..30 s); no institution: U1 4 visits (45..60 s).
struct Network {
  TempDir dir;
  KioskKey a1 = kiosk_key(dir, "a1"), a2 = kiosk_key(dir, "a2"), b1 = kiosk_key(dir, "b1"), u1 = kiosk_key(dir, "u1");
  std::vector<usage::SourcedExport> exports() const {
    return {signed_export(known_export("A1", "Museum A", {known_day("2027-03-01", 10), known_day("2027-03-02", 20)}), a1, "a1.json"),
            signed_export(known_export("A2", "Museum A", {known_day("2027-03-01", 30, 6)}), a2, "a2.json"),
            signed_export(known_export("B1", "Museum B", {known_day("2027-03-01", 8, 2)}), b1, "b1.json"),
            signed_export(known_export("U1", "", {known_day("2027-03-02", 4)}), u1, "u1.json")};
  }
};

}  // namespace

TEST_SUITE("Usage report") {
  TEST_CASE("Sums per institution and kiosk, with known answers") {
    Network n;
    const usage::Report r = usage::build_report({n.exports(), {}, std::nullopt});
    REQUIRE(r.institutions.size() == 3);
    CHECK(r.institutions[0].name == "Museum A");
    CHECK(r.institutions[1].name == "Museum B");
    CHECK(r.institutions[2].name.empty());  // the unnamed last
    CHECK(r.from == "2027-03-01");
    CHECK(r.to == "2027-03-02");
    CHECK(r.exports == 4);
    CHECK(r.kiosks == 4);
    CHECK(r.total.sessions == 72);
    CHECK(r.total.days == 5);

    const auto& a = r.institutions[0];
    REQUIRE(a.kiosks.size() == 2);
    CHECK(a.kiosks[0].info.name == "A1");
    CHECK(a.kiosks[0].total.sessions == 30);
    CHECK(a.kiosks[0].info.id == n.a1.public_key.id());
    CHECK(a.total.sessions == 60);
    CHECK(a.total.open_hours == 24);
    CHECK(*a.total.sessions_per_open_hour() == doctest::Approx(2.5));
    CHECK(a.total.median_session_s() == 60);  // 30 in 45..60 s, 30 in 90..120 s: the middle at 60
    CHECK(*a.total.objects_per_session() == doctest::Approx(3.0));
    CHECK(*a.total.dwell_per_view_s() == doctest::Approx(30.0));
    CHECK(a.total.main_language() == "bg");
    CHECK(a.total.languages.at("bg") == 46);
    CHECK(*a.total.other_language_share() == doctest::Approx(14.0 / 60));
    CHECK(*a.total.accessibility_per_100() == doctest::Approx(10.0));
    CHECK(*a.total.searches_empty_share() == doctest::Approx(0.25));
    REQUIRE(a.days.size() == 2);
    CHECK(a.days[0].sessions == 40);
    CHECK(a.days[0].kiosks == 2);
    CHECK(a.days[1].sessions == 20);
    REQUIRE(a.objects.size() == 2);
    CHECK(a.objects[0].slug == "amphora");
    CHECK(a.objects[0].views == 120);
    CHECK(a.objects[0].sessions == 60);
    CHECK(a.objects[1].views == 60);
    REQUIRE(a.queries.size() == 1);
    CHECK(a.queries[0].key == "злато");
    CHECK(a.queries[0].count == 15);
    CHECK(a.events_opened[0].count == 3);

    CHECK(r.institutions[1].total.median_session_s() == 25);  // 8 in 20..30 s
    CHECK(r.institutions[2].total.median_session_s() == 53);  // 4 in 45..60 s: 52.5, rounded
  }

  TEST_CASE("Kiosks and institutions are listed by name as people sort them") {
    TempDir dir;
    std::vector<usage::SourcedExport> exports;
    for (const char* name : {"Kiosk 10", "Kiosk 2", "Kiosk 1"})
      exports.push_back(signed_export(known_export(name, "Museum 10", {known_day("2027-03-01", 3)}), kiosk_key(dir, name), "x.json"));
    exports.push_back(signed_export(known_export("K", "Museum 9", {known_day("2027-03-01", 3)}), kiosk_key(dir, "k"), "y.json"));
    const usage::Report r = usage::build_report({std::move(exports), {}, std::nullopt});
    REQUIRE(r.institutions.size() == 2);
    CHECK(r.institutions[0].name == "Museum 9");
    const auto& kiosks = r.institutions[1].kiosks;
    REQUIRE(kiosks.size() == 3);
    CHECK(kiosks[0].info.name == "Kiosk 1");
    CHECK(kiosks[1].info.name == "Kiosk 2");
    CHECK(kiosks[2].info.name == "Kiosk 10");
  }

  TEST_CASE("Members are ranked on each measure, equal values sharing a rank") {
    Network n;
    const usage::Report r = usage::build_report({n.exports(), {}, std::nullopt});
    const std::size_t a = index_of(r, "Museum A"), b = index_of(r, "Museum B"), u = index_of(r, "");
    const auto rank = [&](std::size_t i, usage::Measure m) { return r.ranks[i][measure(m)].rank; };
    CHECK(rank(a, usage::Measure::sessions) == 1);
    CHECK(rank(b, usage::Measure::sessions) == 2);
    CHECK(rank(u, usage::Measure::sessions) == 3);
    CHECK(rank(a, usage::Measure::sessions_per_open_hour) == 1);
    CHECK(rank(u, usage::Measure::sessions_per_open_hour) == 3);
    CHECK(rank(a, usage::Measure::median_session_s) == 1);
    CHECK(rank(u, usage::Measure::median_session_s) == 2);
    CHECK(rank(b, usage::Measure::median_session_s) == 3);
    for (const auto i : {a, b, u}) CHECK(rank(i, usage::Measure::objects_per_session) == 1);
    CHECK(rank(b, usage::Measure::other_languages) == 1);  // 25 % each for B and the unnamed, 23.3 % for A
    CHECK(rank(u, usage::Measure::other_languages) == 1);
    CHECK(rank(a, usage::Measure::other_languages) == 3);
    CHECK(rank(a, usage::Measure::accessibility_per_100) == 1);
    CHECK(rank(b, usage::Measure::accessibility_per_100) == 2);
    CHECK(rank(u, usage::Measure::accessibility_per_100) == 2);
    CHECK(usage::lower_is_better(usage::Measure::searches_empty_share));
  }

  TEST_CASE("Overlapping exports of one kiosk: each day counted once, from the newest export") {
    TempDir dir;
    const auto k = kiosk_key(dir, "k");
    std::vector<usage::DaySummary> early, late;
    for (const char* d : {"2027-03-01", "2027-03-02", "2027-03-03", "2027-03-04", "2027-03-05"}) early.push_back(known_day(d, 10));
    for (const char* d : {"2027-03-04", "2027-03-05", "2027-03-06", "2027-03-07", "2027-03-08"}) late.push_back(known_day(d, 20));
    auto older = known_export("Hall", "Museum", early, "2027-03-10T08:00:00Z");
    auto newer = known_export("Hall (renamed)", "Museum", late, "2027-03-20T08:00:00Z");
    older.objects["amphora"]["en"] = "Amphora, old title";
    const auto e1 = signed_export(older, k, "march-1.json"), e2 = signed_export(newer, k, "march-2.json");

    for (const bool newer_first : {false, true}) {
      CAPTURE(newer_first);
      const usage::Report r = usage::build_report({newer_first ? std::vector{e2, e1} : std::vector{e1, e2}, {}, std::nullopt});
      REQUIRE(r.institutions.size() == 1);
      REQUIRE(r.institutions[0].kiosks.size() == 1);
      const auto& kiosk = r.institutions[0].kiosks[0];
      CHECK(kiosk.total.days == 8);
      CHECK(kiosk.total.sessions == 3 * 10 + 5 * 20);
      CHECK(r.days_replaced == 2);
      CHECK(r.exports == 2);
      CHECK(kiosk.info.name == "Hall (renamed)");
      CHECK(kiosk.files == std::vector<std::string>{"march-2.json", "march-1.json"});
      CHECK(usage::title_in(r.institutions[0].objects[0], "en") == "Amphora-rhyton");  // the newer export's
    }
    // From files, read on two threads: the same, whichever is read first (the older file is read
    // again if its days were summed before the newer came).
    write_text(dir / "march-1.json", usage::export_text(older, k.secret));
    write_text(dir / "march-2.json", usage::export_text(newer, k.secret));
    for (const auto& files : {std::vector{dir / "march-1.json", dir / "march-2.json"}, std::vector{dir / "march-2.json", dir / "march-1.json"}}) {
      const usage::Report r = usage::report_from_files(files, std::nullopt, 2);
      CHECK(r.total.sessions == 3 * 10 + 5 * 20);
      CHECK(r.days_replaced == 2);
      CHECK(r.institutions[0].kiosks[0].files == std::vector<std::string>{(dir / "march-2.json").string(), (dir / "march-1.json").string()});
    }
    // The same `created`: the later file wins.
    auto twin = newer;
    twin.created = older.created;
    const usage::Report r = usage::build_report({{e1, signed_export(twin, k, "twin.json")}, {}, std::nullopt});
    CHECK(r.institutions[0].kiosks[0].total.sessions == 3 * 10 + 5 * 20);
  }

  TEST_CASE("Titles in the page's language, else English, else any, else the slug") {
    usage::ObjectRow row{"amphora", {{"bg", "Амфора"}, {"en", "Amphora"}, {"de", "Amphore"}}, 1, 1, 1};
    CHECK(usage::title_in(row, "bg") == "Амфора");
    CHECK(usage::title_in(row, "fr") == "Amphora");
    row.titles = {{"de", "Amphore"}};
    CHECK(usage::title_in(row, "bg") == "Amphore");
    row.titles = {{"bg", ""}};
    CHECK(usage::title_in(row, "bg") == "amphora");
    row.titles.clear();
    CHECK(usage::title_in(row, "en") == "amphora");

    // In a report: an item no export names keeps its slug.
    TempDir dir;
    const auto k = kiosk_key(dir, "k");
    auto day = known_day("2027-03-01", 6);
    day.items.push_back({"mystery-object", 1, 5, 1});
    const usage::Report r = usage::build_report({{signed_export(known_export("K", "M", {day}), k, "k.json")}, {}, std::nullopt});
    const auto& objects = r.institutions[0].objects;
    REQUIRE(objects.size() == 3);
    CHECK(usage::title_in(objects[1], "bg") == "Phiale");  // no Bulgarian title: the English one
    CHECK(usage::title_in(objects[2], "bg") == "mystery-object");
  }

  TEST_CASE("With a trusted list, other kiosks' exports are left out and listed") {
    Network n;
    const usage::Report r = usage::build_report({n.exports(), {{"gone.json", "cannot be read"}}, std::vector{n.a1.public_key, n.a2.public_key}});
    CHECK(r.trusted_list);
    CHECK(r.exports == 2);
    REQUIRE(r.institutions.size() == 1);
    CHECK(r.total.sessions == 60);
    REQUIRE(r.untrusted.size() == 2);
    CHECK(r.untrusted[0].file == "b1.json");
    CHECK(r.untrusted[0].kiosk.id == n.b1.public_key.id());
    CHECK(r.refused.size() == 1);
  }

  TEST_CASE("Files: folders stand for their exports; bad ones are refused with the reason; trusted keys from files") {
    TempDir dir;
    const auto k = kiosk_key(dir, "k");
    write_text(dir / "in" / "b.json", usage::export_text(known_export("B", "M", {known_day("2027-03-02", 3)}), k.secret));
    write_text(dir / "in" / "a.json", usage::export_text(known_export("A", "M", {known_day("2027-03-01", 3)}), k.secret));
    write_text(dir / "in" / "c.json", "{}");
    write_text(dir / "in" / "notes.txt", "not an export");
    const auto files = usage::export_files({dir / "in", dir / "missing.json"});
    REQUIRE(files.size() == 4);
    CHECK(files[0] == dir / "in" / "a.json");
    CHECK(files[3] == dir / "missing.json");

    const auto checked = usage::check_exports(files, 2);
    REQUIRE(checked.size() == 4);
    CHECK(checked[0].reason.empty());
    CHECK(checked[0].days == 1);
    CHECK(checked[0].header.kiosk.name == "A");
    CHECK(checked[2].reason == "not an Orpheus usage export (no \"format\": \"orpheus-usage\")");

    const auto read = usage::read_exports(files, 2);
    REQUIRE(read.exports.size() == 2);
    CHECK(read.exports[0].file == (dir / "in" / "a.json").string());
    CHECK(read.exports[1].data.kiosk.name == "B");
    REQUIRE(read.refused.size() == 2);
    CHECK(read.refused[0].file == (dir / "in" / "c.json").string());
    CHECK(read.refused[0].reason == "not an Orpheus usage export (no \"format\": \"orpheus-usage\")");
    CHECK(read.refused[1].reason == "cannot be read: No such file or directory");

    const auto other = kiosk_key(dir, "other");
    write_text(dir / "list.txt", "# the kiosks of Museum M\n\n  " + other.public_key.text() + "  \n");
    const auto trusted = usage::read_trusted_kiosks({dir / "keys", dir / "list.txt"});  // keys/: k.pub, other.pub
    REQUIRE(trusted.size() == 3);
    CHECK(trusted[0] == k.public_key);
    CHECK(trusted[2] == other.public_key);
    write_text(dir / "bad.txt", "# ok\n" + other.public_key.text() + "\nnot a key\n");
    CHECK_THROWS_AS(usage::read_trusted_kiosks({dir / "bad.txt"}), trust::TrustError);
    try {
      usage::read_trusted_kiosks({dir / "bad.txt"});
    } catch (const trust::TrustError& e) {
      CHECK(std::string(e.what()).rfind((dir / "bad.txt").string() + ":3: ", 0) == 0);
    }
  }
}

TEST_SUITE("Usage report page") {
  TEST_CASE("The page holds the tables' numbers, in English and in Bulgarian") {
    Network n;
    const usage::Report r = usage::build_report({n.exports(), {}, std::nullopt});
    const std::string en = usage::render_html(r, "en");
    CHECK(contains(en, "<html lang=\"en\">"));
    CHECK(contains(en, "Period: 1\u00A0Mar\u00A02027 – 2\u00A0Mar\u00A02027"));
    CHECK(contains(en, "<b>72</b><span>Visits</span>"));
    CHECK(contains(en, "<tr><td class=\"l\">1\u00A0Mar\u00A02027</td><td>40</td><td>120</td><td>2</td><td>20.0</td></tr>"));
    CHECK(contains(en, "<td>2.5<span class=\"rank first\""));  // Museum A's visits per open hour
    CHECK(contains(en, "<b>1\u00A0min</b><span>Median visit length</span>"));
    CHECK(contains(en, "<td>1\u00A0min 45\u00A0s</td>"));  // A2's median: 30 visits in 90..120 s
    CHECK(contains(en, "Unnamed institution"));
    CHECK(contains(en, "<td class=\"l\">Amphora-rhyton</td><td>120</td><td>60</td><td>30\u00A0s</td>"));

    const std::string bg = usage::render_html(r, "bg");
    CHECK(contains(bg, "<html lang=\"bg\">"));
    CHECK(contains(bg, "Период: 01.03.2027 – 02.03.2027"));
    CHECK(contains(bg, "<b>72</b><span>Посещения</span>"));
    CHECK(contains(bg, "<tr><td class=\"l\">01.03.2027</td><td>40</td><td>120</td><td>2</td><td>20,0</td></tr>"));
    CHECK(contains(bg, "<td>2,5<span class=\"rank first\""));
    CHECK(contains(bg, "Средна продължителност"));
    CHECK(contains(bg, "Институция без име"));
    CHECK(contains(bg, "<td class=\"l\">Амфора-ритон</td>"));
    CHECK(contains(bg, "<td class=\"l\">Phiale</td>"));  // no Bulgarian title

    for (const std::string* page : {&en, &bg}) {
      // Self-contained: no script, nothing to fetch.
      CHECK_FALSE(contains(*page, "<script"));
      CHECK_FALSE(contains(*page, "http:"));
      CHECK_FALSE(contains(*page, "https:"));
      CHECK_FALSE(contains(*page, "url("));
      CHECK_FALSE(contains(*page, "<link"));
      CHECK_FALSE(contains(*page, "<img"));
      CHECK(contains(*page, "<svg class=\"chart\""));
      CHECK(contains(*page, "@media print"));
    }
  }

  TEST_CASE("Every text from an export or a file name is escaped") {
    TempDir dir;
    const auto k = kiosk_key(dir, "k");
    auto e = known_export("\"quoted\" 'kiosk'", "A & B <Museum>", {known_day("2027-03-01", 6)});
    e.objects["amphora"] = {{"en", "<script>alert(1)</script>"}};
    e.days[0].queries = {{"<b>bold</b>", 5}};
    e.days[0].events_opened = {{"<i>event</i>", 2}};
    e.days[0].languages = {{"<xx>", 6}};
    const usage::Report r =
        usage::build_report({{signed_export(e, k, "k.json")}, {{"bad<1>.json", "odd & \"wrong\""}, {"caf\xe9.json", "x"}}, std::nullopt});
    for (const char* lang : {"en", "bg"}) {
      const std::string page = usage::render_html(r, lang);
      CHECK_FALSE(contains(page, "<script"));
      CHECK_FALSE(contains(page, "<b>bold"));
      CHECK_FALSE(contains(page, "<i>event"));
      CHECK_FALSE(contains(page, "<xx>"));
      CHECK(contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
      CHECK(contains(page, "A &amp; B &lt;Museum&gt;"));
      CHECK(contains(page, "&quot;quoted&quot; &#39;kiosk&#39;"));
      CHECK(contains(page, "bad&lt;1&gt;.json"));
      CHECK(contains(page, "odd &amp; &quot;wrong&quot;"));
      CHECK(contains(page, "caf\uFFFD.json"));  // a Latin-1 file name: not UTF-8
    }
  }

  TEST_CASE("A synthetic network renders whole in both languages, its visits summed") {
    SyntheticUsage set;
    set.institutions = 3, set.kiosks = 2, set.days = 120;
    TempDir dir;
    std::vector<usage::SourcedExport> exports;
    std::int64_t sessions = 0;
    for (int i = 0; i < set.institutions; ++i)
      for (int k = 0; k < set.kiosks; ++k) {
        const auto e = synthetic_export(set, i, k);
        for (const auto& d : e.days) sessions += d.sessions;
        exports.push_back(signed_export(e, kiosk_key(dir, std::to_string(i) + "-" + std::to_string(k)), "x.json"));
      }
    const usage::Report r = usage::build_report({std::move(exports), {}, std::nullopt});
    CHECK(r.total.sessions == sessions);
    CHECK(r.institutions.size() == 3);
    for (const char* lang : {"en", "bg"}) {
      const std::string page = usage::render_html(r, lang);
      CHECK(page.size() < 400'000);
      for (std::size_t i = 1; i <= 3; ++i) CHECK(contains(page, "<section class=\"institution\" id=\"m" + std::to_string(i) + "\">"));
    }
    // Four months: weeks in the charts, months in the tables.
    const std::string en = usage::render_html(r, "en");
    CHECK(contains(en, "Visits per week"));
    CHECK(contains(en, "<tr><td class=\"l\">January\u00A02027</td>"));
    CHECK(contains(en, "Visits per month, by kiosk"));
  }
}
