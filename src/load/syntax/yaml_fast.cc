// The fast YAML scanner (see yaml_events.h): a recursive descent over the
// block and flow syntax templates use, producing libyaml's events with
// libyaml's marks. Wherever libyaml would report an error, or the text uses a
// construct this scanner does not read (directives, several documents,
// explicit keys, tabs, carriage returns outside CRLF, indentation
// indicators...), it gives up with kUnsupported and ParseYaml asks libyaml.
//
// The comments below name the libyaml behaviour each rule reproduces; the
// differential tests (yaml_fast_test.cc) and yaml_fast_fuzzer hold it to it.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "load/syntax/yaml_events.h"

namespace fnwarden::load::syntax {
namespace {

struct Unsupported {};
struct Stopped {};

constexpr std::string_view kYamlTagPrefix = "tag:yaml.org,2002:";
// libyaml gives up on a simple key longer than 1024 characters.
constexpr size_t kMaxKeyLength = 1000;
// Deeper text goes to libyaml, whose tree builder reports the depth limit.
constexpr int kMaxDepth = 200;

// PlainCharacters for the byte at p[i].
bool PlainCharacter(const unsigned char* p, size_t n, size_t i) {
  unsigned char c = p[i];
  if (c >= 0x20 && c < 0x7F) return true;
  if (c == '\n') return true;
  if (c == '\r') return i + 1 < n && p[i + 1] == '\n';  // CRLF; a lone CR is a break of its own
  if (c < 0x80) return false;                           // controls, tab, DEL
  unsigned char c1 = i + 1 < n ? p[i + 1] : 0;
  unsigned char c2 = i + 2 < n ? p[i + 2] : 0;
  if (c == 0xC2 && c1 >= 0x80 && c1 <= 0x9F) return false;
  if (c == 0xE2 && c1 == 0x80 && (c2 == 0xA8 || c2 == 0xA9)) return false;
  return !(c == 0xEF && ((c1 == 0xBB && c2 == 0xBF) || (c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF))));
}

// Whether libyaml reads `text` as this scanner would, character by character:
// no tab, no carriage return but in CRLF, no other control character, and none of the
// characters libyaml takes for line breaks (NEL, LS, PS) or refuses (C1
// controls, U+FEFF inside the text, U+FFFE, U+FFFF). A NUL byte is a control
// character, so '\0' can mark the end of the text below.
bool PlainCharacters(std::string_view text, size_t from) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  size_t i = from;
  // Eight ASCII bytes at a time. For a byte b < 0x80, b + 0x60 has its top
  // bit set exactly when b >= 0x20, and b + 0x7F exactly when b != 0: no
  // carry crosses into the next byte.
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x80 * kOnes;
  while (i + 8 <= n) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if ((w & kHigh) == 0) {
      uint64_t control = ~(w + 0x60 * kOnes) & kHigh;  // b < 0x20
      uint64_t not_newline = ((w ^ (0x0A * kOnes)) + 0x7F * kOnes) & kHigh;
      uint64_t not_cr = ((w ^ (0x0D * kOnes)) + 0x7F * kOnes) & kHigh;
      uint64_t del = ~(((w ^ (0x7F * kOnes)) + 0x7F * kOnes)) & kHigh;  // b == 0x7F
      if (((control & not_newline & not_cr) | del) != 0) return false;
      if ((control & ~not_cr) == 0) {
        i += 8;
        continue;
      }
    }
    for (size_t end = i + 8; i < end; ++i) {
      if (!PlainCharacter(p, n, i)) return false;
    }
  }
  for (; i < n; ++i) {
    if (!PlainCharacter(p, n, i)) return false;
  }
  return true;
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

bool IsFlowIndicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

class FastScanner {
 public:
  FastScanner(const util::SourceFile& file, size_t bom, YamlEventHandler* handler)
      : file_(file),
        text_(file.text()),
        n_(text_.size()),
        bom_(bom),
        handler_(handler),
        p_(bom),
        line_start_(bom) {}

  FastScan Run() {
    if (!PlainCharacters(text_, bom_)) return FastScan::kUnsupported;
    try {
      Stream();
    } catch (const Unsupported&) {
      return FastScan::kUnsupported;
    } catch (const Stopped&) {
      return FastScan::kStopped;
    }
    return FastScan::kDone;
  }

 private:
  using Type = YamlEvent::Type;
  using Style = YamlEvent::Style;

  struct Mark {
    size_t off;
    uint32_t line;
    size_t line_start;
  };

  // A scalar as scanned, before its event is sent.
  struct Scalar {
    Mark start;
    Mark end;
    Style style = Style::kPlain;
    std::string_view value;
    bool one_line = true;  // the scanner did not pass a line break before it stopped
  };

  struct Props {
    Mark start{};
    Mark end{};
    std::string_view tag;
    std::string_view anchor;
    bool any() const { return !tag.empty() || !anchor.empty(); }
  };

  [[noreturn]] static void Give() { throw Unsupported{}; }

  char At(size_t i) const { return i < n_ ? text_[i] : '\0'; }
  char Cur() const { return At(p_); }
  // A line break is "\n" or "\r\n" (PlainCharacters lets no other '\r' through).
  static bool IsBreak(char c) { return c == '\n' || c == '\r'; }
  bool AtBreak() const { return IsBreak(Cur()); }
  static bool Blankz(char c) { return c == ' ' || IsBreak(c) || c == '\0'; }
  // Nothing but a comment, if anything, before the line's end.
  bool AtLineEnd() const { return Cur() == '#' || AtBreak() || Cur() == '\0'; }
  int Col() const { return static_cast<int>(p_ - line_start_); }
  Mark Here() const { return {p_, line_, line_start_}; }
  void Go(const Mark& m) {
    p_ = m.off;
    line_ = m.line;
    line_start_ = m.line_start;
  }
  void Break() {  // consumes the line break at p_
    if (Cur() == '\r') ++p_;
    ++p_;
    ++line_;
    line_start_ = p_;
  }
  util::Loc LocOf(const Mark& m) const {
    return util::Loc{&file_, m.line, static_cast<uint32_t>(m.off - m.line_start + 1)};
  }
  // The offset of the line break at or after `from` (of the '\r' of a CRLF).
  size_t LineEnd(size_t from) const {
    if (from >= n_) return n_;
    const void* lf = std::memchr(text_.data() + from, '\n', n_ - from);
    if (lf == nullptr) return n_;
    size_t at = static_cast<size_t>(static_cast<const char*>(lf) - text_.data());
    return at > from && text_[at - 1] == '\r' ? at - 1 : at;
  }
  bool AtDocumentMarker() const {
    if (p_ != line_start_ || p_ + 3 > n_) return false;
    std::string_view three = text_.substr(p_, 3);
    return (three == "---" || three == "...") && Blankz(At(p_ + 3));
  }

  void Send(YamlEvent& e) {
    if (!handler_->OnEvent(e)) throw Stopped{};
  }
  // Any event but a scalar.
  void SendAt(Type type, const Mark& at) { SendAt(type, at, Props{}, false); }
  void SendAt(Type type, const Mark& at, const Props& props, bool flow) {
    YamlEvent e;
    e.type = type;
    e.flow = flow;
    e.start = at.off;
    e.start_loc = LocOf(at);
    e.tag = props.tag;
    e.anchor = props.anchor;
    Send(e);
  }
  void SendScalar(const Scalar& s, const Mark& start, const Props& props) {
    YamlEvent e;
    e.type = Type::kScalar;
    e.style = s.style;
    e.start = start.off;
    e.start_loc = LocOf(start);
    e.end = s.end.off;
    e.end_loc = LocOf(s.end);
    e.value = s.value;
    e.tag = props.tag;
    e.anchor = props.anchor;
    Send(e);
  }
  // An empty plain scalar where a value is missing.
  void SendEmpty(const Mark& start, const Mark& end, const Props& props) {
    Scalar s;
    s.end = end;
    SendScalar(s, start, props);
  }

  // Spaces on this line.
  void Spaces() {
    while (Cur() == ' ') ++p_;
  }
  // A comment from p_ to the end of the line. libyaml takes any '#' between
  // tokens for a comment; the tree builder's comment finder only one after a
  // blank or at the start of a line, so the other case is left to libyaml.
  void Comment() {
    if (p_ > line_start_ && text_[p_ - 1] != ' ') Give();
    p_ = LineEnd(p_);
  }
  // Spaces, comments and line breaks.
  void BlankLines() {
    for (;;) {
      Spaces();
      if (Cur() == '#') Comment();
      if (!AtBreak()) break;
      Break();
    }
  }
  // Spaces, comments and line breaks up to the next token.
  void ToNextToken() {
    BlankLines();
    if (AtDocumentMarker() || (p_ == line_start_ && Cur() == '%')) Give();
  }
  // After a node that ends its line: spaces and a comment, then the line's end.
  void EndOfLine() {
    Spaces();
    if (Cur() == '#') Comment();
    if (!AtBreak() && Cur() != '\0') Give();
  }
  // Spaces, comments and line breaks inside a flow collection.
  void FlowSpace() {
    BlankLines();
    if (AtDocumentMarker()) Give();
  }

  // ---- the stream ----

  void Stream() {
    BlankLines();
    if (p_ == line_start_ && Cur() == '%') Give();  // directives
    if (Cur() == '\0') return;  // no document: libyaml sends none
    Mark doc = Here();
    if (AtDocumentMarker()) {
      if (text_[p_] != '-') Give();
      p_ += 3;
      EndOfLine();
      ToNextToken();
      if (Cur() == '\0') Give();  // an empty document
    }
    SendAt(Type::kDocumentStart, doc);
    Node(-1, Context::kTop, 0);
    ToNextToken();
    if (Cur() != '\0') Give();
    SendAt(Type::kDocumentEnd, Here());
  }

  // ---- block nodes ----

  enum class Context {
    kTop,            // the document's node
    kValueInline,    // after `key:` on the same line
    kValueNextLine,  // a mapping value or properties' node on a later line
    kEntryInline,    // after `-` on the same line
    kEntryNextLine,  // a sequence entry on a later line
  };

  // The node at p_, with its properties. `indent` is the column of the
  // innermost block collection (libyaml's parser->indent; -1 at the top).
  void Node(int indent, Context ctx, int depth) {
    if (depth > kMaxDepth) Give();
    Props props;
    if (Cur() == '&' || Cur() == '!') {
      ReadProps(&props);
      Spaces();
      if (AtLineEnd()) {
        // The properties' node is on a later line, or missing.
        if (ctx == Context::kTop) Give();
        if (Cur() == '#') Comment();
        ToNextToken();
        int col = Col();
        if (Cur() != '\0' && col > indent) {
          Content(indent, Context::kValueNextLine, props, props.start, depth);
        } else if (Cur() != '\0' && col == indent && ctx == Context::kValueInline && Cur() == '-' &&
                   Blankz(At(p_ + 1))) {
          BlockSequence(props.start, props, /*indentless=*/true, depth);
        } else {
          // libyaml: an empty plain scalar from the first property to the end of the last.
          SendEmpty(props.start, props.end, props);
          Go(props.end);
        }
        return;
      }
      // The node follows on the same line: a scalar or a flow collection.
      if (ctx == Context::kTop) Give();
      Content(indent, Context::kValueInline, props, props.start, depth);
      return;
    }
    Content(indent, ctx, props, Here(), depth);
  }

  // Anchors and tags, at most one of each.
  void ReadProps(Props* props) {
    props->start = Here();
    for (;;) {
      char c = Cur();
      if (c == '&') {
        if (!props->anchor.empty()) Give();
        size_t from = ++p_;
        while (IsNameChar(Cur())) ++p_;
        if (p_ == from || !Blankz(Cur())) Give();
        props->anchor = text_.substr(from, p_ - from);
      } else if (c == '!') {
        if (!props->tag.empty()) Give();
        props->tag = ReadTag();
      } else {
        break;
      }
      props->end = Here();
      if (Cur() != ' ') break;
      size_t save = p_;
      Spaces();
      if (Cur() != '&' && Cur() != '!') {
        p_ = save;
        break;
      }
    }
  }

  std::string_view ReadTag() {
    size_t start = p_;
    ++p_;                           // '!'
    if (Blankz(Cur())) return "!";  // the non-specific tag
    bool secondary = false;
    if (Cur() == '!') {
      secondary = true;
      ++p_;
    }
    size_t from = p_;
    while (IsNameChar(Cur())) ++p_;
    if (p_ == from || !Blankz(Cur())) Give();
    if (!secondary) return text_.substr(start, p_ - start);  // "!Ref": the primary handle is "!"
    tag_.assign(kYamlTagPrefix);
    tag_.append(text_.substr(from, p_ - from));
    return tag_;
  }

  // The node's content at p_, once its properties (if any) are read; its
  // events start at `start`.
  void Content(int indent, Context ctx, const Props& props, const Mark& start, int depth) {
    char c = Cur();
    char next = At(p_ + 1);
    if (c == '-' && Blankz(next)) {
      if (ctx == Context::kValueInline) Give();  // libyaml: entries are not allowed here
      BlockSequence(start, props, /*indentless=*/false, depth);
      return;
    }
    if (c == '[' || c == '{') {
      FlowCollection(start, props, depth);
      NotAKey();
      EndOfLine();
      return;
    }
    if (c == '|' || c == '>') {
      if (ctx == Context::kTop) Give();
      BlockScalar(indent, start, props);
      return;
    }
    if (c == '*') {
      if (props.any()) Give();
      Alias(/*flow=*/false);
      NotAKey();
      EndOfLine();
      return;
    }
    if (c == '\0' || IsBreak(c) || c == ',' || c == '[' || c == ']' || c == '{' || c == '}' ||
        c == '#' || c == '&' || c == '!' || c == '%' || c == '@' || c == '`' ||
        ((c == '?' || c == ':') && Blankz(next))) {
      Give();
    }
    Scalar s = c == '\'' || c == '"' ? Quoted(c == '\'') : Plain(indent, /*flow=*/false);
    Mark after = Here();
    Spaces();
    if (Cur() == ':' && Blankz(At(p_ + 1))) {
      // A mapping key: the node is a block mapping at its column. Properties
      // on the key's line would be the key's (kValueInline); on an earlier
      // line they are the mapping's.
      if (!s.one_line || ctx == Context::kValueInline || p_ - s.start.off > kMaxKeyLength) Give();
      BlockMapping(s, start, props, depth);
      return;
    }
    Go(after);
    SendScalar(s, start, props);
    EndOfLine();
  }

  // After a flow collection or alias: it must not be a key.
  void NotAKey() {
    size_t save = p_;
    Spaces();
    if (Cur() == ':') Give();
    p_ = save;
  }

  // The block mapping whose first key is `first`; p_ is at its ':'. Its
  // events start at `start`.
  void BlockMapping(const Scalar& first, const Mark& start, const Props& props, int depth) {
    int col = static_cast<int>(first.start.off - first.start.line_start);
    SendAt(Type::kMappingStart, start, props, /*flow=*/false);
    Scalar key = first;
    for (;;) {
      SendScalar(key, key.start, Props{});
      ++p_;  // ':'
      Mark value_mark = Here();
      Value(col, value_mark, depth + 1);
      ToNextToken();
      if (Cur() == '\0' || Col() < col) break;
      if (Col() > col) Give();
      char c = Cur();
      if (c != '\'' && c != '"' &&
          (c == '-' || c == '?' || c == ':' || c == ',' || c == '[' || c == ']' || c == '{' ||
           c == '}' || c == '#' || c == '&' || c == '*' || c == '!' || c == '|' || c == '>' ||
           c == '%' || c == '@' || c == '`')) {
        Give();
      }
      key = c == '\'' || c == '"' ? Quoted(c == '\'') : Plain(col, /*flow=*/false);
      Spaces();
      if (!key.one_line || Cur() != ':' || !Blankz(At(p_ + 1)) ||
          p_ - key.start.off > kMaxKeyLength) {
        Give();
      }
    }
    SendAt(Type::kMappingEnd, Here());
  }

  // A block mapping's value, after its ':'.
  void Value(int col, const Mark& value_mark, int depth) {
    Spaces();
    if (AtLineEnd()) {
      if (Cur() == '#') Comment();
      ToNextToken();
      int at = Col();
      if (Cur() != '\0' && at > col) {
        Node(col, Context::kValueNextLine, depth);
      } else if (Cur() != '\0' && at == col && Cur() == '-' && Blankz(At(p_ + 1))) {
        BlockSequence(Here(), Props{}, /*indentless=*/true, depth);
      } else {
        // libyaml: an empty scalar just after the ':'.
        SendEmpty(value_mark, value_mark, Props{});
      }
      return;
    }
    Node(col, Context::kValueInline, depth);
  }

  // A block sequence whose first '-' is at p_; events start at `start`.
  // An indentless one is a mapping value whose entries sit at the key's column.
  void BlockSequence(const Mark& start, const Props& props, bool indentless, int depth) {
    if (depth > kMaxDepth) Give();
    int col = Col();
    SendAt(Type::kSequenceStart, start, props, /*flow=*/false);
    for (;;) {
      ++p_;  // '-'
      Mark dash_end = Here();
      Spaces();
      if (AtLineEnd()) {
        if (Cur() == '#') Comment();
        ToNextToken();
        if (Cur() != '\0' && Col() > col) {
          Node(col, Context::kEntryNextLine, depth + 1);
        } else {
          SendEmpty(dash_end, dash_end, Props{});
        }
      } else {
        Node(col, Context::kEntryInline, depth + 1);
      }
      ToNextToken();
      if (Cur() == '\0' || Col() < col) break;
      if (Col() > col) Give();
      if (Cur() == '-' && Blankz(At(p_ + 1))) continue;
      if (indentless) break;  // the enclosing mapping's next key
      Give();
    }
    SendAt(Type::kSequenceEnd, Here());
  }

  // ---- scalars ----

  // A plain scalar (libyaml's yaml_parser_scan_plain_scalar). Continuation
  // lines must reach column indent + 1 in block context. p_ is left just past
  // the scalar's last character.
  Scalar Plain(int indent, bool flow) {
    Scalar s;
    s.start = s.end = Here();
    s.style = Style::kPlain;
    bool folded = false;     // the value differs from the text it spans
    bool leading = false;    // a line break was passed since the last character
    size_t breaks = 0;       // line breaks after the first one, since the last character
    size_t spaces_from = 0;  // the run of spaces since the last character, when !leading
    size_t spaces_to = 0;
    std::string& out = scratch_;
    out.clear();
    for (;;) {
      if (AtDocumentMarker()) break;
      if (Cur() == '#') break;
      while (!Blankz(Cur())) {
        char c = Cur();
        char next = At(p_ + 1);
        if (c == ':') {
          if (Blankz(next)) break;
          if (flow && (next == '?' || IsFlowIndicator(next))) Give();  // libyaml: unexpected ':'
        }
        if (flow && IsFlowIndicator(c)) break;
        if (leading) {
          if (!folded) {
            out.assign(text_.substr(s.start.off, s.end.off - s.start.off));
            folded = true;
          }
          if (breaks == 0) {
            out.push_back(' ');
          } else {
            out.append(breaks, '\n');
          }
          leading = false;
          breaks = 0;
        } else if (spaces_to > spaces_from && folded) {
          out.append(text_.substr(spaces_from, spaces_to - spaces_from));
        }
        spaces_from = spaces_to = 0;
        size_t from = p_;
        ++p_;
        // The rest of a run of ordinary characters at once.
        while (p_ < n_) {
          char d = text_[p_];
          if (d == ' ' || IsBreak(d) || d == ':' || (flow && IsFlowIndicator(d))) break;
          ++p_;
        }
        if (folded) out.append(text_.substr(from, p_ - from));
        s.end = Here();
      }
      if (Cur() != ' ' && !AtBreak()) break;
      while (Cur() == ' ' || AtBreak()) {
        if (Cur() == ' ') {
          if (!leading) {
            if (spaces_to == 0) spaces_from = p_;
            spaces_to = p_ + 1;
          }
          ++p_;
        } else {
          if (!leading) {
            spaces_from = spaces_to = 0;
            leading = true;
            s.one_line = false;
          } else {
            ++breaks;
          }
          Break();
        }
      }
      if (!flow && Col() < indent + 1) break;
    }
    s.value = folded ? std::string_view(out) : text_.substr(s.start.off, s.end.off - s.start.off);
    Go(s.end);
    if (s.end.off == s.start.off) Give();  // nothing scanned: not a plain scalar libyaml would see
    return s;
  }

  // A single- or double-quoted scalar (libyaml's yaml_parser_scan_flow_scalar).
  // p_ is left just past the closing quote.
  Scalar Quoted(bool single) {
    Scalar s;
    s.start = Here();
    s.style = single ? Style::kSingleQuoted : Style::kDoubleQuoted;
    char quote = single ? '\'' : '"';
    ++p_;
    size_t content = p_;
    bool copied = false;  // out holds the value so far
    std::string& out = scratch_;
    out.clear();
    auto copy = [&] {
      if (!copied) {
        out.assign(text_.substr(content, p_ - content));
        copied = true;
      }
    };
    for (;;) {
      if (AtDocumentMarker()) Give();
      if (Cur() == '\0') Give();  // libyaml: unexpected end of stream
      bool leading = false;
      bool escaped_break = false;  // a '\' ended the line: joined without a space
      while (!Blankz(Cur())) {
        char c = Cur();
        if (single && c == '\'' && At(p_ + 1) == '\'') {
          copy();
          out.push_back('\'');
          p_ += 2;
        } else if (c == quote) {
          break;
        } else if (!single && c == '\\' && IsBreak(At(p_ + 1))) {
          copy();
          ++p_;
          Break();
          leading = escaped_break = true;
          s.one_line = false;
          break;
        } else if (!single && c == '\\') {
          copy();
          Escape(&out);
        } else {
          if (copied) out.push_back(c);
          ++p_;
        }
      }
      if (Cur() == quote) break;
      // Blanks and line breaks inside the quotes.
      size_t spaces_from = p_;
      size_t breaks = 0;
      while (Cur() == ' ' || AtBreak()) {
        if (Cur() == ' ') {
          ++p_;
        } else {
          if (!leading) {
            leading = true;
          } else {
            ++breaks;
          }
          Break();
        }
      }
      if (escaped_break) {
        out.append(breaks, '\n');
      } else if (leading) {
        size_t keep = p_;
        p_ = spaces_from;
        copy();
        p_ = keep;
        s.one_line = false;
        if (breaks == 0) {
          out.push_back(' ');
        } else {
          out.append(breaks, '\n');
        }
      } else if (copied) {
        out.append(text_.substr(spaces_from, p_ - spaces_from));
      }
    }
    s.value = copied ? std::string_view(out) : text_.substr(content, p_ - content);
    ++p_;  // the closing quote
    s.end = Here();
    return s;
  }

  // One escape sequence of a double-quoted scalar, appended to `out`.
  void Escape(std::string* out) {
    char e = At(p_ + 1);
    size_t digits = 0;
    switch (e) {
      case '0':
        out->push_back('\0');
        break;
      case 'a':
        out->push_back('\x07');
        break;
      case 'b':
        out->push_back('\x08');
        break;
      case 't':
        out->push_back('\x09');
        break;
      case 'n':
        out->push_back('\x0A');
        break;
      case 'v':
        out->push_back('\x0B');
        break;
      case 'f':
        out->push_back('\x0C');
        break;
      case 'r':
        out->push_back('\x0D');
        break;
      case 'e':
        out->push_back('\x1B');
        break;
      case ' ':
        out->push_back(' ');
        break;
      case '"':
        out->push_back('"');
        break;
      case '/':
        out->push_back('/');
        break;
      case '\\':
        out->push_back('\\');
        break;
      case 'N':
        out->append("\xC2\x85");
        break;
      case '_':
        out->append("\xC2\xA0");
        break;
      case 'L':
        out->append("\xE2\x80\xA8");
        break;
      case 'P':
        out->append("\xE2\x80\xA9");
        break;
      case 'x':
        digits = 2;
        break;
      case 'u':
        digits = 4;
        break;
      case 'U':
        digits = 8;
        break;
      default:
        Give();  // libyaml: unknown escape character
    }
    p_ += 2;
    if (digits == 0) return;
    uint32_t value = 0;
    for (size_t k = 0; k < digits; ++k) {
      char h = At(p_ + k);
      int v = h >= '0' && h <= '9'   ? h - '0'
              : h >= 'a' && h <= 'f' ? h - 'a' + 10
              : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                     : -1;
      if (v < 0) Give();
      value = (value << 4) | static_cast<uint32_t>(v);
    }
    if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) Give();
    if (value <= 0x7F) {
      out->push_back(static_cast<char>(value));
    } else if (value <= 0x7FF) {
      out->push_back(static_cast<char>(0xC0 + (value >> 6)));
      out->push_back(static_cast<char>(0x80 + (value & 0x3F)));
    } else if (value <= 0xFFFF) {
      out->push_back(static_cast<char>(0xE0 + (value >> 12)));
      out->push_back(static_cast<char>(0x80 + ((value >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 + (value & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 + (value >> 18)));
      out->push_back(static_cast<char>(0x80 + ((value >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 + ((value >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 + (value & 0x3F)));
    }
    p_ += digits;
  }

  // A literal or folded block scalar (libyaml's yaml_parser_scan_block_scalar)
  // whose indicator is at p_. Its end mark is the start of the first line
  // after it that is not blank; p_ is left there.
  void BlockScalar(int indent, const Mark& start, const Props& props) {
    Scalar s;
    s.start = Here();
    bool literal = Cur() == '|';
    s.style = literal ? Style::kLiteral : Style::kFolded;
    ++p_;
    int chomping = 0;  // -1 strip, 0 clip, +1 keep
    if (Cur() == '+' || Cur() == '-') {
      chomping = Cur() == '+' ? 1 : -1;
      ++p_;
    }
    if (Cur() >= '0' && Cur() <= '9') Give();  // an indentation indicator
    if (Cur() != ' ' && !AtBreak() && Cur() != '#' && Cur() != '\0') Give();
    Spaces();
    if (Cur() == '#') {
      if (text_[p_ - 1] != ' ') Give();
      p_ = LineEnd(p_);
    }
    if (!AtBreak()) Give();  // no line after the header
    Break();
    std::string& out = scratch_;
    out.clear();
    // The leading blank lines, and the indentation of the first line.
    Mark end = Here();
    size_t trailing = 0;
    int max_col = 0;
    for (;;) {
      Spaces();
      max_col = std::max(max_col, Col());
      if (!AtBreak()) break;
      ++trailing;
      Break();
      end = Here();
    }
    int ind = std::max({max_col, indent + 1, 1});
    // Blank lines deeper than the first line, an empty scalar, or one whose
    // first line is not deeper than its parent: libyaml's corner cases.
    if (Cur() == '\0' || Col() != ind) Give();
    bool leading_break = false;
    bool leading_blank = false;
    while (Col() == ind && Cur() != '\0') {
      bool trailing_blank = Cur() == ' ';
      if (!literal && leading_break && !leading_blank && !trailing_blank) {
        if (trailing == 0) out.push_back(' ');
      } else if (leading_break) {
        out.push_back('\n');
      }
      leading_break = false;
      out.append(trailing, '\n');
      trailing = 0;
      leading_blank = Cur() == ' ';
      size_t eol = LineEnd(p_);
      out.append(text_.substr(p_, eol - p_));
      p_ = eol;
      if (AtBreak()) {
        leading_break = true;
        Break();
      }
      end = Here();
      for (;;) {
        while (Col() < ind && Cur() == ' ') ++p_;
        if (!AtBreak()) break;
        ++trailing;
        Break();
        end = Here();
      }
    }
    if (chomping != -1 && leading_break) out.push_back('\n');
    if (chomping == 1) out.append(trailing, '\n');
    s.value = out;
    s.end = end;
    Go(end);
    SendScalar(s, start, props);
  }

  // An alias at p_.
  void Alias(bool flow) {
    Mark start = Here();
    size_t from = ++p_;
    while (IsNameChar(Cur())) ++p_;
    if (p_ == from) Give();
    if (!Blankz(Cur()) && !(flow && (Cur() == ',' || Cur() == ']' || Cur() == '}'))) Give();
    YamlEvent e;
    e.type = Type::kAlias;
    e.start = start.off;
    e.start_loc = LocOf(start);
    e.anchor = text_.substr(from, p_ - from);
    Send(e);
  }

  // ---- flow collections ----

  // A flow sequence or mapping whose bracket is at p_; p_ is left past its
  // closing bracket.
  void FlowCollection(const Mark& start, const Props& props, int depth) {
    if (depth > kMaxDepth) Give();
    bool seq = Cur() == '[';
    char close = seq ? ']' : '}';
    SendAt(seq ? Type::kSequenceStart : Type::kMappingStart, start, props, /*flow=*/true);
    ++p_;
    FlowSpace();
    if (Cur() != close) {
      for (;;) {
        if (seq) {
          FlowNode(depth + 1, /*in_sequence=*/true);
          FlowSpace();
          if (Cur() == ':') Give();
        } else {
          FlowKey();
          FlowValue(close, depth + 1);
        }
        if (Cur() == ',') {
          ++p_;
          FlowSpace();
          if (Cur() == close) break;  // a trailing comma
          continue;
        }
        if (Cur() == close) break;
        Give();
      }
    }
    SendAt(seq ? Type::kSequenceEnd : Type::kMappingEnd, Here());
    ++p_;
  }

  // A flow mapping's key: a scalar whose ':' follows on the same line.
  void FlowKey() {
    char c = Cur();
    if (c != '\'' && c != '"' && !PlainStartsInFlow()) Give();
    Scalar s = c == '\'' || c == '"' ? Quoted(c == '\'') : Plain(0, /*flow=*/true);
    Spaces();
    if (!s.one_line || Cur() != ':' || p_ - s.start.off > kMaxKeyLength) Give();
    SendScalar(s, s.start, Props{});
  }

  bool PlainStartsInFlow() const {
    char c = Cur();
    if (c == '-') return !Blankz(At(p_ + 1)) && !IsFlowIndicator(At(p_ + 1));
    return !(Blankz(c) || c == '?' || c == ':' || IsFlowIndicator(c) || c == '#' || c == '&' ||
             c == '*' || c == '!' || c == '|' || c == '>' || c == '\'' || c == '"' || c == '%' ||
             c == '@' || c == '`');
  }

  // An entry of a flow collection. In a sequence, a scalar followed by ':'
  // on its line is the key of a single-pair mapping.
  void FlowNode(int depth, bool in_sequence) {
    Props props;
    Mark start = Here();
    if (Cur() == '&' || Cur() == '!') {
      ReadProps(&props);
      Spaces();
      if (AtBreak() || Cur() == '#') Give();
      if (Cur() == ',' || Cur() == ']' || Cur() == '}') {
        // libyaml: an empty plain scalar from the first property to the
        // end of the last (`!GetAZs ]`).
        SendEmpty(props.start, props.end, props);
        return;
      }
    }
    char c = Cur();
    if (c == '[' || c == '{') {
      FlowCollection(start, props, depth);
      return;
    }
    if (c == '*') {
      if (props.any()) Give();
      Alias(/*flow=*/true);
      return;
    }
    bool quoted = c == '\'' || c == '"';
    if (!quoted && !PlainStartsInFlow()) Give();
    Scalar s = quoted ? Quoted(c == '\'') : Plain(0, /*flow=*/true);
    if (!in_sequence) {
      SendScalar(s, start, props);
      return;
    }
    Mark after = Here();
    Spaces();
    if (Cur() != ':') {
      Go(after);
      SendScalar(s, start, props);
      return;
    }
    // libyaml: a flow mapping from the key to the next ',' or ']'.
    if (props.any() || !s.one_line || p_ - s.start.off > kMaxKeyLength) Give();
    SendAt(Type::kMappingStart, s.start, Props{}, /*flow=*/true);
    SendScalar(s, s.start, Props{});
    FlowValue(']', depth + 1);
    SendAt(Type::kMappingEnd, Here());
  }

  // The value of a flow mapping's entry, from its ':' at p_ to the ',' or
  // the collection's `close` after it.
  void FlowValue(char close, int depth) {
    ++p_;  // ':'
    FlowSpace();
    if (Cur() == ',' || Cur() == close) {
      // libyaml: an empty scalar where the next token starts.
      SendEmpty(Here(), Here(), Props{});
    } else {
      FlowNode(depth, /*in_sequence=*/false);
      FlowSpace();
    }
  }

  const util::SourceFile& file_;
  std::string_view text_;
  size_t n_;
  size_t bom_;
  YamlEventHandler* handler_;
  size_t p_;
  uint32_t line_ = 1;
  size_t line_start_;
  std::string scratch_;  // a scalar's value when it is not a view of the text
  std::string tag_;      // a resolved "!!" tag
};

}  // namespace

FastScan ScanYamlFast(const util::SourceFile& file, size_t bom, YamlEventHandler* handler) {
  return FastScanner(file, bom, handler).Run();
}

}  // namespace fnwarden::load::syntax
