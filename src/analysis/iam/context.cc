#include "analysis/iam/context.h"

#include "util/strings.h"

namespace fnwarden::analysis::iam {

namespace {

// `lower` (a stored key) against `key` in any case, without a copy.
bool SameKey(std::string_view lower, std::string_view key) {
  if (lower.size() != key.size()) return false;
  for (size_t i = 0; i < key.size(); ++i) {
    if (lower[i] != util::AsciiLower(key[i])) return false;
  }
  return true;
}

}  // namespace

ContextEntry& Context::Slot(std::string_view key) {
  for (ContextEntry& e : entries_) {
    if (SameKey(e.key, key)) return e;
  }
  ContextEntry& e = entries_.emplace_back();
  e.key.reserve(key.size());
  for (char c : key) e.key.push_back(util::AsciiLower(c));
  return e;
}

Context& Context::Set(std::string_view key, std::string_view value) {
  ContextEntry& e = Slot(key);
  e.values.assign(1, std::string(value));
  e.multi = false;
  e.known = true;
  return *this;
}

Context& Context::SetMulti(std::string_view key, std::vector<std::string> values) {
  ContextEntry& e = Slot(key);
  e.values = std::move(values);
  e.multi = true;
  e.known = true;
  return *this;
}

Context& Context::SetUnknown(std::string_view key, bool multi) {
  ContextEntry& e = Slot(key);
  e.values.clear();
  e.multi = multi;
  e.known = false;
  return *this;
}

Context& Context::Close() {
  closed_ = true;
  return *this;
}

const ContextEntry* Context::Find(std::string_view lower_key) const {
  for (const ContextEntry& e : entries_) {
    if (e.key == lower_key) return &e;
  }
  return nullptr;
}

}  // namespace fnwarden::analysis::iam
