// requirements*.txt, as pip reads it (pip/_internal/req/req_file.py):
//
// - Lines ending in '\' continue on the next line (a comment line never
//   continues); then comments go: a '#' at the start of a line or after a
//   blank, to the end of the line (`pkg @ https://host/x#egg=pkg` keeps its
//   fragment).
// - A line is split at its first blank-separated word that starts with '-':
//   before it a requirement, from it options. A line that is only options
//   is an options line: -r/--requirement and -c/--constraint name other
//   files (read through the IncludeReader), -e/--editable a requirement;
//   index and install options (-i, --index-url, --extra-index-url, -f,
//   --find-links, --trusted-host, --pre, --no-index, --prefer-binary,
//   --require-hashes, --only-binary, --no-binary, --use-feature) are skipped.
// - A requirement is PEP 508 (`name[extras] specifier ; marker`,
//   `name @ url`), a URL (`git+https://…#egg=name`, `https://…/x.whl`) or a
//   local path (`./libs/x`, `x.whl`); it may be followed by --hash options.
//
// What fnwarden records: every requirement, direct, with `requirement` as
// written and `version` only when the specifier pins one (`==1.2.3` without
// a wildcard, `===x`): an unpinned requirement gets no version, never a
// guess. Markers are not evaluated (a package is kept whatever its marker)
// and not recorded. A direct reference has its source (git for git+ URLs,
// url for other URLs, file for paths and file: URLs) and no version; its
// name comes from `name @`, else the `#egg=` fragment, else the wheel or
// sdist file name, else the last part of the path; a path without one (`.`,
// `..`: the project itself) is no package. Names are kept as written;
// matching (constraints, de-duplication by the caller) uses PEP 503 names.
//
// Constraints files (-c) pin the versions of requirements listed elsewhere
// (once every file is read, an unpinned requirement takes the version its
// constraint pins) and add no packages; a -r inside a constraints file is
// read as constraints too, as pip does. Includes are depth-limited
// (LockLimits::max_depth) and cycle-checked by display path; a file included
// twice is read once. Everything a file includes is as direct as the file
// itself.
//
// Development files: when the name of the file given to ReadRequirements
// says dev or test (python::IsDevFileName: `requirements-dev.txt`,
// `requirements_test.txt`, `dev-requirements.txt`), every package it lists,
// included files' too, is dev. The names of included files do not count:
// `pip install -r requirements.txt` ships what it includes, whatever its
// name.
#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/lockfile/lockfile.h"
#include "load/lockfile/python_internal.h"
#include "util/strings.h"

namespace fnwarden::load::lockfile {
namespace {

using python::TrimBlanks;

// One line as pip sees it once continuations are joined and the comment is
// gone, with the way back to the file's bytes.
struct LogicalLine {
  std::string text;
  // Pieces of `text`, each copied from the file at `file_offset`.
  struct Piece {
    size_t text_offset;
    size_t file_offset;
  };
  std::vector<Piece> pieces;

  size_t FileOffset(size_t text_offset) const {
    // The last piece that starts at or before `text_offset` (pieces emptied
    // by the trimming of leading blanks share an offset with the next one).
    auto it = std::upper_bound(
        pieces.begin(), pieces.end(), text_offset,
        [](size_t offset, const Piece& piece) { return offset < piece.text_offset; });
    if (it == pieces.begin()) return pieces.empty() ? 0 : pieces.front().file_offset;
    --it;
    return it->file_offset + (text_offset - it->text_offset);
  }
};

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// Splits the file into logical lines: continuations joined, comments
// removed, blank lines dropped.
std::vector<LogicalLine> LogicalLines(std::string_view text) {
  std::vector<LogicalLine> lines;
  LogicalLine current;
  bool continuing = false;
  size_t pos = 0;
  // A UTF-8 byte order mark is no part of the first line.
  if (text.starts_with("\xEF\xBB\xBF")) pos = 3;
  auto finish = [&](LogicalLine line) {
    // pip's COMMENT_RE, `(^|\s+)#.*$`: the comment and the blanks before it.
    std::string& t = line.text;
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i] == '#' && (i == 0 || IsBlank(t[i - 1]))) {
        t.resize(i);
        break;
      }
    }
    while (!t.empty() && IsBlank(t.back())) t.pop_back();
    size_t lead = 0;
    while (lead < t.size() && IsBlank(t[lead])) ++lead;
    if (lead == t.size()) return;
    t.erase(0, lead);
    for (LogicalLine::Piece& p : line.pieces) {
      if (p.text_offset >= lead) {
        p.text_offset -= lead;
      } else {
        p.file_offset += lead - p.text_offset;
        p.text_offset = 0;
      }
    }
    lines.push_back(std::move(line));
  };
  while (pos < text.size()) {
    size_t next = 0;
    size_t end = python::LineEnd(text, pos, &next);
    std::string_view raw = text.substr(pos, end - pos);
    std::string_view stripped = raw;
    while (!stripped.empty() && IsBlank(stripped.front())) stripped.remove_prefix(1);
    bool comment_line = stripped.starts_with("#");
    if (!raw.ends_with("\\") || comment_line) {
      if (continuing) {
        // pip puts a blank before a comment line inside a continuation so
        // that the comment goes.
        if (comment_line) current.text += ' ';
        current.pieces.push_back({current.text.size(), pos});
        current.text.append(raw);
        finish(std::move(current));
        current = LogicalLine{};
        continuing = false;
      } else {
        LogicalLine line;
        line.pieces.push_back({0, pos});
        line.text.assign(raw);
        finish(std::move(line));
      }
    } else {
      continuing = true;
      std::string_view piece = raw;
      while (piece.ends_with("\\")) piece.remove_suffix(1);
      current.pieces.push_back({current.text.size(), pos});
      current.text.append(piece);
    }
    pos = next;
  }
  if (continuing) finish(std::move(current));
  return lines;
}

// A blank-separated word of a logical line.
struct Word {
  std::string_view text;
  size_t offset;  // in the logical line
};

std::vector<Word> Words(std::string_view s, size_t base) {
  std::vector<Word> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsBlank(s[i])) ++i;
    size_t start = i;
    while (i < s.size() && !IsBlank(s[i])) ++i;
    if (i > start) words.push_back({s.substr(start, i - start), base + start});
  }
  return words;
}

// The options pip accepts in a requirements file.
struct OptionSpec {
  std::string_view long_name;  // without "--"
  char short_name;             // 0 when none
  bool takes_value;
  enum Action { kSkip, kRequirement, kConstraint, kEditable, kHash, kPerRequirement } action;
};

constexpr OptionSpec kOptions[] = {
    {"requirement", 'r', true, OptionSpec::kRequirement},
    {"constraint", 'c', true, OptionSpec::kConstraint},
    {"editable", 'e', true, OptionSpec::kEditable},
    {"index-url", 'i', true, OptionSpec::kSkip},
    {"extra-index-url", 0, true, OptionSpec::kSkip},
    {"no-index", 0, false, OptionSpec::kSkip},
    {"find-links", 'f', true, OptionSpec::kSkip},
    {"trusted-host", 0, true, OptionSpec::kSkip},
    {"pre", 0, false, OptionSpec::kSkip},
    {"prefer-binary", 0, false, OptionSpec::kSkip},
    {"require-hashes", 0, false, OptionSpec::kSkip},
    {"only-binary", 0, true, OptionSpec::kSkip},
    {"no-binary", 0, true, OptionSpec::kSkip},
    {"use-feature", 0, true, OptionSpec::kSkip},
    {"hash", 0, true, OptionSpec::kHash},
    {"config-settings", 0, true, OptionSpec::kPerRequirement},
    {"global-option", 0, true, OptionSpec::kPerRequirement},
    {"install-option", 0, true, OptionSpec::kPerRequirement},
};

// One option as written: its spec and its value.
struct Option {
  const OptionSpec* spec = nullptr;
  std::string_view written;  // "-r", "--hash", "--foo" (unknown)
  std::string_view value;
  size_t offset = 0;        // of the option
  size_t value_offset = 0;  // of the value
  bool missing_value = false;
};

// Reads the options of `words` (from the first one that starts with '-').
std::vector<Option> ReadOptions(const std::vector<Word>& words, size_t first) {
  std::vector<Option> options;
  for (size_t i = first; i < words.size(); ++i) {
    const Word& w = words[i];
    Option o;
    o.offset = w.offset;
    std::string_view inline_value;
    bool has_inline = false;
    if (w.text.starts_with("--")) {
      std::string_view name = w.text.substr(2);
      size_t eq = name.find('=');
      if (eq != std::string_view::npos) {
        inline_value = name.substr(eq + 1);
        has_inline = true;
        name = name.substr(0, eq);
      }
      o.written = w.text.substr(0, 2 + name.size());
      for (const OptionSpec& s : kOptions) {
        if (s.long_name == name) o.spec = &s;
      }
    } else if (w.text.size() >= 2 && w.text[0] == '-') {
      o.written = w.text.substr(0, 2);
      for (const OptionSpec& s : kOptions) {
        if (s.short_name == w.text[1]) o.spec = &s;
      }
      if (w.text.size() > 2) {
        inline_value = w.text.substr(2);
        has_inline = true;
      }
    } else {
      o.written = w.text;
    }
    if (o.spec != nullptr && o.spec->takes_value) {
      if (has_inline) {
        o.value = inline_value;
        o.value_offset = w.offset + (inline_value.data() - w.text.data());
      } else if (i + 1 < words.size()) {
        ++i;
        o.value = words[i].text;
        o.value_offset = words[i].offset;
      } else {
        o.missing_value = true;
      }
    }
    options.push_back(o);
    if (o.spec == nullptr) break;  // the rest of the line cannot be read
  }
  return options;
}

bool IsArchiveName(std::string_view s) {
  std::string lower = util::ToLower(s);
  for (std::string_view ext : {".whl", ".zip", ".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tbz",
                               ".tar.xz", ".txz", ".tar.lz", ".tlz"}) {
    if (lower.ends_with(ext)) return true;
  }
  return false;
}

// pip's is_url: a scheme it knows, VCS schemes included.
bool IsUrl(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos) return false;
  std::string scheme = util::ToLower(s.substr(0, colon));
  if (scheme == "http" || scheme == "https" || scheme == "file" || scheme == "ftp") return true;
  for (std::string_view vcs : {"git", "hg", "svn", "bzr"}) {
    if (scheme == vcs || scheme.starts_with(std::string(vcs) + "+")) return true;
  }
  return false;
}

bool LooksLikePath(std::string_view s) {
  return s.starts_with(".") || s.starts_with("~") || s.find('/') != std::string_view::npos ||
         s.find('\\') != std::string_view::npos;
}

// The package name a direct reference gives: its `#egg=` fragment, else its
// wheel or sdist file name, else its last path part (without `.git` and an
// `@ref`). "" for `.`, `..` and the like.
std::string_view NameOfLink(std::string_view link) {
  size_t hash = link.find('#');
  if (hash != std::string_view::npos) {
    for (std::string_view part : util::Split(link.substr(hash + 1), '&')) {
      if (part.starts_with("egg=")) {
        std::string_view egg = part.substr(4);
        size_t bracket = egg.find('[');
        if (bracket != std::string_view::npos) egg = egg.substr(0, bracket);
        if (!egg.empty()) return egg;
      }
    }
    link = link.substr(0, hash);
  }
  if (size_t q = link.find('?'); q != std::string_view::npos && IsUrl(link)) {
    link = link.substr(0, q);
  }
  while (!link.empty() && (link.back() == '/' || link.back() == '\\')) link.remove_suffix(1);
  size_t slash = link.find_last_of("/\\");
  std::string_view base = slash == std::string_view::npos ? link : link.substr(slash + 1);
  if (IsUrl(link) && slash != std::string_view::npos) {
    // A VCS URL's ref: `repo.git@v1.0`.
    if (size_t at = base.find('@'); at != std::string_view::npos) base = base.substr(0, at);
  }
  std::string lower = util::ToLower(base);
  if (lower.ends_with(".whl")) {
    // name-version(-build)?-python-abi-platform.whl
    size_t dash = base.find('-');
    return dash == std::string_view::npos ? base.substr(0, base.size() - 4) : base.substr(0, dash);
  }
  if (IsArchiveName(base)) {
    // name-version.tar.gz: the name ends at the last '-' before a digit.
    for (size_t i = base.size(); i-- > 1;) {
      if (base[i - 1] == '-' && i < base.size() && base[i] >= '0' && base[i] <= '9') {
        return base.substr(0, i - 1);
      }
    }
    size_t dot = base.find('.');
    return base.substr(0, dot);
  }
  if (lower.ends_with(".git")) base.remove_suffix(4);
  if (base.empty() || base == "." || base == ".." || base == "~" || base.ends_with(":")) return "";
  return base;
}

// Where a direct reference points, and the reference to record.
void SetSourceOfLink(std::string_view link, model::Package* p) {
  std::string_view ref = link;
  if (size_t hash = ref.find('#'); hash != std::string_view::npos) ref = ref.substr(0, hash);
  p->source_ref = std::string(ref);
  std::string lower = util::ToLower(link);
  if (lower.starts_with("git+") || lower.starts_with("git:")) {
    p->source = model::PackageSource::kGit;
  } else if (lower.starts_with("file:") || !IsUrl(link)) {
    p->source = model::PackageSource::kFile;
  } else {
    p->source = model::PackageSource::kUrl;
  }
}

class RequirementsReader {
 public:
  RequirementsReader(const IncludeReader& include, const LockLimits& limits,
                     util::DiagnosticSink* diags, model::PackageSet* out, bool dev)
      : include_(include), limits_(limits), diags_(diags), out_(out), dev_(dev) {}

  void ReadFile(const util::SourceFile& file, bool constraints) {
    stack_.push_back(file.path());
    read_.insert({file.path(), constraints});
    for (const LogicalLine& line : LogicalLines(file.text())) ReadLine(file, line, constraints);
    stack_.pop_back();
  }

  // Gives unpinned requirements the versions their constraints pin.
  void ApplyConstraints() {
    for (model::Package& p : out_->packages) {
      if (!p.version.empty() || p.source != model::PackageSource::kRegistry) continue;
      auto it = constraints_.find(python::NormalizePythonName(p.name));
      if (it != constraints_.end()) p.version = it->second;
    }
  }

 private:
  void ReadLine(const util::SourceFile& file, const LogicalLine& line, bool constraints) {
    auto loc = [&](size_t text_offset) {
      return python::LocAt(file, line.FileOffset(text_offset));
    };
    std::vector<Word> words = Words(line.text, 0);
    size_t first_option = 0;
    while (first_option < words.size() && !words[first_option].text.starts_with("-")) {
      ++first_option;
    }
    std::vector<Option> options = ReadOptions(words, first_option);
    for (const Option& o : options) {
      if (o.spec == nullptr) {
        diags_->Warning(loc(o.offset), "unknown option '" + std::string(o.written) +
                                           "'; the rest of the line is ignored");
      } else if (o.missing_value) {
        diags_->Error(loc(o.offset), "option '" + std::string(o.written) + "' needs a value");
      }
    }
    std::vector<model::PackageHash> hashes;
    for (const Option& o : options) {
      if (o.spec == nullptr || o.missing_value || o.spec->action != OptionSpec::kHash) continue;
      model::PackageHash h;
      std::string err;
      if (python::ParsePythonHash(o.value, &h, &err)) {
        python::AddHash(std::move(h), &hashes);
      } else {
        diags_->Error(loc(o.value_offset), err);
      }
    }
    if (first_option > 0) {
      size_t end = first_option < words.size() ? words[first_option].offset : line.text.size();
      std::string_view args = TrimBlanks(std::string_view(line.text).substr(0, end));
      for (const Option& o : options) {
        if (o.spec != nullptr && o.spec->action != OptionSpec::kHash &&
            o.spec->action != OptionSpec::kPerRequirement) {
          diags_->Warning(loc(o.offset), "option '" + std::string(o.written) +
                                             "' cannot follow a requirement; ignored");
        }
      }
      AddRequirement(file, line, args, std::move(hashes), constraints);
      return;
    }
    bool editable = false;
    for (const Option& o : options) {
      if (o.spec == nullptr || o.missing_value) continue;
      switch (o.spec->action) {
        case OptionSpec::kRequirement:
          Include(file, o, loc(o.value_offset), constraints);
          break;
        case OptionSpec::kConstraint:
          Include(file, o, loc(o.value_offset), true);
          break;
        case OptionSpec::kEditable:
          editable = true;
          AddRequirement(file, line, o.value, hashes, constraints);
          break;
        case OptionSpec::kHash:
        case OptionSpec::kSkip:
        case OptionSpec::kPerRequirement:
          break;
      }
    }
    if (!editable) {
      for (const Option& o : options) {
        if (o.spec != nullptr && o.spec->action == OptionSpec::kHash) {
          diags_->Warning(loc(o.offset), "'--hash' must follow a requirement; ignored");
          break;
        }
      }
    }
  }

  void Include(const util::SourceFile& from, const Option& o, util::Loc at, bool constraints) {
    std::string_view target = o.value;
    if (target.find("://") != std::string_view::npos) {
      diags_->Error(at, "'" + std::string(target) +
                            "' is on the network; fnwarden reads no included file from a URL");
      return;
    }
    if (stack_.size() >= limits_.max_depth) {
      diags_->Error(at, "'" + std::string(target) + "' is not read: includes nest deeper than " +
                            std::to_string(limits_.max_depth) + " files");
      return;
    }
    const util::SourceFile* file = include_ ? include_(from, target) : nullptr;
    if (file == nullptr) {
      diags_->Error(at, "cannot read the included file '" + std::string(target) + "'");
      return;
    }
    for (const std::string& open : stack_) {
      if (open == file->path()) {
        diags_->Warning(at, "include cycle: '" + std::string(target) +
                                "' is already being read; not read again");
        return;
      }
    }
    if (read_.count({file->path(), constraints}) != 0) return;
    ReadFile(*file, constraints);
  }

  // Adds the requirement `args`, a view of `line`'s text (or a constraint
  // when reading a constraints file).
  void AddRequirement(const util::SourceFile& file, const LogicalLine& line, std::string_view args,
                      std::vector<model::PackageHash> hashes, bool constraints) {
    size_t base = static_cast<size_t>(args.data() - line.text.data());
    auto loc = [&](size_t offset_in_args) {
      return python::LocAt(file, line.FileOffset(base + offset_in_args));
    };
    model::Package p;
    p.direct = true;
    p.dev = dev_;
    p.hashes = std::move(hashes);
    bool direct_ref = IsUrl(args);
    if (!direct_ref) {
      // `name @ url` is PEP 508 unless what is before the '@' is a path.
      size_t at = args.find('@');
      bool named = at != std::string_view::npos && !LooksLikePath(args.substr(0, at));
      std::string_view head = TrimBlanks(args.substr(0, args.find(';')));
      direct_ref = !named && (LooksLikePath(head) || IsArchiveName(head));
    }
    if (direct_ref) {
      // A URL's marker follows "; ", a path's any ';'.
      std::string_view link = args;
      size_t semi = IsUrl(args) ? args.find("; ") : args.find(';');
      if (semi != std::string_view::npos) link = TrimBlanks(args.substr(0, semi));
      // A path's extras: `./libs/x[s3]`.
      if (link.ends_with("]") && !IsUrl(link)) link = link.substr(0, link.rfind('['));
      std::string_view name = NameOfLink(link);
      if (name.empty()) return;  // the project itself (`-e .`): no dependency
      if (constraints) return;   // a constraint on a URL pins no version
      p.name = std::string(name);
      SetSourceOfLink(link, &p);
      p.loc = loc(0);
    } else {
      python::Pep508 req;
      std::string err;
      size_t err_offset = 0;
      if (!python::ParsePep508(args, &req, &err, &err_offset)) {
        diags_->Error(loc(err_offset), "invalid requirement: " + err);
        return;
      }
      if (constraints) {
        std::string pinned = python::PinnedVersion(req.specifier);
        if (!pinned.empty()) {
          constraints_.emplace(python::NormalizePythonName(req.name), std::move(pinned));
        }
        return;
      }
      p.name = std::string(req.name);
      p.loc = loc(req.name_offset);
      if (!req.url.empty()) {
        SetSourceOfLink(req.url, &p);
      } else {
        p.requirement = std::string(req.specifier);
        p.version = python::PinnedVersion(req.specifier);
      }
    }
    if (!python::RoomForPackage(*out_, limits_, p.loc, diags_, &capped_)) return;
    out_->packages.push_back(std::move(p));
  }

  const IncludeReader& include_;
  const LockLimits& limits_;
  util::DiagnosticSink* diags_;
  model::PackageSet* out_;
  bool dev_;
  bool capped_ = false;
  std::vector<std::string> stack_;                  // display paths being read
  std::set<std::pair<std::string, bool>> read_;     // (path, as constraints) already read
  std::map<std::string, std::string> constraints_;  // PEP 503 name → pinned version
};

}  // namespace

bool ReadRequirements(const util::SourceFile& file, const IncludeReader& include,
                      const LockLimits& limits, util::DiagnosticSink* diags,
                      model::PackageSet* out) {
  out->ecosystem = model::Ecosystem::kPyPI;
  out->path = file.path();
  out->format = "requirements.txt";
  out->locked = false;
  RequirementsReader reader(include, limits, diags, out, python::IsDevFileName(file.path()));
  reader.ReadFile(file, false);
  reader.ApplyConstraints();
  return true;
}

}  // namespace fnwarden::load::lockfile
