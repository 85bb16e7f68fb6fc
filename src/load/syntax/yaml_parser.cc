// ParseYaml: YAML events (yaml_events.h) feeding the TreeBuilder.
//
// The fast scanner reads what it can; libyaml reads the rest and checks the
// syntax. This file turns their events into positioned nodes, resolves tags,
// anchors and aliases, and turns libyaml's errors into diagnostics that point
// at what the user has to fix.
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
#include "load/syntax/yaml_events.h"

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

// libyaml's events as YamlEvents.
class LibyamlEvents {
 public:
  LibyamlEvents(const util::SourceFile& file, const InputInfo& info) : pos_(file, info) {
    initialized_ = yaml_parser_initialize(&parser_) != 0;
    if (initialized_) {
      std::string_view text = file.text();
      yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                   text.size());
    }
  }
  ~LibyamlEvents() {
    if (has_event_) yaml_event_delete(&event_);
    if (initialized_) yaml_parser_delete(&parser_);
  }
  LibyamlEvents(const LibyamlEvents&) = delete;
  LibyamlEvents& operator=(const LibyamlEvents&) = delete;

  bool initialized() const { return initialized_; }
  const yaml_parser_t& parser() const { return parser_; }
  PositionMapper& positions() { return pos_; }

  // The next event, valid until the next call; false at a syntax error.
  // `*end` is set, and `*e` left alone, at the end of the stream.
  bool Next(YamlEvent* e, bool* end) {
    for (;;) {
      if (has_event_) yaml_event_delete(&event_);
      has_event_ = false;
      if (!yaml_parser_parse(&parser_, &event_)) return false;
      has_event_ = true;
      if (event_.type == YAML_STREAM_END_EVENT) {
        *end = true;
        return true;
      }
      if (Convert(e)) return true;
    }
  }

 private:
  static std::string_view View(const yaml_char_t* s) {
    return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
  }

  // False for the events ParseYaml has no use for (the stream's start).
  bool Convert(YamlEvent* e) {
    using Type = YamlEvent::Type;
    *e = YamlEvent();
    switch (event_.type) {
      case YAML_DOCUMENT_START_EVENT:
        e->type = Type::kDocumentStart;
        break;
      case YAML_DOCUMENT_END_EVENT:
        e->type = Type::kDocumentEnd;
        break;
      case YAML_SCALAR_EVENT: {
        const auto& s = event_.data.scalar;
        e->type = Type::kScalar;
        e->value = std::string_view(reinterpret_cast<const char*>(s.value), s.length);
        e->tag = View(s.tag);
        e->anchor = View(s.anchor);
        switch (s.style) {
          case YAML_SINGLE_QUOTED_SCALAR_STYLE:
            e->style = YamlEvent::Style::kSingleQuoted;
            break;
          case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
            e->style = YamlEvent::Style::kDoubleQuoted;
            break;
          case YAML_LITERAL_SCALAR_STYLE:
            e->style = YamlEvent::Style::kLiteral;
            break;
          case YAML_FOLDED_SCALAR_STYLE:
            e->style = YamlEvent::Style::kFolded;
            break;
          default:
            e->style = YamlEvent::Style::kPlain;
        }
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
        e->type = Type::kSequenceStart;
        e->tag = View(event_.data.sequence_start.tag);
        e->anchor = View(event_.data.sequence_start.anchor);
        e->flow = event_.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        break;
      case YAML_MAPPING_START_EVENT:
        e->type = Type::kMappingStart;
        e->tag = View(event_.data.mapping_start.tag);
        e->anchor = View(event_.data.mapping_start.anchor);
        e->flow = event_.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
        break;
      case YAML_SEQUENCE_END_EVENT:
        e->type = Type::kSequenceEnd;
        break;
      case YAML_MAPPING_END_EVENT:
        e->type = Type::kMappingEnd;
        break;
      case YAML_ALIAS_EVENT:
        e->type = Type::kAlias;
        e->anchor = View(event_.data.alias.anchor);
        break;
      default:
        return false;
    }
    PositionMapper::Pos start = pos_.At(event_.start_mark);
    e->start = start.offset;
    e->start_loc = start.loc;
    if (e->type == Type::kScalar) {
      PositionMapper::Pos end = pos_.At(event_.end_mark);
      e->end = end.offset;
      e->end_loc = end.loc;
    }
    return true;
  }

  PositionMapper pos_;
  yaml_parser_t parser_;
  yaml_event_t event_;
  bool initialized_ = false;
  bool has_event_ = false;
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

class YamlReader final : public YamlEventHandler {
 public:
  YamlReader(Document* doc, const InputInfo& info, const ParseLimits& limits,
             util::DiagnosticSink* diags)
      : doc_(doc),
        file_(*doc->file()),
        text_(file_.text()),
        info_(info),
        builder_(doc, limits, diags),
        scanned_(info.bom),
        next_hash_(NextHash(info.bom)) {
    builder_.set_merge_keys(true);
  }

  // With libyaml.
  bool Run() {
    LibyamlEvents events(file_, info_);
    if (!events.initialized()) {
      return builder_.Fail(util::Loc{&file_, 1, 1}, "out of memory while reading YAML");
    }
    bool ok = true;
    for (;;) {
      YamlEvent event;
      bool end = false;
      if (!events.Next(&event, &end)) {
        ReportLibyamlError(events);
        ok = false;
        break;
      }
      if (end) break;
      if (!OnEvent(event)) {
        ok = false;
        break;
      }
    }
    Finish(ok);
    return ok;
  }

  // With the fast scanner; on kUnsupported and kStopped the document is
  // incomplete and the file is read again with Run().
  FastScan RunFast() {
    FastScan result = ScanYamlFast(file_, info_.bom, this);
    if (result == FastScan::kDone) Finish(true);
    return result;
  }

  bool OnEvent(const YamlEvent& event) override {
    // Comments lie between tokens: whatever precedes this event's start and
    // follows the last scalar is outside every scalar.
    FindComments(event.start);
    return Handle(event);
  }

 private:
  void Finish(bool ok) {
    if (ok) FindComments(text_.size());
    for (util::SourceComment& c : doc_->mutable_comments()) {
      c.last_line = c.first_line == 0 ? 0 : builder_.ExtentEnd(c.first_line);
    }
  }

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
  uint32_t LastLine(size_t start, size_t end, const util::Loc& end_loc) const {
    uint32_t line = end_loc.line;
    for (size_t i = end; i > start && IsBlankOrBreak(text_[i - 1]); --i) {
      char c = text_[i - 1];
      if (c == '\n' || (c == '\r' && (i >= text_.size() || text_[i] != '\n'))) --line;
    }
    return line;
  }

  static bool IsBlankOrBreak(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  bool Handle(const YamlEvent& e) {
    using Type = YamlEvent::Type;
    switch (e.type) {
      case Type::kDocumentStart:
        anchors_.clear();
        open_anchors_.clear();
        open_flows_.clear();
        builder_.BeginDocument();
        return true;
      case Type::kDocumentEnd:
        if (const Node* root = builder_.EndDocument()) doc_->AddRoot(root);
        return true;
      case Type::kScalar:
        return OnScalar(e);
      case Type::kSequenceStart:
        return OnStart(e, NodeKind::kSeq);
      case Type::kMappingStart:
        return OnStart(e, NodeKind::kMap);
      case Type::kSequenceEnd:
      case Type::kMappingEnd:
        return OnEnd(e.start_loc);
      case Type::kAlias:
        return OnAlias(e);
    }
    return true;
  }

  bool OnScalar(const YamlEvent& e) {
    using Style = YamlEvent::Style;
    if (!builder_.CheckScalarSize(e.value.size(), e.start_loc)) return false;
    Node* node = doc_->NewNode();
    node->kind = NodeKind::kScalar;
    node->loc = e.start_loc;
    switch (e.style) {
      case Style::kSingleQuoted:
      case Style::kDoubleQuoted:
        node->style = ScalarStyle::kQuoted;
        break;
      case Style::kLiteral:
      case Style::kFolded:
        node->style = ScalarStyle::kBlock;
        break;
      default:
        node->style = ScalarStyle::kPlain;
    }
    node->scalar = ScalarText(e.value, e.start + (node->style == ScalarStyle::kQuoted ? 1 : 0));
    if (!e.tag.empty() && !ApplyTag(e.tag, node)) return false;
    if (node->style == ScalarStyle::kPlain && node->tag.empty() && IsNullText(node->scalar)) {
      node->kind = NodeKind::kNull;
    }
    if (node->style == ScalarStyle::kBlock) {
      // The header line (`|  # note`) may end with a comment; the lines
      // below it are the scalar's text.
      FindComments(std::min(LineEnd(e.start), e.end));
    }
    SkipTo(e.end);
    Built built;
    if (!builder_.AddScalar(node, &built, LastLine(e.start, e.end, e.end_loc))) return false;
    if (!e.anchor.empty()) anchors_[std::string(e.anchor)] = Anchor{built, true};
    return true;
  }

  // The scalar's text: a view of the source when the text is written there
  // verbatim (no escapes, no folding), otherwise a copy in the arena.
  std::string_view ScalarText(std::string_view text, size_t offset) {
    size_t length = text.size();
    if (offset <= text_.size() && text_.size() - offset >= length &&
        (length == 0 || text.data() == text_.data() + offset ||
         std::memcmp(text_.data() + offset, text.data(), length) == 0)) {
      return text_.substr(offset, length);
    }
    return doc_->Intern(text);
  }

  bool OnStart(const YamlEvent& e, NodeKind kind) {
    Node* node = doc_->NewNode();
    node->kind = kind;
    node->loc = e.start_loc;
    if (!e.tag.empty() && !ApplyTag(e.tag, node)) return false;
    if (!builder_.BeginContainer(node)) return false;
    if (e.flow) open_flows_.push_back({builder_.depth(), node->loc, kind});
    if (!e.anchor.empty()) {
      std::string name(e.anchor);
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

  bool OnAlias(const YamlEvent& e) {
    util::Loc loc = e.start_loc;
    std::string_view name = e.anchor;
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

  void ReportLibyamlError(LibyamlEvents& events) {
    const yaml_parser_t& parser = events.parser();
    PositionMapper& pos_ = events.positions();
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

std::unique_ptr<Document> ParseWithLibyaml(const util::SourceFile* file, const InputInfo& info,
                                           const ParseLimits& limits, util::DiagnosticSink* diags) {
  auto doc = std::make_unique<Document>(file);
  YamlReader reader(doc.get(), info, limits, diags);
  if (!reader.Run() && doc->roots().empty()) return nullptr;
  return doc;
}

}  // namespace

std::unique_ptr<Document> ParseYaml(const util::SourceFile* file, const ParseLimits& limits,
                                    util::DiagnosticSink* diags) {
  InputInfo info;
  if (!CheckInput(*file, diags, &info)) return nullptr;
  {
    // The fast scanner first. What it leaves (kUnsupported), and a tree the
    // builder refused (kStopped), are read again with libyaml, so that every
    // error is libyaml's; the builder's diagnostics are kept until then.
    auto doc = std::make_unique<Document>(file);
    util::DiagnosticSink said;
    YamlReader reader(doc.get(), info, limits, &said);
    if (reader.RunFast() == FastScan::kDone) {
      for (util::Diagnostic& d : said.Sorted()) diags->Add(std::move(d));
      return doc;
    }
  }
  return ParseWithLibyaml(file, info, limits, diags);
}

std::unique_ptr<Document> ParseYamlWithLibyaml(const util::SourceFile* file,
                                               const ParseLimits& limits,
                                               util::DiagnosticSink* diags) {
  InputInfo info;
  if (!CheckInput(*file, diags, &info)) return nullptr;
  return ParseWithLibyaml(file, info, limits, diags);
}

bool ScanYamlLibyaml(const util::SourceFile& file, size_t bom, YamlEventHandler* handler) {
  InputInfo info;
  info.bom = bom;
  std::string_view text = file.text();
  info.ascii = std::all_of(text.begin() + static_cast<std::ptrdiff_t>(bom), text.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  LibyamlEvents events(file, info);
  if (!events.initialized()) return false;
  for (;;) {
    YamlEvent event;
    bool end = false;
    if (!events.Next(&event, &end)) return false;
    if (end) return true;
    if (!handler->OnEvent(event)) return false;
  }
}

std::string DescribeEvent(const YamlEvent& e) {
  static constexpr const char* kTypes[] = {"DOC+", "DOC-", "VAL",  "SEQ+",
                                           "SEQ-", "MAP+", "MAP-", "ALI"};
  static constexpr const char* kStyles[] = {"plain", "single", "double", "literal", "folded"};
  std::string out = kTypes[static_cast<int>(e.type)];
  auto loc = [&](size_t offset, const util::Loc& l) {
    out +=
        " @" + std::to_string(offset) + "=" + std::to_string(l.line) + ":" + std::to_string(l.col);
  };
  loc(e.start, e.start_loc);
  if (e.type == YamlEvent::Type::kScalar) {
    loc(e.end, e.end_loc);
    out += " ";
    out += kStyles[static_cast<int>(e.style)];
  }
  if (e.flow) out += " flow";
  if (!e.tag.empty()) out += " <" + std::string(e.tag) + ">";
  if (!e.anchor.empty()) out += " &" + std::string(e.anchor);
  if (e.type == YamlEvent::Type::kScalar) {
    out += " \"";
    for (char c : e.value) {
      if (c == '\n') {
        out += "\\n";
      } else if (c == '\\' || c == '"') {
        out += '\\';
        out += c;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
        out += buf;
      } else {
        out += c;
      }
    }
    out += "\"";
  }
  return out;
}

}  // namespace fnwarden::load::syntax
