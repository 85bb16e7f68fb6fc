#include "load/syntax/builder.h"

#include <algorithm>
#include <unordered_set>

namespace fnwarden::load::syntax {
namespace {

// Maps up to this size are checked for duplicate keys pairwise; larger ones
// by sorting.
constexpr size_t kPairwiseDuplicateCheck = 12;

// Duplicate keys and complex keys do not stop parsing; past this many in one
// file the rest are not reported.
constexpr uint32_t kMaxRecoverableDiagnostics = 100;

bool IsMergeKey(const Node* key) {
  return key->kind == NodeKind::kScalar && key->style == ScalarStyle::kPlain && key->tag.empty() &&
         key->scalar == "<<";
}

std::string Quote(std::string_view text) {
  constexpr size_t kMax = 80;
  std::string out = "'";
  out += text.substr(0, kMax);
  if (text.size() > kMax) out += "...";
  out += "'";
  return out;
}

}  // namespace

TreeBuilder::TreeBuilder(Document* doc, const ParseLimits& limits, util::DiagnosticSink* diags)
    : doc_(doc), limits_(limits), diags_(diags) {}

bool TreeBuilder::Fail(util::Loc loc, std::string message) {
  if (!failed_) diags_->Error(loc, std::move(message));
  failed_ = true;
  return false;
}

void TreeBuilder::BeginDocument() {
  frames_.clear();
  children_.clear();
  root_ = nullptr;
  alias_nodes_ = 0;
}

const Node* TreeBuilder::EndDocument() {
  const Node* root = root_;
  root_ = nullptr;
  return failed_ ? nullptr : root;
}

bool TreeBuilder::ScalarTooLarge(util::Loc loc) {
  return Fail(loc, "scalar exceeds " + std::to_string(limits_.max_scalar_bytes) + " bytes");
}

bool TreeBuilder::TooManyNodes(util::Loc loc) {
  return Fail(loc, "file exceeds " + std::to_string(limits_.max_nodes) + " nodes");
}

bool TreeBuilder::ExpectingKey() const {
  if (frames_.empty()) return false;
  const Frame& f = frames_.back();
  return f.node->kind == NodeKind::kMap && (children_.size() - f.first_child) % 2 == 0;
}

void TreeBuilder::WatchLine(uint32_t line) {
  if (extents_.empty() || extents_.back().first < line) extents_.emplace_back(line, line);
}

uint32_t TreeBuilder::ExtentEnd(uint32_t line) const {
  auto it = std::lower_bound(extents_.begin(), extents_.end(), std::make_pair(line, 0u));
  return it != extents_.end() && it->first == line ? it->second : line;
}

void TreeBuilder::NoteExtent(uint32_t first_line, uint32_t last_line) {
  if (extents_.empty() || first_line < extents_.front().first ||
      first_line > extents_.back().first) {
    return;
  }
  auto it = std::lower_bound(extents_.begin(), extents_.end(), std::make_pair(first_line, 0u));
  if (it != extents_.end() && it->first == first_line) it->second = std::max(it->second, last_line);
}

void TreeBuilder::Append(const Node* node, uint64_t size, uint32_t height, uint32_t first_line,
                         uint32_t last_line) {
  if (frames_.empty()) {
    root_ = node;
    return;
  }
  Frame& f = frames_.back();
  const bool key = ExpectingKey();
  f.end_line = std::max(f.end_line, last_line);
  if (f.node->kind == NodeKind::kSeq) {
    NoteExtent(first_line, last_line);
  } else if (key) {
    f.key_line = first_line;
  } else {
    NoteExtent(f.key_line, last_line);
  }
  if (key) {
    if (node->kind == NodeKind::kMap || node->kind == NodeKind::kSeq) {
      // Reported, and the entry is dropped when the map ends.
      Recoverable(util::DiagLevel::kError, node->loc,
                  "a map or a sequence cannot be a mapping key");
      node = nullptr;
    } else if (merge_keys_ && IsMergeKey(node)) {
      f.has_merge = true;
    }
  }
  children_.push_back(node);
  f.size += size;
  f.height = std::max(f.height, height + 1);
}

bool TreeBuilder::AddScalar(Node* node, Built* out, uint32_t end_line) {
  if (!CountNodes(1, node->loc)) return false;
  if (node->kind == NodeKind::kNull && ExpectingKey()) node->kind = NodeKind::kScalar;
  end_line = std::max(end_line, node->loc.line);
  Append(node, 1, 0, node->loc.line, end_line);
  *out = {node, 1, 0, end_line};
  return true;
}

bool TreeBuilder::AddAlias(const Built& target, util::Loc loc, std::string_view name) {
  alias_nodes_ += target.size;
  if (alias_nodes_ > limits_.max_alias_expansion) {
    return Fail(
        loc, "alias expansion exceeds " + std::to_string(limits_.max_alias_expansion) + " nodes");
  }
  if (!CountNodes(target.size, loc)) return false;
  if (depth() + target.height > limits_.max_depth) {
    return Fail(loc, "nesting exceeds " + std::to_string(limits_.max_depth) +
                         " levels through alias " + Quote(name));
  }
  const Node* node = target.node;
  if (node->kind == NodeKind::kNull && ExpectingKey()) {
    // Keys are always scalars; the shared node must not change.
    Node* key = doc_->NewNode();
    *key = *node;
    key->kind = NodeKind::kScalar;
    node = key;
  }
  // The alias is one token: it spans its own line, not the anchored node's.
  Append(node, target.size, target.height, loc.line, loc.line);
  return true;
}

bool TreeBuilder::BeginContainer(Node* node) {
  if (!CountNodes(1, node->loc)) return false;
  if (depth() >= limits_.max_depth) {
    return Fail(node->loc, "nesting exceeds " + std::to_string(limits_.max_depth) + " levels");
  }
  frames_.push_back({node, children_.size(), 1, 1, node->loc.line, node->loc.line, false});
  return true;
}

bool TreeBuilder::EndContainer(Built* out, uint32_t close_line) {
  Frame& f = frames_.back();
  if (f.node->kind == NodeKind::kSeq) {
    f.node->items = doc_->CopyItems(std::span<const Node* const>(children_.data() + f.first_child,
                                                                 children_.size() - f.first_child));
  } else if (!FinishMap(f)) {
    return false;
  }
  *out = {f.node, f.size, f.height, std::max(f.end_line, close_line)};
  children_.resize(f.first_child);
  frames_.pop_back();
  Append(out->node, out->size, out->height, out->node->loc.line, out->end_line);
  return true;
}

bool TreeBuilder::FinishMap(Frame& frame) {
  const size_t count = children_.size() - frame.first_child;
  const Node* const* kv = children_.data() + frame.first_child;
  entries_.clear();
  for (size_t i = 0; i + 1 < count; i += 2) {
    if (kv[i] != nullptr) entries_.push_back({kv[i], kv[i + 1]});
  }
  if (!frame.has_merge) {
    WarnDuplicates(entries_);
    frame.node->entries = doc_->CopyEntries(std::span<const MapEntry>(entries_));
    return true;
  }
  std::vector<MapEntry> explicit_entries;
  explicit_entries.swap(entries_);
  bool ok = ApplyMerges(explicit_entries, frame);
  explicit_entries.swap(entries_);
  return ok;
}

// `<<: *base` or `<<: [*a, *b]` copies the entries of the merged maps that the
// map does not set itself; with several maps the earlier one wins. The merged
// entries take the place of the `<<` entry.
bool TreeBuilder::ApplyMerges(std::span<const MapEntry> explicit_entries, Frame& frame) {
  std::vector<MapEntry> own;
  std::unordered_set<std::string_view> seen;
  for (const MapEntry& e : explicit_entries) {
    if (IsMergeKey(e.key)) continue;
    own.push_back(e);
    seen.insert(e.key->scalar);
  }
  WarnDuplicates(own);
  std::vector<MapEntry> result;
  for (const MapEntry& e : explicit_entries) {
    if (!IsMergeKey(e.key)) {
      result.push_back(e);
      continue;
    }
    std::vector<const Node*> sources;
    if (e.value->kind == NodeKind::kMap) {
      sources.push_back(e.value);
    } else if (e.value->kind == NodeKind::kSeq) {
      for (const Node* item : e.value->items) {
        if (item->kind != NodeKind::kMap) {
          return Fail(item->loc, "a merge key '<<' can only merge maps");
        }
        sources.push_back(item);
      }
    } else {
      return Fail(e.value->loc,
                  "the value of a merge key '<<' must be a map or a sequence of maps");
    }
    for (const Node* source : sources) {
      for (const MapEntry& m : source->entries) {
        if (seen.insert(m.key->scalar).second) result.push_back(m);
      }
    }
  }
  frame.node->entries = doc_->CopyEntries(std::span<const MapEntry>(result));
  return true;
}

bool TreeBuilder::Recoverable(util::DiagLevel level, util::Loc loc, std::string message) {
  if (++recoverable_reported_ > kMaxRecoverableDiagnostics) return false;
  if (recoverable_reported_ == kMaxRecoverableDiagnostics) {
    message += " (further problems of this kind in this file are not reported)";
  }
  diags_->Add({level, loc, "", std::move(message)});
  return true;
}

void TreeBuilder::WarnDuplicate(const Node* key, const Node* first) {
  Recoverable(util::DiagLevel::kWarning, key->loc,
              "duplicate key " + Quote(key->scalar) + " (first defined at line " +
                  std::to_string(first->loc.line) + ")");
}

void TreeBuilder::WarnDuplicates(std::span<const MapEntry> entries) {
  const size_t n = entries.size();
  if (n <= kPairwiseDuplicateCheck) {
    for (size_t j = 1; j < n; ++j) {
      for (size_t i = 0; i < j; ++i) {
        if (entries[i].key->scalar == entries[j].key->scalar) {
          WarnDuplicate(entries[j].key, entries[i].key);
          break;
        }
      }
    }
    return;
  }
  sorted_keys_.clear();
  for (size_t i = 0; i < n; ++i) {
    sorted_keys_.emplace_back(entries[i].key->scalar, static_cast<uint32_t>(i));
  }
  std::sort(sorted_keys_.begin(), sorted_keys_.end());
  size_t first = 0;  // the first entry of the current run of equal keys
  for (size_t i = 1; i < n; ++i) {
    if (sorted_keys_[i].first != sorted_keys_[first].first) {
      first = i;
      continue;
    }
    WarnDuplicate(entries[sorted_keys_[i].second].key, entries[sorted_keys_[first].second].key);
  }
}

}  // namespace fnwarden::load::syntax
