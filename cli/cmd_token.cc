// `tracuu token add|list|remove`: the API's bearer tokens, stored as hashes beside the index.
#include <iostream>

#include "commands.h"
#include "tracuu/indexer/token_store.h"

namespace tracuu::cli {

void register_token(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("token", "Manage the access tokens of the write API");
  cmd->require_subcommand(1);
  static std::string db, name;
  static bool read_only = false;

  auto* add = cmd->add_subcommand("add", "Make a token; prints it once on stdout");
  add->add_option("--db", db, "database directory")->required();
  add->add_option("NAME", name, "who holds it (shown in the log and /api/changes)")->required();
  add->add_flag("--read-only", read_only, "may read (when reads need a token), never write");
  add->callback([&exit_code] {
    indexer::TokenStore store(db);
    auto right = read_only ? indexer::TokenRight::kReadOnly : indexer::TokenRight::kWrite;
    std::cout << store.add(name, right) << std::endl;
    std::cerr << "tracuu token: \"" << name << "\" (" << indexer::right_name(right)
              << ") added; the token is shown only this once" << std::endl;
    exit_code = 0;
  });

  auto* list = cmd->add_subcommand("list", "Token names, rights and dates (never the tokens)");
  list->add_option("--db", db, "database directory")->required();
  list->callback([&exit_code] {
    for (const auto& t : indexer::TokenStore(db).list())
      std::cout << t.name << '\t' << indexer::right_name(t.right) << '\t' << t.created << '\n';
    exit_code = 0;
  });

  auto* remove = cmd->add_subcommand("remove", "Revoke a token by its name");
  remove->add_option("--db", db, "database directory")->required();
  remove->add_option("NAME", name, "the token's name")->required();
  remove->callback([&exit_code] {
    if (indexer::TokenStore(db).remove(name)) {
      std::cerr << "tracuu token: \"" << name << "\" removed" << std::endl;
      exit_code = 0;
    } else {
      std::cerr << "tracuu token: no token named \"" << name << "\"" << std::endl;
      exit_code = 1;
    }
  });
}

}  // namespace tracuu::cli
