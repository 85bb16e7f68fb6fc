// mimalloc's settings for fnwarden's executables, applied before main().
//
// A scan is one short process that builds its trees, model and report and
// then exits, so memory it frees is better kept for the next allocation
// than returned to the system: on the machines we measured, touching a page
// the process has not used before costs more than the work done in it
// (bench/README.md). Hence no decommit: freed pages stay mapped and are
// reused.
//
// mimalloc's large OS pages are left off. They once paid on a virtual
// machine where a first touch of a 4 KiB page cost 12 to 26 us; where the
// kernel already gives transparent huge pages to every large mapping, they
// made a template of 20,000 functions take from 1.9 to 4.0 s from run to
// run against a steady 2.4 s without, for the same median, and changed
// nothing on small scans (bench/README.md). MIMALLOC_LARGE_OS_PAGES=1 turns
// them back on, as the other variables mimalloc documents still override
// these settings.
#include <mimalloc.h>

#include <cstdlib>

namespace {

void SetUnlessInEnvironment(mi_option_t option, const char* variable, long value) {
  if (std::getenv(variable) == nullptr) mi_option_set(option, value);
}

// Runs before C++ static constructors of the executable (priority 101), so
// only the C++ runtime's own start-up allocations precede it.
__attribute__((constructor(101))) void ConfigureMimalloc() {
#if MI_MALLOC_VERSION < 210
  SetUnlessInEnvironment(mi_option_allow_decommit, "MIMALLOC_ALLOW_DECOMMIT", 0);
#else
  SetUnlessInEnvironment(mi_option_purge_delay, "MIMALLOC_PURGE_DELAY", -1);
#endif
}

}  // namespace
