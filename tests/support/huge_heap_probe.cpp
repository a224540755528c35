// Run by tests/unit/process/memory_test.cpp: starts its heap as bpv does, fills a megabyte
// of it and prints whether the start took and how many kB of huge pages hold that megabyte.
#include "support/smaps.hpp"

#include <bpv/process/memory.hpp>

#include <iostream>
#include <vector>

namespace {

bool g_started = false;

void start_the_heap_on_huge_pages() { g_started = bpv::process::put_heap_on_huge_pages(); }
[[gnu::used, gnu::section(".preinit_array")]] void (*g_preinit)() = &start_the_heap_on_huge_pages;

}  // namespace

int main() {
  std::vector<char> megabyte(std::size_t{1} << 20, 'x');
  std::cout << (g_started && bpv::process::heap_on_huge_pages() ? "started" : "not started") << ' '
            << bpv::test::huge_page_kb_at(megabyte.data()).value_or(-1) << '\n';
}
