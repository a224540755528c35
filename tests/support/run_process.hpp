#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace bpv::test {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `program` with `args`, feeding `input` on standard input, in an environment of only
// PATH, TZ=UTC and `environment`. Waits for it and captures both output streams.
ProcessResult run_process(const std::filesystem::path& program, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& environment = {},
                          const std::string& input = "");

}  // namespace bpv::test
