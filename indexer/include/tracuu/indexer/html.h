// HTML escaping shared by snippets (indexer) and server-rendered pages.
#pragma once

#include <string>
#include <string_view>

namespace tracuu::indexer {

// Escapes & < > " ' so any text can be placed in HTML content or attribute values.
std::string html_escape(std::string_view s);

}  // namespace tracuu::indexer
