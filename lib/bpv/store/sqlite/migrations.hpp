#pragma once

#include <vector>

namespace bpv::store::sqlite {

// One numbered schema change, from schemas/sqlite/NNNN_name.sql.
struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// All migrations in order; generated at build time from schemas/sqlite/.
extern const std::vector<Migration> k_migrations;

}  // namespace bpv::store::sqlite
