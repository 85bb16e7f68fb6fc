// A positioned syntax tree shared by the YAML and JSON loaders.
//
// Every node keeps the line and column where it starts, its YAML tag (the
// CloudFormation short forms such as "!Ref" arrive as tags) and, for scalars,
// whether the text was quoted (a quoted "true" is a string, a plain true is a
// boolean). Nodes live in the Document's arena; a Document is immutable once
// parsed and safe to read from many threads.
//
// Positions: `line` and `col` are 1-based and count bytes, as util::SourceFile
// does, except that a leading UTF-8 byte order mark is not counted.
//
// Kinds: an untagged plain YAML null (`~`, `null`, `Null`, `NULL` or nothing)
// and JSON `null` are kNull nodes (their text is kept in `scalar`); every other
// scalar is kScalar. Map keys are always kScalar. A YAML alias shares the
// anchored node: the same Node* appears at every place the alias is used, so
// the tree is a DAG (never a cycle).
#ifndef FNWARDEN_LOAD_SYNTAX_NODE_H_
#define FNWARDEN_LOAD_SYNTAX_NODE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "load/syntax/arena.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::syntax {

enum class NodeKind : uint8_t { kNull, kScalar, kMap, kSeq };

enum class ScalarStyle : uint8_t {
  kPlain,   // unquoted YAML, or a JSON number/true/false/null
  kQuoted,  // single- or double-quoted YAML, or a JSON string
  kBlock,   // YAML literal (|) or folded (>) block
};

// What a scalar means under the YAML 1.1 core rules CloudFormation follows.
// Quoted and block scalars are always strings.
enum class ScalarType : uint8_t { kString, kBool, kInt, kFloat, kNull };

struct Node;

struct MapEntry {
  const Node* key;  // always a scalar node (complex keys are diagnosed and skipped)
  const Node* value;
};

struct Node {
  NodeKind kind = NodeKind::kNull;
  ScalarStyle style = ScalarStyle::kPlain;
  util::Loc loc;
  std::string_view tag;     // "" when untagged; otherwise as written, e.g. "!Ref", "!GetAtt"
  std::string_view scalar;  // scalar text after unescaping (kScalar only)
  std::span<const MapEntry> entries;   // kMap, in document order (merge keys already applied)
  std::span<const Node* const> items;  // kSeq
  // Scalar text lives in the source file when it is written there verbatim,
  // otherwise in the Document's arena: valid as long as both live.

  bool is_map() const { return kind == NodeKind::kMap; }
  bool is_seq() const { return kind == NodeKind::kSeq; }
  bool is_scalar() const { return kind == NodeKind::kScalar; }
  bool is_null() const { return kind == NodeKind::kNull; }

  // The value of `key` in a map (the last one if the key is duplicated, as
  // CloudFormation does); nullptr when absent or not a map.
  const Node* Get(std::string_view key) const;
  // The key node of `key`, for pointing at it; nullptr when absent.
  const Node* GetKey(std::string_view key) const;
  // What a scalar means: quoted and block scalars are strings; plain ones
  // resolve as true/True/TRUE/false/False/FALSE to kBool, ~/null/empty to kNull, decimal, 0x hex
  // and 0o octal to kInt, decimals with a fraction or exponent and .inf/.nan to kFloat, anything
  // else (yes/no/on/off included) to kString. kNull nodes give kNull; maps and sequences give
  // kString (check `kind` first).
  ScalarType Type() const;
};

// Limits that keep hostile input from exhausting memory or the stack. Each
// has a documented default; the CLI may override them.
struct ParseLimits {
  uint32_t max_depth = 256;                // nesting of maps and sequences
  uint64_t max_nodes = 4'000'000;          // nodes after alias expansion
  uint64_t max_alias_expansion = 100'000;  // nodes copied through aliases in one document
  uint64_t max_scalar_bytes = 1 << 20;     // one scalar's length
};

// One parsed file. A YAML stream may hold several documents; JSON holds one.
class Document {
 public:
  explicit Document(const util::SourceFile* file) : file_(file) {}
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const util::SourceFile* file() const { return file_; }
  // Roots of the documents in the stream, in order. Empty for an empty file.
  const std::vector<const Node*>& roots() const { return roots_; }
  const Node* root() const { return roots_.empty() ? nullptr : roots_.front(); }

  // Arena used by the parsers. Returned storage lives as long as the Document.
  Node* NewNode();
  std::string_view Intern(std::string_view text);
  std::span<const MapEntry> CopyEntries(const std::vector<MapEntry>& entries);
  std::span<const Node* const> CopyItems(const std::vector<const Node*>& items);
  std::span<const MapEntry> CopyEntries(std::span<const MapEntry> entries);
  std::span<const Node* const> CopyItems(std::span<const Node* const> items);
  void AddRoot(const Node* root) { roots_.push_back(root); }

  // The comments of a YAML stream in document order (JSON has none), with
  // the lines each is about (util::SourceComment). Found between the tokens
  // the YAML scanner reports, so a `#` inside a quoted, plain or block scalar is never
  // one. When parsing stops at an error, the comments after it are missing.
  const std::vector<util::SourceComment>& comments() const { return comments_; }
  std::vector<util::SourceComment>& mutable_comments() { return comments_; }
  // Moves the comments out, e.g. to util::SourceFile::set_comments.
  std::vector<util::SourceComment> TakeComments() { return std::move(comments_); }
  // Bytes held by the arena, for tests and memory accounting.
  size_t arena_bytes() const { return arena_.allocated_bytes(); }

 private:
  const util::SourceFile* file_;
  std::vector<const Node*> roots_;
  std::vector<util::SourceComment> comments_;
  Arena arena_;
};

// Parses YAML (a stream of one or more documents) into a Document. Every
// problem is reported to `diags` as `file:line:col` and parsing stops at the
// first fatal one; returns nullptr when nothing usable was read. Warnings
// (duplicate keys) do not stop parsing. The syntax is libyaml's: a faster
// scanner reads what templates commonly use and gives the rest to libyaml
// (yaml_events.h), with the same result either way.
//
// Details: tags are kept as written ("!Ref"; "!e!x" under a %TAG directive
// becomes the full tag); the standard tags vanish after taking effect
// (`!!str 1` is a quoted "1", `!!int "1"` a plain 1, unknown `!!x` is an
// error). `<<` merge keys are applied. An empty file, or one with only
// comments, gives a Document with no roots and no diagnostic. Binary files
// (a NUL in the first 8 KiB), non-UTF-8 text, nesting deeper than
// max_depth (aliases included), more than max_nodes nodes, more than
// max_alias_expansion nodes reached through aliases, scalars longer than
// max_scalar_bytes, undefined or self-containing aliases are errors. A map or
// a sequence used as a key is an error that skips the entry without stopping.
// The Document refers to the file's text: `file` must outlive it.
std::unique_ptr<Document> ParseYaml(const util::SourceFile* file, const ParseLimits& limits,
                                    util::DiagnosticSink* diags);

// Parses one JSON value (RFC 8259; a UTF-8 byte order mark is skipped).
// Same error contract as ParseYaml; an empty or all-blank file gives no roots
// and no diagnostic. Strings are kQuoted; numbers, true, false and null are
// kPlain with their text as written.
std::unique_ptr<Document> ParseJson(const util::SourceFile* file, const ParseLimits& limits,
                                    util::DiagnosticSink* diags);

// Renders a node as compact, deterministic text for tests, e.g.
// `{Type: "AWS::S3::Bucket", Props: [!Ref "X", 1]}` (quoted scalars in quotes,
// tags before values). Plain scalars appear as written, kNull nodes as `null`,
// quoted scalars in double quotes with C-style escapes (\", \\, \n, \t,
// \xNN), block scalars as `|` followed by their quoted form; maps are
// `{k: v, ...}`, sequences `[a, ...]`, nullptr is `<none>`. Aliases are
// expanded. Recursion is bounded by the parser's depth limit.
std::string Dump(const Node* node);

// Appends `text` in double quotes with the escapes Dump uses (\", \\, \n,
// \t, \xNN for other control bytes and DEL).
void AppendQuoted(std::string_view text, std::string* out);

}  // namespace fnwarden::load::syntax

#endif  // FNWARDEN_LOAD_SYNTAX_NODE_H_
