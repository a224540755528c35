#pragma once

#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace bpv::test {

// Runs the real binaries with a fresh HOME, XDG folders and database folder.
class EndToEnd : public ::testing::Test {
 protected:
  std::map<std::string, std::string> environment() const {
    return {{"HOME", m_dir.path().string()},
            {"XDG_CONFIG_HOME", (m_dir / "config").string()},
            {"XDG_DATA_HOME", (m_dir / "data").string()},
            {"BPV_NOW", "2026-11-30T09:00"}};
  }

  ProcessResult bpv(const std::vector<std::string>& args, const std::string& input = "") const {
    return run_process(BPV_BINARY, args, environment(), input);
  }

  ProcessResult bpv_jobs(const std::vector<std::string>& args) const {
    return run_process(BPV_JOBS_BINARY, args, environment());
  }

  std::string db() const { return (m_dir / "bpv.db").string(); }

  // Creates the database with an administrator.
  void init() const {
    auto result = bpv({"--db", db(), "init", "--admin-email", "beheer@school.example.nl",
                       "--password-stdin"},
                      "correct horse battery\n");
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }

  static std::string demo(const std::string& name) {
    return std::string(BPV_SOURCE_DIR) + "/examples/demo/" + name;
  }

  TempDir m_dir;
};

}  // namespace bpv::test
