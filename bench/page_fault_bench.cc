// What does memory the process has not touched before cost on this machine?
//
//   page_fault_bench [--mib N] [--runs N]
//
// Maps N MiB (default 64) of fresh anonymous memory and writes one byte per
// 4 KiB page, timing the whole; then the same with MADV_HUGEPAGE on the
// mapping (transparent huge pages, when the kernel grants them), then a
// second pass over memory already touched. It prints microseconds per 4 KiB
// page. On a typical workstation a first touch costs well under a
// microsecond; in some virtual machines it costs ten or more, and then a
// scan's footprint weighs as much as its work: the reason fnwarden's
// executables keep freed memory and ask for huge pages (src/alloc/).

#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench_util.h"

namespace {

using fnwarden::bench::Clock;
using fnwarden::bench::Median;
using fnwarden::bench::Seconds;

constexpr size_t kPage = 4096;

// Microseconds per page to touch `bytes` of fresh memory; with `again`, the
// time of a second pass instead.
double TouchMicros(size_t bytes, bool huge, bool again) {
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    std::perror("page_fault_bench: mmap");
    std::exit(1);
  }
  if (huge) madvise(p, bytes, MADV_HUGEPAGE);
  volatile char* bytes_p = static_cast<volatile char*>(p);
  auto touch = [&] {
    for (size_t i = 0; i < bytes; i += kPage) bytes_p[i] = static_cast<char>(i);
  };
  if (again) touch();
  Clock::time_point start = Clock::now();
  touch();
  double seconds = Seconds(start);
  munmap(p, bytes);
  return seconds * 1e6 / static_cast<double>(bytes / kPage);
}

}  // namespace

int main(int argc, char** argv) {
  size_t mib = 64;
  int runs = 5;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--mib" && i + 1 < argc) {
      mib = std::strtoul(argv[++i], nullptr, 10);
    } else if (arg == "--runs" && i + 1 < argc) {
      runs = std::atoi(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: page_fault_bench [--mib N] [--runs N]\n");
      return 2;
    }
  }
  if (mib == 0 || runs <= 0) {
    std::fprintf(stderr, "page_fault_bench: --mib and --runs must be positive\n");
    return 2;
  }
  const size_t bytes = mib << 20;
  struct Case {
    const char* name;
    bool huge, again;
  };
  const Case cases[] = {{"first touch, 4 KiB pages", false, false},
                        {"first touch, MADV_HUGEPAGE", true, false},
                        {"second touch", false, true}};
  std::printf("page faults: %zu MiB of anonymous memory, one write per 4 KiB\n", mib);
  for (const Case& c : cases) {
    std::vector<double> us;
    for (int r = 0; r < runs; ++r) us.push_back(TouchMicros(bytes, c.huge, c.again));
    std::printf("  %-28s %7.2f us per 4 KiB page\n", c.name, Median(us));
  }
  std::printf("(median of %d runs; benchmarks are never asserted in tests)\n", runs);
  return 0;
}
