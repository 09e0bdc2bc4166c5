// `tracuu index --watch DIR`: the drop folder (tracuu/indexer/drop_folder.h) run until SIGINT or
// SIGTERM, its log on stderr.
#pragma once

#include <string>

#include "tracuu/indexer/drop_folder.h"

namespace tracuu::cli {

// Returns once a signal asked it to stop, after the batch being written; throws IndexError.
void watch_folder(const std::string& dir, const std::string& db,
                  indexer::DropFolderOptions options);

}  // namespace tracuu::cli
