// ParseHcl: a hand-written, single-pass reader of HCL2 native syntax (see
// hcl.h). There is no separate lexer: each parsing function reads the bytes
// it expects, skipping blanks with SkipBlanks, which also collects comments
// and counts lines. Newlines are blanks inside an expression's brackets and
// interpolations (`nesting_` > 0) and end an attribute elsewhere.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/syntax/hcl.h"
#include "load/syntax/input.h"
#include "util/encoding.h"

namespace fnwarden::load::syntax::hcl {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool IsIdentChar(char c) { return IsIdentStart(c) || IsDigit(c) || c == '-'; }

// A short description of the byte at a position, for "expected X, found Y".
std::string Found(std::string_view s, size_t p) {
  if (p >= s.size()) return "the end of the file";
  char c = s[p];
  if (c == '\n' || c == '\r') return "the end of the line";
  if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "a control character";
  if (static_cast<unsigned char>(c) >= 0x80) return "a non-ASCII character";
  return std::string("'") + c + "'";
}

// Binary operators by precedence (HCL's, from the loosest).
int Precedence(std::string_view op) {
  if (op == "||") return 1;
  if (op == "&&") return 2;
  if (op == "==" || op == "!=") return 3;
  if (op == "<" || op == "<=" || op == ">" || op == ">=") return 4;
  if (op == "+" || op == "-") return 5;
  if (op == "*" || op == "/" || op == "%") return 6;
  return 0;
}

}  // namespace

// Friend of File (hcl.h): fills its arena, body and comments.
class Parser {
 public:
  Parser(File* out, const ParseLimits& limits, util::DiagnosticSink* diags, size_t bom)
      : out_(out), s_(out->source()->text()), limits_(limits), diags_(diags), bom_(bom) {
    p_ = bom;
    line_start_ = 0;
  }

  bool Run() {
    const Body* body = ParseBody(/*top=*/true, {});
    if (failed_) return false;
    out_->body_ = body;
    return true;
  }

  // The quoted template whose opening quote is at `offset` (a string of
  // the JSON syntax), or nullptr having reported why.
  const Expr* QuotedAt(size_t offset) {
    line_start_ = offset;
    while (line_start_ > 0 && s_[line_start_ - 1] != '\n') --line_start_;
    line_ = out_->source()->Position(offset).line;
    p_ = offset;
    const Expr* e = ParseQuoted();
    return failed_ ? nullptr : e;
  }
  bool failed() const { return failed_; }

 private:
  // ------------------------------------------------------------ positions

  util::Loc LocAt(size_t offset) const {
    // Offsets handed here are on the current line or before it; the
    // current line's start is known, earlier ones are looked up.
    if (offset >= line_start_) {
      uint32_t col = static_cast<uint32_t>(offset - line_start_ + 1);
      if (line_ == 1 && col > bom_) col -= static_cast<uint32_t>(bom_);
      return util::Loc{out_->source(), line_, col};
    }
    return LocAtOffset(*out_->source(), offset, bom_);
  }
  util::Loc Here() const { return LocAt(p_); }

  void NewLineAt(size_t newline) {
    ++line_;
    line_start_ = newline + 1;
  }

  // ------------------------------------------------------------ errors

  std::nullptr_t Fail(util::Loc at, std::string message) {
    if (!failed_) diags_->Error(at, std::move(message));
    failed_ = true;
    return nullptr;
  }
  std::nullptr_t Expected(std::string_view what) {
    return Fail(Here(), "expected " + std::string(what) + ", found " + Found(s_, p_));
  }

  // ------------------------------------------------------------ arena

  Expr* NewExpr(ExprKind kind, size_t begin) {
    if (++nodes_ > limits_.max_nodes) {
      Fail(LocAt(begin),
           "more than " + std::to_string(limits_.max_nodes) + " expressions; the file is not read");
      return nullptr;
    }
    Expr* e = out_->arena_.New<Expr>();
    e->kind = kind;
    e->loc = LocAt(begin);
    e->begin = static_cast<uint32_t>(begin);
    return e;
  }
  Expr* Finish(Expr* e) {
    if (e != nullptr) e->end = static_cast<uint32_t>(p_);
    return e;
  }
  std::span<const Expr* const> CopyItems(const std::vector<const Expr*>& items) {
    return out_->arena_.Copy(std::span<const Expr* const>(items));
  }

  // ------------------------------------------------------------ blanks

  bool At(char c) const { return p_ < s_.size() && s_[p_] == c; }
  bool At(std::string_view text) const { return s_.substr(p_).starts_with(text); }
  char Peek(size_t ahead = 0) const { return p_ + ahead < s_.size() ? s_[p_ + ahead] : '\0'; }

  // Skips spaces, tabs, carriage returns and comments, and newlines when
  // `newlines` is set; returns whether a newline was skipped. A line
  // comment stops before its newline when newlines are not skipped.
  bool SkipBlanks(bool newlines) {
    bool saw_newline = false;
    while (p_ < s_.size()) {
      char c = s_[p_];
      if (c == ' ' || c == '\t' || c == '\r') {
        ++p_;
      } else if (c == '\n') {
        if (!newlines) break;
        NewLineAt(p_);
        ++p_;
        saw_newline = true;
      } else if (c == '#' || (c == '/' && Peek(1) == '/')) {
        size_t mark = p_;
        size_t text = p_ + (c == '#' ? 1 : 2);
        size_t eol = s_.find('\n', text);
        if (eol == std::string_view::npos) eol = s_.size();
        size_t stop = eol;
        if (stop > text && s_[stop - 1] == '\r') --stop;
        AddComment(mark, s_.substr(text, stop - text));
        p_ = eol;
      } else if (c == '/' && Peek(1) == '*') {
        size_t mark = p_;
        util::Loc open = Here();
        size_t close = s_.find("*/", p_ + 2);
        if (close == std::string_view::npos) {
          Fail(open, "unterminated comment: /* has no closing */");
          p_ = s_.size();
          return saw_newline;
        }
        AddComment(mark, s_.substr(mark + 2, close - mark - 2));
        for (size_t i = p_; i < close; ++i) {
          if (s_[i] == '\n') NewLineAt(i);
        }
        p_ = close + 2;
      } else {
        break;
      }
    }
    return saw_newline;
  }
  // Inside an expression: newlines are blanks within brackets.
  bool SkipSpace() { return SkipBlanks(nesting_ > 0); }

  void AddComment(size_t mark, std::string_view text) {
    util::Loc at = LocAt(mark);
    out_->comments_.push_back({at.line, at.col, text});
  }

  // After an attribute or a block: the rest of the line must be blank.
  bool EndOfLine() {
    SkipBlanks(false);
    if (p_ >= s_.size()) return true;
    if (s_[p_] == '\n') {
      NewLineAt(p_);
      ++p_;
      return true;
    }
    Expected("a newline");
    return false;
  }

  // ------------------------------------------------------------ bodies

  std::string_view Identifier() {
    size_t start = p_;
    while (p_ < s_.size() && IsIdentChar(s_[p_])) ++p_;
    return s_.substr(start, p_ - start);
  }

  bool Enter(util::Loc at) {
    if (++depth_ > limits_.max_depth) {
      Fail(at, "nesting deeper than " + std::to_string(limits_.max_depth) +
                   " levels; the file is not read");
      return false;
    }
    return true;
  }
  void Leave() { --depth_; }

  // A body up to its closing brace (left unread) or the end of the file.
  const Body* ParseBody(bool top, util::Loc open) {
    std::vector<BodyItem> items;
    while (!failed_) {
      SkipBlanks(true);
      if (p_ >= s_.size()) {
        if (!top) Fail(open, "unbalanced braces: this { is never closed");
        break;
      }
      if (s_[p_] == '}') {
        if (top) Fail(Here(), "unbalanced braces: } closes nothing");
        break;
      }
      if (!IsIdentStart(s_[p_])) {
        Expected("an attribute or a block");
        break;
      }
      size_t start = p_;
      util::Loc at = Here();
      std::string_view name = Identifier();
      SkipBlanks(false);
      if (At('=') && Peek(1) != '=') {
        ++p_;
        const Expr* value = ParseExpression();
        if (value == nullptr) break;
        auto* attr = out_->arena_.New<Attribute>();
        *attr = {name, at, static_cast<uint32_t>(start), value->end, value};
        items.push_back({attr, nullptr});
        if (!EndOfLine()) break;
        continue;
      }
      const Block* block = ParseBlock(name, at, start);
      if (block == nullptr) break;
      items.push_back({nullptr, block});
      if (!EndOfLine()) break;
    }
    auto* body = out_->arena_.New<Body>();
    body->items = out_->arena_.Copy(std::span<const BodyItem>(items));
    return body;
  }

  // After a block's type: its labels, then `{ body }` or a one-line block.
  const Block* ParseBlock(std::string_view type, util::Loc at, size_t start) {
    std::vector<Label> labels;
    while (!failed_) {
      SkipBlanks(false);
      if (At('"')) {
        util::Loc label_at = Here();
        const Expr* text = ParseQuoted();
        if (text == nullptr) return nullptr;
        if (text->kind != ExprKind::kString) {
          return Fail(label_at, "a block label cannot hold interpolations or directives");
        }
        labels.push_back({text->text, label_at, true});
      } else if (p_ < s_.size() && IsIdentStart(s_[p_])) {
        util::Loc label_at = Here();
        labels.push_back({Identifier(), label_at, false});
      } else {
        break;
      }
    }
    if (failed_) return nullptr;
    if (!At('{')) return Expected("'=' or a block's labels and '{'");
    util::Loc open = Here();
    if (!Enter(open)) return nullptr;
    ++p_;
    SkipBlanks(false);
    const Body* body = nullptr;
    if (At('}')) {
      auto* empty = out_->arena_.New<Body>();
      body = empty;
    } else if (p_ >= s_.size() || s_[p_] == '\n') {
      body = ParseBody(/*top=*/false, open);
    } else {
      body = ParseOneLineBody();
    }
    Leave();
    if (failed_) return nullptr;
    if (!At('}')) return Expected("'}'");
    ++p_;
    auto* block = out_->arena_.New<Block>();
    block->type = type;
    block->loc = at;
    block->begin = static_cast<uint32_t>(start);
    block->end = static_cast<uint32_t>(p_);
    block->labels = out_->arena_.Copy(std::span<const Label>(labels));
    block->body = body;
    return block;
  }

  // `name { attr = expr }`: one attribute on the block's line.
  const Body* ParseOneLineBody() {
    if (p_ >= s_.size() || !IsIdentStart(s_[p_])) return Expected("an attribute or '}'");
    size_t start = p_;
    util::Loc at = Here();
    std::string_view name = Identifier();
    SkipBlanks(false);
    if (!(At('=') && Peek(1) != '=')) return Expected("'=' (a one-line block holds one attribute)");
    ++p_;
    const Expr* value = ParseExpression();
    if (value == nullptr) return nullptr;
    SkipBlanks(false);
    auto* attr = out_->arena_.New<Attribute>();
    *attr = {name, at, static_cast<uint32_t>(start), value->end, value};
    BodyItem item{attr, nullptr};
    auto* body = out_->arena_.New<Body>();
    body->items = out_->arena_.Copy(std::span<const BodyItem>(&item, 1));
    return body;
  }

  // ------------------------------------------------------------ expressions

  const Expr* ParseExpression() {
    SkipSpace();
    util::Loc at = Here();
    if (!Enter(at)) return nullptr;
    size_t start = p_;
    const Expr* cond = ParseBinary(1);
    if (cond != nullptr) {
      SkipSpace();
      if (At('?')) {
        ++p_;
        const Expr* yes = ParseExpression();
        if (yes != nullptr) {
          SkipSpace();
          if (!At(':')) {
            Expected("':' of a conditional");
            cond = nullptr;
          } else {
            ++p_;
            const Expr* no = ParseExpression();
            Expr* e = no != nullptr ? NewExpr(ExprKind::kConditional, start) : nullptr;
            if (e != nullptr) {
              e->a = cond;
              e->b = yes;
              e->c = no;
            }
            cond = Finish(e);
          }
        } else {
          cond = nullptr;
        }
      }
    }
    Leave();
    return failed_ ? nullptr : cond;
  }

  std::string_view PeekOperator() const {
    if (p_ >= s_.size()) return {};
    std::string_view two = s_.substr(p_, 2);
    for (std::string_view op : {"||", "&&", "==", "!=", "<=", ">="}) {
      if (two == op) return op;
    }
    switch (s_[p_]) {
      case '<':
        return Peek(1) == '<' ? std::string_view() : std::string_view("<");
      case '>':
        return ">";
      case '+':
        return "+";
      case '-':
        return "-";
      case '*':
        return "*";
      case '/':
        return Peek(1) == '/' || Peek(1) == '*' ? std::string_view() : std::string_view("/");
      case '%':
        return Peek(1) == '{' ? std::string_view() : std::string_view("%");
      default:
        return {};
    }
  }

  const Expr* ParseBinary(int min_precedence) {
    size_t start = p_;
    const Expr* left = ParseUnary();
    while (left != nullptr && !failed_) {
      SkipSpace();
      std::string_view op = PeekOperator();
      int precedence = op.empty() ? 0 : Precedence(op);
      if (precedence == 0 || precedence < min_precedence) break;
      p_ += op.size();
      if (!Enter(Here())) return nullptr;
      const Expr* right = ParseBinary(precedence + 1);
      Leave();
      if (right == nullptr) return nullptr;
      Expr* e = NewExpr(ExprKind::kBinary, start);
      if (e == nullptr) return nullptr;
      e->text = op;
      e->a = left;
      e->b = right;
      left = Finish(e);
    }
    return left;
  }

  const Expr* ParseUnary() {
    SkipSpace();
    if ((At('!') && Peek(1) != '=') || At('-')) {
      size_t start = p_;
      std::string_view op = s_.substr(p_, 1);
      ++p_;
      if (!Enter(LocAt(start))) return nullptr;
      const Expr* operand = ParseUnary();
      Leave();
      if (operand == nullptr) return nullptr;
      Expr* e = NewExpr(ExprKind::kUnary, start);
      if (e == nullptr) return nullptr;
      e->text = op;
      e->a = operand;
      return Finish(e);
    }
    const Expr* term = ParseTerm();
    return term != nullptr ? ParsePostfix(term) : nullptr;
  }

  // Index, attribute and splat traversals after a term.
  // Spaces and tabs may come before a step; a newline or a comment may not.
  void SkipToStep() {
    size_t q = p_;
    while (q < s_.size() && (s_[q] == ' ' || s_[q] == '\t')) ++q;
    if (q < s_.size() && (s_[q] == '.' || s_[q] == '[')) p_ = q;
  }

  const Expr* ParsePostfix(const Expr* e) {
    size_t start = e->begin;
    while (e != nullptr && !failed_) {
      SkipToStep();
      if (At('.') && Peek(1) == '*') {
        p_ += 2;
        e = Splat(e, start, /*full=*/false);
      } else if (At('[') && Peek(1) == '*' && Peek(2) == ']') {
        p_ += 3;
        e = Splat(e, start, /*full=*/true);
      } else if ((At('.') && Peek(1) != '.') || At('[')) {  // not the `...` of an argument
        e = Traversal(e, start);
      } else {
        break;
      }
    }
    return e;
  }

  // One `.name`, `.0` or `[expr]` step on `e`; nullptr on an error.
  const Expr* Traversal(const Expr* e, size_t start) {
    if (At('.')) {
      ++p_;
      if (p_ < s_.size() && IsDigit(s_[p_])) {  // legacy index: a.0
        size_t digits = p_;
        while (p_ < s_.size() && IsDigit(s_[p_])) ++p_;
        Expr* index = NewExpr(ExprKind::kNumber, digits);
        if (index == nullptr) return nullptr;
        index->text = s_.substr(digits, p_ - digits);
        Finish(index);
        Expr* out = NewExpr(ExprKind::kIndex, start);
        if (out == nullptr) return nullptr;
        out->a = e;
        out->b = index;
        return Finish(out);
      }
      if (p_ >= s_.size() || !IsIdentStart(s_[p_])) return Expected("an attribute name after '.'");
      Expr* out = NewExpr(ExprKind::kGetAttr, start);
      if (out == nullptr) return nullptr;
      out->a = e;
      out->text = Identifier();
      return Finish(out);
    }
    util::Loc open = Here();
    ++p_;
    ++nesting_;
    const Expr* index = ParseExpression();
    if (index != nullptr) SkipSpace();
    --nesting_;
    if (index == nullptr) return nullptr;
    if (!At(']')) {
      if (p_ >= s_.size()) return Fail(open, "unbalanced brackets: this [ is never closed");
      return Expected("']'");
    }
    ++p_;
    Expr* out = NewExpr(ExprKind::kIndex, start);
    if (out == nullptr) return nullptr;
    out->a = e;
    out->b = index;
    return Finish(out);
  }

  // `e.*` (attribute splat: attribute steps follow) or `e[*]` (full splat:
  // attribute and index steps follow), applied to each element.
  const Expr* Splat(const Expr* e, size_t start, bool full) {
    Expr* item = NewExpr(ExprKind::kSplatItem, p_);
    if (item == nullptr) return nullptr;
    const Expr* each = Finish(item);
    while (!failed_) {
      SkipToStep();
      if (At('.') && Peek(1) != '*' && Peek(1) != '.') {
        each = Traversal(each, p_);
      } else if (full && At('[') && Peek(1) != '*') {
        each = Traversal(each, p_);
      } else {
        break;
      }
      if (each == nullptr) return nullptr;
    }
    Expr* out = NewExpr(ExprKind::kSplat, start);
    if (out == nullptr) return nullptr;
    out->a = e;
    out->b = each;
    return Finish(out);
  }

  bool AtKeyword(std::string_view word) const {
    return At(word) && !(p_ + word.size() < s_.size() && IsIdentChar(s_[p_ + word.size()]));
  }

  const Expr* ParseTerm() {
    SkipSpace();
    if (p_ >= s_.size()) return Expected("an expression");
    size_t start = p_;
    char c = s_[p_];
    if (c == '(') {
      util::Loc open = Here();
      ++p_;
      ++nesting_;
      const Expr* inner = ParseExpression();
      if (inner != nullptr) SkipSpace();
      --nesting_;
      if (inner == nullptr) return nullptr;
      if (!At(')')) {
        if (p_ >= s_.size()) return Fail(open, "unbalanced parentheses: this ( is never closed");
        return Expected("')'");
      }
      ++p_;
      Expr* e = NewExpr(ExprKind::kParens, start);
      if (e == nullptr) return nullptr;
      e->a = inner;
      return Finish(e);
    }
    if (c == '[' || c == '{') return ParseCollection();
    if (c == '"') return ParseQuoted();
    if (c == '<' && Peek(1) == '<') return ParseHeredoc();
    if (IsDigit(c)) return ParseNumber();
    if (IsIdentStart(c)) {
      std::string_view name = Identifier();
      // Provider functions: provider::aws::arn_parse(...).
      while (At("::") && p_ + 2 < s_.size() && IsIdentStart(s_[p_ + 2])) {
        p_ += 2;
        Identifier();
        name = s_.substr(start, p_ - start);
      }
      // A call: the name, spaces, '(' (looked at without reading comments).
      size_t paren = p_;
      while (paren < s_.size() && (s_[paren] == ' ' || s_[paren] == '\t')) ++paren;
      if (paren < s_.size() && s_[paren] == '(') {
        p_ = paren;
        return ParseCall(name, start);
      }
      if (name == "true" || name == "false") {
        Expr* e = NewExpr(ExprKind::kBool, start);
        if (e != nullptr) e->text = name;
        return Finish(e);
      }
      if (name == "null") return Finish(NewExpr(ExprKind::kNull, start));
      Expr* e = NewExpr(ExprKind::kVariable, start);
      if (e != nullptr) e->text = name;
      return Finish(e);
    }
    return Expected("an expression");
  }

  const Expr* ParseNumber() {
    size_t start = p_;
    while (p_ < s_.size() && IsDigit(s_[p_])) ++p_;
    if (At('.') && IsDigit(Peek(1))) {
      ++p_;
      while (p_ < s_.size() && IsDigit(s_[p_])) ++p_;
    }
    if (At('e') || At('E')) {
      size_t mark = p_;
      ++p_;
      if (At('+') || At('-')) ++p_;
      if (p_ < s_.size() && IsDigit(s_[p_])) {
        while (p_ < s_.size() && IsDigit(s_[p_])) ++p_;
      } else {
        p_ = mark;
      }
    }
    Expr* e = NewExpr(ExprKind::kNumber, start);
    if (e != nullptr) e->text = s_.substr(start, p_ - start);
    return Finish(e);
  }

  const Expr* ParseCall(std::string_view name, size_t start) {
    util::Loc open = Here();
    ++p_;  // (
    ++nesting_;
    std::vector<const Expr*> args;
    bool expand = false;
    while (!failed_) {
      SkipSpace();
      if (At(')')) break;
      if (p_ >= s_.size()) {
        --nesting_;
        return Fail(open, "unbalanced parentheses: the ( of " + std::string(name) +
                              "(...) is never closed");
      }
      const Expr* arg = ParseExpression();
      if (arg == nullptr) break;
      args.push_back(arg);
      SkipSpace();
      if (At("...")) {
        p_ += 3;
        expand = true;
        SkipSpace();
        if (!At(')')) Expected("')' after the final argument's '...'");
        break;
      }
      if (At(',')) {
        ++p_;
        continue;
      }
      if (!At(')')) Expected("',' or ')'");
      break;
    }
    --nesting_;
    if (failed_) return nullptr;
    ++p_;  // )
    Expr* e = NewExpr(ExprKind::kCall, start);
    if (e == nullptr) return nullptr;
    e->text = name;
    e->expand = expand;
    e->items = CopyItems(args);
    return Finish(e);
  }

  // [...] or {...}: a tuple, an object, or a for expression.
  const Expr* ParseCollection() {
    size_t start = p_;
    util::Loc open = Here();
    bool object = s_[p_] == '{';
    char close = object ? '}' : ']';
    ++p_;
    ++nesting_;
    SkipSpace();
    if (AtKeyword("for")) {
      // `for` then a name (looked at without reading comments or lines):
      // else an object key named "for".
      size_t name = p_ + 3;
      while (name < s_.size() && (s_[name] == ' ' || s_[name] == '\t')) ++name;
      if (name < s_.size() && IsIdentStart(s_[name])) {
        p_ = name;
        const Expr* e = ParseFor(start, open, object);
        --nesting_;
        return e;
      }
    }
    std::vector<const Expr*> items;
    while (!failed_) {
      SkipSpace();
      if (p_ < s_.size() && s_[p_] == close) break;
      if (p_ >= s_.size()) {
        --nesting_;
        return Fail(open, std::string("unbalanced ") +
                              (object ? "braces: this {" : "brackets: this [") +
                              " is never closed");
      }
      const Expr* item = ParseExpression();
      if (item == nullptr) break;
      if (object) {
        // A bare identifier key is its name, not a variable.
        if (item->kind == ExprKind::kVariable) {
          Expr* key = NewExpr(ExprKind::kString, item->begin);
          if (key == nullptr) break;
          key->text = item->text;
          key->end = item->end;
          item = key;
        }
        items.push_back(item);
        SkipSpace();
        if (!(At('=') && Peek(1) != '=' && Peek(1) != '>') && !At(':')) {
          Expected("'=' after an object key");
          break;
        }
        ++p_;
        const Expr* value = ParseExpression();
        if (value == nullptr) break;
        items.push_back(value);
      } else {
        items.push_back(item);
      }
      // Object items are separated by commas or newlines, tuple items by
      // commas. (Newlines are blanks here: one was read when the current
      // line starts past the item.)
      SkipSpace();
      bool newline = line_start_ > items.back()->end;
      if (At(',')) {
        ++p_;
        continue;
      }
      if (p_ < s_.size() && s_[p_] == close) break;
      if (object && newline) continue;
      if (p_ >= s_.size()) {
        Fail(open, std::string("unbalanced ") + (object ? "braces: this {" : "brackets: this [") +
                       " is never closed");
      } else {
        Expected(object ? "',', a newline or '}'" : "',' or ']'");
      }
      break;
    }
    --nesting_;
    if (failed_) return nullptr;
    ++p_;
    Expr* e = NewExpr(object ? ExprKind::kObject : ExprKind::kTuple, start);
    if (e == nullptr) return nullptr;
    e->items = CopyItems(items);
    return Finish(e);
  }

  // After `[for ` or `{for `: `k, v in coll : value` (`key => value ...`
  // for objects) `if cond`, then the closing bracket.
  const Expr* ParseFor(size_t start, util::Loc open, bool object) {
    std::string_view first = Identifier();
    std::string_view second;
    SkipSpace();
    if (At(',')) {
      ++p_;
      SkipSpace();
      if (p_ >= s_.size() || !IsIdentStart(s_[p_])) return Expected("a variable name after ','");
      second = Identifier();
      SkipSpace();
    }
    if (!AtKeyword("in")) return Expected("'in' of a for expression");
    p_ += 2;
    const Expr* collection = ParseExpression();
    if (collection == nullptr) return nullptr;
    SkipSpace();
    if (!At(':')) return Expected("':' of a for expression");
    ++p_;
    const Expr* key = nullptr;
    const Expr* value = ParseExpression();
    if (value == nullptr) return nullptr;
    bool group = false;
    if (object) {
      SkipSpace();
      if (!At("=>")) return Expected("'=>' of an object for expression");
      p_ += 2;
      key = value;
      value = ParseExpression();
      if (value == nullptr) return nullptr;
      SkipSpace();
      if (At("...")) {
        p_ += 3;
        group = true;
      }
    }
    SkipSpace();
    const Expr* cond = nullptr;
    if (AtKeyword("if")) {
      p_ += 2;
      cond = ParseExpression();
      if (cond == nullptr) return nullptr;
      SkipSpace();
    }
    char close = object ? '}' : ']';
    if (!At(close)) {
      if (p_ >= s_.size()) {
        return Fail(open, std::string("unbalanced ") +
                              (object ? "braces: this {" : "brackets: this [") +
                              " is never closed");
      }
      return Expected(object ? "'}' of a for expression" : "']' of a for expression");
    }
    ++p_;
    Expr* e = NewExpr(ExprKind::kFor, start);
    if (e == nullptr) return nullptr;
    e->object_for = object;
    e->expand = group;
    e->key_var = second.empty() ? std::string_view() : first;
    e->value_var = second.empty() ? first : second;
    e->a = collection;
    e->b = value;
    e->c = key;
    e->d = cond;
    return Finish(e);
  }

  // ------------------------------------------------------------ templates

  // Where a template's text ends: a quoted one at its closing quote (and
  // never across a newline), a heredoc at the start of its closing line.
  struct TemplateEnd {
    bool quoted = true;
    size_t limit = 0;   // heredoc: the offset of its closing line
    size_t indent = 0;  // heredoc <<-: the indentation removed from each line
    util::Loc open;
  };

  // Literal text of a template being read: a view of the source while it
  // is written verbatim, else a copy in `buffer`.
  struct Literal {
    size_t begin = 0;
    size_t end = 0;  // verbatim so far: [begin, end)
    bool copied = false;
    std::string buffer;
    bool empty() const { return !copied && begin == end; }
  };

  void AppendRaw(Literal* lit, size_t from, size_t to) {
    if (lit->empty() && !lit->copied) {
      lit->begin = from;
      lit->end = to;
      return;
    }
    if (!lit->copied && lit->end == from) {
      lit->end = to;
      return;
    }
    if (!lit->copied) {
      lit->buffer.assign(s_.substr(lit->begin, lit->end - lit->begin));
      lit->copied = true;
    }
    lit->buffer.append(s_.substr(from, to - from));
  }
  void AppendText(Literal* lit, std::string_view text) {
    if (!lit->copied) {
      lit->buffer.assign(s_.substr(lit->begin, lit->end - lit->begin));
      lit->copied = true;
    }
    lit->buffer.append(text);
  }
  // Ends the literal as a kString part.
  bool Flush(Literal* lit, std::vector<const Expr*>* parts) {
    if (lit->empty() || (lit->copied && lit->buffer.empty())) {
      *lit = Literal();
      return true;
    }
    Expr* e = NewExpr(ExprKind::kString, lit->begin);
    if (e == nullptr) return false;
    e->text = lit->copied ? out_->arena_.CopyString(lit->buffer)
                          : s_.substr(lit->begin, lit->end - lit->begin);
    e->end = static_cast<uint32_t>(p_);
    parts->push_back(e);
    *lit = Literal();
    return true;
  }

  // Reads template content until its end, or until one of the directive
  // keywords `else`, `endif` or `endfor` (returned in `stop`, the directive
  // read). Returns the parts.
  bool TemplateParts(const TemplateEnd& end, std::vector<const Expr*>* parts,
                     std::string_view* stop) {
    Literal lit;
    lit.begin = lit.end = p_;
    while (!failed_) {
      size_t limit = end.quoted ? s_.size() : end.limit;
      if (p_ >= limit) {
        if (end.quoted) {
          Fail(end.open, "unterminated string: this \" has no closing quote");
          return false;
        }
        break;
      }
      char c = s_[p_];
      if (end.quoted && c == '"') break;
      if (end.quoted && c == '\n') {
        Fail(end.open, "unterminated string: this \" has no closing quote on its line");
        return false;
      }
      if (c == '\n') {  // heredoc: a new line, less its indentation
        AppendRaw(&lit, p_, p_ + 1);
        NewLineAt(p_);
        ++p_;
        size_t skip = 0;
        while (skip < end.indent && p_ < limit && (s_[p_] == ' ' || s_[p_] == '\t')) {
          ++p_;
          ++skip;
        }
        continue;
      }
      if (end.quoted && c == '\\') {
        if (!Escape(&lit)) return false;
        continue;
      }
      if ((c == '$' || c == '%') && Peek(1) == c && Peek(2) == '{') {  // $${ and %%{
        AppendRaw(&lit, p_ + 1, p_ + 3);
        p_ += 3;
        continue;
      }
      if (c == '$' && Peek(1) == '{') {
        if (!Flush(&lit, parts)) return false;
        const Expr* e = Interpolation();
        if (e == nullptr) return false;
        parts->push_back(e);
        lit.begin = lit.end = p_;
        continue;
      }
      if (c == '%' && Peek(1) == '{') {
        if (!Flush(&lit, parts)) return false;
        std::string_view keyword;
        const Expr* e = Directive(end, &keyword);
        if (failed_) return false;
        if (e == nullptr) {  // else, endif, endfor: the caller's
          *stop = keyword;
          return true;
        }
        parts->push_back(e);
        lit.begin = lit.end = p_;
        continue;
      }
      size_t from = p_;
      ++p_;
      AppendRaw(&lit, from, p_);
    }
    return !failed_ && Flush(&lit, parts);
  }

  bool Escape(Literal* lit) {
    util::Loc at = Here();
    char e = Peek(1);
    std::string one;
    switch (e) {
      case 'n':
        one = "\n";
        break;
      case 'r':
        one = "\r";
        break;
      case 't':
        one = "\t";
        break;
      case '"':
        one = "\"";
        break;
      case '\\':
        one = "\\";
        break;
      case 'u':
      case 'U': {
        size_t digits = e == 'u' ? 4 : 8;
        uint32_t cp = 0;
        for (size_t i = 0; i < digits; ++i) {
          int v = util::HexDigitValue(Peek(2 + i));
          if (v < 0) {
            Fail(at, std::string("invalid escape: \\") + e + " needs " + std::to_string(digits) +
                         " hex digits");
            return false;
          }
          cp = cp * 16 + static_cast<uint32_t>(v);
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          Fail(at, "invalid escape: not a Unicode code point");
          return false;
        }
        util::AppendUtf8(cp, &one);
        AppendText(lit, one);
        p_ += 2 + digits;
        return true;
      }
      default:
        Fail(at, std::string("invalid escape sequence \\") +
                     (e == '\0' ? std::string() : std::string(1, e)) +
                     " (valid: \\n \\r \\t \\\" \\\\ \\uNNNN \\UNNNNNNNN)");
        return false;
    }
    AppendText(lit, one);
    p_ += 2;
    return true;
  }

  // `${ expr }`, with optional `~` strip markers (kept out of the tree).
  const Expr* Interpolation() {
    util::Loc open = Here();
    p_ += 2;
    if (At('~')) ++p_;
    ++nesting_;
    const Expr* e = ParseExpression();
    if (e != nullptr) SkipSpace();
    --nesting_;
    if (e == nullptr) return nullptr;
    if (At('~')) ++p_;
    if (!At('}')) {
      if (p_ >= s_.size())
        return Fail(open, "unterminated interpolation: this ${ has no closing }");
      return Expected("'}' closing the interpolation opened at " + std::to_string(open.line) + ":" +
                      std::to_string(open.col));
    }
    ++p_;
    return e;
  }

  // `%{ keyword ... }`. For `if` and `for`, reads through the matching
  // `endif`/`endfor` and returns the directive; for `else`, `endif` and
  // `endfor` returns nullptr with the keyword in `keyword`.
  const Expr* Directive(const TemplateEnd& end, std::string_view* keyword) {
    size_t start = p_;
    util::Loc open = Here();
    p_ += 2;
    if (At('~')) ++p_;
    ++nesting_;
    SkipSpace();
    std::string_view word = p_ < s_.size() && IsIdentStart(s_[p_]) ? Identifier() : "";
    const Expr* cond = nullptr;
    std::string_view key_var, value_var;
    if (word == "if") {
      cond = ParseExpression();
    } else if (word == "for") {
      SkipSpace();
      std::string_view first = p_ < s_.size() && IsIdentStart(s_[p_]) ? Identifier() : "";
      if (first.empty()) {
        --nesting_;
        return Expected("a variable name after %{for");
      }
      SkipSpace();
      value_var = first;
      if (At(',')) {
        ++p_;
        SkipSpace();
        key_var = first;
        value_var = p_ < s_.size() && IsIdentStart(s_[p_]) ? Identifier() : "";
        if (value_var.empty()) {
          --nesting_;
          return Expected("a variable name after ','");
        }
        SkipSpace();
      }
      if (!AtKeyword("in")) {
        --nesting_;
        return Expected("'in' of a %{for} directive");
      }
      p_ += 2;
      cond = ParseExpression();
    } else if (word != "else" && word != "endif" && word != "endfor") {
      --nesting_;
      return Fail(open, "unknown template directive %{" + std::string(word) +
                            "} (valid: if, else, endif, for, endfor)");
    }
    if (failed_) {
      --nesting_;
      return nullptr;
    }
    SkipSpace();
    --nesting_;
    if (At('~')) ++p_;
    if (!At('}')) {
      if (p_ >= s_.size()) return Fail(open, "unterminated directive: this %{ has no closing }");
      return Expected("'}' closing the directive");
    }
    ++p_;
    if (word == "else" || word == "endif" || word == "endfor") {
      *keyword = word;
      return nullptr;
    }
    if (!Enter(open)) return nullptr;
    std::vector<const Expr*> then_parts, else_parts;
    std::string_view stop;
    if (!TemplateParts(end, &then_parts, &stop)) return nullptr;
    const Expr* otherwise = nullptr;
    if (word == "if" && stop == "else") {
      stop = {};
      if (!TemplateParts(end, &else_parts, &stop)) return nullptr;
      otherwise = MakeTemplate(else_parts, start, false);
    }
    Leave();
    std::string_view expected = word == "if" ? "endif" : "endfor";
    if (stop != expected) {
      return Fail(open, "%{" + std::string(word) + "} has no matching %{" + std::string(expected) +
                            "}" + (stop.empty() ? "" : " (found %{" + std::string(stop) + "})"));
    }
    Expr* e = NewExpr(word == "if" ? ExprKind::kTemplateIf : ExprKind::kTemplateFor, start);
    if (e == nullptr) return nullptr;
    e->a = cond;
    e->b = MakeTemplate(then_parts, start, false);
    e->c = otherwise;
    e->key_var = key_var;
    e->value_var = value_var;
    return Finish(e);
  }

  // A kString when every part is literal text (or there are none), else a
  // kTemplate of the parts.
  const Expr* MakeTemplate(const std::vector<const Expr*>& parts, size_t start, bool heredoc) {
    if (parts.size() <= 1 && (parts.empty() || parts[0]->kind == ExprKind::kString)) {
      Expr* e = NewExpr(ExprKind::kString, start);
      if (e == nullptr) return nullptr;
      e->text = parts.empty() ? std::string_view() : parts[0]->text;
      e->heredoc = heredoc;
      return Finish(e);
    }
    Expr* e = NewExpr(ExprKind::kTemplate, start);
    if (e == nullptr) return nullptr;
    e->items = CopyItems(parts);
    e->heredoc = heredoc;
    return Finish(e);
  }

  const Expr* ParseQuoted() {
    size_t start = p_;
    TemplateEnd end;
    end.quoted = true;
    end.open = Here();
    ++p_;
    std::vector<const Expr*> parts;
    std::string_view stop;
    if (!TemplateParts(end, &parts, &stop)) return nullptr;
    if (!stop.empty())
      return Fail(end.open, "%{" + std::string(stop) + "} without its %{if} or %{for}");
    ++p_;  // the closing quote
    return MakeTemplate(parts, start, false);
  }

  // <<EOF or <<-EOF, a newline, the lines, and a line holding only EOF.
  const Expr* ParseHeredoc() {
    size_t start = p_;
    util::Loc open = Here();
    p_ += 2;
    bool flush = At('-');
    if (flush) ++p_;
    if (p_ >= s_.size() || !IsIdentStart(s_[p_])) return Expected("a heredoc delimiter after <<");
    std::string_view delimiter = Identifier();
    if (At('\r')) ++p_;
    if (!At('\n')) return Expected("a newline after the heredoc delimiter");
    size_t content = p_ + 1;
    // The closing line: blanks, the delimiter, blanks.
    size_t line = content;
    size_t closing = std::string_view::npos;
    size_t after = 0;
    size_t indent = SIZE_MAX;
    while (line < s_.size()) {
      size_t eol = s_.find('\n', line);
      if (eol == std::string_view::npos) eol = s_.size();
      std::string_view text = s_.substr(line, eol - line);
      size_t lead = text.find_first_not_of(" \t");
      size_t last = text.find_last_not_of(" \t\r");
      std::string_view trimmed =
          lead == std::string_view::npos ? std::string_view() : text.substr(lead, last + 1 - lead);
      if (trimmed == delimiter) {
        closing = line;
        after = line + lead + delimiter.size();
        break;
      }
      if (lead != std::string_view::npos) indent = std::min(indent, lead);
      line = eol + 1;
    }
    if (closing == std::string_view::npos) {
      return Fail(open, "unterminated heredoc: <<" + std::string(flush ? "-" : "") +
                            std::string(delimiter) + " has no closing " + std::string(delimiter) +
                            " line");
    }
    NewLineAt(p_);
    p_ = content;
    TemplateEnd end;
    end.quoted = false;
    end.limit = closing;
    end.indent = flush && indent != SIZE_MAX ? indent : 0;
    end.open = open;
    // The first line's indentation, as each later line's.
    for (size_t skip = 0; skip < end.indent && p_ < closing && (s_[p_] == ' ' || s_[p_] == '\t');
         ++skip) {
      ++p_;
    }
    std::vector<const Expr*> parts;
    std::string_view stop;
    if (!TemplateParts(end, &parts, &stop)) return nullptr;
    if (!stop.empty())
      return Fail(open, "%{" + std::string(stop) + "} without its %{if} or %{for}");
    if (p_ != closing) {
      // An interpolation ran over the closing line.
      return Fail(open, "unterminated heredoc: an interpolation runs past its closing " +
                            std::string(delimiter) + " line");
    }
    p_ = after;
    return MakeTemplate(parts, start, true);
  }

  File* out_;
  std::string_view s_;
  const ParseLimits& limits_;
  util::DiagnosticSink* diags_;
  size_t bom_;
  size_t p_ = 0;
  uint32_t line_ = 1;
  size_t line_start_ = 0;
  int nesting_ = 0;
  uint32_t depth_ = 0;
  uint64_t nodes_ = 0;
  bool failed_ = false;
};

// The JSON syntax (`.tf.json`): the document read as JSON, then its
// objects turned into blocks and attributes as Terraform reads them.
// Without the providers' schemas, an object inside a body is an attribute
// whose value is an object (the evaluator's readers take one as a nested
// block); `dynamic` blocks are blocks. Strings are templates, read in place
// by the native parser, so their positions and byte ranges are the file's.
class JsonBodyReader {
 public:
  JsonBodyReader(File* out, const ParseLimits& limits, util::DiagnosticSink* diags, size_t bom)
      : out_(out), parser_(out, limits, diags, bom), diags_(diags) {}

  bool Run(const Node* root) {
    if (root == nullptr || !root->is_map()) {
      diags_->Error(root != nullptr ? root->loc : util::Loc{out_->source(), 1, 1},
                    "a Terraform JSON file holds one object");
      return false;
    }
    std::vector<BodyItem> items;
    for (const MapEntry& e : root->entries) {
      std::string_view type = e.key->scalar;
      if (type == "//") continue;
      if (type == "resource" || type == "data") {
        ForEachObject(e.value, [&](const Node* types) {
          for (const MapEntry& t : types->entries) {
            ForEachObject(t.value, [&](const Node* names) {
              for (const MapEntry& n : names->entries) {
                ForEachObject(n.value, [&](const Node* body) {
                  items.push_back({nullptr, NewBlock(type, e.key, {t.key, n.key}, body)});
                });
              }
            });
          }
        });
      } else if (type == "variable" || type == "output" || type == "module" || type == "provider") {
        ForEachObject(e.value, [&](const Node* names) {
          for (const MapEntry& n : names->entries) {
            ForEachObject(n.value, [&](const Node* body) {
              items.push_back({nullptr, NewBlock(type, e.key, {n.key}, body, type == "variable")});
            });
          }
        });
      } else if (type == "locals" || type == "terraform") {
        ForEachObject(e.value, [&](const Node* body) {
          items.push_back({nullptr, NewBlock(type, e.key, {}, body)});
        });
      }
      if (parser_.failed() || failed_) return false;
    }
    auto* body = out_->arena_.New<Body>();
    body->items = out_->arena_.Copy(std::span<const BodyItem>(items));
    out_->body_ = body;
    return true;
  }

 private:
  // Calls `f` with `n` when it is an object, or with each object of an
  // array (JSON's way of writing a block more than once).
  template <typename F>
  void ForEachObject(const Node* n, F f) {
    if (n->is_map()) {
      f(n);
    } else if (n->is_seq()) {
      for (const Node* i : n->items) {
        if (i->is_map()) f(i);
      }
    }
  }

  size_t OffsetOf(util::Loc loc) const {
    std::string_view line = out_->source()->Line(loc.line);
    return static_cast<size_t>(line.data() - out_->source()->text().data()) + loc.col - 1;
  }

  const Block* NewBlock(std::string_view type, const Node* at, std::vector<const Node*> labels,
                        const Node* body, bool literal = false) {
    auto* block = out_->arena_.New<Block>();
    block->type = out_->arena_.CopyString(type);
    block->loc = at->loc;
    block->begin = static_cast<uint32_t>(OffsetOf(at->loc));
    block->end = block->begin + 1;
    std::vector<Label> copied;
    for (const Node* l : labels) {
      copied.push_back({out_->arena_.CopyString(l->scalar), l->loc, true});
    }
    block->labels = out_->arena_.Copy(std::span<const Label>(copied));
    block->body = NewBody(body, literal);
    return block;
  }

  const Body* NewBody(const Node* n, bool literal) {
    std::vector<BodyItem> items;
    for (const MapEntry& e : n->entries) {
      std::string_view name = e.key->scalar;
      if (name == "//") continue;
      if (name == "dynamic" && e.value->is_map()) {
        for (const MapEntry& d : e.value->entries) {
          ForEachObject(d.value, [&](const Node* body) {
            auto* block = out_->arena_.New<Block>();
            block->type = out_->arena_.CopyString("dynamic");
            block->loc = e.key->loc;
            block->begin = static_cast<uint32_t>(OffsetOf(e.key->loc));
            block->end = block->begin + 1;
            Label label{out_->arena_.CopyString(d.key->scalar), d.key->loc, true};
            block->labels = out_->arena_.Copy(std::span<const Label>(&label, 1));
            std::vector<BodyItem> inner;
            for (const MapEntry& x : body->entries) {
              if (x.key->scalar == "content" && x.value->is_map()) {
                auto* content = out_->arena_.New<Block>();
                content->type = out_->arena_.CopyString("content");
                content->loc = x.key->loc;
                content->begin = static_cast<uint32_t>(OffsetOf(x.key->loc));
                content->end = content->begin + 1;
                content->body = NewBody(x.value, false);
                inner.push_back({nullptr, content});
              } else {
                inner.push_back({NewAttribute(x, false), nullptr});
              }
            }
            auto* b = out_->arena_.New<Body>();
            b->items = out_->arena_.Copy(std::span<const BodyItem>(inner));
            block->body = b;
            items.push_back({nullptr, block});
          });
        }
        continue;
      }
      // A variable's default is a literal, never a template.
      items.push_back({NewAttribute(e, literal && name == "default"), nullptr});
      if (failed_) break;
    }
    auto* body = out_->arena_.New<Body>();
    body->items = out_->arena_.Copy(std::span<const BodyItem>(items));
    return body;
  }

  const Attribute* NewAttribute(const MapEntry& e, bool literal) {
    auto* attr = out_->arena_.New<Attribute>();
    attr->name = out_->arena_.CopyString(e.key->scalar);
    attr->loc = e.key->loc;
    attr->begin = static_cast<uint32_t>(OffsetOf(e.key->loc));
    attr->value = NewExpr(e.value, literal, 0);
    attr->end = attr->value != nullptr ? attr->value->end : attr->begin + 1;
    return attr;
  }

  Expr* Make(ExprKind kind, const Node* n, size_t length) {
    if (++nodes_ > 4'000'000) {
      if (!failed_) diags_->Error(n->loc, "too many values; the file is not read");
      failed_ = true;
      return nullptr;
    }
    auto* e = out_->arena_.New<Expr>();
    e->kind = kind;
    e->loc = n->loc;
    e->begin = static_cast<uint32_t>(OffsetOf(n->loc));
    e->end = static_cast<uint32_t>(e->begin + std::max<size_t>(length, 1));
    return e;
  }

  const Expr* NewExpr(const Node* n, bool literal, int depth) {
    if (failed_ || depth > 256) return nullptr;
    if (n->is_null()) return Make(ExprKind::kNull, n, 4);
    if (n->is_seq()) {
      Expr* e = Make(ExprKind::kTuple, n, 1);
      if (e == nullptr) return nullptr;
      std::vector<const Expr*> items;
      for (const Node* i : n->items) {
        const Expr* x = NewExpr(i, literal, depth + 1);
        if (x == nullptr) return nullptr;
        items.push_back(x);
      }
      e->items = out_->arena_.Copy(std::span<const Expr* const>(items));
      return e;
    }
    if (n->is_map()) {
      Expr* e = Make(ExprKind::kObject, n, 1);
      if (e == nullptr) return nullptr;
      std::vector<const Expr*> items;
      for (const MapEntry& m : n->entries) {
        Expr* key = Make(ExprKind::kString, m.key, m.key->scalar.size() + 2);
        const Expr* value = key != nullptr ? NewExpr(m.value, literal, depth + 1) : nullptr;
        if (value == nullptr) return nullptr;
        key->text = out_->arena_.CopyString(m.key->scalar);
        items.push_back(key);
        items.push_back(value);
      }
      e->items = out_->arena_.Copy(std::span<const Expr* const>(items));
      return e;
    }
    if (n->style == ScalarStyle::kPlain) {
      if (n->scalar == "true" || n->scalar == "false") {
        Expr* e = Make(ExprKind::kBool, n, n->scalar.size());
        if (e != nullptr) e->text = out_->arena_.CopyString(n->scalar);
        return e;
      }
      Expr* e = Make(ExprKind::kNumber, n, n->scalar.size());
      if (e != nullptr) e->text = out_->arena_.CopyString(n->scalar);
      return e;
    }
    // A string: a template when it interpolates, read where it is written.
    std::string_view text = n->scalar;
    bool templated = !literal && (text.find("${") != std::string_view::npos ||
                                  text.find("%{") != std::string_view::npos);
    size_t offset = OffsetOf(n->loc);
    std::string_view raw = out_->source()->text().substr(offset);
    // Escapes JSON has and HCL's quoted strings do not: read as text.
    size_t close = raw.find('"', 1);
    while (close != std::string_view::npos && raw[close - 1] == '\\') {
      size_t slashes = 0;
      for (size_t i = close; i > 0 && raw[i - 1] == '\\'; --i) ++slashes;
      if (slashes % 2 == 0) break;
      close = raw.find('"', close + 1);
    }
    std::string_view literal_text = raw.substr(0, close == std::string_view::npos ? 0 : close);
    if (templated && literal_text.find("\\/") == std::string_view::npos &&
        literal_text.find("\\b") == std::string_view::npos &&
        literal_text.find("\\f") == std::string_view::npos) {
      return parser_.QuotedAt(offset);
    }
    Expr* e = Make(ExprKind::kString, n, close == std::string_view::npos ? 1 : close + 1);
    if (e != nullptr) e->text = out_->arena_.CopyString(text);
    return e;
  }

  File* out_;
  Parser parser_;
  util::DiagnosticSink* diags_;
  uint64_t nodes_ = 0;
  bool failed_ = false;
};

std::unique_ptr<File> ParseHclJson(const util::SourceFile* source, const ParseLimits& limits,
                                   util::DiagnosticSink* diags) {
  std::unique_ptr<Document> doc = ParseJson(source, limits, diags);
  if (doc == nullptr) return nullptr;
  InputInfo info;
  util::DiagnosticSink checked;  // ParseJson has reported what is wrong with the input
  CheckInput(*source, &checked, &info);
  auto file = std::make_unique<File>(source);
  JsonBodyReader reader(file.get(), limits, diags, info.bom);
  if (!reader.Run(doc->root())) return nullptr;
  return file;
}

std::unique_ptr<File> ParseHcl(const util::SourceFile* source, const ParseLimits& limits,
                               util::DiagnosticSink* diags) {
  InputInfo info;
  if (!CheckInput(*source, diags, &info)) return nullptr;
  auto file = std::make_unique<File>(source);
  Parser parser(file.get(), limits, diags, info.bom);
  if (!parser.Run()) return nullptr;
  return file;
}

// ---------------------------------------------------------------- Body

const Attribute* Body::Get(std::string_view name) const {
  const Attribute* found = nullptr;
  for (const BodyItem& item : items) {
    if (item.attribute != nullptr && item.attribute->name == name) found = item.attribute;
  }
  return found;
}

std::vector<const Block*> Body::Blocks(std::string_view type) const {
  std::vector<const Block*> out;
  for (const BodyItem& item : items) {
    if (item.block != nullptr && item.block->type == type) out.push_back(item.block);
  }
  return out;
}

// ---------------------------------------------------------------- Dump

namespace {

void DumpExpr(const Expr* e, std::string* out);

void DumpTemplateParts(std::span<const Expr* const> parts, std::string* out) {
  for (const Expr* part : parts) {
    if (part->kind == ExprKind::kString) {
      std::string quoted;
      AppendQuoted(part->text, &quoted);
      out->append(quoted.substr(1, quoted.size() - 2));
    } else if (part->kind == ExprKind::kTemplateIf || part->kind == ExprKind::kTemplateFor) {
      DumpExpr(part, out);
    } else {
      *out += "${";
      DumpExpr(part, out);
      *out += "}";
    }
  }
}

void DumpTemplateBody(const Expr* t, std::string* out) {
  if (t == nullptr) return;
  if (t->kind == ExprKind::kString) {
    std::string quoted;
    AppendQuoted(t->text, &quoted);
    out->append(quoted.substr(1, quoted.size() - 2));
  } else {
    DumpTemplateParts(t->items, out);
  }
}

void DumpExpr(const Expr* e, std::string* out) {
  if (e == nullptr) {
    *out += "<none>";
    return;
  }
  switch (e->kind) {
    case ExprKind::kNumber:
    case ExprKind::kBool:
    case ExprKind::kVariable:
      out->append(e->text);
      break;
    case ExprKind::kNull:
      *out += "null";
      break;
    case ExprKind::kString:
      AppendQuoted(e->text, out);
      break;
    case ExprKind::kTemplate:
      out->push_back('"');
      DumpTemplateParts(e->items, out);
      out->push_back('"');
      break;
    case ExprKind::kGetAttr:
      DumpExpr(e->a, out);
      out->push_back('.');
      out->append(e->text);
      break;
    case ExprKind::kIndex:
      DumpExpr(e->a, out);
      out->push_back('[');
      DumpExpr(e->b, out);
      out->push_back(']');
      break;
    case ExprKind::kSplat:
      DumpExpr(e->a, out);
      *out += "[*]";
      DumpExpr(e->b, out);
      break;
    case ExprKind::kSplatItem:
      break;
    case ExprKind::kCall:
      out->append(e->text);
      out->push_back('(');
      for (size_t i = 0; i < e->items.size(); ++i) {
        if (i > 0) *out += ", ";
        DumpExpr(e->items[i], out);
      }
      if (e->expand) *out += "...";
      out->push_back(')');
      break;
    case ExprKind::kTuple:
      out->push_back('[');
      for (size_t i = 0; i < e->items.size(); ++i) {
        if (i > 0) *out += ", ";
        DumpExpr(e->items[i], out);
      }
      out->push_back(']');
      break;
    case ExprKind::kObject:
      out->push_back('{');
      for (size_t i = 0; i + 1 < e->items.size(); i += 2) {
        if (i > 0) *out += ", ";
        DumpExpr(e->items[i], out);
        *out += " = ";
        DumpExpr(e->items[i + 1], out);
      }
      out->push_back('}');
      break;
    case ExprKind::kFor:
      *out += e->object_for ? "{for " : "[for ";
      if (!e->key_var.empty()) {
        out->append(e->key_var);
        *out += ", ";
      }
      out->append(e->value_var);
      *out += " in ";
      DumpExpr(e->a, out);
      *out += " : ";
      if (e->object_for) {
        DumpExpr(e->c, out);
        *out += " => ";
      }
      DumpExpr(e->b, out);
      if (e->expand) *out += "...";
      if (e->d != nullptr) {
        *out += " if ";
        DumpExpr(e->d, out);
      }
      *out += e->object_for ? "}" : "]";
      break;
    case ExprKind::kConditional:
      out->push_back('(');
      DumpExpr(e->a, out);
      *out += " ? ";
      DumpExpr(e->b, out);
      *out += " : ";
      DumpExpr(e->c, out);
      out->push_back(')');
      break;
    case ExprKind::kBinary:
      out->push_back('(');
      DumpExpr(e->a, out);
      out->push_back(' ');
      out->append(e->text);
      out->push_back(' ');
      DumpExpr(e->b, out);
      out->push_back(')');
      break;
    case ExprKind::kUnary:
      out->append(e->text);
      DumpExpr(e->a, out);
      break;
    case ExprKind::kParens:
      DumpExpr(e->a, out);
      break;
    case ExprKind::kTemplateIf:
      *out += "%{if ";
      DumpExpr(e->a, out);
      *out += "}";
      DumpTemplateBody(e->b, out);
      if (e->c != nullptr) {
        *out += "%{else}";
        DumpTemplateBody(e->c, out);
      }
      *out += "%{endif}";
      break;
    case ExprKind::kTemplateFor:
      *out += "%{for ";
      if (!e->key_var.empty()) {
        out->append(e->key_var);
        *out += ", ";
      }
      out->append(e->value_var);
      *out += " in ";
      DumpExpr(e->a, out);
      *out += "}";
      DumpTemplateBody(e->b, out);
      *out += "%{endfor}";
      break;
  }
}

void DumpBody(const Body* body, std::string* out) {
  bool first = true;
  for (const BodyItem& item : body->items) {
    if (!first) *out += "; ";
    first = false;
    if (item.attribute != nullptr) {
      out->append(item.attribute->name);
      *out += " = ";
      DumpExpr(item.attribute->value, out);
      continue;
    }
    const Block& b = *item.block;
    out->append(b.type);
    for (const Label& l : b.labels) {
      out->push_back(' ');
      if (l.quoted) {
        AppendQuoted(l.text, out);
      } else {
        out->append(l.text);
      }
    }
    *out += " {";
    if (!b.body->items.empty()) {
      out->push_back(' ');
      DumpBody(b.body, out);
      out->push_back(' ');
    }
    out->push_back('}');
  }
}

}  // namespace

std::string Dump(const Body* body) {
  std::string out;
  if (body != nullptr) DumpBody(body, &out);
  return out;
}

std::string Dump(const Expr* expr) {
  std::string out;
  DumpExpr(expr, &out);
  return out;
}

}  // namespace fnwarden::load::syntax::hcl
