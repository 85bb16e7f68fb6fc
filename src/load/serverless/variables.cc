#include "load/serverless/variables.h"

#include <cctype>
#include <cstdlib>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "load/discover_internal.h"
#include "util/strings.h"

namespace fnwarden::load::serverless {
namespace {

using syntax::MapEntry;
using syntax::Node;
using syntax::NodeKind;

// How deep variables may nest inside one another (`${a:${b:${c}}}`) and how
// many resolutions may be in progress at once (a chain of self references).
constexpr int kMaxNesting = 10;
constexpr int kMaxChain = 64;
// Resolutions in one service, and the length of one resolved string: a
// service that asks for more is hostile.
constexpr size_t kMaxResolutions = 200'000;
constexpr size_t kMaxStringBytes = 1 << 20;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A source name: letters and digits, starting with a letter.
bool IsSourceName(std::string_view s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Whether the text inside `${…}` is a Serverless variable: it starts with
// `source:` (but not `AWS::`, a CloudFormation pseudo parameter) or with a
// function call such as `file(`. Anything else is Fn::Sub's business.
bool IsVariable(std::string_view body) {
  size_t i = 0;
  while (i < body.size() && body[i] == ' ') ++i;
  body.remove_prefix(i);
  if (body.starts_with("${")) return true;  // `${${self:x}}`: a variable naming a variable
  size_t end = 0;
  while (end < body.size() && std::isalnum(static_cast<unsigned char>(body[end]))) ++end;
  if (!IsSourceName(body.substr(0, end)) || end == body.size()) return false;
  if (body[end] == '(') return true;
  return body[end] == ':' && (end + 1 == body.size() || body[end + 1] != ':');
}

// The end of the `${` at `open` (the index of its `}`), skipping nested
// `${…}` and quoted fallbacks; npos when it is not closed.
size_t MatchingBrace(std::string_view s, size_t open) {
  int depth = 0;
  char quote = 0;
  for (size_t i = open; i < s.size(); ++i) {
    char c = s[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if ((c == '\'' || c == '"') && depth > 0) {
      quote = c;
    } else if (c == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      ++depth;
      ++i;
    } else if (c == '}') {
      if (--depth == 0) return i;
    }
  }
  return std::string_view::npos;
}

// Splits `a, b, 'c, d'` at the commas outside quotes, parentheses and
// nested variables.
std::vector<std::string_view> SplitFallbacks(std::string_view body) {
  std::vector<std::string_view> out;
  int depth = 0;
  char quote = 0;
  size_t start = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '{' || c == '(') {
      ++depth;
    } else if (c == '}' || c == ')') {
      --depth;
    } else if (c == ',' && depth == 0) {
      out.push_back(Trim(body.substr(start, i - start)));
      start = i + 1;
    }
  }
  out.push_back(Trim(body.substr(start)));
  return out;
}

bool IsNumber(std::string_view s) {
  if (s.empty()) return false;
  size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  bool dot = false;
  for (; i < s.size(); ++i) {
    if (s[i] == '.' && !dot) {
      dot = true;
    } else if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

struct Resolver::Impl {
  // What a variable (or one of its fallbacks) gives.
  enum class State : uint8_t {
    kFound,    // `node` is its value
    kMissing,  // the source has no such value: the next fallback is tried
    kUnknown,  // only known when deployed (or not read on purpose)
  };
  struct Result {
    State state = State::kMissing;
    const Node* node = nullptr;
  };

  Impl(const Node* r, const UnitContext& u, std::string dir, syntax::NodeArena* a,
       util::DiagnosticSink* d)
      : root(r), unit(u), service_dir(std::move(dir)), arena(a), diags(d) {}

  const Node* root;
  const UnitContext& unit;
  std::string service_dir;
  syntax::NodeArena* arena;
  util::DiagnosticSink* diags;

  std::unordered_map<const Node*, const Node*> resolved;  // plain context only
  std::unordered_set<const Node*> in_progress;
  int chain = 0;
  size_t resolutions = 0;
  bool limit_reported = false;
  std::string stage_value;
  bool stage_known = false;
  // Files read for `${file(…)}`, by path, with their parsed documents.
  std::map<std::string, std::unique_ptr<syntax::Document>> files;

  void Warn(util::Loc loc, std::string message) {
    diags->Add({util::DiagLevel::kWarning, loc, std::string(loc.path()), std::move(message)});
  }

  // ------------------------------------------------------------ trees

  const Node* ResolveNode(const Node* n, bool sub) {
    if (n == nullptr) return nullptr;
    // Most of a service is text without variables: no bookkeeping for it.
    if (n->is_null() || (n->is_scalar() && n->scalar.find("${") == std::string_view::npos)) {
      return n;
    }
    if (!sub) {
      if (auto it = resolved.find(n); it != resolved.end()) return it->second;
    }
    if (in_progress.count(n) != 0) {
      Warn(n->loc, "Serverless variable refers to itself (a cycle); its value is unknown");
      return arena->Unknown(n->is_scalar() ? n->scalar : "${self:…}", n->loc);
    }
    if (chain >= kMaxChain) {
      ReportLimit(n->loc, "variables refer to variables more than " + std::to_string(kMaxChain) +
                              " levels deep");
      return arena->Unknown(n->is_scalar() ? n->scalar : "${…}", n->loc);
    }
    in_progress.insert(n);
    ++chain;
    const Node* out = ResolveFresh(n, sub);
    --chain;
    in_progress.erase(n);
    if (!sub) resolved[n] = out;
    return out;
  }

  const Node* ResolveFresh(const Node* n, bool sub) {
    switch (n->kind) {
      case NodeKind::kScalar:
        if (n->scalar.find("${") == std::string_view::npos) return n;
        return ResolveString(n, sub || n->tag == "!Sub", 0);
      case NodeKind::kMap: {
        std::vector<MapEntry> entries;
        entries.reserve(n->entries.size());
        bool changed = false;
        for (const MapEntry& e : n->entries) {
          if (e.key->scalar.find("${") != std::string_view::npos && IsVariableText(e.key->scalar)) {
            Warn(e.key->loc,
                 "a Serverless variable in a key is not resolved (the framework "
                 "does not resolve keys either); the key is read as written");
          }
          const Node* v = ResolveNode(e.value, e.key->scalar == "Fn::Sub");
          changed = changed || v != e.value;
          entries.push_back({e.key, v});
        }
        if (!changed) return n;
        const Node* m = arena->Map(entries, n->loc);
        return n->tag.empty() ? m : arena->Retag(m, n->tag);
      }
      case NodeKind::kSeq: {
        std::vector<const Node*> items;
        items.reserve(n->items.size());
        bool changed = false;
        bool sub_list = sub || n->tag == "!Sub";
        for (size_t i = 0; i < n->items.size(); ++i) {
          const Node* v = ResolveNode(n->items[i], sub_list && i == 0);
          changed = changed || v != n->items[i];
          items.push_back(v);
        }
        if (!changed) return n;
        const Node* s = arena->Seq(items, n->loc);
        return n->tag.empty() ? s : arena->Retag(s, n->tag);
      }
      case NodeKind::kNull:
        return n;
    }
    return n;
  }

  static bool IsVariableText(std::string_view s) {
    for (size_t at = s.find("${"); at != std::string_view::npos; at = s.find("${", at + 2)) {
      size_t end = MatchingBrace(s, at);
      if (end == std::string_view::npos) return false;
      if (IsVariable(s.substr(at + 2, end - at - 2))) return true;
    }
    return false;
  }

  // A string with variables in it. One variable alone takes the variable's
  // value, whatever its type; variables inside text are replaced by their
  // text. An unknown part makes the string a Fn::Join of its parts (within
  // Fn::Sub, a Sub with a variable map), so that what is known stays
  // visible to the analyses.
  const Node* ResolveString(const Node* n, bool sub, int nesting) {
    std::string_view s = n->scalar;
    struct Part {
      std::string text;               // literal text, or a known value's text
      const Node* unknown = nullptr;  // an unknown value, or a pseudo parameter (`!Ref AWS::…`)
    };
    std::vector<Part> parts;
    auto literal = [&](std::string_view t) {
      if (t.empty()) return;
      if (parts.empty() || parts.back().unknown != nullptr) parts.push_back({});
      parts.back().text.append(t);
    };
    size_t pos = 0;
    bool any = false;
    while (pos < s.size()) {
      size_t at = s.find("${", pos);
      if (at == std::string_view::npos) {
        literal(s.substr(pos));
        break;
      }
      size_t end = MatchingBrace(s, at);
      if (end == std::string_view::npos) {
        if (IsVariable(s.substr(at + 2))) {
          Warn(n->loc,
               "unterminated Serverless variable (a `${` without its `}`); the value "
               "is unknown");
          return arena->Unknown(s, n->loc);
        }
        literal(s.substr(pos));
        break;
      }
      std::string_view body = s.substr(at + 2, end - at - 2);
      literal(s.substr(pos, at - pos));
      pos = end + 1;
      if (!IsVariable(body)) {
        literal(s.substr(at, end + 1 - at));
        continue;
      }
      any = true;
      Result r = Evaluate(body, n->loc, nesting + 1);
      std::string_view written = s.substr(at, end + 1 - at);
      if (r.state == State::kMissing) {
        Warn(n->loc, "Serverless variable " + std::string(written) +
                         " has no value here and no fallback; its value is unknown");
        r.state = State::kUnknown;
      }
      bool whole = at == 0 && end + 1 == s.size();
      if (whole) {
        if (r.state == State::kUnknown) return arena->Unknown(written, n->loc);
        return AtUse(r.node, n);
      }
      if (r.state == State::kFound && r.node != nullptr && r.node->tag == "!Ref") {
        parts.push_back({{}, r.node});  // `${aws:region}`: CloudFormation's pseudo parameter
        continue;
      }
      if (r.state == State::kUnknown || r.node == nullptr || !r.node->is_scalar() ||
          r.node->tag == syntax::kUnknownTag) {
        bool structured = r.state == State::kFound && r.node != nullptr && !r.node->is_scalar() &&
                          !r.node->is_null();
        if (structured) {
          Warn(n->loc, "Serverless variable " + std::string(written) +
                           " is a map or a list inside a string; the value is unknown");
        }
        if (r.state == State::kFound && r.node != nullptr && r.node->is_null()) {
          continue;  // null inside text is empty
        }
        parts.push_back({{}, arena->Unknown(written, n->loc)});
        continue;
      }
      literal(r.node->scalar);
    }
    if (!any) return n;
    bool unknown = false;
    size_t bytes = 0;
    for (const Part& p : parts) {
      unknown = unknown || p.unknown != nullptr;
      bytes += p.text.size();
    }
    if (bytes > kMaxStringBytes) {
      ReportLimit(n->loc, "a resolved string is longer than 1 MiB");
      return arena->Unknown(s.substr(0, 64), n->loc);
    }
    if (!unknown) {
      std::string text = parts.empty() ? std::string() : parts[0].text;
      return n->tag.empty() ? arena->Scalar(text, n->loc) : arena->Tagged(n->tag, text, n->loc);
    }
    bool only_pseudo = true;
    for (const Part& p : parts) {
      only_pseudo = only_pseudo && (p.unknown == nullptr || p.unknown->tag == "!Ref");
    }
    if (only_pseudo && !sub) {
      // `arn:aws:s3:${aws:region}:…`: a Fn::Sub of the pseudo parameters,
      // as a CloudFormation author writes it ("${!" keeps text literal).
      std::string text;
      for (const Part& p : parts) {
        if (p.unknown != nullptr) {
          text += "${" + std::string(p.unknown->scalar) + "}";
          continue;
        }
        for (size_t i = 0; i < p.text.size(); ++i) {
          text += p.text[i];
          if (p.text[i] == '$' && i + 1 < p.text.size() && p.text[i + 1] == '{') text += "{!", ++i;
        }
      }
      return arena->Tagged("!Sub", text, n->loc);
    }
    if (sub) {
      // Fn::Sub: [text with ${fnwardenVarN}, {fnwardenVarN: unknown}].
      std::string text;
      std::vector<MapEntry> vars;
      for (const Part& p : parts) {
        if (p.unknown == nullptr) {
          text += p.text;
          continue;
        }
        if (p.unknown->tag == "!Ref") {
          text += "${" + std::string(p.unknown->scalar) + "}";
          continue;
        }
        std::string name = "fnwardenVariable" + std::to_string(vars.size());
        text += "${" + name + "}";
        vars.push_back(arena->Entry(name, p.unknown, n->loc));
      }
      const Node* list =
          arena->Seq({arena->Scalar(text, n->loc), arena->Map(vars, n->loc)}, n->loc);
      return n->tag == "!Sub" ? arena->Retag(list, "!Sub") : list;
    }
    std::vector<const Node*> items;
    for (const Part& p : parts) {
      items.push_back(p.unknown != nullptr ? p.unknown : arena->Scalar(p.text, n->loc));
    }
    const Node* args = arena->Seq({arena->Scalar("", n->loc), arena->Seq(items, n->loc)}, n->loc);
    return arena->Map({arena->Entry("Fn::Join", args, n->loc)}, n->loc);
  }

  // A scalar found elsewhere, moved to where it is used, so that findings
  // point at the use; maps and lists stay where they are written.
  const Node* AtUse(const Node* value, const Node* use) {
    if (value == nullptr) return arena->Scalar("", use->loc);
    if (!value->is_scalar() || value->tag == syntax::kUnknownTag) {
      if (value->tag == syntax::kUnknownTag) return arena->Unknown(value->scalar, use->loc);
      return value;
    }
    syntax::NodeArena& a = *arena;
    const Node* copy = value->style == syntax::ScalarStyle::kPlain
                           ? a.Plain(value->scalar, use->loc)
                           : a.Scalar(value->scalar, use->loc);
    return value->tag.empty() ? copy : a.Retag(copy, value->tag);
  }

  void ReportLimit(util::Loc loc, const std::string& what) {
    if (limit_reported) return;
    limit_reported = true;
    Warn(loc, "Serverless variables: " + what + "; the values past this limit are unknown");
  }

  // ------------------------------------------------------------ variables

  // The text inside `${…}`: alternatives separated by commas.
  Result Evaluate(std::string_view body, util::Loc loc, int nesting) {
    if (nesting > kMaxNesting) {
      ReportLimit(loc, "variables nest more than " + std::to_string(kMaxNesting) + " levels");
      return {State::kUnknown, nullptr};
    }
    if (++resolutions > kMaxResolutions) {
      ReportLimit(loc, "more than " + std::to_string(kMaxResolutions) + " variables");
      return {State::kUnknown, nullptr};
    }
    for (std::string_view alt : SplitFallbacks(body)) {
      Result r = Alternative(alt, loc, nesting);
      if (r.state != State::kMissing) return r;
    }
    return {State::kMissing, nullptr};
  }

  Result Alternative(std::string_view alt, util::Loc loc, int nesting) {
    if (alt.empty()) return {State::kMissing, nullptr};
    if (alt.size() >= 2 && (alt[0] == '\'' || alt[0] == '"') && alt.back() == alt[0]) {
      return {State::kFound, arena->Scalar(alt.substr(1, alt.size() - 2), loc)};
    }
    if (IsNumber(alt) || alt == "true" || alt == "false" || alt == "null") {
      return {State::kFound, arena->Plain(alt, loc)};
    }
    // Nested variables in the address are resolved first, to text.
    std::string address(alt);
    if (address.find("${") != std::string::npos) {
      const Node* inner = ResolveString(arena->Scalar(address, loc), false, nesting);
      if (inner->tag == syntax::kUnknownTag || !inner->is_scalar())
        return {State::kUnknown, nullptr};
      address = std::string(inner->scalar);
      // `${${self:x}}`: the whole text was one variable naming another.
      if (alt.starts_with("${") && alt.back() == '}' && MatchingBrace(alt, 0) == alt.size() - 1) {
        if (!IsVariable(address)) return {State::kFound, arena->Scalar(address, loc)};
      }
    }
    std::string_view a = address;
    size_t name_end = 0;
    while (name_end < a.size() && std::isalnum(static_cast<unsigned char>(a[name_end]))) {
      ++name_end;
    }
    std::string_view source = a.substr(0, name_end);
    if (name_end < a.size() && a[name_end] == '(') {
      size_t close = a.find(')', name_end);
      if (close == std::string_view::npos) return {State::kUnknown, nullptr};
      std::string_view arg = Trim(a.substr(name_end + 1, close - name_end - 1));
      std::string_view rest = a.substr(close + 1);
      if (rest.starts_with(":")) rest.remove_prefix(1);
      if (source == "file") return File(arg, Trim(rest), loc);
      return {State::kUnknown, nullptr};  // strToBool(…), and sources fnwarden does not model
    }
    if (name_end == a.size() || a[name_end] != ':') {
      return {State::kFound, arena->Scalar(a, loc)};  // a bare word: the framework's literal
    }
    std::string_view rest = Trim(a.substr(name_end + 1));
    if (source == "self") return Self(rest, loc);
    if (source == "opt") {
      if (rest == "stage" && !unit.options->stage.empty()) {
        return {State::kFound, arena->Scalar(unit.options->stage, loc)};
      }
      return {State::kMissing, nullptr};
    }
    if (source == "sls") {
      if (rest == "stage") return {State::kFound, arena->Scalar(Stage(), loc)};
      return {State::kUnknown, nullptr};  // instanceId: new at every deployment
    }
    if (source == "param") return Param(rest, loc);
    if (source == "env") {
      if (!unit.options->resolve_env) return {State::kUnknown, nullptr};
      const char* value = std::getenv(std::string(rest).c_str());
      if (value == nullptr) return {State::kMissing, nullptr};
      return {State::kFound, arena->Scalar(value, loc)};
    }
    // `${aws:accountId}` and `${aws:region}` are the stack's own, as
    // CloudFormation's pseudo parameters are.
    if (source == "aws" && (rest == "accountId" || rest == "region")) {
      return {State::kFound,
              arena->Tagged("!Ref", rest == "region" ? "AWS::Region" : "AWS::AccountId", loc)};
    }
    // ssm, cf, s3, and sources of plugins: only known when deployed.
    return {State::kUnknown, nullptr};
  }

  // Follows a dotted path from `from`; a value on the way that is itself a
  // variable is resolved first. nullptr when a step is missing.
  const Node* Lookup(const Node* from, std::string_view path, util::Loc loc, bool* unknown) {
    const Node* cur = from;
    while (!path.empty()) {
      size_t dot = path.find('.');
      std::string_view key = path.substr(0, dot);
      path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
      if (cur != nullptr && cur->is_scalar() && cur->scalar.find("${") != std::string_view::npos) {
        cur = ResolveNode(cur, false);
      }
      if (cur == nullptr) return nullptr;
      if (cur->tag == syntax::kUnknownTag) {
        *unknown = true;
        return nullptr;
      }
      if (cur->is_map()) {
        cur = cur->Get(key);
      } else if (cur->is_seq() && IsNumber(key) && key[0] != '-' &&
                 key.find('.') == std::string_view::npos) {
        size_t i = std::strtoul(std::string(key).c_str(), nullptr, 10);
        cur = i < cur->items.size() ? cur->items[i] : nullptr;
      } else {
        return nullptr;
      }
    }
    (void)loc;
    return cur;
  }

  Result Self(std::string_view path, util::Loc loc) {
    if (path.empty()) {
      Warn(loc, "`${self:}` (the whole configuration) is not resolved; the value is unknown");
      return {State::kUnknown, nullptr};
    }
    Result r = Found(LookupOrUnknown(root, path, loc), path, loc);
    // The framework fills in the provider's defaults before it resolves.
    if (r.state == State::kMissing && path == "provider.stage") {
      return {State::kFound, arena->Scalar(Stage(), loc)};
    }
    if (r.state == State::kMissing && path == "provider.region") {
      return {State::kFound, arena->Scalar("us-east-1", loc)};
    }
    return r;
  }

  Result Found(const Node* target, std::string_view, util::Loc) {
    if (target == nullptr) return {State::kMissing, nullptr};
    const Node* value = ResolveNode(target, false);
    if (value->tag == syntax::kUnknownTag) return {State::kUnknown, nullptr};
    if (value->is_null()) return {State::kMissing, nullptr};
    return {State::kFound, value};
  }

  // Lookup, with a value that is unknown on the way as an unknown node.
  const Node* LookupOrUnknown(const Node* from, std::string_view path, util::Loc loc) {
    bool unknown = false;
    const Node* n = Lookup(from, path, loc, &unknown);
    return unknown ? arena->Unknown(path, loc) : n;
  }

  Result Param(std::string_view name, util::Loc loc) {
    const auto& given = unit.options->parameters;
    if (auto it = given.find(std::string(name)); it != given.end()) {
      return {State::kFound, arena->Scalar(it->second, loc)};
    }
    const Node* params = LookupOrUnknown(root, "params", loc);
    if (params != nullptr && params->is_map()) {
      for (const std::string& section : {Stage(), std::string("default")}) {
        const Node* stage = params->Get(section);
        if (stage != nullptr && stage->is_map() && stage->Get(name) != nullptr) {
          return Found(stage->Get(name), name, loc);
        }
      }
    }
    // The framework's dashboard may hold it.
    return {State::kUnknown, nullptr};
  }

  Result File(std::string_view path, std::string_view address, util::Loc loc) {
    if (!unit.options->resolve_files) return {State::kUnknown, nullptr};
    if (path.size() >= 2 && (path[0] == '\'' || path[0] == '"') && path.back() == path[0]) {
      path = path.substr(1, path.size() - 2);
    }
    std::string lower = util::ToLower(path);
    bool data = lower.ends_with(".yml") || lower.ends_with(".yaml") || lower.ends_with(".json");
    if (!data) {
      Warn(loc, "`${file(" + std::string(path) +
                    ")}` is not a YAML or JSON file; fnwarden never "
                    "runs code from a scanned repository, so its value is unknown");
      return {State::kUnknown, nullptr};
    }
    if (unit.fs == nullptr || unit.roots == nullptr || unit.sources == nullptr) {
      return {State::kUnknown, nullptr};
    }
    std::string full = util::NormalizePath(
        path.starts_with("/") ? std::string(path) : internal::JoinPath(service_dir, path));
    auto it = files.find(full);
    if (it == files.end()) {
      std::unique_ptr<syntax::Document> doc;
      std::string real, err;
      if (!util::ResolveInsideRoots(*unit.fs, *unit.roots, full, &real, &err)) {
        if (err == util::kOutsideRoots) {
          Warn(loc, "`${file(" + std::string(path) +
                        ")}` is outside the scanned folders; not "
                        "read, and its value is unknown");
          it = files.emplace(full, nullptr).first;
          return {State::kUnknown, nullptr};
        }
        it = files.emplace(full, nullptr).first;
      } else {
        std::string text;
        uint64_t size = 0;
        util::ReadOptions read{unit.options->max_file_bytes, /*follow_final_link=*/false};
        if (unit.fs->Read(real, read, &text, &size, &err) == util::ReadStatus::kOk) {
          const util::SourceFile* source = unit.sources->Add(
              internal::JoinPath(internal::DirName(std::string(loc.path())), path),
              std::move(text));
          bool json = lower.ends_with(".json");
          doc = json ? syntax::ParseJson(source, unit.options->limits, diags)
                     : syntax::ParseYaml(source, unit.options->limits, diags);
        } else {
          Warn(loc, "`${file(" + std::string(path) + ")}` cannot be read: " + err);
        }
        it = files.emplace(full, std::move(doc)).first;
      }
    }
    if (it->second == nullptr || it->second->root() == nullptr) {
      return {State::kMissing, nullptr};
    }
    const Node* top = it->second->root();
    if (address.empty()) return Found(top, address, loc);
    return Found(LookupOrUnknown(top, address, loc), address, loc);
  }

  const std::string& Stage() {
    if (stage_known) return stage_value;
    stage_known = true;
    stage_value = "dev";
    if (!unit.options->stage.empty()) {
      stage_value = unit.options->stage;
      return stage_value;
    }
    const Node* provider = root != nullptr ? root->Get("provider") : nullptr;
    const Node* stage = provider != nullptr ? provider->Get("stage") : nullptr;
    if (stage != nullptr) {
      const Node* value = ResolveNode(stage, false);
      if (value->is_scalar() && value->tag != syntax::kUnknownTag && !value->scalar.empty()) {
        stage_value = std::string(value->scalar);
      }
    }
    return stage_value;
  }
};

Resolver::Resolver(const syntax::Node* root, const UnitContext& unit, std::string service_dir,
                   syntax::NodeArena* arena, util::DiagnosticSink* diags)
    : impl_(std::make_unique<Impl>(root, unit, std::move(service_dir), arena, diags)) {}

Resolver::~Resolver() = default;

const syntax::Node* Resolver::Resolve() {
  impl_->Stage();
  return impl_->ResolveNode(impl_->root, false);
}

const std::string& Resolver::stage() { return impl_->Stage(); }

}  // namespace fnwarden::load::serverless
