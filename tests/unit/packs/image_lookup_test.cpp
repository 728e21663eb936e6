// The one rule by which the CSV and the IIIF importer find a picture named by web address.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "packs/image_lookup.h"
#include "support/temp_dir.h"

using namespace orpheus;
using packs::detail::ImageFolders;
using packs::detail::image_names;
namespace fs = std::filesystem;
using Names = std::vector<std::string>;

TEST_SUITE("Image lookup") {
  TEST_CASE("An ordinary web address gives its last path segment, decoded first") {
    CHECK(image_names("http://www.tate.org.uk/art/images/work/A/A00/A00023_8.jpg") == Names{"A00023_8.jpg"});
    CHECK(image_names("https://example.org/pics/vase%20front.jpg?w=200#top") == Names{"vase front.jpg", "vase%20front.jpg"});
    CHECK(image_names("https://example.org/") == Names{});
    CHECK(image_names("https://example.org") == Names{});
  }

  TEST_CASE("An IIIF Image API address or service gives its identifier with the usual extensions") {
    CHECK(image_names("https://iiif.io/api/image/3.0/example/reference/abc-gottingen/full/max/0/default.jpg") ==
          Names{"abc-gottingen.jpg", "abc-gottingen.jpeg", "abc-gottingen.png", "abc-gottingen"});
    CHECK(image_names("https://example.org/iiif/x/full/!200,200/90/gray.png") ==
          Names{"x.png", "x.jpg", "x.jpeg", "x"});
    packs::detail::ImageNames n;
    n.add_service("https://example.org/iiif/page%201/info.json");
    CHECK(n.names() == Names{"page 1.jpg", "page%201.jpg", "page 1.jpeg", "page%201.jpeg", "page 1.png", "page%201.png",
                             "page 1", "page%201"});
  }

  TEST_CASE("A name that would be a path is never a candidate") {
    CHECK(image_names("https://example.org/a/%2E%2E") == Names{"%2E%2E"});
    CHECK(image_names("https://example.org/a/..%2Fsecret.jpg") == Names{"..%2Fsecret.jpg"});
    CHECK(image_names("https://example.org/a/x%5Cy.jpg") == Names{"x%5Cy.jpg"});
  }

  TEST_CASE("Folders are searched in order, exact names before other letter case") {
    test::TempDir dir;
    test::write_text(dir / "one/Photo.JPG", "1");
    test::write_text(dir / "two/photo.jpg", "2");
    test::write_text(dir / "two/sub/deep.jpg", "3");
    const ImageFolders folders({dir / "one", dir / "two", dir / "none"});
    CHECK(folders.find({"photo.jpg"}) == dir / "one/Photo.JPG");  // the first folder wins, in any case
    const ImageFolders second_first({dir / "two", dir / "one"});
    CHECK(second_first.find({"Photo.JPG"}) == dir / "two/photo.jpg");
    CHECK(folders.find({"deep.jpg"}).empty());  // not in sub-folders
    CHECK(folders.missing() == std::vector<fs::path>{dir / "none"});
    CHECK(folders.looked_for({"a.jpg", "a.png"}) ==
          "(looked for a.jpg (or .png) in " + (dir / "one").string() + ", " + (dir / "two").string() + ")");
    CHECK(ImageFolders({}).looked_for({"a.jpg"}) == "(looked for a.jpg, but no image folders were given)");
  }

  TEST_CASE("Web addresses are told from file names") {
    CHECK(packs::detail::is_web_address("http://x/a.jpg"));
    CHECK(packs::detail::is_web_address("HTTPS://x/a.jpg"));
    CHECK_FALSE(packs::detail::is_web_address("photos/a.jpg"));
    CHECK_FALSE(packs::detail::is_web_address("ftp://x/a.jpg"));
    CHECK_FALSE(packs::detail::is_web_address("http:"));
  }
}
