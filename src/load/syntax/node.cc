#include "load/syntax/node.h"

namespace fnwarden::load::syntax {

const Node* Node::Get(std::string_view key) const {
  const Node* found = nullptr;
  if (kind != NodeKind::kMap) return nullptr;
  for (const MapEntry& e : entries) {
    if (e.key->scalar == key) found = e.value;  // the last duplicate wins
  }
  return found;
}

const Node* Node::GetKey(std::string_view key) const {
  const Node* found = nullptr;
  if (kind != NodeKind::kMap) return nullptr;
  for (const MapEntry& e : entries) {
    if (e.key->scalar == key) found = e.key;
  }
  return found;
}

Node* Document::NewNode() { return &nodes_.emplace_back(); }

std::string_view Document::Intern(std::string_view text) {
  return strings_.emplace_back(text);
}

std::span<const MapEntry> Document::CopyEntries(const std::vector<MapEntry>& entries) {
  const auto& block = entry_blocks_.emplace_back(entries);
  return {block.data(), block.size()};
}

std::span<const Node* const> Document::CopyItems(const std::vector<const Node*>& items) {
  const auto& block = item_blocks_.emplace_back(items);
  return {block.data(), block.size()};
}

}  // namespace fnwarden::load::syntax
