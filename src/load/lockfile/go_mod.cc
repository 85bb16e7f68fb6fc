// go.mod and go.sum.
//
// go.mod (https://go.dev/ref/mod#go-mod-file): one directive a line, or a
// block `verb (` … `)` of them; `//` comments; strings in "" or ``.
// Directives: module, go, toolchain, godebug, require, exclude, replace,
// retract, tool, ignore. What fnwarden records:
// - `packages`: every required module at its version; `// indirect` makes
//   it not direct. Since Go 1.17 go.mod lists every module the build needs,
//   at the version the build selects, so the set is `locked`.
// - a `replace` changes what is shipped: a local path (`=> ../lib`) makes
//   the module a kFile package with that path as `source_ref` and no
//   version; a module (`=> example.com/fork v1.2.3`, or the same path at
//   another version, the usual way to pin a fixed version) makes the package
//   that module at that version, as govulncheck matches it. A replace with
//   an old version applies to that version only.
// - `declared`: the direct requirements as written (module path and
//   version), with manifest_path the go.mod itself.
// `exclude` and `retract` are checked for shape and change nothing (the
// require lines already hold the selected versions); the `go` and
// `toolchain` versions are not recorded (the standard library is no
// package here).
//
// go.sum: `module version h1:base64` lines, and `module version/go.mod
// h1:…` lines for modules whose go.mod only was needed. A module listed only
// with `/go.mod` is not a package (its code is not in the build). Each
// `module@version` is one package, not direct, with its `h1:` hash (base64 of
// a SHA-256 over the module's file tree) as SHA-256 hex. go.sum also keeps
// modules of test-only and pruned parts of the graph, so it over-states what
// is shipped: prefer go.mod when both are there. Two different hashes for one
// module@version (which the go command refuses) are a warning; the first is
// kept.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "load/lockfile/python_internal.h"
#include "util/encoding.h"

namespace fnwarden::load::lockfile {
namespace {

struct Token {
  enum Kind : uint8_t { kWord, kString, kLParen, kRParen, kLBracket, kRBracket, kComma, kArrow };
  Kind kind = kWord;
  std::string text;   // a string's value without its quotes
  size_t offset = 0;  // in the file
};

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// One line of tokens, with its trailing comment.
struct Line {
  std::vector<Token> tokens;
  std::string_view comment;  // after "//", blanks trimmed
  size_t offset = 0;         // of the line's start
};

class GoModReader {
 public:
  GoModReader(const util::SourceFile& file, const LockLimits& limits, util::DiagnosticSink* diags,
              model::PackageSet* out)
      : file_(file), limits_(limits), diags_(diags), out_(out) {}

  void Read() {
    std::string_view text = file_.text();
    size_t pos = 0;
    std::optional<Token> block;  // the verb of the open block
    size_t block_paren = 0;      // offset of its '('
    while (pos < text.size()) {
      size_t next = 0;
      size_t end = python::LineEnd(text, pos, &next);
      std::optional<Line> line = Lex(text.substr(pos, end - pos), pos);
      pos = next;
      if (!line || line->tokens.empty()) continue;
      std::vector<Token>& t = line->tokens;
      if (block) {
        if (t[0].kind == Token::kRParen) {
          if (t.size() > 1) Error(t[1].offset, "unexpected text after ')'");
          block.reset();
          continue;
        }
        Directive(*block, t, 0, line->comment);
        continue;
      }
      if (t[0].kind != Token::kWord) {
        Error(t[0].offset, t[0].kind == Token::kRParen ? "unexpected ')'"
                                                       : "expected a directive such as 'require'");
        continue;
      }
      if (t.size() == 2 && t[1].kind == Token::kLParen) {
        block = t[0];
        block_paren = t[1].offset;
        if (!Known(t[0].text)) Unknown(t[0]);
        continue;
      }
      Directive(t[0], t, 1, line->comment);
    }
    if (block) {
      Error(block_paren, "'" + block->text + " (' block is not closed");
    }
    Build();
  }

 private:
  struct Require {
    std::string path;
    std::string version;
    bool indirect = false;
    util::Loc loc;
  };
  struct Replace {
    std::string old_path, old_version;  // old_version "" for every version
    std::string new_path, new_version;  // new_version "" for a local path
  };

  util::Loc At(size_t offset) const { return python::LocAt(file_, offset); }
  void Error(size_t offset, std::string message) { diags_->Error(At(offset), std::move(message)); }

  static bool Known(std::string_view verb) {
    for (std::string_view v : {"module", "go", "toolchain", "godebug", "require", "exclude",
                               "replace", "retract", "tool", "ignore"}) {
      if (verb == v) return true;
    }
    return false;
  }
  void Unknown(const Token& verb) {
    diags_->Warning(At(verb.offset), "unknown directive '" + verb.text + "'");
  }

  // Splits one line into tokens; nullopt (after a diagnostic) when a string
  // is not closed.
  std::optional<Line> Lex(std::string_view s, size_t base) {
    Line line;
    line.offset = base;
    size_t i = 0;
    while (i < s.size()) {
      char c = s[i];
      if (IsBlank(c)) {
        ++i;
        continue;
      }
      Token t;
      t.offset = base + i;
      if (s.substr(i).starts_with("//")) {
        line.comment = python::TrimBlanks(s.substr(i + 2));
        break;
      }
      if (s.substr(i).starts_with("=>")) {
        t.kind = Token::kArrow;
        i += 2;
      } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == ',') {
        t.kind = c == '('   ? Token::kLParen
                 : c == ')' ? Token::kRParen
                 : c == '[' ? Token::kLBracket
                 : c == ']' ? Token::kRBracket
                            : Token::kComma;
        ++i;
      } else if (c == '"' || c == '`') {
        t.kind = Token::kString;
        size_t j = i + 1;
        while (j < s.size() && s[j] != c) {
          if (c == '"' && s[j] == '\\' && j + 1 < s.size()) ++j;
          t.text += s[j];
          ++j;
        }
        if (j >= s.size()) {
          Error(base + i, "string is not closed");
          return std::nullopt;
        }
        i = j + 1;
      } else {
        t.kind = Token::kWord;
        size_t j = i;
        while (j < s.size() && !IsBlank(s[j]) && s[j] != '(' && s[j] != ')' && s[j] != '[' &&
               s[j] != ']' && s[j] != ',' && s[j] != '"' && s[j] != '`' &&
               !s.substr(j).starts_with("//") && !s.substr(j).starts_with("=>")) {
          ++j;
        }
        t.text = std::string(s.substr(i, j - i));
        i = j;
      }
      line.tokens.push_back(std::move(t));
    }
    return line;
  }

  static bool IsText(const Token& t) { return t.kind == Token::kWord || t.kind == Token::kString; }

  // Whether `v` looks like a module version: 'v' and a digit
  // (v1.2.3, v0.0.0-20240101000000-abcdef123456, v2.0.0+incompatible).
  static bool IsVersion(std::string_view v) {
    return v.size() >= 2 && v[0] == 'v' && v[1] >= '0' && v[1] <= '9';
  }

  static bool IsLocalPath(std::string_view p) {
    return p.starts_with("./") || p.starts_with("../") || p.starts_with("/") || p == "." ||
           p == ".." || p.starts_with(".\\") || p.starts_with("..\\") ||
           (p.size() >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/'));
  }

  bool CheckPath(const Token& t) {
    if (!t.text.empty()) return true;
    Error(t.offset, "the module path is empty");
    return false;
  }

  bool CheckVersion(const Token& t) {
    if (IsVersion(t.text)) return true;
    Error(t.offset, "'" + t.text + "' is not a module version such as v1.2.3");
    return false;
  }

  // One directive: `verb` with the arguments t[first…].
  void Directive(const Token& verb, const std::vector<Token>& t, size_t first,
                 std::string_view comment) {
    std::vector<Token> args(t.begin() + static_cast<std::ptrdiff_t>(first), t.end());
    size_t where = args.empty() ? verb.offset : args[0].offset;
    for (const Token& a : args) {
      if (a.kind == Token::kLParen || a.kind == Token::kRParen) {
        Error(a.offset, "unexpected '" + std::string(a.kind == Token::kLParen ? "(" : ")") + "'");
        return;
      }
    }
    const std::string& v = verb.text;
    auto texts = [&](size_t n) {
      if (args.size() != n) return false;
      for (const Token& a : args) {
        if (!IsText(a)) return false;
      }
      return true;
    };
    if (v == "module" || v == "go" || v == "toolchain" || v == "tool" || v == "ignore" ||
        v == "godebug") {
      if (!texts(1)) Error(where, "'" + v + "' needs one argument");
    } else if (v == "require" || v == "exclude") {
      if (!texts(2)) {
        Error(where, "'" + v + "' needs a module path and a version");
        return;
      }
      if (!CheckPath(args[0]) || !CheckVersion(args[1]) || v == "exclude") return;
      bool indirect = comment == "indirect" || comment.starts_with("indirect;");
      requires_.push_back({args[0].text, args[1].text, indirect, At(args[0].offset)});
    } else if (v == "replace") {
      ReadReplace(args, where);
    } else if (v == "retract") {
      bool single = texts(1) && IsVersion(args[0].text);
      bool range = args.size() == 5 && args[0].kind == Token::kLBracket && IsText(args[1]) &&
                   args[2].kind == Token::kComma && IsText(args[3]) &&
                   args[4].kind == Token::kRBracket && IsVersion(args[1].text) &&
                   IsVersion(args[3].text);
      if (!single && !range) Error(where, "'retract' needs a version or a range [low, high]");
    } else if (first == 1) {
      Unknown(verb);  // a block of an unknown verb was reported at its start
    }
  }

  void ReadReplace(const std::vector<Token>& args, size_t where) {
    size_t arrow = 0;
    while (arrow < args.size() && args[arrow].kind != Token::kArrow) ++arrow;
    bool ok = (arrow == 1 || arrow == 2) && arrow + 1 < args.size() && args.size() - arrow <= 3;
    for (size_t i = 0; ok && i < args.size(); ++i) ok = i == arrow || IsText(args[i]);
    if (!ok) {
      Error(where, "'replace' needs 'module [version] => module version' or '=> ./path'");
      return;
    }
    if (!CheckPath(args[0]) || !CheckPath(args[arrow + 1])) return;
    Replace r;
    r.old_path = args[0].text;
    if (arrow == 2) {
      if (!CheckVersion(args[1])) return;
      r.old_version = args[1].text;
    }
    r.new_path = args[arrow + 1].text;
    if (args.size() - arrow == 3) {
      if (!CheckVersion(args[arrow + 2])) return;
      r.new_version = args[arrow + 2].text;
    } else if (!IsLocalPath(r.new_path)) {
      Error(args[arrow + 1].offset, "replacement '" + r.new_path +
                                        "' needs a version, or a local path starting with ./ "
                                        "or ../");
      return;
    }
    std::vector<Replace>& of_path = replaces_[r.old_path];
    of_path.push_back(std::move(r));
  }

  // The replace for one version of `req`'s module, else the one for all its
  // versions (the last of each, as the go command takes it), else nullptr.
  const Replace* ReplacementOf(const Require& req) const {
    auto it = replaces_.find(req.path);
    if (it == replaces_.end()) return nullptr;
    const Replace* any_version = nullptr;
    const Replace* this_version = nullptr;
    for (const Replace& r : it->second) {
      if (r.old_version == req.version) this_version = &r;
      if (r.old_version.empty()) any_version = &r;
    }
    return this_version != nullptr ? this_version : any_version;
  }

  void Build() {
    std::map<std::string, util::Loc> seen;
    for (const Require& req : requires_) {
      auto [it, fresh] = seen.emplace(req.path, req.loc);
      if (!fresh) {
        diags_->Warning(req.loc, "module '" + req.path + "' is required twice (first at line " +
                                     std::to_string(it->second.line) + "); the first is kept");
        continue;
      }
      if (!req.indirect) {
        out_->declared.push_back({req.path, req.version, false, req.loc});
      }
      model::Package p;
      p.name = req.path;
      p.version = req.version;
      p.direct = !req.indirect;
      p.loc = req.loc;
      if (const Replace* r = ReplacementOf(req)) {
        if (r->new_version.empty()) {
          p.version.clear();
          p.source = model::PackageSource::kFile;
          p.source_ref = r->new_path;
        } else {
          p.name = r->new_path;
          p.version = r->new_version;
        }
      }
      if (!python::RoomForPackage(*out_, limits_, p.loc, diags_, &capped_)) break;
      out_->packages.push_back(std::move(p));
    }
  }

  const util::SourceFile& file_;
  const LockLimits& limits_;
  util::DiagnosticSink* diags_;
  model::PackageSet* out_;
  bool capped_ = false;
  std::vector<Require> requires_;
  std::map<std::string, std::vector<Replace>> replaces_;  // by the replaced module path
};


}  // namespace

bool ReadGoMod(const util::SourceFile& file, const LockLimits& limits, util::DiagnosticSink* diags,
               model::PackageSet* out) {
  out->ecosystem = model::Ecosystem::kGo;
  out->path = file.path();
  out->format = "go.mod";
  out->locked = true;
  out->manifest_path = file.path();
  GoModReader(file, limits, diags, out).Read();
  return true;
}

bool ReadGoSum(const util::SourceFile& file, const LockLimits& limits, util::DiagnosticSink* diags,
               model::PackageSet* out) {
  out->ecosystem = model::Ecosystem::kGo;
  out->path = file.path();
  out->format = "go.sum";
  out->locked = true;
  std::map<std::string, size_t> index;  // module@version → package
  bool capped = false;
  std::string_view text = file.text();
  size_t pos = 0;
  while (pos < text.size()) {
    size_t next = 0;
    size_t end = python::LineEnd(text, pos, &next);
    std::string_view line = text.substr(pos, end - pos);
    size_t line_start = pos;
    pos = next;
    struct Field {
      std::string_view text;
      size_t offset;
    };
    std::vector<Field> fields;
    for (size_t i = 0; i < line.size();) {
      while (i < line.size() && IsBlank(line[i])) ++i;
      size_t start = i;
      while (i < line.size() && !IsBlank(line[i])) ++i;
      if (i > start) fields.push_back({line.substr(start, i - start), line_start + start});
    }
    if (fields.empty()) continue;
    util::Loc at = python::LocAt(file, fields[0].offset);
    if (fields.size() != 3) {
      diags->Error(at, "a go.sum line must be 'module version hash'");
      continue;
    }
    std::string_view version = fields[1].text;
    if (version.ends_with("/go.mod")) continue;  // the go.mod alone: no code shipped
    std::string_view hash = fields[2].text;
    util::Loc hash_at = python::LocAt(file, fields[2].offset);
    std::optional<model::PackageHash> digest;
    size_t colon = hash.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      diags->Error(hash_at, "hash '" + std::string(hash) + "' has no algorithm (expected 'h1:')");
    } else if (hash.substr(0, colon) != "h1") {
      diags->Warning(hash_at, "unknown hash algorithm '" + std::string(hash.substr(0, colon)) +
                                  "'; the hash is not recorded");
    } else {
      std::string bytes;
      if (util::DecodeBase64(hash.substr(colon + 1), &bytes) && bytes.size() == 32) {
        digest = model::PackageHash{"SHA-256", util::HexLower(bytes)};
      } else {
        diags->Error(hash_at, "hash '" + std::string(hash) + "' is not a base64 SHA-256 digest");
      }
    }
    std::string key = std::string(fields[0].text) + "@" + std::string(version);
    auto it = index.find(key);
    if (it == index.end()) {
      if (!python::RoomForPackage(*out, limits, at, diags, &capped)) break;
      model::Package p;
      p.name = std::string(fields[0].text);
      p.version = std::string(version);
      p.loc = at;
      it = index.emplace(key, out->packages.size()).first;
      out->packages.push_back(std::move(p));
    }
    if (!digest) continue;
    std::vector<model::PackageHash>& hashes = out->packages[it->second].hashes;
    if (hashes.empty()) {
      hashes.push_back(std::move(*digest));
    } else if (hashes.front().hex != digest->hex) {
      // The go command refuses such a file ("checksum mismatch").
      diags->Warning(hash_at, "another hash for " + key + " than at line " +
                                  std::to_string(out->packages[it->second].loc.line) +
                                  "; the first is kept");
    }
  }
  return true;
}

}  // namespace fnwarden::load::lockfile
