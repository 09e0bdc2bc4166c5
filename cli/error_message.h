// What the CLI tells a user about a fault of the index: what happened and what to do, by kind.
#pragma once

#include <string>

#include "tracuu/indexer/errors.h"

namespace tracuu::cli {

// Two lines, Vietnamese with the English kept: "<what happened> (<English>): <detail>" and the
// advice ("chạy `tracuu check --db DIR`", "giải phóng dung lượng đĩa rồi chạy lại", ...).
std::string error_message(const indexer::IndexError& e);

}  // namespace tracuu::cli
