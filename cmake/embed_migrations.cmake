# Writes OUTPUT: a C++ file defining bpv::store::sqlite::k_migrations from the
# numbered SQL files in INPUTS (NNNN_description.sql, applied in order).
set(body "")
foreach(file IN LISTS INPUTS)
  get_filename_component(name ${file} NAME_WE)
  string(REGEX MATCH "^[0-9]+" number "${name}")
  if(number STREQUAL "")
    message(FATAL_ERROR "migration ${file} does not start with its number")
  endif()
  math(EXPR number "${number}")
  file(READ ${file} sql)
  string(APPEND body "  {${number}, \"${name}\", R\"bpvsql(${sql})bpvsql\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp
"// Generated from schemas/sqlite by cmake/embed_migrations.cmake. Do not edit.
#include <bpv/store/sqlite/migrations.hpp>

namespace bpv::store::sqlite {

const std::vector<Migration> k_migrations = {
${body}};

}  // namespace bpv::store::sqlite
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
