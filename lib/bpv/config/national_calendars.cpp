#include <bpv/config/calendar_file.hpp>
#include <bpv/config/national_calendars.hpp>

namespace bpv::config {

Result<std::vector<core::Calendar>> national_calendars() {
  std::vector<core::Calendar> calendars;
  for (const auto& [name, text] : k_national_calendar_files) {
    BPV_TRY_ASSIGN(auto read, read_calendar_yaml(std::string(text), std::string(name)));
    for (auto& calendar : read) {
      calendars.push_back(std::move(calendar));
    }
  }
  return calendars;
}

}  // namespace bpv::config
