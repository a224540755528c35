#include "support/run_process.hpp"

#include <bpv/process/memory.hpp>

#include <gtest/gtest.h>

namespace {

using bpv::process::huge_pages_on_request;

TEST(ProcessMemory, AProgramThatStartsItsHeapOnHugePagesGetsThem) {
  if (!huge_pages_on_request()) {
    GTEST_SKIP() << "this kernel gives no transparent huge pages on request";
  }
  auto result = bpv::test::run_process(BPV_HUGE_HEAP_PROBE, {});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "started 2048\n");
}

TEST(ProcessMemory, AHeapThatAlreadyExistsIsLeftAsItIs) {
  // This test program has allocated long before: too late to move its heap.
  EXPECT_FALSE(bpv::process::put_heap_on_huge_pages());
  EXPECT_FALSE(bpv::process::heap_on_huge_pages());
}

}  // namespace
