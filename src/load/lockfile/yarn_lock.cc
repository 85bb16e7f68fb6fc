// ReadYarnLock: yarn.lock of Yarn 1 (its own indented format) and of Yarn
// Berry (2 and later: YAML with a `__metadata` entry).
//
// Both key each entry by the descriptors ("name@range", several separated
// by commas) that resolve to it, and name what an entry requires by
// descriptor too: edges are found by looking descriptors up. Each resolution
// is listed once, also when the file lists it under several entries (Berry's
// `patch:` entries beside the package they patch).
//
// Neither format records which packages only serve development, so `dev`
// stays false: the caller, which has package.json, knows better. Yarn 1 does
// not record the project's own requirements either: packages that no other
// package requires are taken as direct (npm::MarkUnrequiredDirect). Berry
// records them in its workspace entries.
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "load/lockfile/npm_internal.h"
#include "load/syntax/node.h"
#include "util/encoding.h"
#include "util/strings.h"

namespace fnwarden::load::lockfile {
namespace {

using model::Package;
using model::PackageSet;
using model::PackageSource;
using npm::Quoted;
using npm::Reporter;
using npm::ScalarText;

constexpr size_t kNone = static_cast<size_t>(-1);

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string_view Trim(std::string_view s) {
  size_t start = s.find_first_not_of(" \t");
  if (start == std::string_view::npos) return {};
  size_t end = s.find_last_not_of(" \t");
  return s.substr(start, end - start + 1);
}

// One lock entry, in either format, before packages are merged.
struct YarnEntry {
  Package package;                    // name, version, source, hashes, loc
  std::vector<std::string> keys;      // the descriptors it resolves
  std::vector<std::string> required;  // descriptors of what it requires
  // Berry workspaces: what the project itself requires, as (descriptor,
  // requirement) pairs, and which of them are optional.
  std::vector<std::pair<std::string, std::string>> own;
  std::vector<std::string> optional_names;
  bool workspace = false;
  bool root = false;  // Berry's `workspace:.`: the project itself, not a package
};

// Merges entries into packages (one per resolution), then links them.
class Assembler {
 public:
  Assembler(const LockLimits& limits, Reporter* report, PackageSet* out)
      : limits_(limits), report_(report), out_(out) {}

  // Adds the packages of `entries` to the set, with their edges; direct
  // packages are the Berry workspaces' requirements, or for Yarn 1 those
  // that no other package requires.
  void Run(const std::vector<YarnEntry>& entries, bool berry) {
    std::vector<size_t> index(entries.size(), kNone);
    std::unordered_map<std::string, size_t> by_identity;
    for (size_t i = 0; i < entries.size(); ++i) {
      const YarnEntry& e = entries[i];
      if (e.root) {
        for (const std::string& k : e.keys) AddDescriptor(k, kNone, e.package.loc);
        continue;
      }
      const Package& p = e.package;
      if (p.name.empty()) {
        report_->Warning(p.loc, "an entry without a package name; ignored");
        continue;
      }
      std::string identity = p.name + '\0' + p.version + '\0' +
                             std::to_string(static_cast<int>(p.source)) + '\0' + p.source_ref;
      auto [it, added] = by_identity.try_emplace(identity, out_->packages.size());
      if (added) {
        if (!npm::RoomForPackage(limits_, p.loc, report_, *out_)) break;
        out_->packages.push_back(p);
      } else {
        Package& merged = out_->packages[it->second];
        if (merged.installed_as.empty()) merged.installed_as = p.installed_as;
        if (merged.hashes.empty()) merged.hashes = p.hashes;
      }
      index[i] = it->second;
      for (const std::string& k : e.keys) AddDescriptor(k, it->second, p.loc);
    }
    for (size_t i = 0; i < entries.size(); ++i) {
      if (index[i] == kNone) continue;
      for (const std::string& d : entries[i].required) {
        size_t to = Find(d, berry, entries[i].package.loc);
        if (to != kNone) npm::AddEdge(&out_->packages[index[i]], static_cast<uint32_t>(to));
      }
    }
    if (berry) {
      for (const YarnEntry& e : entries) {
        if (!e.root && !e.workspace) continue;
        for (const auto& [descriptor, requirement] : e.own) {
          size_t to = Find(descriptor, berry, e.package.loc);
          if (to == kNone) continue;
          Package& p = out_->packages[to];
          p.direct = true;
          if (p.requirement.empty()) p.requirement = requirement;
        }
        for (const std::string& name : e.optional_names) {
          for (const auto& [descriptor, requirement] : e.own) {
            std::string_view dep_name, range;
            if (npm::SplitNameAt(descriptor, &dep_name, &range) && dep_name == name) {
              size_t to = Find(descriptor, berry, e.package.loc);
              if (to != kNone) out_->packages[to].optional = true;
            }
          }
        }
      }
    } else {
      std::vector<bool> all(out_->packages.size(), true);
      npm::MarkUnrequiredDirect(all, out_);
      for (size_t i = 0; i < entries.size(); ++i) {
        if (index[i] == kNone || entries[i].keys.empty()) continue;
        Package& p = out_->packages[index[i]];
        std::string_view name, range;
        if (p.direct && p.requirement.empty() &&
            npm::SplitNameAt(entries[i].keys.front(), &name, &range)) {
          p.requirement = range;
        }
      }
    }
  }

 private:
  void AddDescriptor(const std::string& descriptor, size_t package, util::Loc loc) {
    // Berry binds a folder's descriptor to the package that requires it
    // ("bar@file:./bar::locator=app%40workspace%3A."); what requires it
    // writes "bar@file:./bar".
    size_t bound = descriptor.find("::");
    if (bound != std::string::npos) unbound_.try_emplace(descriptor.substr(0, bound), package);
    auto [it, added] = descriptors_.try_emplace(descriptor, package);
    if (!added && it->second != package) {
      report_->Warning(
          loc, "descriptor " + Quoted(descriptor) + " is listed by two entries; the first is used");
    }
  }

  size_t Find(const std::string& descriptor, bool berry, util::Loc loc) {
    auto it = descriptors_.find(descriptor);
    if (it == descriptors_.end() && berry) {
      // Berry leaves out the default protocol in dependencies ("ms: 2.0.0").
      std::string_view name, range;
      if (npm::SplitNameAt(descriptor, &name, &range) &&
          range.find(':') == std::string_view::npos) {
        it = descriptors_.find(std::string(name) + "@npm:" + std::string(range));
      }
    }
    if (it == descriptors_.end()) {
      auto unbound = unbound_.find(descriptor);
      if (unbound != unbound_.end()) return unbound->second;
      report_->Warning(loc, "dependency " + Quoted(descriptor) + " has no entry in the lockfile");
      return kNone;
    }
    return it->second;
  }

  const LockLimits& limits_;
  Reporter* report_;
  PackageSet* out_;
  std::unordered_map<std::string, size_t> descriptors_;  // → package, kNone for the root
  std::unordered_map<std::string, size_t> unbound_;      // bound ones without their "::…"
};

// ---- Yarn 1 ---------------------------------------------------------------

struct Token {
  enum Kind { kString, kComma, kColon } kind;
  std::string text;
  uint32_t col;
};

// Reads one line's tokens; false (reported) on a bad string.
bool Tokenize(std::string_view line, uint32_t line_no, const util::SourceFile& file, size_t start,
              Reporter* report, std::vector<Token>* out) {
  size_t i = start;
  while (i < line.size()) {
    char c = line[i];
    uint32_t col = static_cast<uint32_t>(i + 1);
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
    } else if (c == '#') {
      break;
    } else if (c == ',') {
      out->push_back({Token::kComma, "", col});
      ++i;
    } else if (c == ':') {
      out->push_back({Token::kColon, "", col});
      ++i;
    } else if (c == '"') {
      std::string text;
      ++i;
      bool closed = false;
      while (i < line.size()) {
        char d = line[i++];
        if (d == '"') {
          closed = true;
          break;
        }
        if (d != '\\') {
          text += d;
          continue;
        }
        if (i >= line.size()) break;
        char esc = line[i++];
        switch (esc) {
          case '"':
          case '\\':
          case '/':
            text += esc;
            break;
          case 'b':
            text += '\b';
            break;
          case 'f':
            text += '\f';
            break;
          case 'n':
            text += '\n';
            break;
          case 'r':
            text += '\r';
            break;
          case 't':
            text += '\t';
            break;
          case 'u': {
            char32_t cp = 0;
            bool ok = i + 4 <= line.size();
            for (size_t k = 0; ok && k < 4; ++k) {
              int v = util::HexDigitValue(line[i + k]);
              ok = v >= 0;
              cp = cp * 16 + static_cast<char32_t>(v < 0 ? 0 : v);
            }
            if (!ok || (cp >= 0xD800 && cp <= 0xDFFF)) {
              report->Error(util::Loc{&file, line_no, static_cast<uint32_t>(i - 1)},
                            "invalid \\u escape in a string");
              return false;
            }
            i += 4;
            util::AppendUtf8(cp, &text);
            break;
          }
          default:
            report->Error(util::Loc{&file, line_no, static_cast<uint32_t>(i - 1)},
                          "invalid escape in a string");
            return false;
        }
      }
      if (!closed) {
        report->Error(util::Loc{&file, line_no, col}, "unterminated string");
        return false;
      }
      out->push_back({Token::kString, std::move(text), col});
    } else {
      size_t end = line.find_first_of(" \t\r:,", i);
      if (end == std::string_view::npos) end = line.size();
      out->push_back({Token::kString, std::string(line.substr(i, end - i)), col});
      i = end;
    }
  }
  return true;
}

// One meaningful line: keys, then ':' (a block follows) or a value.
struct V1Line {
  uint32_t line;
  uint32_t level;
  std::vector<Token> keys;
  bool block = false;
  std::string value;
  uint32_t value_col = 0;
};

bool ParseV1Line(std::string_view text, uint32_t line_no, const util::SourceFile& file,
                 Reporter* report, V1Line* out) {
  size_t indent = text.find_first_not_of(' ');
  if (indent == std::string_view::npos) return false;
  util::Loc at{&file, line_no, static_cast<uint32_t>(indent + 1)};
  if (text[indent] == '\t') {
    report->Error(at, "indentation must use spaces");
    return false;
  }
  if (indent % 2 != 0) {
    report->Error(at, "indentation must be a multiple of two spaces");
    return false;
  }
  std::vector<Token> tokens;
  if (!Tokenize(text, line_no, file, indent, report, &tokens)) return false;
  if (tokens.empty()) return false;  // a comment
  out->line = line_no;
  out->level = static_cast<uint32_t>(indent / 2);
  size_t i = 0;
  while (i < tokens.size() && tokens[i].kind == Token::kString) {
    out->keys.push_back(std::move(tokens[i++]));
    if (i < tokens.size() && tokens[i].kind == Token::kComma) {
      ++i;
      continue;
    }
    break;
  }
  if (out->keys.empty()) {
    report->Error(at, "expected a key");
    return false;
  }
  bool colon = i < tokens.size() && tokens[i].kind == Token::kColon;
  if (colon) ++i;
  bool value = i < tokens.size() && tokens[i].kind == Token::kString;
  if (value) {
    out->value = std::move(tokens[i].text);
    out->value_col = tokens[i].col;
    ++i;
  }
  if (i < tokens.size()) {
    report->Error(util::Loc{&file, line_no, tokens[i].col}, "unexpected text after the value");
    return false;
  }
  if (!colon && !value) {
    report->Error(util::Loc{&file, line_no, out->keys.back().col},
                  "expected a value or ':' after the key");
    return false;
  }
  out->block = !value;
  return true;
}

// The package of a Yarn 1 entry from its first descriptor and fields.
void FinishV1Entry(Reporter* report, YarnEntry* e, std::string_view resolved,
                   std::string_view integrity, util::Loc integrity_loc, bool has_version) {
  Package& p = e->package;
  std::string_view name, range, alias, alias_range;
  if (!e->keys.empty() && npm::SplitNameAt(e->keys.front(), &name, &range)) {
    p.name = name;
  } else if (!e->keys.empty()) {
    p.name = e->keys.front();  // "name" alone: any version
  }
  PackageSource spec_source = npm::SourceOfSpec(range);
  if (npm::ParseNpmAlias(range, &alias, &alias_range)) {
    if (alias != p.name) p.installed_as = p.name;
    p.name = alias;
    spec_source = PackageSource::kRegistry;
  }
  if (spec_source == PackageSource::kRegistry) {
    p.source = npm::SourceOfResolved(resolved);
    if (p.source != PackageSource::kRegistry) p.source_ref = resolved;
  } else {
    p.source = spec_source;
    if (spec_source == PackageSource::kFile) {
      p.source_ref = npm::StripPathProtocol(range);
    } else {
      p.source_ref = resolved.empty() ? range : resolved;
    }
  }
  if (!has_version) report->Warning(p.loc, "entry " + Quoted(p.name) + " has no version");
  npm::AppendIntegrity(integrity, integrity_loc, report, &p.hashes);
  // Yarn 1 ends a tarball's URL with "#<SHA-1 of the tarball>"; for git the
  // fragment is a commit instead.
  size_t hash = resolved.rfind('#');
  if ((p.source == PackageSource::kRegistry || p.source == PackageSource::kUrl) &&
      hash != std::string_view::npos && resolved.size() - hash - 1 == 40) {
    std::string hex = util::ToLower(resolved.substr(hash + 1));
    bool is_hex = hex.find_first_not_of("0123456789abcdef") == std::string::npos;
    bool have_sha1 = false;
    for (const model::PackageHash& h : p.hashes) have_sha1 = have_sha1 || h.algorithm == "SHA-1";
    if (is_hex && !have_sha1) p.hashes.push_back({"SHA-1", hex});
  }
}

// Returns false when nothing in the file reads as a Yarn 1 lockfile.
bool ReadV1(const util::SourceFile& file, Reporter* report, std::vector<YarnEntry>* entries) {
  enum class Block { kNone, kDependencies, kIgnored };
  YarnEntry* entry = nullptr;
  std::string resolved, integrity;
  util::Loc integrity_loc;
  bool has_version = false;
  Block block = Block::kNone;
  uint32_t allowed = 0;  // the deepest level the next line may have
  bool any_error = false;
  auto finish = [&] {
    if (entry != nullptr)
      FinishV1Entry(report, entry, resolved, integrity, integrity_loc, has_version);
    entry = nullptr;
  };
  // Lines as util::SourceFile splits them ("\n", "\r\n" or a lone "\r"),
  // so that positions agree with it.
  for (uint32_t line_no = 1; line_no <= file.line_count(); ++line_no) {
    std::string_view line = file.Line(line_no);
    if (line_no == 1 && StartsWith(line, "\xEF\xBB\xBF")) line.remove_prefix(3);
    std::string_view trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    V1Line l;
    if (!ParseV1Line(line, line_no, file, report, &l)) {
      any_error = true;
      continue;
    }
    util::Loc at{&file, line_no, l.level * 2 + 1};
    if (l.level > allowed) {
      report->Error(at, "unexpected indentation");
      any_error = true;
      continue;
    }
    if (l.level == 0) {
      finish();
      block = Block::kNone;
      if (!l.block) {
        report->Error(at, "expected an entry: descriptors followed by ':'");
        any_error = true;
        allowed = 0;
        continue;
      }
      entries->emplace_back();
      entry = &entries->back();
      entry->package.loc = at;
      for (Token& k : l.keys) {
        // Tolerate "a@1, b@2" written as one quoted string.
        for (std::string_view part : util::Split(k.text, ',')) {
          part = Trim(part);
          if (!part.empty()) entry->keys.emplace_back(part);
        }
      }
      resolved.clear();
      integrity.clear();
      integrity_loc = {};
      has_version = false;
      allowed = 1;
    } else if (l.level == 1) {
      const std::string& key = l.keys[0].text;
      block = Block::kNone;
      allowed = 1;
      if (l.block) {
        block = key == "dependencies" || key == "optionalDependencies" ? Block::kDependencies
                                                                       : Block::kIgnored;
        allowed = 2;
      } else if (key == "version") {
        entry->package.version = l.value;
        has_version = true;
      } else if (key == "resolved") {
        resolved = l.value;
      } else if (key == "integrity") {
        integrity = l.value;
        integrity_loc = util::Loc{&file, line_no, l.value_col};
      }
    } else {
      // Level 2 and deeper: the names and ranges of a dependencies block.
      allowed = l.block ? l.level + 1 : l.level;
      if (l.level == 2 && block == Block::kDependencies && !l.block) {
        entry->required.push_back(l.keys[0].text + "@" + l.value);
      }
    }
  }
  finish();
  // Nothing read and something wrong: not a Yarn 1 lockfile at all.
  return !entries->empty() || !any_error;
}

// ---- Berry ----------------------------------------------------------------

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    int hi = i + 2 < s.size() ? util::HexDigitValue(s[i + 1]) : -1;
    int lo = i + 2 < s.size() ? util::HexDigitValue(s[i + 2]) : -1;
    if (s[i] == '%' && hi >= 0 && lo >= 0) {
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Fills the source of a Berry package from its resolution's reference
// ("npm:1.0.0", "workspace:packages/a", "patch:x@npm%3A1.0.0#…", …).
void SetBerrySource(std::string_view reference, Package* p, YarnEntry* e) {
  std::string unwrapped;
  for (int depth = 0; depth < 4 && StartsWith(reference, "patch:"); ++depth) {
    // A patched package is the package it patches, from where that comes:
    // "patch:resolve@npm%3A1.22.8#…" is resolve 1.22.8 from the registry.
    std::string inner = PercentDecode(reference.substr(6, reference.find('#') - 6));
    std::string_view name, inner_reference;
    if (!npm::SplitNameAt(inner, &name, &inner_reference)) break;
    unwrapped = std::string(inner_reference);
    reference = unwrapped;
  }
  std::string_view cut = reference.substr(0, reference.find("::"));
  if (StartsWith(reference, "npm:")) {
    p->source = PackageSource::kRegistry;
  } else if (StartsWith(reference, "workspace:")) {
    p->source = PackageSource::kWorkspace;
    p->source_ref = cut.substr(10);
    e->workspace = true;
    e->root = p->source_ref == ".";
  } else if (StartsWith(reference, "file:") || StartsWith(reference, "link:") ||
             StartsWith(reference, "portal:") || StartsWith(reference, "exec:")) {
    // "file:./bar#./bar::hash=…": the folder, then where inside it.
    p->source = PackageSource::kFile;
    std::string_view path = cut.substr(cut.find(':') + 1);
    p->source_ref = path.substr(0, path.find('#'));
  } else {
    p->source = npm::SourceOfResolved(reference);
    if (p->source == PackageSource::kRegistry) p->source = PackageSource::kUrl;
    p->source_ref = reference;
  }
}

// A workspace's requirement as its package.json wrote it: Berry adds the
// default "npm:" protocol ("npm:^4.6.0" was "^4.6.0"), but an alias keeps
// it; and it wraps the packages it patches itself ("patch:resolve@npm%3A^1.20.0
// #~builtin<compat/resolve>" was "^1.20.0").
std::string BerryRequirement(std::string_view range) {
  size_t builtin = range.find("#~builtin<");
  if (StartsWith(range, "patch:") && builtin != std::string_view::npos) {
    std::string inner = PercentDecode(range.substr(6, builtin - 6));
    std::string_view name, inner_range;
    if (npm::SplitNameAt(inner, &name, &inner_range)) return BerryRequirement(inner_range);
  }
  if (!StartsWith(range, "npm:")) return std::string(range);
  std::string_view name, rest;
  if (npm::SplitNameAt(range.substr(4), &name, &rest)) return std::string(range);
  return std::string(range.substr(4));
}

bool ReadBerry(const util::SourceFile& file, const LockLimits& limits, Reporter* report,
               util::DiagnosticSink* diags, std::string* format, std::vector<YarnEntry>* entries) {
  std::unique_ptr<syntax::Document> doc =
      syntax::ParseYaml(&file, npm::SyntaxLimits(limits), diags);
  if (doc == nullptr) return false;
  const syntax::Node* root = doc->root();
  if (root == nullptr || !root->is_map()) {
    report->Error(root ? root->loc : util::Loc{&file, 1, 1},
                  "a yarn.lock must be a map of entries");
    return false;
  }
  const syntax::Node* metadata = root->Get("__metadata");
  std::string_view version = ScalarText(metadata ? metadata->Get("version") : nullptr);
  *format = "yarn.lock (Berry v" + std::string(version.empty() ? "?" : version) + ")";
  for (const syntax::MapEntry& me : root->entries) {
    std::string_view key = me.key->scalar;
    if (key == "__metadata") continue;
    if (!me.value->is_map()) {
      report->Warning(me.key->loc, "entry " + Quoted(key) + " is not a map; ignored");
      continue;
    }
    YarnEntry e;
    Package& p = e.package;
    p.loc = me.key->loc;
    for (std::string_view part : util::Split(key, ',')) {
      part = Trim(part);
      if (!part.empty()) e.keys.emplace_back(part);
    }
    const syntax::Node* resolution = me.value->Get("resolution");
    std::string_view locator = ScalarText(resolution);
    std::string_view name, reference;
    if (!npm::SplitNameAt(locator, &name, &reference)) {
      report->Warning(resolution ? resolution->loc : me.key->loc,
                      "entry " + Quoted(key) + " has no resolution; ignored");
      continue;
    }
    p.name = name;
    SetBerrySource(reference, &p, &e);
    for (const std::string& k : e.keys) {
      std::string_view key_name, range;
      if (npm::SplitNameAt(k, &key_name, &range) && key_name != p.name) {
        p.installed_as = key_name;
        break;
      }
    }
    const syntax::Node* v = me.value->Get("version");
    p.version = ScalarText(v);
    if (p.version.empty()) report->Warning(me.key->loc, "entry " + Quoted(key) + " has no version");
    // `checksum` is not recorded: it is a hash of the zip archive Yarn builds
    // in its cache, not of the registry's tarball, so it matches nothing an
    // SBOM reader or an advisory database knows.
    const syntax::Node* deps = me.value->Get("dependencies");
    if (deps != nullptr && deps->is_map()) {
      for (const syntax::MapEntry& d : deps->entries) {
        std::string descriptor =
            std::string(d.key->scalar) + "@" + std::string(ScalarText(d.value));
        e.required.push_back(descriptor);
        if (e.workspace) e.own.emplace_back(descriptor, BerryRequirement(ScalarText(d.value)));
      }
    }
    const syntax::Node* meta = me.value->Get("dependenciesMeta");
    if (meta != nullptr && meta->is_map()) {
      for (const syntax::MapEntry& m : meta->entries) {
        if (npm::IsTrue(m.value->Get("optional"))) e.optional_names.emplace_back(m.key->scalar);
      }
    }
    if (e.root) e.required.clear();
    entries->push_back(std::move(e));
  }
  return true;
}

// Berry's files start with its entries' `__metadata` map at the top level.
bool LooksLikeBerry(std::string_view text) {
  size_t pos = 0;
  while ((pos = text.find("__metadata:", pos)) != std::string_view::npos) {
    if (pos == 0 || text[pos - 1] == '\n') return true;
    ++pos;
  }
  return false;
}

}  // namespace

bool ReadYarnLock(const util::SourceFile& file, const LockLimits& limits,
                  util::DiagnosticSink* diags, model::PackageSet* out) {
  Reporter report(diags);
  std::vector<YarnEntry> entries;
  bool berry = LooksLikeBerry(file.text());
  out->ecosystem = model::Ecosystem::kNpm;
  out->path = file.path();
  out->locked = true;
  if (berry) {
    if (!ReadBerry(file, limits, &report, diags, &out->format, &entries)) return false;
  } else {
    out->format = "yarn.lock v1";
    if (!ReadV1(file, &report, &entries)) return false;
  }
  Assembler(limits, &report, out).Run(entries, berry);
  return true;
}

}  // namespace fnwarden::load::lockfile
