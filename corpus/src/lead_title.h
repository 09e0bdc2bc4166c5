// Titles that are really an article's lead: some news dumps (the dantri set among them) hold the
// opening paragraph or a photo caption where the headline belongs, which result lists and pages
// then show as a five-line title.
#pragma once

#include <optional>
#include <string>

namespace tracuu::corpus {

// True when `title` reads as a lead rather than a headline: longer than headlines run, or far from
// the headline its page address spells ("/4-nguoi-lien-quan-benh-nhan-...-20210430195810588.htm").
bool reads_as_lead(const std::string& title, const std::optional<std::string>& url);

// A headline-length title cut from a lead: its first sentence when that is short enough, else its
// first words and "…".
std::string title_from_lead(const std::string& lead);

}  // namespace tracuu::corpus
