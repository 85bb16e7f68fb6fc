// Builds a syntax tree from parse events, shared by the YAML and JSON parsers.
//
// The parsers report scalars, aliases and the starts and ends of maps and
// sequences in document order; the builder links them into nodes in the
// Document's arena, enforces ParseLimits (depth, node count, alias
// expansion), applies YAML merge keys and warns about duplicate keys. It keeps
// open containers on an explicit stack, so no input can overflow the call
// stack. Internal to the syntax parsers.
#ifndef FNWARDEN_LOAD_SYNTAX_BUILDER_H_
#define FNWARDEN_LOAD_SYNTAX_BUILDER_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/syntax/node.h"
#include "util/diagnostic.h"

namespace fnwarden::load::syntax {

// A finished node with what aliases to it cost.
struct Built {
  const Node* node = nullptr;
  uint64_t size = 0;    // nodes in the subtree, aliases expanded, keys included
  uint32_t height = 0;  // levels of maps and sequences in it (0 for a scalar)
  uint32_t end_line = 0;  // the last line of its text
};

class TreeBuilder {
 public:
  TreeBuilder(Document* doc, const ParseLimits& limits, util::DiagnosticSink* diags);

  // YAML `<<` merge keys (off for JSON, where "<<" is an ordinary key).
  void set_merge_keys(bool on) { merge_keys_ = on; }

  // Every call below returns false after a fatal error (already reported);
  // the parser must then stop.
  bool failed() const { return failed_; }
  // Reports a fatal error.
  bool Fail(util::Loc loc, std::string message);

  // A document of a stream starts: alias expansion is counted per document.
  void BeginDocument();
  // The finished document's root; nullptr when the document was empty.
  const Node* EndDocument();

  // Checks a scalar's length before the parser copies it.
  bool CheckScalarSize(size_t bytes, util::Loc loc) {
    return bytes <= limits_.max_scalar_bytes || ScalarTooLarge(loc);
  }
  // A new, fully filled scalar or null node whose text ends on `end_line`
  // (0: the line it starts on).
  bool AddScalar(Node* node, Built* out, uint32_t end_line = 0);
  // An alias of an earlier finished node, used at `loc`.
  bool AddAlias(const Built& target, util::Loc loc, std::string_view name);
  // A new map or sequence node (kind, loc and tag filled); its children follow.
  bool BeginContainer(Node* node);
  // Ends the innermost open container; `close_line` is the line of its
  // closing bracket (0 for a YAML block collection, which has none).
  bool EndContainer(Built* out, uint32_t close_line = 0);

  // Open containers.
  uint32_t depth() const { return static_cast<uint32_t>(frames_.size()); }

  // Extents of map entries and sequence items, for what comments are about.
  // Asks for the last line of the outermost entry or item that starts on
  // `line` (a key's line for an entry); lines must be asked for in
  // non-decreasing order, before such an entry or item ends, to be seen.
  void WatchLine(uint32_t line);
  // The last line found for a watched `line`; `line` itself when no entry or
  // item starting there has ended (or it was not watched).
  uint32_t ExtentEnd(uint32_t line) const;

 private:
  struct Frame {
    Node* node;
    size_t first_child;  // index into children_
    uint64_t size;
    uint32_t height;
    uint32_t end_line;  // of the last child so far
    uint32_t key_line;  // of the last key of a map
    bool has_merge;
  };

  bool ExpectingKey() const;
  // Inline: called for every node.
  bool CountNodes(uint64_t n, util::Loc loc) {
    total_nodes_ += n;
    return total_nodes_ <= limits_.max_nodes || TooManyNodes(loc);
  }
  // The errors of CountNodes and CheckScalarSize.
  bool TooManyNodes(util::Loc loc);
  bool ScalarTooLarge(util::Loc loc);
  // Adds a finished child that spans `first_line`..`last_line` where it is used.
  void Append(const Node* node, uint64_t size, uint32_t height, uint32_t first_line,
              uint32_t last_line);
  void NoteExtent(uint32_t first_line, uint32_t last_line);
  bool FinishMap(Frame& frame);
  bool ApplyMerges(std::span<const MapEntry> explicit_entries, Frame& frame);
  void WarnDuplicates(std::span<const MapEntry> entries);
  void WarnDuplicate(const Node* key, const Node* first);
  // Reports a problem that does not stop parsing, up to a cap per file.
  bool Recoverable(util::DiagLevel level, util::Loc loc, std::string message);

  Document* doc_;
  ParseLimits limits_;
  util::DiagnosticSink* diags_;
  bool merge_keys_ = false;
  bool failed_ = false;

  std::vector<Frame> frames_;
  std::vector<const Node*>
      children_;  // children of the open containers, keys and values alternating in maps
  std::vector<MapEntry> entries_;                                   // scratch for FinishMap
  std::vector<std::pair<std::string_view, uint32_t>> sorted_keys_;  // scratch for duplicates
  const Node* root_ = nullptr;
  uint64_t total_nodes_ = 0;  // in the whole stream
  uint64_t alias_nodes_ = 0;  // in the current document
  uint32_t recoverable_reported_ = 0;
  // Watched lines and the last line of what starts on each, sorted by line.
  std::vector<std::pair<uint32_t, uint32_t>> extents_;
};

}  // namespace fnwarden::load::syntax

#endif  // FNWARDEN_LOAD_SYNTAX_BUILDER_H_
