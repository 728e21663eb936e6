// import_iiif: the IIIF cookbook files (ORPHEUS_TESTDATA_DIR/iiif, see ../shared/testdata/SOURCES.md
// section 3) import with their languages, metadata and images, and build into a pack that loads
// back; hostile input is reported with the file and a JSON path, never a crash.
// The images are small pictures generated here under the names the manifests point to.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "media/image.h"
#include "packs/iiif_import.h"
#include "packs/source.h"
#include "support/source_tree.h"
#include "support/temp_dir.h"

using namespace orpheus;
namespace fs = std::filesystem;

namespace {

const fs::path kData = ORPHEUS_TESTDATA_DIR "/iiif";
const std::string k0001 = "cookbook_0001-mvm-image_manifest.json";
const std::string k0005 = "cookbook_0005-image-service_manifest.json";
const std::string k0006 = "cookbook_0006-text-language_manifest.json";
const std::string k0008 = "cookbook_0008-rights_manifest.json";
const std::string k0009 = "cookbook_0009-book-1_manifest.json";
const std::string k0029 = "cookbook_0029-metadata-anywhere_manifest.json";
const std::string k0032 = "cookbook_0032-collection_collection.json";
const std::string k0057 = "cookbook_0057-publishing-v2-and-v3_manifest-v2.json";
const std::string k0117 = "cookbook_0117-add-image-thumbnail_manifest.json";
const std::string k0118 = "cookbook_0118-multivalue_manifest.json";
const std::string k0234 = "cookbook_0234-provider_manifest.json";
const std::string k0283 = "cookbook_0283-missing-image_manifest.json";

bool have_data() {
  if (fs::is_directory(kData)) return true;
  MESSAGE("IIIF cookbook test data not found at " << kData.string() << ": skipped");
  return false;
}

// The local file names the cookbook manifests point to (by URL or image service identifier).
const std::string kGottingen = "918ecd18c2592080851777620de9bcb5-gottingen.jpg";
const std::string kWhistler = "329817fc8a251a01c393f517d8a17d87-Whistlers_Mother.jpg";
const std::string kPage1 = "page1-full.png";
const std::string kBook = "59d09e6773341f28ea166e9f3c1e674f-gallica_ark_12148_bpt6k1526005v_f";  // + 18..22
const std::string kDee = "421e65be2ce95439b3ad6ef1f2ab87a9-dee-";                                // + natural, xray
const std::string kPlaybill = "4f92cceb12dd53b52433425ce44308c7-ucla_bib1987273_no001_rs_001";   // thumbnail; + _full
const std::string kWiki = "1114px-Whistlers_Mother_high_res.jpg";
const std::string kEthiopic = "d3bbf5397c6df6b894c5991195c912ab-";
const std::vector<std::string> kEthiopicPages = {"1-21198-zz001d8m41_774608_master.jpg",
                                                 "3-21198-zz001d8tm5_775004_master.jpg",
                                                 "4-21198-zz001d8tnp_775007_master.jpg"};

// A small picture under `name` in `dir`: PNG for *.png, else JPEG. The width tells files apart.
void picture(const fs::path& dir, const std::string& name, int width = 40, int height = 30) {
  const media::Image img = test::solid(width, height, 180, 120, 60);
  const bool png = name.size() > 4 && name.substr(name.size() - 4) == ".png";
  test::write_bytes(dir / name, png ? media::encode_png(img) : media::encode_jpeg(img, 80));
}

void every_cookbook_picture(const fs::path& dir) {
  picture(dir, kGottingen);
  picture(dir, kWhistler);
  picture(dir, kPage1);
  for (int f = 18; f <= 22; ++f) picture(dir, kBook + std::to_string(f) + ".jpg", 10 + f);
  picture(dir, kDee + "natural.jpg", 50);
  picture(dir, kDee + "xray.jpg", 51);
  picture(dir, kPlaybill + "_full.jpg", 60, 70);
  picture(dir, kPlaybill + ".jpg", 35, 48);
  picture(dir, kWiki);
  for (const auto& p : kEthiopicPages) picture(dir, kEthiopic + p);
}

struct Imported {
  packs::PackSource source;
  std::vector<packs::Problem> problems;
};

Imported import(std::vector<fs::path> inputs, std::vector<fs::path> image_dirs, std::string default_language = "") {
  packs::IiifImportOptions o;
  o.inputs = std::move(inputs);
  o.image_dirs = std::move(image_dirs);
  o.default_language = std::move(default_language);
  Imported im;
  im.source = packs::import_iiif(o, im.problems);
  return im;
}

std::string all(const std::vector<packs::Problem>& problems) {
  std::string s;
  for (const auto& p : problems) s += p.str() + "\n";
  return s;
}

std::vector<packs::Problem> warnings(const std::vector<packs::Problem>& problems) {
  std::vector<packs::Problem> out;
  std::copy_if(problems.begin(), problems.end(), std::back_inserter(out), [](const auto& p) { return p.warning; });
  return out;
}

std::vector<packs::Problem> errors(const std::vector<packs::Problem>& problems) {
  std::vector<packs::Problem> out;
  std::copy_if(problems.begin(), problems.end(), std::back_inserter(out), [](const auto& p) { return !p.warning; });
  return out;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// The problem for `field` whose reason contains `part`, or a failure listing what was reported.
const packs::Problem* find(const std::vector<packs::Problem>& problems, const std::string& field, const std::string& part) {
  for (const auto& p : problems)
    if (p.field == field && contains(p.reason, part)) return &p;
  FAIL_CHECK("no problem '" << field << ": …" << part << "…' among:\n" << all(problems));
  return nullptr;
}

const packs::ItemSource* item(const packs::PackSource& s, const std::string& slug) {
  for (const auto& it : s.items)
    if (it.slug == slug) return &it;
  FAIL_CHECK("no item " << slug);
  return nullptr;
}

const catalog::Item* item(const catalog::Snapshot& s, const std::string& slug) {
  for (const auto& it : s.items)
    if (it.slug == slug) return &it;
  FAIL_CHECK("no item " << slug << " in the pack");
  return nullptr;
}

// Builds the imported source into a real pack file and loads it back.
std::shared_ptr<const catalog::Snapshot> build(const test::TempDir& dir, Imported im) {
  packs::BuildOptions o;
  o.source_dir = im.source.dir;
  o.output = dir / "out/pack.db";
  o.threads = 2;
  const auto r = packs::build_from_source(std::move(im.source), o, std::move(im.problems));
  REQUIRE_MESSAGE(r.ok(), all(r.problems));
  return catalog::load_snapshot(o.output);
}

}  // namespace

TEST_SUITE("IIIF import") {
  TEST_CASE("Language maps keep every language: 0006 text-language") {
    if (!have_data()) return;
    test::TempDir dir;
    picture(dir / "img", kWhistler);
    Imported im = import({kData / k0006}, {dir / "img"});
    CHECK_MESSAGE(im.problems.empty(), all(im.problems));
    const auto& s = im.source;
    CHECK(s.languages == std::vector<std::string>{"en", "fr"});
    CHECK(s.default_language == "en");
    CHECK(s.id == "0006-text-language");
    REQUIRE(s.items.size() == 1);
    const auto& it = s.items[0];
    CHECK(it.slug == "0006-text-language");
    CHECK(it.title.exact("en") == "Whistler's Mother");
    CHECK(it.title.exact("fr") == "La Mère de Whistler");
    CHECK(it.summary.exact("en") == "Arrangement in Grey and Black No. 1, also called Portrait of the Artist's Mother.");
    CHECK(it.summary.exact("fr") == "Arrangement en gris et noir n°1, also called Portrait de la mère de l'artiste.");
    // requiredStatement: label and value; the value in "none" stands for every language.
    CHECK(it.credit.exact("en") == "Held By: Musée d'Orsay, Paris, France");
    CHECK(it.credit.exact("fr") == "Détenu par: Musée d'Orsay, Paris, France");
    REQUIRE(it.metadata.size() == 2);
    CHECK(it.metadata[0].label.exact("en") == "Creator");
    CHECK(it.metadata[0].label.exact("fr") == "Auteur");
    CHECK(it.metadata[0].value.exact("en") == "Whistler, James Abbott McNeill");
    CHECK(it.metadata[0].value.exact("fr") == "Whistler, James Abbott McNeill");
    CHECK(it.metadata[1].label.exact("fr") == "Sujet");
    CHECK(it.metadata[1].value.exact("en") == "McNeill Anna Matilda, mother of Whistler (1804-1881)");
    CHECK(it.metadata[1].value.exact("fr") == "McNeill Anna Matilda, mère de Whistler (1804-1881)");
    REQUIRE(it.images.size() == 1);
    CHECK(it.images[0].resolved == dir / "img" / kWhistler);

    const auto snap = build(dir, std::move(im));
    CHECK(snap->pack.languages == std::vector<std::string>{"en", "fr"});
    CHECK(snap->pack.title.exact("fr") == "La Mère de Whistler");
    REQUIRE(snap->collections.size() == 1);
    CHECK(snap->collections[0].title.exact("en") == "Whistler's Mother");
    const catalog::Item* got = item(*snap, "0006-text-language");
    REQUIRE(got);
    CHECK(got->title.exact("fr") == "La Mère de Whistler");
    CHECK(got->credit.exact("fr") == "Détenu par: Musée d'Orsay, Paris, France");
    REQUIRE(got->metadata.size() == 2);
    CHECK(got->metadata[1].value.exact("fr") == "McNeill Anna Matilda, mère de Whistler (1804-1881)");
    CHECK(got->media.size() == 1);
  }

  TEST_CASE("Several values in one language are joined with semicolons: 0118 multivalue") {
    if (!have_data()) return;
    test::TempDir dir;
    picture(dir / "img", kWiki);
    Imported im = import({kData / k0118}, {dir / "img"});
    CHECK_MESSAGE(im.problems.empty(), all(im.problems));
    // The only manifest label is French: French is the default; English (metadata, summary) follows.
    CHECK(im.source.default_language == "fr");
    CHECK(im.source.languages == std::vector<std::string>{"fr", "en"});
    REQUIRE(im.source.items.size() == 1);
    const auto& it = im.source.items[0];
    CHECK(it.title.exact("fr") == "Arrangement en gris et noir no 1");
    REQUIRE(it.metadata.size() == 1);
    CHECK(it.metadata[0].label.exact("en") == "Alternative titles");
    CHECK(it.metadata[0].value.exact("en") == "Whistler's Mother; Arrangement in Grey and Black No. 1");
    CHECK(it.metadata[0].value.exact("fr") == "Portrait de la mère de l'artiste; La Mère de Whistler");
    CHECK(it.summary.exact("en") ==
          "A painting in oil on canvas created by the American-born painter James McNeill Whistler, in 1871.");
    REQUIRE(it.images.size() == 1);  // found by the last segment of a plain (non Image API) URL
    CHECK(it.images[0].resolved.filename() == kWiki);

    const auto snap = build(dir, std::move(im));
    const catalog::Item* got = item(*snap, "0118-multivalue");
    REQUIRE(got);
    REQUIRE(got->metadata.size() == 1);
    CHECK(got->metadata[0].value.exact("fr") == "Portrait de la mère de l'artiste; La Mère de Whistler");
  }

  TEST_CASE("A default language without a title borrows another language's with a warning") {
    if (!have_data()) return;
    test::TempDir dir;
    picture(dir / "img", kWiki);
    Imported im = import({kData / k0118}, {dir / "img"}, "en");
    CHECK(errors(im.problems).empty());
    CHECK(im.source.default_language == "en");
    CHECK(im.source.languages == std::vector<std::string>{"en", "fr"});
    const auto* p = find(im.problems, "label", "default language 'en'");
    REQUIRE(p);
    CHECK(p->warning);
    CHECK(p->file == kData / k0118);
    CHECK(im.source.items.at(0).title.exact("en") == "Arrangement en gris et noir no 1");
    const auto snap = build(dir, std::move(im));
    CHECK(snap->pack.default_language == "en");
    CHECK(item(*snap, "0118-multivalue")->title.exact("en") == "Arrangement en gris et noir no 1");
  }

  TEST_CASE("Metadata on the manifest and on each canvas: 0029 metadata-anywhere") {
    if (!have_data()) return;
    test::TempDir dir;
    picture(dir / "img", kDee + "natural.jpg", 50);
    picture(dir / "img", kDee + "xray.jpg", 51);
    Imported im = import({kData / k0029}, {dir / "img"});
    CHECK_MESSAGE(im.problems.empty(), all(im.problems));
    const auto* it = item(im.source, "0029-metadata-anywhere");
    REQUIRE(it);
    CHECK(it->title.exact("en") == "John Dee performing an experiment before Queen Elizabeth I.");
    CHECK(it->credit.exact("en") ==
          "Attribution: Wellcome Collection. Attribution-NonCommercial 4.0 International (CC BY-NC 4.0)");
    REQUIRE(it->metadata.size() == 6);
    CHECK(it->metadata[0].label.exact("en") == "Creator");
    CHECK(it->metadata[0].value.exact("en") == "Glindoni, Henry Gillard, 1852-1913");
    CHECK(it->metadata[1].value.exact("en") == "1800-1899");
    CHECK(it->metadata[2].value.exact("en") == "1 painting : oil on canvas ; canvas 152 x 244.4 cm");
    CHECK(it->metadata[3].value.exact("en") == "Wellcome Library no. 47369i");
    // A canvas's metadata follows, its label naming the canvas.
    CHECK(it->metadata[4].label.exact("en") == "Description (Painting under natural light)");
    CHECK(contains(std::string(it->metadata[4].value.exact("en")), "The scene is the house at Mortlake of Dr John Dee"));
    CHECK(it->metadata[5].label.exact("en") == "Description (X-ray view of painting)");
    CHECK(contains(std::string(it->metadata[5].value.exact("en")), "X-rayed in 2015."));
    REQUIRE(it->images.size() == 2);
    CHECK(it->images[0].caption.exact("en") == "Painting under natural light");
    CHECK(it->images[1].caption.exact("en") == "X-ray view of painting");

    const auto snap = build(dir, std::move(im));
    const catalog::Item* got = item(*snap, "0029-metadata-anywhere");
    REQUIRE(got);
    REQUIRE(got->metadata.size() == 6);
    CHECK(got->metadata[5].label.exact("en") == "Description (X-ray view of painting)");
    REQUIRE(got->media.size() == 2);
    CHECK(got->media[0].width == 50);
    CHECK(got->media[1].width == 51);
    CHECK(got->media[1].caption.exact("en") == "X-ray view of painting");
  }

  TEST_CASE("Five canvases become five images in order: 0009 book") {
    if (!have_data()) return;
    test::TempDir dir;
    for (int f = 18; f <= 22; ++f) picture(dir / "img", kBook + std::to_string(f) + ".jpg", 10 + f);
    Imported im = import({kData / k0009}, {dir / "img"});
    CHECK_MESSAGE(im.problems.empty(), all(im.problems));
    const auto snap = build(dir, std::move(im));
    const catalog::Item* got = item(*snap, "0009-book-1");
    REQUIRE(got);
    CHECK(got->title.exact("en") == "Simple Manifest - Book");
    REQUIRE(got->media.size() == 5);
    const char* captions[] = {"Blank page", "Frontispiece", "Title page", "Blank page", "Bookplate"};
    for (int i = 0; i < 5; ++i) {
      CAPTURE(i);
      CHECK(got->media[static_cast<std::size_t>(i)].caption.exact("en") == captions[i]);
      CHECK(got->media[static_cast<std::size_t>(i)].width == 28 + i);  // f18.jpg is 28 px wide, ...
    }
  }

  TEST_CASE("Missing image files are warnings naming the canvas, the URL and the folders") {
    if (!have_data()) return;
    test::TempDir dir;
    fs::create_directories(dir / "empty");
    Imported im = import({kData / k0009}, {dir / "empty"});
    CHECK(errors(im.problems).empty());
    const auto w = warnings(im.problems);
    REQUIRE(w.size() == 5);
    const auto* p = find(w, "items[2].items[1].items[1].body.id", "canvas 'Frontispiece'");
    REQUIRE(p);
    CHECK(p->file == kData / k0009);
    CHECK(contains(p->reason, "https://iiif.io/api/cookbook/recipe/0009-book-1/canvas/p2"));
    CHECK(contains(p->reason, "https://iiif.io/api/image/3.0/example/reference/"
                              "59d09e6773341f28ea166e9f3c1e674f-gallica_ark_12148_bpt6k1526005v_f19/full/max/0/default.jpg"));
    CHECK(contains(p->reason, kBook + "19.jpg"));
    CHECK(contains(p->reason, (dir / "empty").string()));
    CHECK(contains(p->str(), "warning: "));
    // The item is still imported, without images, and the pack builds.
    REQUIRE(im.source.items.size() == 1);
    CHECK(im.source.items[0].images.empty());
    const auto snap = build(dir, std::move(im));
    CHECK(item(*snap, "0009-book-1")->media.empty());
  }

  TEST_CASE("A canvas that paints nothing is a warning: 0283 missing-image") {
    if (!have_data()) return;
    test::TempDir dir;
    for (const auto& p : kEthiopicPages) picture(dir / "img", kEthiopic + p);
    Imported im = import({kData / k0283}, {dir / "img"});
    CHECK(errors(im.problems).empty());
    const auto w = warnings(im.problems);
    REQUIRE_MESSAGE(w.size() == 1, all(im.problems));
    CHECK(w[0].field == "items[2]");
    CHECK(contains(w[0].reason, "canvas 'f. 1v — MISSING'"));
    CHECK(contains(w[0].reason, "https://iiif.io/api/cookbook/recipe/0283-missing-image/canvas/p2"));
    CHECK(contains(w[0].reason, "paints no image"));
    const auto* it = item(im.source, "0283-missing-image");
    REQUIRE(it);
    REQUIRE(it->metadata.size() == 1);
    CHECK(it->metadata[0].label.exact("en") == "Description (f. 1v — MISSING)");
    CHECK(it->metadata[0].value.exact("en") == "Image unavailable or does not exist");

    const auto snap = build(dir, std::move(im));
    const catalog::Item* got = item(*snap, "0283-missing-image");
    REQUIRE(got);
    CHECK(got->title.exact("en") == "Ethiopic Ms 10");
    REQUIRE(got->media.size() == 3);
    CHECK(got->media[0].caption.exact("en") == "f. 1r");
    CHECK(got->media[1].caption.exact("en") == "f. 2r");
    CHECK(got->media[2].caption.exact("en") == "f. 2v");
  }

  TEST_CASE("Image service bodies are found by the service identifier: 0001 and 0005") {
    if (!have_data()) return;
    test::TempDir dir;
    // 0005's identifier with another extension and case, in the second folder: still found.
    picture(dir / "b", "918ECD18C2592080851777620DE9BCB5-GOTTINGEN.PNG", 44);
    picture(dir / "b", kPage1, 45);
    fs::create_directories(dir / "a");
    Imported im = import({kData / k0001, kData / k0005}, {dir / "a", dir / "b"});
    CHECK_MESSAGE(im.problems.size() == 1, all(im.problems));
    find(warnings(im.problems), "title", "titled after the first manifest (\"Single Image Example\")");
    const auto* single = item(im.source, "0001-mvm-image");
    const auto* service = item(im.source, "0005-image-service");
    REQUIRE(single);
    REQUIRE(service);
    CHECK(single->title.exact("en") == "Single Image Example");
    REQUIRE(single->images.size() == 1);
    CHECK(single->images[0].resolved == dir / "b" / kPage1);
    CHECK(single->images[0].caption.empty());
    CHECK(service->title.exact("en") == "Picture of Göttingen taken during the 2019 IIIF Conference");
    REQUIRE(service->images.size() == 1);
    CHECK(service->images[0].resolved == dir / "b" / "918ECD18C2592080851777620DE9BCB5-GOTTINGEN.PNG");
    CHECK(service->images[0].caption.exact("en") == "Canvas with a single IIIF image");
    // A file in an earlier folder wins.
    picture(dir / "a", kGottingen, 46);
    Imported again = import({kData / k0005}, {dir / "a", dir / "b"});
    CHECK(again.source.items.at(0).images.at(0).resolved == dir / "a" / kGottingen);

    const auto snap = build(dir, std::move(im));
    CHECK(item(*snap, "0001-mvm-image")->media.at(0).width == 45);
    CHECK(item(*snap, "0005-image-service")->media.at(0).width == 44);
  }

  TEST_CASE("A 2.x manifest with plain strings: 0057 publishing-v2") {
    if (!have_data()) return;
    test::TempDir dir;
    picture(dir / "img", kPage1);
    // No language anywhere: taken as English, with a warning that says so.
    Imported plain = import({kData / k0057}, {dir / "img"});
    CHECK(errors(plain.problems).empty());
    const auto* p = find(plain.problems, "languages", "taken as 'en'");
    REQUIRE(p);
    CHECK(p->warning);
    CHECK(plain.source.languages == std::vector<std::string>{"en"});

    Imported im = import({kData / k0057}, {dir / "img"}, "bg");
    CHECK_MESSAGE(im.problems.empty(), all(im.problems));
    CHECK(im.source.languages == std::vector<std::string>{"bg"});
    // The "@id" ends in manifest.json as in the cookbook: the slug comes from the recipe folder.
    const auto* it = item(im.source, "0057-publishing-v2-and-v3");
    REQUIRE(it);
    CHECK(it->title.exact("bg") == "IIIF Presentation Version 3 Minimum Viable Manifest");
    REQUIRE(it->images.size() == 1);
    CHECK(it->images[0].caption.exact("bg") == "p. 1");
    CHECK(it->images[0].field == "sequences[1].canvases[1].images[1].resource.@id");
    const auto snap = build(dir, std::move(im));
    CHECK(snap->pack.default_language == "bg");
    const catalog::Item* got = item(*snap, "0057-publishing-v2-and-v3");
    REQUIRE(got);
    CHECK(got->title.exact("bg") == "IIIF Presentation Version 3 Minimum Viable Manifest");
    REQUIRE(got->media.size() == 1);
    CHECK(got->media[0].caption.exact("bg") == "p. 1");
  }

  TEST_CASE("Rights, HTML values and the provider: 0008 and 0234") {
    if (!have_data()) return;
    test::TempDir dir;
    picture(dir / "img", kGottingen);
    picture(dir / "img", kPlaybill + "_full.jpg");
    Imported im = import({kData / k0008, kData / k0234}, {dir / "img"});
    CHECK(errors(im.problems).empty());
    const auto* rights = item(im.source, "0008-rights");
    REQUIRE(rights);
    // HTML (a value that starts with '<' and ends with '>') becomes plain text.
    CHECK(rights->summary.exact("en") == "Picture taken by the IIIF Technical Coordinator");
    CHECK(rights->credit.exact("en") == "Attribution: Glen Robson, IIIF Technical Coordinator. CC BY-SA 3.0");
    REQUIRE(rights->metadata.size() == 1);
    CHECK(rights->metadata[0].label.exact("en") == "Rights");
    CHECK(rights->metadata[0].value.exact("en") == "CC BY-SA 3.0");
    const auto* provider = item(im.source, "0234-provider");
    REQUIRE(provider);
    CHECK(provider->title.exact("en") == "Playbill Cover");
    CHECK(provider->credit.empty());
    REQUIRE(provider->metadata.size() == 1);
    CHECK(provider->metadata[0].label.exact("en") == "Provider");
    CHECK(provider->metadata[0].value.exact("en") == "UCLA Library");
    CHECK(provider->images.at(0).caption.exact("en") == "front cover with color bar");

    const auto snap = build(dir, std::move(im));
    const catalog::Item* got = item(*snap, "0008-rights");
    REQUIRE(got);
    CHECK(got->credit.exact("en") == "Attribution: Glen Robson, IIIF Technical Coordinator. CC BY-SA 3.0");
    CHECK(got->summary.exact("en") == "Picture taken by the IIIF Technical Coordinator");
    REQUIRE(got->metadata.size() == 1);
    CHECK(got->metadata[0].value.exact("en") == "CC BY-SA 3.0");
    CHECK(item(*snap, "0234-provider")->metadata.at(0).value.exact("en") == "UCLA Library");
  }

  TEST_CASE("A thumbnail found locally becomes the item's list picture: 0117") {
    if (!have_data()) return;
    test::TempDir dir;
    picture(dir / "img", kPlaybill + "_full.jpg", 60, 70);
    picture(dir / "img", kPlaybill + ".jpg", 35, 48);
    Imported im = import({kData / k0117}, {dir / "img"});
    CHECK_MESSAGE(im.problems.empty(), all(im.problems));
    const auto* it = item(im.source, "0117-add-image-thumbnail");
    REQUIRE(it);
    CHECK(contains(std::string(it->summary.exact("en")), "Chikugo Theater in Osaka"));
    REQUIRE(it->images.size() == 1);
    CHECK(it->images[0].resolved == dir / "img" / (kPlaybill + "_full.jpg"));
    REQUIRE(it->thumbnail);
    CHECK(it->thumbnail->resolved == dir / "img" / (kPlaybill + ".jpg"));
    CHECK(it->thumbnail->field == "thumbnail[1].id");
    const auto snap = build(dir, std::move(im));
    REQUIRE(item(*snap, "0117-add-image-thumbnail")->media.size() == 1);
    CHECK(item(*snap, "0117-add-image-thumbnail")->media[0].width == 60);

    // Without the thumbnail file: a warning, and the item keeps its image.
    fs::remove(dir / "img" / (kPlaybill + ".jpg"));
    Imported without = import({kData / k0117}, {dir / "img"});
    CHECK(errors(without.problems).empty());
    const auto* p = find(without.problems, "thumbnail[1].id", "thumbnail");
    REQUIRE(p);
    CHECK(p->warning);
    CHECK(!without.source.items.at(0).thumbnail);
    CHECK(without.source.items.at(0).images.size() == 1);
  }

  TEST_CASE("A collection holds the given manifests it lists: 0032 collection") {
    if (!have_data()) return;
    test::TempDir dir;
    // Alone, it lists manifests that are not among the inputs: warnings, and nothing to import.
    Imported alone = import({kData / k0032}, {});
    const auto* p = find(alone.problems, "items[1]", "manifest-01.json");
    REQUIRE(p);
    CHECK(p->warning);
    CHECK(contains(p->reason, "The Gulf Stream"));
    find(alone.problems, "", "lists none of the given manifests");
    find(alone.problems, "", "nothing to import");

    // With the two manifests it lists (written here with the cookbook's ids) and one it does not.
    const std::string base = "https://iiif.io/api/cookbook/recipe/0032-collection/";
    test::write_text(dir / "in/gulf.json", R"({"@context": "http://iiif.io/api/presentation/3/context.json",
      "id": ")" + base + R"(manifest-01.json", "type": "Manifest", "label": {"en": ["The Gulf Stream"]},
      "items": [{"id": "c1", "type": "Canvas", "label": {"en": ["Painting"]}, "items": [{"type": "AnnotationPage",
        "items": [{"type": "Annotation", "motivation": "painting", "body": {"id": "https://example.org/gulf.jpg",
        "type": "Image"}}]}]}]})");
    test::write_text(dir / "in/northeaster.json", R"({"id": ")" + base + R"(manifest-02.json", "type": "Manifest",
      "label": {"en": ["Northeaster"]}, "items": []})");
    picture(dir / "img", "gulf.jpg", 33);
    picture(dir / "img", kPage1);
    Imported im = import({kData / k0032, dir / "in/northeaster.json", dir / "in/gulf.json", kData / k0001}, {dir / "img"});
    CHECK_MESSAGE(im.problems.empty(), all(im.problems));
    const auto& s = im.source;
    CHECK(s.id == "0032-collection");
    CHECK(s.title.exact("en") == "Simple Collection Example");
    REQUIRE(s.collections.size() == 2);
    CHECK(s.collections[0].slug == "0032-collection");
    CHECK(s.collections[0].title.exact("en") == "Simple Collection Example");
    CHECK(s.collections[1].slug == "other");  // manifests no collection lists, titled like the pack
    CHECK(s.collections[1].title.exact("en") == "Simple Collection Example");

    const auto snap = build(dir, std::move(im));
    REQUIRE(snap->collections.size() == 2);
    const auto& listed = snap->collections[0];
    CHECK(listed.slug == "0032-collection");
    REQUIRE(listed.items.size() == 2);  // in the collection's order, not the order of the inputs
    CHECK(snap->items[listed.items[0]].slug == "manifest-01");
    CHECK(snap->items[listed.items[0]].title.exact("en") == "The Gulf Stream");
    CHECK(snap->items[listed.items[0]].media.size() == 1);
    CHECK(snap->items[listed.items[1]].slug == "manifest-02");
    CHECK(snap->items[listed.items[1]].media.empty());
    REQUIRE(snap->collections[1].items.size() == 1);
    CHECK(snap->items[snap->collections[1].items[0]].slug == "0001-mvm-image");
  }

  TEST_CASE("Every cookbook file imports into one pack") {
    if (!have_data()) return;
    test::TempDir dir;
    every_cookbook_picture(dir / "img");
    std::vector<fs::path> inputs;
    for (const auto& f : {k0001, k0005, k0006, k0008, k0009, k0029, k0032, k0057, k0117, k0118, k0234, k0283})
      inputs.push_back(kData / f);
    Imported im = import(inputs, {dir / "img"});
    CHECK_MESSAGE(errors(im.problems).empty(), all(im.problems));
    // Expected warnings: 0032 lists two manifests not given and so is left out; 0283's canvas
    // without an image; 0118 has no English title; the pack is titled after the first manifest.
    const auto w = warnings(im.problems);
    CHECK_MESSAGE(w.size() == 6, all(w));
    find(w, "items[2]", "f. 1v — MISSING");
    find(w, "label", "the 'fr' one is used");
    CHECK(im.source.languages == std::vector<std::string>{"en", "fr"});
    CHECK(im.source.default_language == "en");
    CHECK(im.source.title.exact("en") == "Single Image Example");

    const auto snap = build(dir, std::move(im));
    CHECK(snap->items.size() == 11);
    REQUIRE(snap->collections.size() == 1);
    std::set<std::string> slugs;
    std::size_t media = 0;
    for (const auto& it : snap->items) {
      CAPTURE(it.slug);
      slugs.insert(it.slug);
      CHECK(!it.title.exact("en").empty());
      media += it.media.size();
    }
    CHECK(slugs == std::set<std::string>{"0001-mvm-image", "0005-image-service", "0006-text-language", "0008-rights",
                                         "0009-book-1", "0029-metadata-anywhere", "0057-publishing-v2-and-v3",
                                         "0117-add-image-thumbnail", "0118-multivalue", "0234-provider",
                                         "0283-missing-image"});
    CHECK(media == 18);
    CHECK(item(*snap, "0006-text-language")->title.exact("fr") == "La Mère de Whistler");
    CHECK(item(*snap, "0118-multivalue")->title.exact("fr") == "Arrangement en gris et noir no 1");
    CHECK(item(*snap, "0057-publishing-v2-and-v3")->title.exact("fr") ==
          "IIIF Presentation Version 3 Minimum Viable Manifest");  // no language: every language
  }

  TEST_CASE("A 2.x manifest and collection with language values, HTML, licence and date") {
    test::TempDir dir;
    test::write_text(dir / "in/vase.json", R"({
      "@context": "http://iiif.io/api/presentation/2/context.json",
      "@id": "https://museum.example/iiif/objects/7/manifest",
      "@type": "sc:Manifest",
      "label": [{"@value": "Ваза", "@language": "bg"}, {"@value": "Vase", "@language": "en"}],
      "description": [{"@value": "<p>A <b>gold</b> vase &amp; its lid</p>", "@language": "en"},
                      {"@value": "Златна ваза", "@language": "bg"}],
      "attribution": "Museum Example",
      "license": "http://rightsstatements.org/vocab/InC/1.0/",
      "navDate": "-0349-01-01T00:00:00Z",
      "metadata": [{"label": [{"@value": "Материал", "@language": "bg"}, {"@value": "Material", "@language": "en"}],
                    "value": [{"@value": "злато", "@language": "bg"}, {"@value": "gold", "@language": "en"},
                              {"@value": "silver", "@language": "en"}]}],
      "thumbnail": {"@id": "https://museum.example/thumbs/vase-small.jpg"},
      "sequences": [{"@type": "sc:Sequence", "canvases": [{
        "@id": "https://museum.example/iiif/objects/7/canvas/1", "@type": "sc:Canvas",
        "label": [{"@value": "отпред", "@language": "bg"}, {"@value": "front", "@language": "en"}],
        "images": [{"@type": "oa:Annotation", "motivation": "sc:painting",
          "resource": {"@id": "https://museum.example/iiif/vase%20front/full/full/0/default.jpg",
                       "service": {"@id": "https://museum.example/iiif/vase%20front"}}}]}]}]
    })");
    test::write_text(dir / "in/all.json", R"({
      "@context": "http://iiif.io/api/presentation/2/context.json",
      "@id": "https://museum.example/iiif/collection/gold", "@type": "sc:Collection",
      "label": [{"@value": "Злато", "@language": "bg"}, {"@value": "Gold", "@language": "en"}],
      "description": "The gold room",
      "manifests": [{"@id": "https://museum.example/iiif/objects/7/manifest", "@type": "sc:Manifest"}]
    })");
    picture(dir / "img", "vase front.jpg", 41);
    picture(dir / "img", "vase-small.jpg", 20);
    Imported im = import({dir / "in/all.json", dir / "in/vase.json"}, {dir / "img"}, "bg");
    REQUIRE_MESSAGE(im.problems.size() == 1, all(im.problems));  // the rule for years before 1 CE, said once
    CHECK(im.problems[0].kind == "navDate before 1 CE");
    const auto& s = im.source;
    CHECK(s.languages == std::vector<std::string>{"bg", "en"});
    CHECK(s.id == "gold");
    REQUIRE(s.collections.size() == 1);
    CHECK(s.collections[0].slug == "gold");
    CHECK(s.collections[0].summary.exact("en") == "The gold room");
    const auto* it = item(s, "objects-7");  // "7" alone is too bare: the segment before it joins
    REQUIRE(it);
    CHECK(it->title.exact("bg") == "Ваза");
    CHECK(it->summary.exact("en") == "A gold vase & its lid");
    CHECK(it->credit.exact("bg") == "Museum Example");
    CHECK(it->year_from == -350);
    CHECK(it->year_to == -350);
    REQUIRE(it->metadata.size() == 2);
    CHECK(it->metadata[0].label.exact("bg") == "Материал");
    CHECK(it->metadata[0].value.exact("en") == "gold; silver");
    CHECK(it->metadata[1].label.exact("bg") == "Права");
    CHECK(it->metadata[1].label.exact("en") == "Rights");
    CHECK(it->metadata[1].value.exact("en") == "In Copyright");
    REQUIRE(it->images.size() == 1);
    CHECK(it->images[0].resolved == dir / "img" / "vase front.jpg");
    CHECK(it->images[0].caption.exact("bg") == "отпред");
    REQUIRE(it->thumbnail);
    CHECK(it->thumbnail->resolved == dir / "img" / "vase-small.jpg");

    const auto snap = build(dir, std::move(im));
    const catalog::Item* got = item(*snap, "objects-7");
    REQUIRE(got);
    CHECK(got->year_from == -350);
    CHECK(got->year_to == -350);
    CHECK(got->title.exact("en") == "Vase");
    CHECK(got->credit.exact("en") == "Museum Example");
    CHECK(snap->collections.at(0).title.exact("bg") == "Злато");
  }

  TEST_CASE("navDate gives the year; a bad one is reported") {
    test::TempDir dir;
    auto manifest = [&](const std::string& name, const std::string& nav) {
      test::write_text(dir / "in" / name, R"({"id": "https://example.org/)" + name + R"(", "type": "Manifest",
        "label": {"en": [")" + name + R"("]}, "navDate": )" + nav + R"(, "items": []})");
      return dir / "in" / name;
    };
    Imported im = import({manifest("a", R"("1856-01-01T00:00:00Z")"), manifest("b", R"("soon")"),
                          manifest("c", R"("99999-01-01T00:00:00Z")")},
                         {});
    CHECK(errors(im.problems).empty());
    CHECK(item(im.source, "a")->year_from == 1856);
    CHECK(item(im.source, "a")->year_to == 1856);
    CHECK(!item(im.source, "b")->year_from);
    find(im.problems, "navDate", "'soon' is not a date");
    find(im.problems, "navDate", "out of range");
    const auto snap = build(dir, std::move(im));
    CHECK(item(*snap, "a")->year_from == 1856);

    // ISO 8601 numbering, as XSD 1.1 and IIIF: 0000 is 1 BCE, -0449 is 450 BCE; a curator who
    // wrote -0450 meaning 450 BCE is told how to write it.
    Imported bce = import({manifest("e", R"("-0450-01-01T00:00:00Z")"), manifest("f", R"("0000-06-01T00:00:00Z")"),
                           manifest("g", R"("-0449-01-01T00:00:00Z")")},
                          {});
    CHECK(item(bce.source, "e")->year_from == -451);
    CHECK(item(bce.source, "f")->year_from == -1);
    CHECK(item(bce.source, "g")->year_from == -450);
    const auto* rule = find(bce.problems, "navDate", "'-0450-01-01T00:00:00Z' is 451 BCE: navDate numbers years as ISO 8601 "
                                                     "does, 0000 being 1 BCE; for 450 BCE write -0449");
    REQUIRE(rule);
    CHECK(rule->warning);
    CHECK(rule->kind == "navDate before 1 CE");

    Imported wrong = import({manifest("d", "1856")}, {});
    const auto* p = find(wrong.problems, "navDate", "expected a date string");
    REQUIRE(p);
    CHECK(!p->warning);
  }

  TEST_CASE("Text that is not JSON is an error with the file and the position") {
    test::TempDir dir;
    test::write_text(dir / "bad.json", "{\"id\": \"https://example.org/x\",\n  \"type\": \"Manifest\",,\n}");
    test::write_text(dir / "empty.json", "");
    test::write_text(dir / "binary.json", std::string("{\"label\": \"\xff\xfe\"}"));
    test::write_text(dir / "deep.json", std::string(100000, '[') + std::string(100000, ']'));
    test::write_text(dir / "huge-number.json", R"({"id": "x", "type": "Manifest", "navDate": 1e999})");
    Imported im = import({dir / "bad.json", dir / "empty.json", dir / "binary.json", dir / "deep.json",
                          dir / "absent.json", dir / "huge-number.json"},
                         {});
    const auto e = errors(im.problems);
    REQUIRE_MESSAGE(e.size() == 6, all(im.problems));  // one per file ("nothing to import" would add nothing)
    CHECK(e[0].file == dir / "bad.json");
    CHECK(e[0].line == 2);
    CHECK(e[0].column == 22);  // the second ','
    CHECK(contains(e[0].reason, "not valid JSON"));
    CHECK(contains(e[0].str(), "bad.json:2:22: not valid JSON"));
    CHECK(e[1].file == dir / "empty.json");
    CHECK(e[1].line == 1);
    CHECK(contains(e[1].reason, "not valid JSON"));
    CHECK(e[2].file == dir / "binary.json");
    CHECK(contains(e[2].reason, "not valid JSON"));
    CHECK(e[3].file == dir / "deep.json");
    CHECK(contains(e[3].reason, "nested deeper"));
    CHECK(e[4].file == dir / "absent.json");
    CHECK(contains(e[4].reason, "file not found"));
    CHECK(e[5].file == dir / "huge-number.json");
    CHECK(e[5].reason == "not valid JSON: number overflow parsing '1e999'");
  }

  TEST_CASE("JSON of the wrong shape: every problem at once, with its JSON path") {
    test::TempDir dir;
    test::write_text(dir / "list.json", "[1, 2, 3]");
    test::write_text(dir / "canvas.json", R"({"id": "https://example.org/c", "type": "Canvas"})");
    test::write_text(dir / "shape.json", R"({
      "id": "https://example.org/shape/manifest", "type": "Manifest",
      "label": 5,
      "summary": "not a language map",
      "requiredStatement": ["x"],
      "metadata": [{"label": {"en": ["Only a label"]}}, 7, {"label": {"en": [1]}, "value": {"en": ["v"]}}],
      "rights": 4,
      "items": [{"id": "c1", "type": "Canvas", "items": "x"},
                {"id": "c2", "type": "Canvas", "label": {"en": ["c2"]},
                 "items": [{"type": "AnnotationPage", "items": [{"motivation": "painting", "body": 3}]}]}]
    })");
    Imported im = import({dir / "list.json", dir / "canvas.json", dir / "shape.json"}, {});
    const auto e = errors(im.problems);
    CHECK(find(e, "", "expected a JSON object, got an array"));
    CHECK(find(e, "type", "'Canvas' is not a IIIF manifest or collection"));
    for (const auto& [field, part] : std::vector<std::pair<std::string, std::string>>{
             {"label", "expected a language map"},
             {"summary", "expected a language map"},
             {"requiredStatement", "expected a {label, value} pair, got an array"},
             {"metadata[1].value", "missing"},
             {"metadata[2]", "got a number"},
             {"metadata[3].label.en[1]", "expected a string, got a number"},
             {"rights", "expected a URI string, got a number"},
             {"items[1].items", "expected an array of annotation pages, got a string"},
             {"items[2].items[1].items[1].body", "expected an image"}}) {
      CAPTURE(field);
      const auto* p = find(e, field, part);
      if (p) CHECK(p->file == dir / "shape.json");
    }
    // The wrong label is reported once, not again as a missing title.
    CHECK(std::count_if(e.begin(), e.end(), [](const auto& p) { return p.field == "label"; }) == 1);
  }

  TEST_CASE("A huge label is cut with a warning") {
    test::TempDir dir;
    const std::string huge(1'000'000, 'x');
    test::write_text(dir / "huge.json", R"({"id": "https://example.org/huge", "type": "Manifest",
      "label": {"en": [")" + huge + R"("]}, "summary": {"en": [")" + huge + R"("]}, "items": []})");
    Imported im = import({dir / "huge.json"}, {});
    CHECK(errors(im.problems).empty());
    const auto* p = find(im.problems, "label.en[1]", "1000000 characters cut to 500");
    REQUIRE(p);
    CHECK(p->warning);
    find(im.problems, "summary.en[1]", "cut to 20000");
    const auto& it = im.source.items.at(0);
    CHECK(it.title.exact("en") == std::string(500, 'x') + "…");
    CHECK(it.summary.exact("en").size() == 20000 + std::string("…").size());
    const auto snap = build(dir, std::move(im));
    CHECK(snap->items.at(0).title.exact("en").size() == 503);
  }

  TEST_CASE("Missing ids are warnings; duplicate ids are errors") {
    test::TempDir dir;
    test::write_text(dir / "no-id.json", R"({"type": "Manifest", "label": {"en": ["Nameless"]}, "items": []})");
    test::write_text(dir / "one.json", R"({"id": "https://example.org/same/manifest", "type": "Manifest",
      "label": {"en": ["One"]}, "items": []})");
    test::write_text(dir / "two.json", R"({"id": "https://example.org/same/manifest", "type": "Manifest",
      "label": {"en": ["Two"]}, "items": []})");
    test::write_text(dir / "coll.json", R"({"id": "https://example.org/coll", "type": "Collection",
      "label": {"en": ["C"]}, "items": [{"type": "Manifest", "label": {"en": ["no id"]}},
                                        {"id": "https://example.org/same/manifest/", "type": "Manifest"}]})");
    Imported im = import({dir / "no-id.json", dir / "one.json", dir / "two.json", dir / "coll.json"}, {});
    const auto* missing = find(im.problems, "id", "the item id comes from the file name");
    REQUIRE(missing);
    CHECK(missing->warning);
    CHECK(missing->file == dir / "no-id.json");
    CHECK(item(im.source, "no-id"));
    const auto* dup = find(im.problems, "id", "duplicate manifest id 'https://example.org/same/manifest'");
    REQUIRE(dup);
    CHECK(!dup->warning);
    CHECK(dup->file == dir / "two.json");
    CHECK(contains(dup->reason, (dir / "one.json").string()));
    const auto* ref = find(im.problems, "items[1]", "without an id");
    REQUIRE(ref);
    CHECK(ref->warning);
    // The reference with a trailing '/' still finds its manifest.
    const auto* one = item(im.source, "same");
    REQUIRE(one);
    CHECK(one->title.exact("en") == "One");
    CHECK(one->collection == "coll");
  }

  TEST_CASE("Slugs come from the meaningful end of the id and are unique") {
    test::TempDir dir;
    const std::vector<std::string> ids = {"https://a.example/iiif/book/manifest.json", "https://b.example/book/manifest",
                                          "https://c.example/iiif/2/12345/manifest", "urn:x-museum:Object%20No.%2042"};
    std::vector<fs::path> inputs;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      inputs.push_back(dir / ("m" + std::to_string(i) + ".json"));
      test::write_text(inputs.back(), R"({"id": ")" + ids[i] + R"(", "type": "Manifest", "label": {"en": ["M"]}})");
    }
    Imported im = import(inputs, {});
    CHECK(errors(im.problems).empty());
    std::vector<std::string> slugs;
    for (const auto& it : im.source.items) slugs.push_back(it.slug);
    CHECK(slugs == std::vector<std::string>{"book", "book-2", "12345", "urn-x-museum-object-no-42"});
  }

  TEST_CASE("Slugs transliterate Cyrillic ids and cut long ones after a word") {
    // The importers share one slug rule (packs/text_rules.h): a Cyrillic segment, written or
    // percent-escaped, is as meaningful as a Latin one.
    test::TempDir dir;
    const std::vector<std::string> ids = {
        "https://museum.example/%D0%BF%D1%80%D0%B5%D0%B4%D0%BC%D0%B5%D1%82%D0%B8/%D0%A9%D0%B8%D1%82/manifest.json",
        "https://museum.example/колекция/Ритон от Панагюрище",
        "https://museum.example/the-very-long-name-of-an-object-that-goes-on-and-on-beyond-sixty-characters"};
    std::vector<fs::path> inputs;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      inputs.push_back(dir / ("m" + std::to_string(i) + ".json"));
      test::write_text(inputs.back(), R"({"id": ")" + ids[i] + R"(", "type": "Manifest", "label": {"bg": ["Щит"]}})");
    }
    Imported im = import(inputs, {});
    CHECK_MESSAGE(errors(im.problems).empty(), all(im.problems));
    std::vector<std::string> slugs;
    for (const auto& it : im.source.items) slugs.push_back(it.slug);
    CHECK(slugs == std::vector<std::string>{"shtit", "riton-ot-panagyurishte",
                                            "the-very-long-name-of-an-object-that-goes-on-and-on-beyond"});
  }

  TEST_CASE("Hostile image ids never reach outside the image folders") {
    test::TempDir dir;
    picture(dir.path(), "secret.jpg");
    fs::create_directories(dir / "img");
    test::write_text(dir / "in/m.json", R"({"id": "https://example.org/m", "type": "Manifest", "label": {"en": ["M"]},
      "items": [{"id": "c", "type": "Canvas", "items": [{"type": "AnnotationPage", "items": [
        {"motivation": "painting", "body": {"id": "https://example.org/..%2Fsecret.jpg", "type": "Image"}},
        {"motivation": "painting", "body": {"id": "https://example.org/x/..", "type": "Image",
                                            "service": [{"id": "https://example.org/%2E%2E"}]}},
        {"motivation": "painting", "body": {"id": "https://example.org/video.mp4", "type": "Video"}}]}]}]})");
    Imported im = import({dir / "in/m.json"}, {dir / "img"});
    CHECK(errors(im.problems).empty());
    CHECK(im.source.items.at(0).images.empty());
    CHECK(warnings(im.problems).size() == 3);
    find(im.problems, "items[1].items[1].items[3].body", "a Video, not an image");
  }

  TEST_CASE("Nested collections become collections of their own; an item stays in the first") {
    test::TempDir dir;
    test::write_text(dir / "top.json", R"({"id": "https://ex.org/top", "type": "Collection",
      "label": {"en": ["Top"]}, "items": [
        {"id": "https://ex.org/m/a", "type": "Manifest", "label": {"en": ["A"]}},
        {"id": "https://ex.org/sub", "type": "Collection", "label": {"en": ["Sub"]}, "items": [
          {"id": "https://ex.org/m/b", "type": "Manifest"}, {"id": "https://ex.org/m/a", "type": "Manifest"}]},
        {"id": "https://ex.org/elsewhere", "type": "Collection", "label": {"en": ["Elsewhere"]}}]})");
    // Given as a folder: its *.json files in name order. "und" is as good as no language.
    test::write_text(dir / "ms/a.json", R"({"id": "https://ex.org/m/a", "type": "Manifest",
      "label": {"en": ["A"], "de": ["A auf Deutsch"]}, "items": []})");
    test::write_text(dir / "ms/b.json", R"({"id": "https://ex.org/m/b", "type": "Manifest",
      "label": {"und": ["Bee"]}, "items": []})");
    test::write_text(dir / "ms/notes.txt", "not read");
    Imported im = import({dir / "top.json", dir / "ms"}, {});
    CHECK(errors(im.problems).empty());
    CHECK_MESSAGE(warnings(im.problems).size() == 2, all(im.problems));
    find(im.problems, "items[2].items[2]", "already in collection 'https://ex.org/top'");
    find(im.problems, "items[3]", "lists collection 'https://ex.org/elsewhere' (\"Elsewhere\"), which is not among");
    const auto& s = im.source;
    CHECK(s.languages == std::vector<std::string>{"en", "de"});
    REQUIRE(s.collections.size() == 2);
    CHECK(s.collections[0].slug == "top");
    CHECK(s.collections[1].slug == "sub");
    CHECK(s.collections[1].title.exact("en") == "Sub");
    CHECK(item(s, "m-a")->collection == "top");
    CHECK(item(s, "m-b")->collection == "sub");
    CHECK(item(s, "m-b")->title.exact("de") == "Bee");
    const auto snap = build(dir, std::move(im));
    CHECK(snap->collections.size() == 2);
    CHECK(snap->items.size() == 2);
  }

  TEST_CASE("Options are checked: image folders, default language, no inputs") {
    test::TempDir dir;
    test::write_text(dir / "m.json", R"({"id": "https://example.org/m", "type": "Manifest",
      "label": {"english": ["M"]}, "items": []})");
    Imported im = import({dir / "m.json"}, {dir / "nowhere"}, "not a language");
    find(im.problems, "default language", "not a language code");
    const auto* folder = find(im.problems, "", "image folder not found");
    REQUIRE(folder);
    CHECK(folder->file == dir / "nowhere");
    const auto* key = find(im.problems, "label.english", "not a language code");
    REQUIRE(key);
    CHECK(key->warning);

    Imported none = import({}, {});
    find(none.problems, "", "no IIIF manifest or collection files given");
  }
}
