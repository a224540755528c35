#include <bpv/process/memory.hpp>

#include <fcntl.h>
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace bpv::process {

namespace {

constexpr std::uintptr_t k_huge_page = std::uintptr_t{2} << 20;
constexpr std::size_t k_largest_mmap_threshold = std::size_t{32} << 20;

bool g_heap_on_huge_pages = false;

bool read_huge_page_setting() {
  // open and read, not stdio: this runs before the heap exists, and fopen allocates.
  int file = ::open("/sys/kernel/mm/transparent_hugepage/enabled", O_RDONLY | O_CLOEXEC);
  if (file < 0) {
    return false;
  }
  char text[64];
  ssize_t length = ::read(file, text, sizeof text);
  ::close(file);
  if (length <= 0) {
    return false;
  }
  std::string_view setting(text, static_cast<std::size_t>(length));
  return setting.find("[always]") != std::string_view::npos ||
         setting.find("[madvise]") != std::string_view::npos;
}

}  // namespace

bool huge_pages_on_request() {
  static const bool on_request = read_huge_page_setting();
  return on_request;
}

void* map_huge_pages(std::size_t bytes) {
  if (!huge_pages_on_request() || bytes == 0) {
    return nullptr;
  }
  std::size_t size = (bytes + k_huge_page - 1) / k_huge_page * k_huge_page;
  // 2 MB more than asked, so that an aligned block lies within; the rest is unmapped again.
  std::size_t mapped_size = size + k_huge_page;
  void* mapped = ::mmap(nullptr, mapped_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) {
    return nullptr;
  }
  auto start = reinterpret_cast<std::uintptr_t>(mapped);
  std::uintptr_t block = (start + k_huge_page - 1) / k_huge_page * k_huge_page;
  if (block > start) {
    ::munmap(mapped, block - start);
  }
  if (std::uintptr_t end = start + mapped_size; end > block + size) {
    ::munmap(reinterpret_cast<void*>(block + size), end - block - size);
  }
  if (::madvise(reinterpret_cast<void*>(block), size, MADV_HUGEPAGE) != 0) {
    ::munmap(reinterpret_cast<void*>(block), size);
    return nullptr;
  }
  return reinterpret_cast<void*>(block);
}

bool put_heap_on_huge_pages(std::size_t bytes) {
  if (!huge_pages_on_request() || mallinfo2().arena != 0 || bytes < k_huge_page) {
    return false;
  }
  // malloc writes its first chunk header at the program break: the break goes one page below
  // the boundary, so that header's page is an ordinary one and no page above the boundary is
  // touched (and so mapped small) before madvise marks it. A huge page is only mapped into a
  // 2 MB range that has no small pages yet.
  auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  auto start = reinterpret_cast<std::uintptr_t>(::sbrk(0));
  std::uintptr_t boundary = (start + page + k_huge_page - 1) / k_huge_page * k_huge_page;
  if (::sbrk(static_cast<intptr_t>(boundary - page - start)) == reinterpret_cast<void*>(-1)) {
    return false;
  }
  // Grow the heap `bytes` at a time, so that its first extension covers the region marked
  // below (later extensions are new mappings with small pages). Setting the pad fixes malloc's
  // threshold for fresh mappings at 128 kB; raise it, so that larger buffers come from the huge
  // pages too (glibc allows at most 32 MB).
  std::size_t region = bytes / k_huge_page * k_huge_page;
  ::mallopt(M_TOP_PAD, static_cast<int>(region));
  ::mallopt(M_MMAP_THRESHOLD, static_cast<int>(std::min(region, k_largest_mmap_threshold)));
  void* volatile first = std::malloc(1);  // volatile: the compiler may drop a malloc-free pair
  std::free(first);
  g_heap_on_huge_pages = ::madvise(reinterpret_cast<void*>(boundary), region, MADV_HUGEPAGE) == 0;
  return g_heap_on_huge_pages;
}

bool heap_on_huge_pages() { return g_heap_on_huge_pages; }

}  // namespace bpv::process
