// Run by tests/unit/process/memory_test.cpp: starts its heap as bpv does, fills a megabyte
// of it and prints whether the start took and how many kB of huge pages hold that megabyte.
#include "support/smaps.hpp"

#include <bpv/process/memory.hpp>

#include <iostream>
#include <vector>

namespace {

[[gnu::used, gnu::section(".preinit_array")]] void (*g_preinit)() =
    &bpv::process::start_heap_on_huge_pages<std::size_t{4} << 20>;

}  // namespace

int main() {
  std::vector<char> megabyte(std::size_t{1} << 20, 'x');
  std::cout << (bpv::process::heap_on_huge_pages() ? "started" : "not started") << ' '
            << bpv::test::huge_page_kb_at(megabyte.data()).value_or(-1) << '\n';
}
