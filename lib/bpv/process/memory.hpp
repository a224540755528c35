#pragma once

// How a bpv process takes its memory from the kernel.
//
// On the project's machine (a virtual machine) the first touch of each 4 kB page of memory, a
// page fault, costs about 16 us: touching 2 MB page by page took 7-9 ms, as one huge page 0.14
// ms (measured with a small C program, 2026-11-30; memory the machine has not used for a while
// is slower either way: 64 MB of huge pages once took 150 ms). A short command touched a few
// hundred pages (`bpv logbook show`: 297 page faults, 130 of them malloc's heap; `students
// list` 417, 180 of them the database file's pages, memory-mapped), so the faults were a third
// of its time. Where the kernel hands out transparent huge pages to memory that asks for them,
// bpv starts its heap on them, and SQLite reads the database into pages on that heap rather than
// through the memory-mapped file (store/sqlite/database.cpp); bpv-jobs gives SQLite's page
// caches a small block of them (store::sqlite::reserve_page_cache).

#include <cstddef>

namespace bpv::process {

// Whether the kernel backs memory with 2 MB pages when a program asks for them with madvise
// (transparent huge pages set to "always" or "madvise"). Reads sysfs once; allocates nothing.
bool huge_pages_on_request();

// `bytes` of memory (rounded up to 2 MB) that the kernel maps on huge pages as they are first
// touched, or nullptr where it gives no huge pages on request. Mapped directly, not from malloc
// (whose chunk header would touch the first page before it is marked); never unmapped.
void* map_huge_pages(std::size_t bytes);

// Puts the first `bytes` (4 MB unless asked otherwise; a multiple of 2 MB) of malloc's heap on
// huge pages: moves the program break to just below a 2 MB boundary, makes malloc grow the heap
// by `bytes` at a time (and serve requests up to `bytes`, at most 32 MB, from it, not from fresh
// mappings), and marks the `bytes` above the boundary for huge pages before anything touches
// them. Only the pages touched are ever allocated. Must run before the first allocation, so
// from a pre-initialization function of the program (before the shared libraries' initializers,
// some of which allocate); does nothing (and returns false) when the heap already exists or the
// kernel gives no huge pages on request.
bool put_heap_on_huge_pages(std::size_t bytes = std::size_t{4} << 20);

// Whether put_heap_on_huge_pages did so in this process.
bool heap_on_huge_pages();

// put_heap_on_huge_pages(Bytes), for a program's pre-initialization array, which runs before
// every initializer (the shared libraries' included, some of which allocate):
//   [[gnu::used, gnu::section(".preinit_array")]] void (*g_preinit)() =
//       &bpv::process::start_heap_on_huge_pages<std::size_t{4} << 20>;
template <std::size_t Bytes>
void start_heap_on_huge_pages() {
  put_heap_on_huge_pages(Bytes);
}

}  // namespace bpv::process
