// HCL2 native syntax (Terraform's `.tf` files): a positioned, arena-allocated
// tree of bodies, blocks, attributes and expressions, as the YAML and JSON
// loaders make one of their documents (node.h).
//
// The parser is our own, hand-written and single-pass: it reads the bytes
// directly (no token list) and keeps its line count as it goes, so it runs
// at the speed of the YAML path. It covers the whole native syntax:
// - bodies: attributes (`name = expr`), blocks with identifier or quoted
//   labels, one-line blocks, and comments (`#`, `//`, `/* */`), which are
//   collected in document order;
// - expressions: number, bool and null literals; quoted templates and
//   heredocs (`<<EOF`, `<<-EOF` with its indentation removed) with
//   `${...}` interpolation, `%{if}`/`%{else}`/`%{endif}` and
//   `%{for}`/`%{endfor}` directives and `~` strip markers; variables and
//   traversals (`.attr`, `[index]`, legacy `.0`), attribute splats (`.*`)
//   and full splats (`[*]`); tuples and objects; `for` expressions for
//   tuples and objects with `if` and `...` grouping; function calls with a
//   final `...` (provider functions `provider::p::f(...)` included);
//   unary and binary operators with HCL's precedence; conditionals; and
//   parentheses.
//
// Newlines end an attribute, except inside parentheses, brackets, braces of
// an expression and interpolations, as in HCL.
//
// Positions: `loc` is where a construct starts (1-based line and byte
// column); `begin` and `end` are its byte range in the file's text.
#ifndef FNWARDEN_LOAD_SYNTAX_HCL_H_
#define FNWARDEN_LOAD_SYNTAX_HCL_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "load/syntax/arena.h"
#include "load/syntax/node.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::syntax::hcl {

enum class ExprKind : uint8_t {
  kNumber,  // `text` as written: 1, 1.5, 1e3
  kBool,    // `text`: "true" or "false"
  kNull,
  kString,       // a template part without interpolation, or an object's bare key: `text` unescaped
  kTemplate,     // "..." or a heredoc with interpolations or directives: `items` are its parts
  kVariable,     // a root name: `text` (var, local, aws_iam_role, each, count...)
  kGetAttr,      // `a`.`text`
  kIndex,        // `a`[`b`]; also the legacy `a.0` (b is a kNumber)
  kSplat,        // `a`.* or `a`[*]: `b` is applied to each element (its root is a kSplatItem)
  kSplatItem,    // the element a splat's `b` starts from
  kCall,         // `text`(`items`...); `expand`: the last argument ends with `...`
  kTuple,        // [`items`]
  kObject,       // {`items`}: keys and values alternate (key, value, key, value...)
  kFor,          // `[for key_var, value_var in a : b if d]`, or with `object_for`
                 // `{for ... in a : c => b if d}`: b is the element or value, c the
                 // key; `expand`: grouping `...`
  kConditional,  // `a` ? `b` : `c`
  kBinary,       // `a` `text` `b`: `text` is the operator ("+", "==", "&&"...)
  kUnary,        // `text` `a`: "!" or "-"
  kParens,       // (`a`)
  kTemplateIf,   // %{if `a`}`b`%{else}`c`%{endif}; b and c are kTemplate (c may be null)
  kTemplateFor,  // %{for key_var, value_var in `a`}`b`%{endfor}
};

struct Expr {
  ExprKind kind = ExprKind::kNull;
  bool expand = false;
  bool object_for = false;
  bool heredoc = false;  // kTemplate (or its kString form) written as a heredoc
  util::Loc loc;
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string_view text;
  const Expr* a = nullptr;
  const Expr* b = nullptr;
  const Expr* c = nullptr;
  const Expr* d = nullptr;
  std::string_view key_var;  // kFor, kTemplateFor: "" when only a value variable is named
  std::string_view value_var;
  std::span<const Expr* const> items;
};

struct Body;

struct Attribute {
  std::string_view name;
  util::Loc loc;  // of the name
  uint32_t begin = 0;
  uint32_t end = 0;
  const Expr* value = nullptr;
};

struct Label {
  std::string_view text;  // unescaped
  util::Loc loc;
  bool quoted = false;
};

struct Block {
  std::string_view type;  // resource, variable, module, dynamic, ...
  util::Loc loc;          // of the type
  uint32_t begin = 0;
  uint32_t end = 0;  // past the closing brace
  std::span<const Label> labels;
  const Body* body = nullptr;
};

// One item of a body, in document order: exactly one of the two is set.
struct BodyItem {
  const Attribute* attribute = nullptr;
  const Block* block = nullptr;
};

struct Body {
  std::span<const BodyItem> items;

  // The attribute `name` (the last if repeated, which Terraform rejects);
  // nullptr when absent.
  const Attribute* Get(std::string_view name) const;
  // The blocks of type `type`, in order.
  std::vector<const Block*> Blocks(std::string_view type) const;
};

// A comment: `#` or `//` to the end of its line, or `/* ... */`; `text` is
// what follows the mark (without the closing `*/`), a view of the file's text.
struct Comment {
  uint32_t line = 0;
  uint32_t col = 0;
  std::string_view text;
};

// One parsed `.tf` file. Immutable once parsed.
class File {
 public:
  explicit File(const util::SourceFile* source) : source_(source) {}
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  const util::SourceFile* source() const { return source_; }
  const Body* body() const { return body_; }
  const std::vector<Comment>& comments() const { return comments_; }
  size_t arena_bytes() const { return arena_.allocated_bytes(); }

 private:
  friend class Parser;
  friend class JsonBodyReader;
  const util::SourceFile* source_;
  const Body* body_ = nullptr;
  std::vector<Comment> comments_;
  Arena arena_;
};

// Parses a `.tf` file. The first error is reported to `diags` as
// `file:line:col` and stops parsing (returns nullptr): unterminated strings,
// interpolations, heredocs, block comments and brackets, unexpected tokens,
// nesting deeper than `limits.max_depth`, more than `limits.max_nodes`
// expressions, and the input errors every parser reports (binary content,
// UTF-16/32, invalid UTF-8). An empty file gives an empty body. The File
// refers to the source's text: `source` must outlive it.
std::unique_ptr<File> ParseHcl(const util::SourceFile* source, const ParseLimits& limits,
                               util::DiagnosticSink* diags);

// Parses a `.tf.json` file (Terraform's JSON syntax) into the same tree:
// `resource`, `data`, `variable`, `output`, `module`, `provider`, `locals`
// and `terraform` objects become blocks; inside a body, each key is an
// attribute (an object value stands for a nested block, which the
// evaluator reads either way) except `dynamic`; strings that interpolate
// are templates, parsed where they are written. JSON errors are reported
// as ParseJson reports them.
std::unique_ptr<File> ParseHclJson(const util::SourceFile* source, const ParseLimits& limits,
                                   util::DiagnosticSink* diags);

// Compact, deterministic text of a body or an expression, for tests:
// `resource "aws_s3_bucket" b { acl = "private" }`, `f(a.b[0], [1, 2]...)`,
// `(x ? 1 : 2)`, `"a${var.x}b"`, `[for k, v in m : v if k]`.
std::string Dump(const Body* body);
std::string Dump(const Expr* expr);

}  // namespace fnwarden::load::syntax::hcl

#endif  // FNWARDEN_LOAD_SYNTAX_HCL_H_
