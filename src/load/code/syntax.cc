#include "load/code/syntax.h"

#include <array>
#include <limits>


extern "C" {
const TSLanguage* tree_sitter_python();
const TSLanguage* tree_sitter_javascript();
const TSLanguage* tree_sitter_typescript();
const TSLanguage* tree_sitter_tsx();
}

namespace fnwarden::load::code {
namespace {

constexpr size_t kLanguages = 4;

const TSLanguage* GrammarOf(Language language) {
  switch (language) {
    case Language::kPython: return tree_sitter_python();
    case Language::kJavaScript: return tree_sitter_javascript();
    case Language::kTypeScript: return tree_sitter_typescript();
    case Language::kTsx: return tree_sitter_tsx();
  }
  return nullptr;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// One parser per language and thread: a TSParser is not thread-safe, and
// creating one per file would cost more than small files take to parse.
struct Parsers {
  std::array<TSParser*, kLanguages> parsers{};
  ~Parsers() {
    for (TSParser* p : parsers) {
      if (p != nullptr) ts_parser_delete(p);
    }
  }
  TSParser* For(Language language) {
    TSParser*& p = parsers[static_cast<size_t>(language)];
    if (p == nullptr) {
      p = ts_parser_new();
      if (!ts_parser_set_language(p, GrammarOf(language))) {
        ts_parser_delete(p);
        p = nullptr;
      }
    }
    return p;
  }
};

}  // namespace

std::string_view LanguageName(Language language) {
  switch (language) {
    case Language::kPython: return "python";
    case Language::kJavaScript: return "javascript";
    case Language::kTypeScript: return "typescript";
    case Language::kTsx: return "tsx";
  }
  return "";
}

bool LanguageOfPath(std::string_view path, Language* language) {
  if (EndsWith(path, ".py")) {
    *language = Language::kPython;
  } else if (EndsWith(path, ".js") || EndsWith(path, ".mjs") || EndsWith(path, ".cjs") ||
             EndsWith(path, ".jsx")) {
    *language = Language::kJavaScript;
  } else if (EndsWith(path, ".d.ts") || EndsWith(path, ".d.mts") || EndsWith(path, ".d.cts")) {
    return false;
  } else if (EndsWith(path, ".ts") || EndsWith(path, ".mts") || EndsWith(path, ".cts")) {
    *language = Language::kTypeScript;
  } else if (EndsWith(path, ".tsx")) {
    *language = Language::kTsx;
  } else {
    return false;
  }
  return true;
}

const std::string& GrammarError() {
  static const std::string error = [] {
    std::string out;
    TSParser* parser = ts_parser_new();
    for (size_t i = 0; i < kLanguages; ++i) {
      auto language = static_cast<Language>(i);
      const TSLanguage* grammar = GrammarOf(language);
      if (!ts_parser_set_language(parser, grammar)) {
        if (!out.empty()) out += "; ";
        out += "the " + std::string(LanguageName(language)) + " grammar has ABI version " +
               std::to_string(ts_language_abi_version(grammar)) +
               ", which the tree-sitter runtime does not accept (versions " +
               std::to_string(TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION) + " to " +
               std::to_string(TREE_SITTER_LANGUAGE_VERSION) + ")";
      }
    }
    ts_parser_delete(parser);
    return out;
  }();
  return error;
}

Tree& Tree::operator=(Tree&& other) noexcept {
  if (this != &other) {
    if (tree_ != nullptr) ts_tree_delete(tree_);
    tree_ = other.tree_;
    text_ = other.text_;
    other.tree_ = nullptr;
  }
  return *this;
}

Tree::~Tree() {
  if (tree_ != nullptr) ts_tree_delete(tree_);
}

bool PythonIndentedTooDeep(std::string_view text) {
  constexpr uint32_t kMaxColumns = 256;
  uint32_t columns = 0;
  bool line_start = true;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      line_start = true;
      columns = 0;
    } else if (line_start && (c == ' ' || c == '\t' || c == '\f' || c == '\v')) {
      columns += c == '\t' ? 8 : 1;
      if (columns >= kMaxColumns) return true;
    } else {
      line_start = false;
    }
  }
  return false;
}

Tree Parse(Language language, std::string_view text) {
  if (text.size() > std::numeric_limits<uint32_t>::max()) return {};
  if (language == Language::kPython && PythonIndentedTooDeep(text)) return {};
  thread_local Parsers parsers;
  TSParser* parser = parsers.For(language);
  if (parser == nullptr) return {};
  TSTree* tree =
      ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size()));
  return Tree(tree, text);
}

bool FirstSyntaxError(const Tree& tree, uint32_t* line, uint32_t* col, std::string* what) {
  if (!tree.ok() || !ts_node_has_error(tree.root())) return false;
  // Descend into the first child that has an error, in document order; a
  // cursor keeps this iterative whatever the depth.
  TSTreeCursor cursor = ts_tree_cursor_new(tree.root());
  bool found = false;
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    if (ts_node_is_error(node) || ts_node_is_missing(node)) {
      *line = Line(node);
      *col = Column(node);
      if (ts_node_is_missing(node)) {
        *what = "missing `" + std::string(Type(node)) + "`";
      } else {
        std::string_view text = tree.Text(node);
        size_t end = text.find_first_of("\r\n");
        if (end != std::string_view::npos) text = text.substr(0, end);
        if (text.size() > 40) text = text.substr(0, 40);
        *what = text.empty() ? "syntax error" : "unexpected `" + std::string(text) + "`";
      }
      found = true;
      break;
    }
    if (!ts_tree_cursor_goto_first_child(&cursor)) break;
    // The first child with an error (or that is one).
    bool moved = true;
    for (;;) {
      TSNode child = ts_tree_cursor_current_node(&cursor);
      if (ts_node_has_error(child) || ts_node_is_missing(child)) break;
      if (!ts_tree_cursor_goto_next_sibling(&cursor)) {
        moved = false;
        break;
      }
    }
    if (!moved) break;
  }
  ts_tree_cursor_delete(&cursor);
  return found;
}

}  // namespace fnwarden::load::code
