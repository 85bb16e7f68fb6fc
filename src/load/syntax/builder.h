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
  bool CheckScalarSize(size_t bytes, util::Loc loc);
  // A new, fully filled scalar or null node.
  bool AddScalar(Node* node, Built* out);
  // An alias of an earlier finished node, used at `loc`.
  bool AddAlias(const Built& target, util::Loc loc, std::string_view name);
  // A new map or sequence node (kind, loc and tag filled); its children follow.
  bool BeginContainer(Node* node);
  // Ends the innermost open container.
  bool EndContainer(Built* out);

  // Open containers.
  uint32_t depth() const { return static_cast<uint32_t>(frames_.size()); }

 private:
  struct Frame {
    Node* node;
    size_t first_child;  // index into children_
    uint64_t size;
    uint32_t height;
    bool has_merge;
  };

  bool ExpectingKey() const;
  bool CountNodes(uint64_t n, util::Loc loc);
  void Append(const Node* node, uint64_t size, uint32_t height);
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
};

}  // namespace fnwarden::load::syntax

#endif  // FNWARDEN_LOAD_SYNTAX_BUILDER_H_
