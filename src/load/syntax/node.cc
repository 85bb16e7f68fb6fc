#include "load/syntax/node.h"

#include <algorithm>
#include <cstdio>

#include "load/syntax/scalar.h"

namespace fnwarden::load::syntax {

void* Arena::AllocateSlow(size_t bytes) {
  constexpr size_t kAlign = alignof(std::max_align_t);
  constexpr size_t kMaxBlock = size_t{1} << 20;
  bytes = (bytes + kAlign - 1) & ~(kAlign - 1);
  if (bytes > next_block_ / 4) {
    // A large request gets a block of its own; the current block stays in use.
    allocated_ += bytes;
    blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(bytes));
    return blocks_.back().get();
  }
  allocated_ += next_block_;
  blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(next_block_));
  cur_ = blocks_.back().get() + bytes;
  left_ = next_block_ - bytes;
  next_block_ = std::min(next_block_ * 2, kMaxBlock);
  return blocks_.back().get();
}

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

ScalarType Node::Type() const {
  if (kind == NodeKind::kNull) return ScalarType::kNull;
  if (kind != NodeKind::kScalar || style != ScalarStyle::kPlain) return ScalarType::kString;
  return ResolvePlainScalar(scalar);
}

Node* Document::NewNode() { return arena_.New<Node>(); }

std::string_view Document::Intern(std::string_view text) { return arena_.CopyString(text); }

std::span<const MapEntry> Document::CopyEntries(const std::vector<MapEntry>& entries) {
  return arena_.Copy(std::span<const MapEntry>(entries));
}

std::span<const Node* const> Document::CopyItems(const std::vector<const Node*>& items) {
  return arena_.Copy(std::span<const Node* const>(items));
}

std::span<const MapEntry> Document::CopyEntries(std::span<const MapEntry> entries) {
  return arena_.Copy(entries);
}

std::span<const Node* const> Document::CopyItems(std::span<const Node* const> items) {
  return arena_.Copy(items);
}

void AppendQuoted(std::string_view text, std::string* out) {
  out->push_back('"');
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (u < 0x20 || u == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", u);
          *out += buf;
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

namespace {

void DumpTo(const Node* node, std::string* out) {
  if (node == nullptr) {
    *out += "<none>";
    return;
  }
  if (!node->tag.empty()) {
    *out += node->tag;
    out->push_back(' ');
  }
  switch (node->kind) {
    case NodeKind::kNull:
      *out += "null";
      return;
    case NodeKind::kScalar:
      if (node->style == ScalarStyle::kPlain) {
        *out += node->scalar;
      } else {
        if (node->style == ScalarStyle::kBlock) out->push_back('|');
        AppendQuoted(node->scalar, out);
      }
      return;
    case NodeKind::kMap: {
      out->push_back('{');
      bool first = true;
      for (const MapEntry& e : node->entries) {
        if (!first) *out += ", ";
        first = false;
        DumpTo(e.key, out);
        *out += ": ";
        DumpTo(e.value, out);
      }
      out->push_back('}');
      return;
    }
    case NodeKind::kSeq: {
      out->push_back('[');
      bool first = true;
      for (const Node* item : node->items) {
        if (!first) *out += ", ";
        first = false;
        DumpTo(item, out);
      }
      out->push_back(']');
      return;
    }
  }
}

}  // namespace

std::string Dump(const Node* node) {
  std::string out;
  DumpTo(node, &out);
  return out;
}

}  // namespace fnwarden::load::syntax
