#pragma once
// Text that comes from elsewhere (CSV cells, IIIF values) made safe to show: valid UTF-8, no
// control characters, no markup. Pure functions, any thread.
#include <string>
#include <string_view>

namespace orpheus::packs {

// Plain text as it is, cleaned: invalid UTF-8 becomes U+FFFD, CR LF and lone CR become LF,
// tabs become spaces, other control characters (C0, DEL, C1) and U+FEFF are dropped, spaces
// at line ends and white space at the start and end are removed.
std::string sanitize_text(std::string_view text);

// HTML reduced to plain text: tags dropped (script/style/comment content with them), block
// elements (p, div, br, li, h1-h6, tr, blockquote, ...) start a new line, a paragraph a blank
// line, table cells are apart by a space, runs of white space collapse to one space, character
// references (&amp; &#1046; &#x416; and the common named ones; &#128;-&#159; as Windows-1252,
// as browsers read them) decoded; then sanitize_text().
std::string html_to_text(std::string_view html);

// True if `text` contains a tag (<p, </b, <!--, <br/>) or a character reference (&amp;, &#39;).
bool looks_like_html(std::string_view text);

// html_to_text() when looks_like_html(), else sanitize_text(): for fields that may hold either.
std::string to_plain_text(std::string_view text);

}  // namespace orpheus::packs
