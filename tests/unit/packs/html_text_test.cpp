#include <doctest/doctest.h>

#include <string>

#include "packs/html_text.h"

using orpheus::packs::html_to_text;
using orpheus::packs::looks_like_html;
using orpheus::packs::sanitize_text;
using orpheus::packs::to_plain_text;

namespace {
const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD
const std::string kNbsp = "\xC2\xA0";
}  // namespace

TEST_SUITE("HTML text") {
  TEST_CASE("Sanitizing keeps plain text as it is") {
    CHECK(sanitize_text("Златен ритон с глава на елен") == "Златен ритон с глава на елен");
    CHECK(sanitize_text("Ἀθηνᾶ, 5 × 3 cm, 🏺") == "Ἀθηνᾶ, 5 × 3 cm, 🏺");
    CHECK(sanitize_text("a  b") == "a  b");  // runs of spaces inside a line are not HTML's to collapse
    CHECK(sanitize_text("first\n\nsecond") == "first\n\nsecond");
    CHECK(sanitize_text("a\n  indented") == "a\n  indented");
    CHECK(sanitize_text("a" + kNbsp + "b") == "a" + kNbsp + "b");
    CHECK(sanitize_text("") == "");
  }

  TEST_CASE("Sanitizing replaces invalid UTF-8 with U+FFFD, one per bad byte") {
    CHECK(sanitize_text("a\xFF" "b") == "a" + kReplacement + "b");
    CHECK(sanitize_text("Ren\xE9") == "Ren" + kReplacement);                           // Latin-1 é
    CHECK(sanitize_text("\xC0\xAF") == kReplacement + kReplacement);                  // overlong '/'
    CHECK(sanitize_text("\xED\xA0\x80") == kReplacement + kReplacement + kReplacement);  // a surrogate
    CHECK(sanitize_text("\xF4\x90\x80\x80").find("\xF4") == std::string::npos);        // above U+10FFFF
    CHECK(sanitize_text("x\xE2\x82") == "x" + kReplacement + kReplacement);            // truncated €
    CHECK(sanitize_text("\xE2\x82\xAC") == "€");
  }

  TEST_CASE("Sanitizing unifies line ends and turns tabs into spaces") {
    CHECK(sanitize_text("a\r\nb\rc\nd") == "a\nb\nc\nd");
    CHECK(sanitize_text("a\r\n\r\nb") == "a\n\nb");
    CHECK(sanitize_text("a\tb") == "a b");
  }

  TEST_CASE("Sanitizing drops control characters and byte order marks") {
    CHECK(sanitize_text("a\x01" "b\x1B[31mc") == "ab[31mc");
    CHECK(sanitize_text(std::string("a\0b", 3)) == "ab");
    CHECK(sanitize_text("a\x7F" "b") == "ab");
    CHECK(sanitize_text("a\xC2\x85" "b\xC2\x9F" "c") == "abc");  // C1 controls
    CHECK(sanitize_text("\xEF\xBB\xBFtitle") == "title");
    CHECK(sanitize_text("ti\xEF\xBB\xBFtle") == "title");
  }

  TEST_CASE("Sanitizing trims line ends and the whole text") {
    CHECK(sanitize_text("  a  ") == "a");
    CHECK(sanitize_text("a   \nb \t\nc") == "a\nb\nc");
    CHECK(sanitize_text("\n\n  a\n\n") == "a");
    CHECK(sanitize_text(" \t\r\n ") == "");
  }

  TEST_CASE("Paragraphs become blank lines, line breaks new lines") {
    CHECK(html_to_text("<p>Първи абзац.</p><p>Втори абзац.</p>") == "Първи абзац.\n\nВтори абзац.");
    CHECK(html_to_text("<p>a</p>\n\n   <p>b</p>") == "a\n\nb");
    CHECK(html_to_text("<p>a<p>b") == "a\n\nb");  // unclosed paragraphs
    CHECK(html_to_text("a<br>b<br/>c<br />d<BR>e") == "a\nb\nc\nd\ne");
    CHECK(html_to_text("a<br><br>b") == "a\n\nb");
    CHECK(html_to_text("a<br><br><br><br>b") == "a\n\nb");  // never more than one blank line
    CHECK(html_to_text("<P>a<BR>b</P>") == "a\nb");
    CHECK(html_to_text("<br><p>a</p><br>") == "a");  // no breaks at either end
  }

  TEST_CASE("Block elements start new lines and headings new paragraphs") {
    CHECK(html_to_text("<div>a</div><div>b</div>") == "a\nb");
    CHECK(html_to_text("<h2>Находка</h2>Открита през 1949 г.") == "Находка\n\nОткрита през 1949 г.");
    CHECK(html_to_text("Intro<ul><li>one</li><li>two</li></ul>after") == "Intro\n\none\ntwo\n\nafter");
    CHECK(html_to_text("<ol>\n  <li>one</li>\n  <li>two</li>\n</ol>") == "one\ntwo");
    CHECK(html_to_text("<blockquote>quoted</blockquote>text") == "quoted\n\ntext");
    CHECK(html_to_text("a<hr>b") == "a\nb");
    CHECK(html_to_text("<dl><dt>Material</dt><dd>gold</dd></dl>") == "Material\ngold");
  }

  TEST_CASE("Table cells are separated, rows are lines") {
    CHECK(html_to_text("<table><tr><th>Height</th><th>Weight</th></tr><tr><td>12 cm</td><td>690 g</td></tr></table>") ==
          "Height Weight\n12 cm 690 g");
  }

  TEST_CASE("Inline elements leave the text joined and white space collapses") {
    CHECK(html_to_text("<b>зл</b>ато") == "злато");
    CHECK(html_to_text("<em>a</em> <strong>b</strong>") == "a b");
    CHECK(html_to_text("a \n\t  b") == "a b");
    CHECK(html_to_text("<p>   spaced   out   </p>") == "spaced out");
    CHECK(html_to_text("<span class=\"x\">a</span><span>b</span>") == "ab");
    CHECK(html_to_text("<a href=\"https://example.org/?a=1&amp;b=2\">link</a> text") == "link text");
  }

  TEST_CASE("Scripts and styles are removed with their content") {
    CHECK(html_to_text("a<script>alert('x')</script>b") == "ab");
    CHECK(html_to_text("a<SCRIPT type=\"text/javascript\">document.write('<p>x</p>')</SCRIPT>b") == "ab");
    CHECK(html_to_text("<script>var s = '</p>';</script>ok") == "ok");
    CHECK(html_to_text("<style>p { color: red }</style><p>text</p>") == "text");
    CHECK(html_to_text("safe<script>never closed") == "safe");
    CHECK(html_to_text("<script src=\"x.js\"></script >after") == "after");
  }

  TEST_CASE("Comments, doctype and Word markup leave nothing behind") {
    CHECK(html_to_text("a<!-- hidden <p>b</p> -->c") == "ac");
    CHECK(html_to_text("a<!-- never closed") == "a");
    CHECK(html_to_text("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><p>x</p></body></html>") == "x");
    CHECK(html_to_text("<p class=MsoNormal>Text<o:p></o:p></p>") == "Text");
    CHECK(html_to_text("<![CDATA[x < y & z]]>") == "x < y & z");
  }

  TEST_CASE("Attributes may hold a closing angle bracket inside quotes") {
    CHECK(html_to_text("<a title=\"a>b\" data-x='c>d'>link</a>") == "link");
  }

  TEST_CASE("Character references are decoded") {
    CHECK(html_to_text("&amp; &lt; &gt; &quot; &apos;") == "& < > \" '");
    CHECK(html_to_text("&#1046;&#x416;&#X416;") == "ЖЖЖ");
    CHECK(html_to_text("a&nbsp;b") == "a" + kNbsp + "b");
    CHECK(html_to_text("&laquo;Тракия&raquo; &ndash; &bdquo;злато&ldquo; &hellip;") == "«Тракия» – „злато“ …");
    CHECK(html_to_text("&copy; 2024 &numero; 5") == "© 2024 № 5");
    CHECK(html_to_text("hy&shy;phen") == "hyphen");  // a soft hyphen is only a hint
  }

  TEST_CASE("Unknown and broken character references stay as text") {
    CHECK(html_to_text("<p>&foo; &amp</p>") == "&foo; &amp");
    CHECK(html_to_text("<p>&#x; &#12a;</p>") == "&#x; &#12a;");
    CHECK(html_to_text("<p>Tom & Jerry</p>") == "Tom & Jerry");
  }

  TEST_CASE("Numeric references to nothing become U+FFFD") {
    CHECK(html_to_text("&#0;") == kReplacement);
    CHECK(html_to_text("&#xD800;") == kReplacement);
    CHECK(html_to_text("&#x110000;") == kReplacement);
    CHECK(html_to_text("&#9999999;") == kReplacement);
  }

  TEST_CASE("Numeric references 128 to 159 are Windows-1252, as in browsers") {
    CHECK(html_to_text("It&#146;s &#147;gold&#148; &#150; &#128;5") == "It’s “gold” – €5");
    CHECK(html_to_text("&#129;") == kReplacement);  // unassigned in Windows-1252
  }

  TEST_CASE("A less-than sign that starts no tag is text") {
    CHECK(html_to_text("<p>a < b</p>") == "a < b");
    CHECK(html_to_text("<p>height <5 cm, I <3 it</p>") == "height <5 cm, I <3 it");
    CHECK(html_to_text("<p>x<5cm and y>3</p>") == "x<5cm and y>3");
    CHECK(html_to_text("a </ b") == "a </ b");
    CHECK(html_to_text("end <") == "end <");
  }

  TEST_CASE("HTML output is sanitized too") {
    CHECK(html_to_text("<p>a\x01" "b</p>") == "ab");
    CHECK(html_to_text("<p>Ren\xE9</p>") == "Ren" + kReplacement);
    CHECK(html_to_text("<p>a&#x1;b</p>") == "ab");
    CHECK(html_to_text("\xEF\xBB\xBF<p>x</p>") == "x");
  }

  TEST_CASE("Markup is recognised by tags and character references") {
    CHECK(looks_like_html("<p>x</p>"));
    CHECK(looks_like_html("a<br/>b"));
    CHECK(looks_like_html("<BR>"));
    CHECK(looks_like_html("text</b>"));
    CHECK(looks_like_html("<!-- note -->"));
    CHECK(looks_like_html("Tom &amp; Jerry"));
    CHECK(looks_like_html("it&#39;s"));
    CHECK(looks_like_html("it&#x27;s"));
  }

  TEST_CASE("Plain text with angle brackets or ampersands is not markup") {
    CHECK_FALSE(looks_like_html(""));
    CHECK_FALSE(looks_like_html("Златен ритон"));
    CHECK_FALSE(looks_like_html("a < b"));
    CHECK_FALSE(looks_like_html("5<6"));
    CHECK_FALSE(looks_like_html("a <= b"));
    CHECK_FALSE(looks_like_html("I <3 it"));
    CHECK_FALSE(looks_like_html("<"));
    CHECK_FALSE(looks_like_html("Tom & Jerry"));
    CHECK_FALSE(looks_like_html("AT&T"));
    CHECK_FALSE(looks_like_html("R&D; more"));
    CHECK_FALSE(looks_like_html("&"));
  }

  TEST_CASE("To plain text converts markup and only markup") {
    CHECK(to_plain_text("<p>Златен <b>ритон</b></p>") == "Златен ритон");
    CHECK(to_plain_text("a  b\r\nc ") == "a  b\nc");  // plain: spaces kept, only sanitized
    CHECK(to_plain_text("a  b &amp; c") == "a b & c");  // markup: white space collapses
    CHECK(to_plain_text("Tom & Jerry <3") == "Tom & Jerry <3");
    CHECK(to_plain_text("x<script>steal()</script>y") == "xy");
    CHECK(to_plain_text("") == "");
  }
}
