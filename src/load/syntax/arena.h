// A bump allocator for the syntax tree.
//
// Parsing creates one node per scalar, map and sequence; allocating each from
// the heap would cost more than parsing. The arena hands out memory from
// large blocks and frees everything at once when it is destroyed, so it only
// holds trivially destructible objects (nodes, map entries, pointers, bytes).
// Not thread-safe: one parser fills it, readers only read what it returned.
#ifndef FNWARDEN_LOAD_SYNTAX_ARENA_H_
#define FNWARDEN_LOAD_SYNTAX_ARENA_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace fnwarden::load::syntax {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Uninitialised storage for `bytes` bytes aligned to `align` (a power of two
  // no larger than alignof(std::max_align_t)). Never returns nullptr.
  void* Allocate(size_t bytes, size_t align) {
    size_t pad = (align - (reinterpret_cast<uintptr_t>(cur_) & (align - 1))) & (align - 1);
    if (bytes + pad > left_) return AllocateSlow(bytes);
    void* p = cur_ + pad;
    cur_ += pad + bytes;
    left_ -= pad + bytes;
    return p;
  }

  // Default-constructed T (trivially destructible: the arena never runs destructors).
  template <typename T>
  T* New() {
    static_assert(std::is_trivially_destructible_v<T>);
    return new (Allocate(sizeof(T), alignof(T))) T();
  }

  // A copy of `items` in the arena.
  template <typename T>
  std::span<const T> Copy(std::span<const T> items) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (items.empty()) return {};
    T* p = static_cast<T*>(Allocate(items.size_bytes(), alignof(T)));
    std::memcpy(p, items.data(), items.size_bytes());
    return {p, items.size()};
  }

  std::string_view CopyString(std::string_view text) {
    if (text.empty()) return {};
    char* p = static_cast<char*>(Allocate(text.size(), 1));
    std::memcpy(p, text.data(), text.size());
    return {p, text.size()};
  }

  size_t allocated_bytes() const { return allocated_; }

 private:
  void* AllocateSlow(size_t bytes);

  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::byte* cur_ = nullptr;
  size_t left_ = 0;
  size_t next_block_ = 4096;
  size_t allocated_ = 0;
};

}  // namespace fnwarden::load::syntax

#endif  // FNWARDEN_LOAD_SYNTAX_ARENA_H_
