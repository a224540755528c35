#pragma once

#include <bpv/core/calendar.hpp>
#include <bpv/core/error.hpp>

#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace bpv::config {

// Reads calendars in bpv's YAML format (schemas/calendar.md), in the order the file names them;
// blocks naming the same calendar are merged into one. `origin` names the text in errors. Fails
// (usage) naming origin:line for malformed YAML, an unknown or missing key, a bad calendar name,
// date or school year, a period ending before it starts or outside its school year, and a
// vacation or holiday listed twice.
Result<std::vector<core::Calendar>> read_calendar_yaml(const std::string& text,
                                                       const std::string& origin);

// Reads the national open-data JSON of school holidays (opendata.rijksoverheid.nl, infotype
// schoolholidays): one calendar per region, `noord`, `midden` and `zuid`, in that order; a
// vacation of "heel Nederland" goes into all three. Names are trimmed and lower-cased
// (`herfstvakantie`); UTC instants become Europe/Amsterdam dates. Fails (usage) naming origin and
// the JSON path (`$[0].content[0].vacations[2].regions[1].enddate`) for malformed input.
Result<std::vector<core::Calendar>> read_open_data_json(const std::string& text,
                                                        const std::string& origin);

// Reads the calendar file at `path`: the open-data JSON when its name ends in `.json` or its text
// starts with '[', bpv's YAML otherwise. Fails (usage) when it cannot be read or is malformed.
Result<std::vector<core::Calendar>> read_calendar_file(const std::filesystem::path& path);

// `calendars` in bpv's YAML format; read_calendar_yaml reads it back as equal calendars.
std::string write_calendar_yaml(std::span<const core::Calendar> calendars);

}  // namespace bpv::config
