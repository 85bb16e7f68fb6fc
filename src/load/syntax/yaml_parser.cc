// ParseYaml: libyaml's event API feeding the TreeBuilder.
//
// libyaml checks the syntax; this file turns its events into positioned
// nodes, resolves tags, anchors and aliases, and turns libyaml's errors into
// diagnostics that point at what the user has to fix.
#include <yaml.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "load/syntax/builder.h"
#include "load/syntax/input.h"
#include "load/syntax/node.h"
#include "load/syntax/scalar.h"

namespace fnwarden::load::syntax {
namespace {

// Maps libyaml marks to byte offsets and SourceFile positions. libyaml counts
// characters; SourceFile counts bytes. For ASCII text they agree, so the mark
// is used as is; otherwise a cursor walks forward through the text (events
// arrive in order, so the walk is linear over the file).
class PositionMapper {
 public:
  PositionMapper(const util::SourceFile& file, const InputInfo& info)
      : file_(file), text_(file.text()), info_(info), byte_(info.bom), line_start_(info.bom) {}

  struct Pos {
    size_t offset;
    util::Loc loc;
  };

  Pos At(const yaml_mark_t& mark) {
    if (info_.ascii) {
      if (info_.bom + mark.index >= text_.size()) {
        // At the end libyaml counts a line break the text may not have.
        return {text_.size(), LocAtOffset(file_, text_.size(), info_.bom)};
      }
      return {info_.bom + mark.index, util::Loc{&file_, static_cast<uint32_t>(mark.line + 1),
                                                static_cast<uint32_t>(mark.column + 1)}};
    }
    if (mark.index < char_) {
      char_ = 0;
      byte_ = line_start_ = info_.bom;
      line_ = 1;
    }
    while (char_ < mark.index && byte_ < text_.size()) {
      auto c = static_cast<unsigned char>(text_[byte_]);
      size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      if (c == '\n' || (c == '\r' && (byte_ + 1 >= text_.size() || text_[byte_ + 1] != '\n'))) {
        ++line_;
        line_start_ = byte_ + 1;
      }
      byte_ += len;
      ++char_;
    }
    byte_ = std::min(byte_, text_.size());
    return {byte_, util::Loc{&file_, line_, static_cast<uint32_t>(byte_ - line_start_ + 1)}};
  }

 private:
  const util::SourceFile& file_;
  std::string_view text_;
  InputInfo info_;
  size_t char_ = 0;  // character index of byte_
  size_t byte_;
  uint32_t line_ = 1;
  size_t line_start_;
};

// CloudFormation's short-form tags, kept without copying.
constexpr std::string_view kKnownTags[] = {
    "!Ref",          "!Sub",
    "!GetAtt",       "!If",
    "!Equals",       "!Join",
    "!Select",       "!Split",
    "!FindInMap",    "!Base64",
    "!GetAZs",       "!ImportValue",
    "!Cidr",         "!And",
    "!Or",           "!Not",
    "!Condition",    "!Transform",
    "!ToJsonString", "!Length",
    "!Contains",     "!EachMemberEquals",
    "!EachMemberIn", "!ValueOf",
    "!RefAll",       "!ValueOfAll",
};

constexpr std::string_view kYamlTagPrefix = "tag:yaml.org,2002:";

std::string_view TagForMessage(std::string_view raw, std::string* buf) {
  if (!raw.starts_with(kYamlTagPrefix)) return raw;
  *buf = "!!" + std::string(raw.substr(kYamlTagPrefix.size()));
  return *buf;
}

class YamlReader {
 public:
  YamlReader(Document* doc, const InputInfo& info, const ParseLimits& limits,
             util::DiagnosticSink* diags)
      : doc_(doc),
        file_(*doc->file()),
        text_(file_.text()),
        info_(info),
        pos_(file_, info),
        builder_(doc, limits, diags),
        scanned_(info.bom),
        next_hash_(NextHash(info.bom)) {
    builder_.set_merge_keys(true);
  }

  bool Run() {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
      return builder_.Fail(util::Loc{&file_, 1, 1}, "out of memory while reading YAML");
    }
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text_.data()),
                                 text_.size());
    bool ok = true;
    for (;;) {
      yaml_event_t event;
      if (!yaml_parser_parse(&parser, &event)) {
        ReportLibyamlError(parser);
        ok = false;
        break;
      }
      bool end = event.type == YAML_STREAM_END_EVENT;
      // Comments lie between tokens: whatever precedes this event's start
      // and follows the last scalar is outside every scalar.
      PositionMapper::Pos start = pos_.At(event.start_mark);
      FindComments(start.offset);
      ok = Handle(event, start);
      yaml_event_delete(&event);
      if (!ok || end) break;
    }
    yaml_parser_delete(&parser);
    if (ok) FindComments(text_.size());
    for (util::SourceComment& c : doc_->mutable_comments()) {
      c.last_line = c.first_line == 0 ? 0 : builder_.ExtentEnd(c.first_line);
    }
    return ok;
  }

 private:
  struct OpenFlow {
    uint32_t depth;  // builder depth of the open flow sequence or mapping
    util::Loc loc;
    NodeKind kind;
  };

  struct Anchor {
    Built built;
    bool complete = false;
  };

  // Records the comments that start before `limit` and after what was
  // scanned so far. A '#' opens a comment at the start of a line or after a
  // blank; elsewhere (`a#b`, an anchor or tag) it is text. The next '#' is
  // looked for once, not between every two events, so most calls return at
  // the first comparison.
  void FindComments(size_t limit) {
    if (next_hash_ < limit) FindCommentsBefore(std::min(limit, text_.size()));
  }

  // FindComments for a `limit` within the text and past the next '#'.
  void FindCommentsBefore(size_t limit) {
    while (next_hash_ < limit) {
      size_t hash = next_hash_;
      if (hash > info_.bom && !IsBlankOrBreak(text_[hash - 1])) {
        SkipTo(hash + 1);
        continue;
      }
      size_t eol = LineEnd(hash);
      AddComment(hash, eol);
      SkipTo(eol);
    }
  }

  // The offset of the first line break at or after `from`; the text's size
  // if none. string_view::find_first_of("\r\n") would call memchr once for
  // every character it passes.
  size_t LineEnd(size_t from) const {
    if (from >= text_.size()) return text_.size();
    const char* begin = text_.data() + from;
    size_t n = text_.size() - from;
    const void* lf = std::memchr(begin, '\n', n);
    if (lf != nullptr) n = static_cast<size_t>(static_cast<const char*>(lf) - begin);
    const void* cr = std::memchr(begin, '\r', n);
    if (cr != nullptr) n = static_cast<size_t>(static_cast<const char*>(cr) - begin);
    return from + n;
  }

  // Marks the text before `offset` as searched (or inside a scalar).
  void SkipTo(size_t offset) {
    if (offset <= scanned_) return;
    scanned_ = offset;
    if (next_hash_ < scanned_) next_hash_ = NextHash(scanned_);
  }

  // The offset of the first '#' at or after `from`; the text's size if none.
  size_t NextHash(size_t from) const {
    if (from >= text_.size()) return text_.size();
    const void* found = std::memchr(text_.data() + from, '#', text_.size() - from);
    return found != nullptr ? static_cast<size_t>(static_cast<const char*>(found) - text_.data())
                            : text_.size();
  }

  // Records the comment text_[hash, eol) and the line it is about; the end
  // of that line's extent is filled in once the stream is read.
  void AddComment(size_t hash, size_t eol) {
    util::Loc loc = LocAtOffset(file_, hash, info_.bom);
    util::SourceComment c;
    c.line = loc.line;
    c.col = loc.col;
    c.text = text_.substr(hash + 1, eol - hash - 1);
    size_t line_start = hash;
    while (line_start > info_.bom && text_[line_start - 1] != '\n' &&
           text_[line_start - 1] != '\r') {
      --line_start;
    }
    bool after_code = text_.substr(line_start, hash - line_start).find_first_not_of(" \t") !=
                      std::string_view::npos;
    if (after_code) {
      c.first_line = c.line;
    } else if (hash >= run_end_) {
      // A comment on a line of its own: about the first line below that is
      // not a comment, unless a blank line comes first. Found once for each
      // run of comment lines, so the scan stays linear.
      uint32_t n = c.line + 1;
      run_target_ = 0;
      for (; n <= file_.line_count(); ++n) {
        std::string_view line = file_.Line(n);
        size_t first = line.find_first_not_of(" \t");
        if (first == std::string_view::npos) break;
        if (line[first] != '#') {
          run_target_ = n;
          break;
        }
      }
      run_end_ = n <= file_.line_count() ? static_cast<size_t>(file_.Line(n).data() - text_.data())
                                         : text_.size();
      c.first_line = run_target_;
    } else {
      c.first_line = run_target_;
    }
    if (c.first_line != 0) builder_.WatchLine(c.first_line);
    doc_->mutable_comments().push_back(c);
  }

  // The last line of a scalar's text: libyaml's end mark of a block scalar
  // lies after the blank lines that follow it.
  uint32_t LastLine(size_t start, const PositionMapper::Pos& end) const {
    uint32_t line = end.loc.line;
    for (size_t i = end.offset; i > start && IsBlankOrBreak(text_[i - 1]); --i) {
      char c = text_[i - 1];
      if (c == '\n' || (c == '\r' && (i >= text_.size() || text_[i] != '\n'))) --line;
    }
    return line;
  }

  static bool IsBlankOrBreak(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  // `start` is where the event starts.
  bool Handle(const yaml_event_t& e, const PositionMapper::Pos& start) {
    switch (e.type) {
      case YAML_DOCUMENT_START_EVENT:
        anchors_.clear();
        open_anchors_.clear();
        open_flows_.clear();
        builder_.BeginDocument();
        return true;
      case YAML_DOCUMENT_END_EVENT:
        if (const Node* root = builder_.EndDocument()) doc_->AddRoot(root);
        return true;
      case YAML_SCALAR_EVENT:
        return OnScalar(e, start);
      case YAML_SEQUENCE_START_EVENT:
        return OnStart(start.loc, NodeKind::kSeq, e.data.sequence_start.tag,
                       e.data.sequence_start.anchor,
                       e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE);
      case YAML_MAPPING_START_EVENT:
        return OnStart(start.loc, NodeKind::kMap, e.data.mapping_start.tag,
                       e.data.mapping_start.anchor,
                       e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE);
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        return OnEnd(start.loc);
      case YAML_ALIAS_EVENT:
        return OnAlias(e, start.loc);
      default:
        return true;
    }
  }

  bool OnScalar(const yaml_event_t& e, const PositionMapper::Pos& pos) {
    const auto& s = e.data.scalar;
    if (!builder_.CheckScalarSize(s.length, pos.loc)) return false;
    Node* node = doc_->NewNode();
    node->kind = NodeKind::kScalar;
    node->loc = pos.loc;
    switch (s.style) {
      case YAML_SINGLE_QUOTED_SCALAR_STYLE:
      case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
        node->style = ScalarStyle::kQuoted;
        break;
      case YAML_LITERAL_SCALAR_STYLE:
      case YAML_FOLDED_SCALAR_STYLE:
        node->style = ScalarStyle::kBlock;
        break;
      default:
        node->style = ScalarStyle::kPlain;
    }
    node->scalar = ScalarText(reinterpret_cast<const char*>(s.value), s.length,
                              pos.offset + (node->style == ScalarStyle::kQuoted ? 1 : 0));
    if (s.tag != nullptr && !ApplyTag(reinterpret_cast<const char*>(s.tag), node)) return false;
    if (node->style == ScalarStyle::kPlain && node->tag.empty() && IsNullText(node->scalar)) {
      node->kind = NodeKind::kNull;
    }
    PositionMapper::Pos end = pos_.At(e.end_mark);
    if (node->style == ScalarStyle::kBlock) {
      // The header line (`|  # note`) may end with a comment; the lines
      // below it are the scalar's text.
      FindComments(std::min(LineEnd(pos.offset), end.offset));
    }
    SkipTo(end.offset);
    Built built;
    if (!builder_.AddScalar(node, &built, LastLine(pos.offset, end))) return false;
    if (s.anchor != nullptr) {
      anchors_[reinterpret_cast<const char*>(s.anchor)] = Anchor{built, true};
    }
    return true;
  }

  // The scalar's text: a view of the source when the text is written there
  // verbatim (no escapes, no folding), otherwise a copy in the arena.
  std::string_view ScalarText(const char* value, size_t length, size_t offset) {
    std::string_view text(value, length);
    if (offset <= text_.size() && text_.size() - offset >= length &&
        std::memcmp(text_.data() + offset, value, length) == 0) {
      return text_.substr(offset, length);
    }
    return doc_->Intern(text);
  }

  bool OnStart(util::Loc loc, NodeKind kind, const yaml_char_t* tag, const yaml_char_t* anchor,
               bool flow) {
    Node* node = doc_->NewNode();
    node->kind = kind;
    node->loc = loc;
    if (tag != nullptr && !ApplyTag(reinterpret_cast<const char*>(tag), node)) return false;
    if (!builder_.BeginContainer(node)) return false;
    if (flow) open_flows_.push_back({builder_.depth(), node->loc, kind});
    if (anchor != nullptr) {
      std::string name(reinterpret_cast<const char*>(anchor));
      anchors_[name] = Anchor{Built{node, 0, 0}, false};
      open_anchors_.emplace_back(builder_.depth(), std::move(name));
    }
    return true;
  }

  bool OnEnd(util::Loc loc) {
    uint32_t depth = builder_.depth();
    bool flow = !open_flows_.empty() && open_flows_.back().depth == depth;
    Built built;
    if (!builder_.EndContainer(&built, flow ? loc.line : 0)) return false;
    if (flow) open_flows_.pop_back();
    if (!open_anchors_.empty() && open_anchors_.back().first == depth) {
      anchors_[open_anchors_.back().second] = Anchor{built, true};
      open_anchors_.pop_back();
    }
    return true;
  }

  bool OnAlias(const yaml_event_t& e, util::Loc loc) {
    std::string_view name(reinterpret_cast<const char*>(e.data.alias.anchor));
    auto it = anchors_.find(std::string(name));
    if (it == anchors_.end()) {
      return builder_.Fail(loc, "undefined alias '" + std::string(name) + "'");
    }
    if (!it->second.complete) {
      return builder_.Fail(loc,
                           "alias '" + std::string(name) + "' refers to a node that contains it");
    }
    return builder_.AddAlias(it->second.built, loc, name);
  }

  // Sets the node's tag, or for the standard !! tags its style and kind.
  bool ApplyTag(std::string_view raw, Node* node) {
    if (raw == "!") {  // the non-specific tag: a scalar is a string
      if (node->kind == NodeKind::kScalar) node->style = ScalarStyle::kQuoted;
      return true;
    }
    if (!raw.starts_with(kYamlTagPrefix)) {
      for (std::string_view known : kKnownTags) {
        if (raw == known) {
          node->tag = known;
          return true;
        }
      }
      node->tag = doc_->Intern(raw);
      return true;
    }
    std::string_view name = raw.substr(kYamlTagPrefix.size());
    bool scalar = node->kind == NodeKind::kScalar;
    if (name == "str" || name == "binary" || name == "timestamp") {
      if (!scalar) return TagMismatch(raw, node, "a scalar");
      if (node->style == ScalarStyle::kPlain) node->style = ScalarStyle::kQuoted;
      return true;
    }
    if (name == "null" || name == "bool" || name == "int" || name == "float") {
      if (!scalar) return TagMismatch(raw, node, "a scalar");
      ScalarType want = name == "null"   ? ScalarType::kNull
                        : name == "bool" ? ScalarType::kBool
                        : name == "int"  ? ScalarType::kInt
                                         : ScalarType::kFloat;
      ScalarType got = ResolvePlainScalar(node->scalar);
      // An int is a valid float too.
      if (got != want && !(want == ScalarType::kFloat && got == ScalarType::kInt)) {
        std::string buf;
        return builder_.Fail(node->loc, "'" + std::string(node->scalar.substr(0, 80)) +
                                            "' is not a valid " +
                                            std::string(TagForMessage(raw, &buf)));
      }
      node->style = ScalarStyle::kPlain;
      return true;
    }
    if (name == "map" || name == "set") {
      return node->kind == NodeKind::kMap || TagMismatch(raw, node, "a map");
    }
    if (name == "seq" || name == "omap" || name == "pairs") {
      return node->kind == NodeKind::kSeq || TagMismatch(raw, node, "a sequence");
    }
    if (name == "merge" || name == "value") {
      return scalar || TagMismatch(raw, node, "a scalar");
    }
    std::string buf;
    return builder_.Fail(node->loc, "unknown tag '" + std::string(TagForMessage(raw, &buf)) + "'");
  }

  bool TagMismatch(std::string_view raw, const Node* node, const char* expected) {
    std::string buf;
    return builder_.Fail(node->loc, "the tag '" + std::string(TagForMessage(raw, &buf)) +
                                        "' can only be used on " + expected);
  }

  void ReportLibyamlError(const yaml_parser_t& parser) {
    std::string problem = parser.problem != nullptr ? parser.problem : "invalid YAML";
    if (parser.error == YAML_MEMORY_ERROR) {
      builder_.Fail(util::Loc{&file_, 1, 1}, "out of memory while reading YAML");
      return;
    }
    if (parser.error == YAML_READER_ERROR) {
      // Reader errors carry a byte offset instead of a mark.
      if (parser.problem_value != -1) {
        char buf[16];
        std::snprintf(buf, sizeof buf, " (0x%x)", static_cast<unsigned>(parser.problem_value));
        problem += buf;
      }
      builder_.Fail(LocAtOffset(file_, parser.problem_offset, info_.bom), problem);
      return;
    }
    std::string context = parser.context != nullptr ? parser.context : "";
    PositionMapper::Pos problem_pos = pos_.At(parser.problem_mark);
    // The problem mark is where libyaml gave up. Two cases read better at the
    // start of the construct: a would-be key that never got its ':' (the
    // problem mark is on a later line), and anything cut off by the end of the
    // file (an unterminated quote or bracket).
    if (!context.empty() && context == "while scanning a simple key") {
      builder_.Fail(pos_.At(parser.context_mark).loc, problem + " " + context);
      return;
    }
    if (problem_pos.offset >= text_.size()) {
      if (context.find("flow") != std::string::npos && !open_flows_.empty()) {
        // libyaml's context mark may be the end of the file itself; the
        // innermost open bracket is what needs closing.
        const OpenFlow& open = open_flows_.back();
        builder_.Fail(open.loc, std::string("unexpected end of file while parsing a flow ") +
                                    (open.kind == NodeKind::kSeq ? "sequence" : "mapping") +
                                    " that starts here");
        return;
      }
      if (context.starts_with("while scanning")) {
        builder_.Fail(pos_.At(parser.context_mark).loc,
                      "unexpected end of file " + context + " that starts here");
        return;
      }
    }
    std::string message = context.empty() ? problem : problem + " " + context;
    if (FollowsClosingQuote(problem_pos.offset)) {
      message += "; the text after the closing quote should be inside the quotes";
    }
    builder_.Fail(problem_pos.loc, message);
  }

  // Whether the text at `offset` follows a quote on the same line, as in
  // `Description: 'text' (more text)`.
  bool FollowsClosingQuote(size_t offset) const {
    if (offset >= text_.size() || text_[offset] == '#') return false;
    size_t i = offset;
    while (i > 0 && (text_[i - 1] == ' ' || text_[i - 1] == '\t')) --i;
    return i > 0 && i < offset && (text_[i - 1] == '\'' || text_[i - 1] == '"');
  }

  Document* doc_;
  const util::SourceFile& file_;
  std::string_view text_;
  InputInfo info_;
  PositionMapper pos_;
  TreeBuilder builder_;
  std::unordered_map<std::string, Anchor> anchors_;
  // Anchored containers still open, with the builder depth they opened at.
  std::vector<std::pair<uint32_t, std::string>> open_anchors_;
  std::vector<OpenFlow> open_flows_;
  size_t scanned_;           // text before this offset was searched for comments
  size_t next_hash_;         // the first '#' at or after scanned_ (the text's size: none)
  size_t run_end_ = 0;       // the end of the last run of comment lines looked at
  uint32_t run_target_ = 0;  // the line that run is about (0: none)
};

}  // namespace

std::unique_ptr<Document> ParseYaml(const util::SourceFile* file, const ParseLimits& limits,
                                    util::DiagnosticSink* diags) {
  auto doc = std::make_unique<Document>(file);
  InputInfo info;
  if (!CheckInput(*file, diags, &info)) return nullptr;
  YamlReader reader(doc.get(), info, limits, diags);
  if (!reader.Run() && doc->roots().empty()) return nullptr;
  return doc;
}

}  // namespace fnwarden::load::syntax
