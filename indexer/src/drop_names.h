// Which files of a drop folder are never indexed: editors' and sync tools' temporaries and
// lock files, and hidden files and folders. Their final file arrives under its own name.
#pragma once

#include <string_view>

namespace tracuu::indexer {

// `name` is one path component: ".~lock.a.odt#", "~$bao-cao.docx", "a.tmp", "a.part",
// "a.crdownload", "a.docx~", ".hidden" are ignored.
bool ignored_name(std::string_view name);

}  // namespace tracuu::indexer
