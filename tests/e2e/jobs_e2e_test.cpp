#include "e2e/e2e_fixture.hpp"

namespace bpv::test {
namespace {

using Jobs = EndToEnd;

TEST_F(Jobs, ListPrintsTheJobTable) {
  auto result = bpv_jobs({"list"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.substr(0, 4), "NAME");
  auto json = bpv_jobs({"--json", "list"});
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_EQ(json.out.front(), '[');
}

TEST_F(Jobs, AnUnknownJobIsAUsageError) {
  auto result = bpv_jobs({"run", "reminderz"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("no job named 'reminderz'"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace bpv::test
