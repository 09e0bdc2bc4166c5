// HTML to text blocks with gumbo: title candidates, meta dates and body paragraphs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tracuu/corpus/document.h"

namespace tracuu::corpus {

struct HtmlText {
  std::optional<std::string> og_title, h1, title;
  std::optional<std::string> published;  // article:published_time / date meta, raw
  std::optional<std::string> url;        // og:url / canonical link
  std::optional<std::string> site;       // og:site_name
  std::vector<Paragraph> blocks;         // body text without scripts, menus, footers
};

// Never throws; broken markup is parsed as browsers do.
HtmlText html_to_text(const std::string& html);

}  // namespace tracuu::corpus
