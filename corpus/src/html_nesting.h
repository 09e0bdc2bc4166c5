// How deep gumbo would nest an HTML document, from one linear scan of its tags.
#pragma once

#include <cstddef>
#include <string_view>

namespace tracuu::corpus {

// The greatest depth of the stack of open elements (html and body included) that the HTML5
// tree builder reaches on `html`, estimated by a tokenizer's view of the tags and the builder's
// rules for elements closed implicitly (p, li, td, ...; end tags that do not match, formatting
// elements). Gumbo has no depth limit of its own (0.10.1): its scope checks walk the whole stack
// (quadratic time in depth) and its tree is freed recursively, so a document is refused before
// parsing when this passes the limit. Stops scanning, and returns, as soon as it is over
// `stop_above`. Linear in the size of `html` times the depth reached.
std::size_t html_nesting_depth(std::string_view html, std::size_t stop_above);

}  // namespace tracuu::corpus
