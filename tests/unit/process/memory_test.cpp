#include "support/run_process.hpp"
#include "support/smaps.hpp"

#include <bpv/process/memory.hpp>

#include <gtest/gtest.h>

#include <cstring>

namespace {

using bpv::process::huge_pages_on_request;

TEST(ProcessMemory, AHugePageBlockIsMappedAsOneHugePage) {
  if (!huge_pages_on_request()) {
    GTEST_SKIP() << "this kernel gives no transparent huge pages on request";
  }
  void* block = bpv::process::map_huge_page();
  ASSERT_NE(block, nullptr);
  std::memset(block, 1, bpv::process::k_huge_page_size);
  EXPECT_EQ(bpv::test::huge_page_kb_at(block), 2048);
}

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
}

}  // namespace
