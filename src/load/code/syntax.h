// Handler code as syntax trees: the tree-sitter grammars of the languages
// whose code fnwarden reads (Python, JavaScript, TypeScript and TSX), and
// the few helpers every extractor needs to walk a tree.
//
// Grammars come from pinned npm packages (cmake/tree_sitter.cmake). A
// grammar built for another ABI than the runtime links without a word and
// fails at run time: GrammarError() checks every grammar once, and Parse
// refuses to run on a grammar the runtime rejected.
#ifndef FNWARDEN_LOAD_CODE_SYNTAX_H_
#define FNWARDEN_LOAD_CODE_SYNTAX_H_

#include <tree_sitter/api.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace fnwarden::load::code {

enum class Language : uint8_t { kPython, kJavaScript, kTypeScript, kTsx };

// "python", "javascript", "typescript", "tsx".
std::string_view LanguageName(Language language);

// The language of a source file by its extension: .py; .js, .mjs, .cjs,
// .jsx; .ts, .mts, .cts; .tsx. False for anything else (and for .d.ts
// declaration files, which hold no code).
bool LanguageOfPath(std::string_view path, Language* language);

// Whether a language is of the JavaScript family (JavaScript, TypeScript, TSX).
inline bool IsJavaScriptFamily(Language language) { return language != Language::kPython; }

// Empty when every grammar is accepted by the linked runtime; otherwise
// which one is not and why (checked once, with ts_parser_set_language).
const std::string& GrammarError();

// A parsed file: the tree and the text it views. Movable, not copyable.
class Tree {
 public:
  Tree() = default;
  Tree(TSTree* tree, std::string_view text) : tree_(tree), text_(text) {}
  Tree(Tree&& other) noexcept : tree_(other.tree_), text_(other.text_) { other.tree_ = nullptr; }
  Tree& operator=(Tree&& other) noexcept;
  Tree(const Tree&) = delete;
  Tree& operator=(const Tree&) = delete;
  ~Tree();

  bool ok() const { return tree_ != nullptr; }
  TSNode root() const { return ts_tree_root_node(tree_); }
  std::string_view text() const { return text_; }
  // The source text of `node`.
  std::string_view Text(TSNode node) const {
    uint32_t begin = ts_node_start_byte(node), end = ts_node_end_byte(node);
    if (end > text_.size() || begin > end) return {};
    return text_.substr(begin, end - begin);
  }

 private:
  TSTree* tree_ = nullptr;
  std::string_view text_;
};

// Whether a line of Python text is indented 256 columns or more (a tab
// counts 8). tree-sitter-python 0.25.0's scanner overflows its state buffer
// at about 380 indentation levels (each at least a column deeper than the
// last): Parse refuses such text rather than corrupt memory.
bool PythonIndentedTooDeep(std::string_view text);

// Parses `text` (which must outlive the tree). Not ok() when the grammar
// was rejected (GrammarError), the text is larger than 4 GiB, or it is
// Python indented too deep for the grammar (PythonIndentedTooDeep). Syntax
// errors still give a tree, with ERROR and MISSING nodes where the parser
// recovered: see FirstSyntaxError. Thread-safe: each thread keeps its own
// parsers.
Tree Parse(Language language, std::string_view text);

// The first syntax error of a tree in document order, as a 1-based line and
// a 1-based byte column, and a short description ("unexpected `)`", "missing
// `;`"). False when the tree has none.
bool FirstSyntaxError(const Tree& tree, uint32_t* line, uint32_t* col, std::string* what);

// 1-based line and byte column where `node` starts.
inline uint32_t Line(TSNode node) { return ts_node_start_point(node).row + 1; }
inline uint32_t Column(TSNode node) { return ts_node_start_point(node).column + 1; }

// The child of `node` in field `field` (a null node when none: check with
// ts_node_is_null).
inline TSNode Field(TSNode node, std::string_view field) {
  return ts_node_child_by_field_name(node, field.data(), static_cast<uint32_t>(field.size()));
}

// The node's type ("call_expression", "identifier"...), as a view of the
// grammar's static string.
inline std::string_view Type(TSNode node) { return ts_node_type(node); }

}  // namespace fnwarden::load::code

#endif  // FNWARDEN_LOAD_CODE_SYNTAX_H_
