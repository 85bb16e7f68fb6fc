// Package metadata inside artifacts: which paths hold it, and how each file
// becomes a package. The zip and folder readers feed ArtifactCollector.
#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "load/lockfile/artifact_internal.h"
#include "load/lockfile/python_internal.h"
#include "load/syntax/node.h"
#include "util/strings.h"

namespace fnwarden::load::lockfile::internal {
using python::LocAt;
using python::NormalizePythonName;
using python::TrimBlanks;

namespace {

constexpr size_t kMaxQuotedName = 200;
constexpr size_t kMaxVersionLength = 128;
constexpr size_t kMaxImportNames = 1024;  // per distribution

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A folder directly under node_modules that can be a package: not `.bin`,
// `.cache`, `.pnpm` or a scope.
bool PackageFolderName(std::string_view name) {
  return !name.empty() && name.front() != '.' && name.front() != '@';
}

bool ScopeName(std::string_view name) { return name.size() > 1 && name.front() == '@'; }

bool IsDistInfo(std::string_view name) { return EndsWith(name, ".dist-info"); }
bool IsEggInfo(std::string_view name) { return EndsWith(name, ".egg-info"); }

// `name` in double quotes with control bytes escaped, cut to a readable
// length.
std::string Quoted(std::string_view name) {
  std::string out;
  bool cut = name.size() > kMaxQuotedName;
  syntax::AppendQuoted(name.substr(0, kMaxQuotedName), &out);
  if (cut) out += "...";
  return out;
}

std::string Join(const std::vector<std::string_view>& parts, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (i > from) out += '/';
    out += parts[i];
  }
  return out;
}

// A Python import name: an identifier of ASCII letters, digits and '_'.
bool Identifier(std::string_view s) {
  if (s.empty() || (s.front() >= '0' && s.front() <= '9')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// A PEP 508 distribution name: letters, digits, '.', '_', '-', starting and
// ending with a letter or digit.
bool DistributionName(std::string_view s) {
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (s.empty() || !alnum(s.front()) || !alnum(s.back())) return false;
  return std::all_of(s.begin(), s.end(),
                     [&](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; });
}

// Names and versions end up in reports and SBOMs: no blanks or control
// characters, a sane length.
bool PlainToken(std::string_view s, size_t max_length) {
  if (s.empty() || s.size() > max_length) return false;
  return std::none_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
  });
}

// An npm package name as npm allows it (at most 214 characters, a scope
// with its '/'), printable.
bool NpmName(std::string_view s) {
  if (!PlainToken(s, 214)) return false;
  if (s.front() == '@') {
    size_t slash = s.find('/');
    return slash != std::string_view::npos && slash > 1 && slash + 1 < s.size() &&
           s.find('/', slash + 1) == std::string_view::npos;
  }
  return s.find('/') == std::string_view::npos && s.front() != '.';
}

// Name and version from a metadata folder's name:
// `requests-2.31.0.dist-info`, `foo-1.0-py3.8.egg-info`, `foo.egg-info`,
// `foo-1.0-py3.8.egg`.
void SplitFolderName(std::string_view folder, std::string* name, std::string* version) {
  size_t slash = folder.rfind('/');
  std::string_view base = slash == std::string_view::npos ? folder : folder.substr(slash + 1);
  if (base == "EGG-INFO" && slash != std::string_view::npos) {
    std::string_view parent = folder.substr(0, slash);
    size_t s2 = parent.rfind('/');
    base = s2 == std::string_view::npos ? parent : parent.substr(s2 + 1);
  }
  size_t dot = base.rfind('.');
  if (dot != std::string_view::npos) base = base.substr(0, dot);  // .dist-info, .egg-info, .egg
  size_t dash = base.find('-');
  *name = std::string(base.substr(0, dash));
  if (dash == std::string_view::npos) {
    version->clear();
    return;
  }
  std::string_view rest = base.substr(dash + 1);
  *version = std::string(rest.substr(0, rest.find('-')));
}

// The import names a top_level.txt lists: one per line; a namespace
// package's `google/cloud` counts as `google`.
void ReadTopLevel(std::string_view text, std::vector<std::string>* out) {
  for (std::string_view line : util::Split(text, '\n')) {
    line = TrimBlanks(line);
    line = line.substr(0, line.find_first_of("/."));
    if (Identifier(line) && out->size() < kMaxImportNames) out->emplace_back(line);
  }
}

// The top-level modules and packages a RECORD lists (`yaml/__init__.py` →
// yaml, `six.py` → six, `_cffi_backend.cpython-311-x86_64-linux-gnu.so` →
// _cffi_backend); metadata folders, scripts outside the site folder and
// caches are not import names.
void ReadRecord(std::string_view text, std::vector<std::string>* out) {
  std::set<std::string, std::less<>> seen;
  for (std::string_view line : util::Split(text, '\n')) {
    line = TrimBlanks(line);
    std::string_view path;
    if (!line.empty() && line.front() == '"') {
      size_t close = line.find('"', 1);
      if (close == std::string_view::npos) continue;
      path = line.substr(1, close - 1);
    } else {
      path = line.substr(0, line.find(','));
    }
    size_t slash = path.find('/');
    std::string_view top;
    if (slash != std::string_view::npos) {
      top = path.substr(0, slash);
      if (IsDistInfo(top) || IsEggInfo(top) || EndsWith(top, ".data") || top == "__pycache__") {
        continue;
      }
    } else if (EndsWith(path, ".py") || EndsWith(path, ".so") || EndsWith(path, ".pyd")) {
      top = path.substr(0, path.find('.'));
    }
    if (!Identifier(top) || seen.count(top) != 0) continue;
    seen.emplace(top);
    if (out->size() < kMaxImportNames) out->emplace_back(top);
  }
}

// The end of the RFC 822 header block of METADATA or PKG-INFO: the start of
// its first empty line (the description follows), or the end of the text.
size_t HeaderBlockEnd(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find('\n', i);
    std::string_view line = text.substr(i, end == std::string_view::npos ? end : end - i);
    if (line.empty() || line == "\r") return i;
    if (end == std::string_view::npos) break;
    i = end + 1;
  }
  return text.size();
}

struct Header {
  std::string_view value;
  size_t offset = 0;  // of the value in the text
  bool found = false;
};

// The first `Name:` and `Version:` headers of a header block (names in any
// letter case; continuation lines, which start with a blank, skipped).
void ReadHeaders(std::string_view text, Header* name, Header* version) {
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find('\n', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(i, end - i);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t colon = line.find(':');
    if (!line.empty() && line.front() != ' ' && line.front() != '\t' &&
        colon != std::string_view::npos) {
      std::string_view key = line.substr(0, colon);
      Header* h = util::EqualsIgnoreCase(key, "Name")      ? name
                  : util::EqualsIgnoreCase(key, "Version") ? version
                                                           : nullptr;
      if (h != nullptr && !h->found) {
        std::string_view rest = line.substr(colon + 1);
        std::string_view value = TrimBlanks(rest);
        h->found = true;
        h->value = value;
        h->offset = i + colon + 1 + (value.empty() ? 0 : value.data() - rest.data());
      }
    }
    i = end + 1;
  }
}

void MergeSorted(std::vector<std::string> add, std::vector<std::string>* into) {
  into->insert(into->end(), std::make_move_iterator(add.begin()),
               std::make_move_iterator(add.end()));
  std::sort(into->begin(), into->end());
  into->erase(std::unique(into->begin(), into->end()), into->end());
}

// Sorts by name, version and installed_as, keeping the first copy of each.
void SortUnique(std::vector<model::Package>* packages) {
  auto key = [](const model::Package& p) { return std::tie(p.name, p.version, p.installed_as); };
  std::stable_sort(
      packages->begin(), packages->end(),
      [&](const model::Package& a, const model::Package& b) { return key(a) < key(b); });
  packages->erase(std::unique(packages->begin(), packages->end(),
                              [&](const model::Package& a, const model::Package& b) {
                                return key(a) == key(b);
                              }),
                  packages->end());
}

}  // namespace

MetaPath ClassifyPath(std::string_view path) {
  MetaPath out;
  std::vector<std::string_view> segs = util::Split(path, '/');
  size_t n = segs.size();
  std::string_view last = segs[n - 1];
  if (n < 2) {
    // distutils wrote PKG-INFO as a file named `<dist>-<version>-py3.x.egg-info`.
    if (IsEggInfo(last)) {
      out.kind = MetaFile::kPkgInfo;
      out.key = std::string(path);
    }
    return out;
  }
  std::string_view parent = segs[n - 2];
  if (last == "package.json") {
    if (n >= 3 && segs[n - 3] == "node_modules" && PackageFolderName(parent)) {
      out.kind = MetaFile::kPackageJson;
      out.key = std::string(parent);
    } else if (n >= 4 && segs[n - 4] == "node_modules" && ScopeName(segs[n - 3]) &&
               PackageFolderName(parent)) {
      out.kind = MetaFile::kPackageJson;
      out.key = std::string(segs[n - 3]) + "/" + std::string(parent);
    }
    if (out.kind == MetaFile::kPackageJson) {
      out.node_modules_depth =
          static_cast<int>(std::count(segs.begin(), segs.end(), std::string_view("node_modules")));
    }
    return out;
  }
  bool egg_info_dir = parent == "EGG-INFO" && n >= 3 && EndsWith(segs[n - 3], ".egg");
  bool metadata_dir = IsDistInfo(parent) || IsEggInfo(parent) || egg_info_dir;
  if ((last == "METADATA" && IsDistInfo(parent)) ||
      (last == "PKG-INFO" && (IsEggInfo(parent) || egg_info_dir))) {
    out.kind = MetaFile::kPkgInfo;
  } else if (last == "top_level.txt" && metadata_dir) {
    out.kind = MetaFile::kTopLevel;
  } else if (last == "RECORD" && IsDistInfo(parent)) {
    out.kind = MetaFile::kRecord;
  } else if (IsEggInfo(last)) {
    out.kind = MetaFile::kPkgInfo;
    out.key = std::string(path);
    return out;
  } else {
    return out;
  }
  out.key = Join(segs, 0, n - 1);
  return out;
}

bool NormalEntryName(std::string_view name, std::string* normal) {
  normal->clear();
  if (name.empty() || name.front() == '/') return false;
  if (name.size() >= 2 && name[1] == ':') return false;  // a drive: C:/x, C:x
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\\') return false;
  }
  for (std::string_view seg : util::Split(name, '/')) {
    if (seg == "..") return false;
    if (seg.empty() || seg == ".") continue;
    if (!normal->empty()) *normal += '/';
    *normal += seg;
  }
  return !normal->empty();
}

bool IsNestedArchive(std::string_view path) {
  std::string lower = util::ToLower(path.substr(path.size() > 8 ? path.size() - 8 : 0));
  for (std::string_view ext : {".zip", ".jar", ".war", ".whl", ".egg"}) {
    if (EndsWith(lower, ext)) return true;
  }
  return false;
}

bool IsPackageLink(std::string_view path) {
  if (ClassifyPath(path).kind != MetaFile::kNone) return true;
  std::vector<std::string_view> segs = util::Split(path, '/');
  size_t n = segs.size();
  std::string_view last = segs[n - 1];
  if (IsDistInfo(last) || IsEggInfo(last)) return true;
  if (n >= 2 && segs[n - 2] == "node_modules") return PackageFolderName(last) || ScopeName(last);
  return n >= 3 && segs[n - 3] == "node_modules" && ScopeName(segs[n - 2]) &&
         PackageFolderName(last);
}

ArtifactCollector::ArtifactCollector(std::string artifact_path, std::string kind,
                                     std::string file_prefix, const ArtifactLimits& limits,
                                     util::SourceSet* sources, util::DiagnosticSink* diags)
    : artifact_path_(std::move(artifact_path)),
      kind_(std::move(kind)),
      file_prefix_(std::move(file_prefix)),
      limits_(limits),
      sources_(sources),
      diags_(diags) {}

void ArtifactCollector::Warn(util::Loc loc, std::string message) {
  diags_->Add({util::DiagLevel::kWarning, loc, std::string(loc.path()), std::move(message)});
}

void ArtifactCollector::Note(Problem problem, std::string_view name, std::string_view detail) {
  Tally& t = tallies_[static_cast<size_t>(problem)];
  if (t.count++ == 0) {
    t.first = std::string(name);
    t.detail = std::string(detail);
  }
}

void ArtifactCollector::Add(const MetaPath& meta, const std::string& path, std::string text) {
  switch (meta.kind) {
    case MetaFile::kNone:
      return;
    case MetaFile::kPackageJson:
      if (meta.node_modules_depth > limits_.max_depth) {
        Note(Problem::kTooDeep, path);
        return;
      }
      AddPackageJson(meta, path, std::move(text));
      return;
    case MetaFile::kPkgInfo:
      AddPkgInfo(meta, path, std::move(text));
      return;
    case MetaFile::kTopLevel: {
      Dist& dist = dists_[meta.key];
      dist.has_top_level = true;
      ReadTopLevel(text, &dist.top_level);
      return;
    }
    case MetaFile::kRecord:
      ReadRecord(text, &dists_[meta.key].recorded);
      return;
  }
}

void ArtifactCollector::AddPackageJson(const MetaPath& meta, const std::string& path,
                                       std::string text) {
  const util::SourceFile* file = sources_->Add(file_prefix_ + path, std::move(text));
  util::Loc start{file, 1, 1};
  std::unique_ptr<syntax::Document> doc = syntax::ParseJson(file, syntax::ParseLimits{}, diags_);
  if (doc == nullptr || doc->root() == nullptr) {
    if (doc != nullptr) Warn(start, "package.json is empty; the package is skipped");
    return;  // ParseJson reported why
  }
  const syntax::Node* root = doc->root();
  if (!root->is_map()) {
    Warn(root->loc, "package.json is not a JSON object; the package is skipped");
    return;
  }
  auto string_of = [](const syntax::Node* n) {
    return n != nullptr && n->is_scalar() && n->style == syntax::ScalarStyle::kQuoted;
  };
  model::Package p;
  const syntax::Node* name = root->Get("name");
  p.name = string_of(name) && !name->scalar.empty() ? std::string(name->scalar) : meta.key;
  if (!NpmName(p.name)) {
    Warn(string_of(name) ? name->loc : root->loc,
         "package name " + Quoted(p.name) + " is not a valid npm name; the package is skipped");
    return;
  }
  if (p.name != meta.key) p.installed_as = meta.key;
  const syntax::Node* version = root->Get("version");
  p.loc = root->loc;
  if (!string_of(version)) {
    Warn(version != nullptr ? version->loc : root->loc,
         "package.json has no \"version\" string; the version of " + p.name + " is unknown");
  } else if (!PlainToken(version->scalar, kMaxVersionLength)) {
    Warn(version->loc, "version " + Quoted(version->scalar) + " of " + p.name +
                           " is not a version; it is taken as unknown");
  } else {
    p.version = std::string(version->scalar);
    p.loc = version->loc;
  }
  p.direct = false;
  npm_layer_ = npm_layer_ && path.starts_with("nodejs/");
  npm_.push_back(std::move(p));
}

void ArtifactCollector::AddPkgInfo(const MetaPath& meta, const std::string& path,
                                   std::string text) {
  text.resize(HeaderBlockEnd(text));
  const util::SourceFile* file = sources_->Add(file_prefix_ + path, std::move(text));
  std::string base = path.substr(path.rfind('/') + 1);
  Header name, version;
  ReadHeaders(file->text(), &name, &version);
  std::string folder_name, folder_version;
  SplitFolderName(meta.key, &folder_name, &folder_version);
  util::Loc start{file, 1, 1};
  Dist& dist = dists_[meta.key];
  if (dist.has_metadata) return;  // METADATA and PKG-INFO of one folder: the first counts
  if (name.found && DistributionName(name.value)) {
    dist.name = std::string(name.value);
  } else if (name.found) {
    Warn(LocAt(*file, name.offset), "distribution name " + Quoted(name.value) + " in " +
                                        std::string(base) + " is not valid; skipped");
    return;
  } else if (DistributionName(folder_name)) {
    Warn(start, std::string(base) + " has no Name header; the name is taken from its folder");
    dist.name = folder_name;
  } else {
    Warn(start, std::string(base) + " has no Name header; skipped");
    return;
  }
  dist.loc = name.found ? LocAt(*file, name.offset) : start;
  if (version.found && PlainToken(version.value, kMaxVersionLength)) {
    dist.version = std::string(version.value);
    dist.loc = LocAt(*file, version.offset);
  } else if (version.found) {
    Warn(LocAt(*file, version.offset), "version " + Quoted(version.value) + " of " + dist.name +
                                           " is not a version; it is taken as unknown");
  } else if (PlainToken(folder_version, kMaxVersionLength)) {
    Warn(dist.loc, std::string(base) + " has no Version header; the version of " + dist.name +
                       " is taken from its folder");
    dist.version = folder_version;
  } else {
    Warn(dist.loc,
         std::string(base) + " has no Version header; the version of " + dist.name + " is unknown");
  }
  dist.has_metadata = true;
}

model::PackageSet ArtifactCollector::NewSet(model::Ecosystem ecosystem, bool layer) const {
  model::PackageSet set;
  set.ecosystem = ecosystem;
  set.path = artifact_path_;
  // "Lambda zip" → "Lambda layer zip", "folder" → "layer folder".
  std::string kind = !layer                         ? kind_
                     : kind_.starts_with("Lambda ") ? "Lambda layer " + kind_.substr(7)
                                                    : "layer " + kind_;
  set.format =
      kind + (ecosystem == model::Ecosystem::kNpm ? " (node_modules)" : " (site-packages)");
  set.locked = true;
  return set;
}

void ArtifactCollector::Finish(InstalledPackages* out) {
  struct Text {
    util::DiagLevel level;
    const char* one;
    const char* many;
  };
  static constexpr Text kTexts[] = {
      {util::DiagLevel::kWarning, "an entry with an unsafe name is skipped",
       "entries with unsafe names are skipped"},
      {util::DiagLevel::kWarning, "a symbolic link to a package or its metadata is not followed",
       "symbolic links to packages or their metadata are not followed"},
      {util::DiagLevel::kWarning, "a nested archive is not read", "nested archives are not read"},
      {util::DiagLevel::kWarning, "an encrypted entry is not read",
       "encrypted entries are not read"},
      {util::DiagLevel::kWarning, "an entry appears twice; its first copy is read",
       "entries appear twice; the first copy of each is read"},
      {util::DiagLevel::kError, "a package metadata file is too large and is skipped",
       "package metadata files are too large and are skipped"},
      {util::DiagLevel::kError, "a package folder or metadata file cannot be read",
       "package folders or metadata files cannot be read"},
      {util::DiagLevel::kError, "a package is nested too deeply in node_modules and is skipped",
       "packages are nested too deeply in node_modules and are skipped"},
  };
  static_assert(std::size(kTexts) == static_cast<size_t>(Problem::kCount));
  for (size_t i = 0; i < tallies_.size(); ++i) {
    const Tally& t = tallies_[i];
    if (t.count == 0) continue;
    std::string first = Quoted(t.first);
    if (!t.detail.empty()) first += " (" + t.detail + ")";
    std::string message = t.count == 1 ? std::string(kTexts[i].one) + ": " + first
                                       : std::to_string(t.count) + " " + kTexts[i].many +
                                             " (the first: " + first + ")";
    diags_->Add({kTexts[i].level, util::Loc{}, artifact_path_, std::move(message)});
  }

  if (!npm_.empty()) {
    model::PackageSet set = NewSet(model::Ecosystem::kNpm, npm_layer_);
    SortUnique(&npm_);
    set.packages = std::move(npm_);
    out->sets.push_back(std::move(set));
  }
  std::vector<model::Package> python;
  bool python_layer = true;
  for (auto& [key, dist] : dists_) {
    if (!dist.has_metadata) continue;
    model::Package p;
    p.name = dist.name;
    p.version = dist.version;
    p.loc = dist.loc;
    python.push_back(std::move(p));
    python_layer = python_layer && key.starts_with("python/");
    std::vector<std::string>& names = dist.has_top_level ? dist.top_level : dist.recorded;
    if (!names.empty()) {
      MergeSorted(std::move(names), &out->import_names[NormalizePythonName(dist.name)]);
    }
  }
  if (!python.empty()) {
    model::PackageSet set = NewSet(model::Ecosystem::kPyPI, python_layer);
    SortUnique(&python);
    set.packages = std::move(python);
    out->sets.push_back(std::move(set));
  }
}

}  // namespace fnwarden::load::lockfile::internal
