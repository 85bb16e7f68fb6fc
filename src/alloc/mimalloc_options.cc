// mimalloc's settings for fnwarden's executables, applied before main().
//
// A scan is one short process that builds its trees, model and report and
// then exits, so memory it frees is better kept for the next allocation
// than returned to the system: on the machines we measured, touching a page
// the process has not used before costs more than the work done in it
// (bench/README.md). Hence:
// - no decommit: freed pages stay mapped and are reused;
// - large OS pages: mimalloc asks for transparent huge pages on its
//   segments, so a large template faults in 2 MiB at a time instead of 4 KiB.
// Both only change where memory comes from; the environment variables
// mimalloc documents (MIMALLOC_LARGE_OS_PAGES=0, ...) still override them.
#include <mimalloc.h>

#include <cstdlib>

namespace {

void SetUnlessInEnvironment(mi_option_t option, const char* variable, long value) {
  if (std::getenv(variable) == nullptr) mi_option_set(option, value);
}

// Runs before C++ static constructors of the executable (priority 101), so
// only the C++ runtime's own start-up allocations precede it.
__attribute__((constructor(101))) void ConfigureMimalloc() {
  SetUnlessInEnvironment(mi_option_large_os_pages, "MIMALLOC_LARGE_OS_PAGES", 1);
#if MI_MALLOC_VERSION < 210
  SetUnlessInEnvironment(mi_option_allow_decommit, "MIMALLOC_ALLOW_DECOMMIT", 0);
#else
  SetUnlessInEnvironment(mi_option_purge_delay, "MIMALLOC_PURGE_DELAY", -1);
#endif
}

}  // namespace
