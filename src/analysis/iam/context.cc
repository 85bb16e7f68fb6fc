#include "analysis/iam/context.h"

#include "util/strings.h"

namespace fnwarden::analysis::iam {

ContextEntry& Context::Slot(std::string_view key) {
  std::string lower = util::ToLower(key);
  for (ContextEntry& e : entries_) {
    if (e.key == lower) return e;
  }
  entries_.push_back({std::move(lower), {}, false, true});
  return entries_.back();
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
