# Writes OUTPUT: a C++ file defining bpv::config::k_national_calendar_files, the text of the
# calendar files in INPUTS (examples/calendars/*.yaml), which `bpv init` loads.
set(body "")
foreach(file IN LISTS INPUTS)
  get_filename_component(name ${file} NAME)
  file(READ ${file} text)
  string(APPEND body "  {\"${name}\", R\"bpvyaml(${text})bpvyaml\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp
"// Generated from examples/calendars by cmake/embed_calendars.cmake. Do not edit.
#include <bpv/config/national_calendars.hpp>

namespace bpv::config {

const std::vector<std::pair<std::string_view, std::string_view>> k_national_calendar_files = {
${body}};

}  // namespace bpv::config
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
