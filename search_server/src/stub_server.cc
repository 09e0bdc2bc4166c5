// TEMPORARY stub so the tree links; the server owner replaces this file.
#include <stdexcept>

#include "tracuu/server/server.h"

namespace tracuu::server {
struct SearchServer::Impl {};
SearchServer::SearchServer(const ServerOptions&) { throw std::runtime_error("not implemented"); }
SearchServer::~SearchServer() = default;
void SearchServer::start() {}
void SearchServer::stop() {}
std::uint16_t SearchServer::port() const { return 0; }
}  // namespace tracuu::server
