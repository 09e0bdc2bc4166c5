// RE2 with a DFA budget large enough for our Vietnamese alternations (the default 8 MB runs out
// on long pages and RE2 then falls back to its much slower NFA).
#pragma once

#include <re2/re2.h>

namespace tracuu::corpus {

inline RE2::Options regex_options() {
  RE2::Options o;
  o.set_max_mem(64 << 20);
  o.set_log_errors(false);
  return o;
}

}  // namespace tracuu::corpus
