// Names a drop folder ignores (drop_names.h).
#include "drop_names.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace tracuu::indexer {

bool ignored_name(std::string_view name) {
  // Dotfiles cover LibreOffice's ".~lock.*#", vim's ".swp", rsync's ".name.XXXXXX" and
  // Syncthing's ".syncthing.*.tmp"; "~$" is Microsoft Office's owner file.
  if (name.empty() || name.front() == '.' || name.starts_with("~$") || name.back() == '~')
    return true;
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static constexpr std::array<std::string_view, 5> kTemporary{".tmp", ".part", ".crdownload",
                                                              ".partial", ".download"};
  return std::any_of(kTemporary.begin(), kTemporary.end(),
                     [&](std::string_view ext) { return lower.ends_with(ext); });
}

}  // namespace tracuu::indexer
