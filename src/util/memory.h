// How the process's allocator treats freed memory.
#ifndef FNWARDEN_UTIL_MEMORY_H_
#define FNWARDEN_UTIL_MEMORY_H_

namespace fnwarden::util {

// Asks glibc's malloc to keep freed memory at the top of its heap for
// reuse instead of handing it back to the system as soon as 128 KB are
// free: each page the system hands out again costs a page fault. A scan's
// report buffers, freed and allocated again by the next scan in the same
// process (bench/), paid thousands. Call it first in main(). Does nothing
// with another allocator.
void KeepFreedMemory();

}  // namespace fnwarden::util

#endif  // FNWARDEN_UTIL_MEMORY_H_
