#include "load/lockfile/npm_internal.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/encoding.h"

namespace fnwarden::load::lockfile::npm {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsGitSpec(std::string_view s) {
  for (std::string_view prefix :
       {"git+", "git:", "git@", "github:", "gitlab:", "bitbucket:", "gist:", "ssh://"}) {
    if (s.starts_with(prefix)) return true;
  }
  return false;
}

bool IsUrl(std::string_view s) { return s.starts_with("http://") || s.starts_with("https://"); }

bool IsPathSpec(std::string_view s) {
  for (std::string_view prefix : {"file:", "link:", "portal:", "./", "../", "/", "~/"}) {
    if (s.starts_with(prefix)) return true;
  }
  return s == "." || s == "..";
}

// A URL of a git host's archive or repository rather than a registry tarball.
bool IsGitUrl(std::string_view url) {
  return url.find("://codeload.github.com/") != std::string_view::npos ||
         url.find(".git#") != std::string_view::npos || EndsWith(url, ".git") ||
         url.find("#commit=") != std::string_view::npos;
}


struct HashAlgorithm {
  std::string_view sri;        // as SRI names it
  std::string_view cyclonedx;  // as CycloneDX names it
  size_t bytes;                // digest length
};

constexpr HashAlgorithm kAlgorithms[] = {
    {"sha1", "SHA-1", 20},
    {"sha256", "SHA-256", 32},
    {"sha384", "SHA-384", 48},
    {"sha512", "SHA-512", 64},
};

}  // namespace

void Reporter::Error(util::Loc loc, std::string message) {
  Add(util::DiagLevel::kError, loc, std::move(message));
}

void Reporter::Warning(util::Loc loc, std::string message) {
  Add(util::DiagLevel::kWarning, loc, std::move(message));
}

void Reporter::Add(util::DiagLevel level, util::Loc loc, std::string message) {
  if (sink_ == nullptr) return;
  if (reported_ > kMaxReported) return;
  if (reported_++ == kMaxReported) {
    level = util::DiagLevel::kWarning;
    message = "more than " + std::to_string(kMaxReported) +
              " problems in this file; the rest are not reported";
  }
  util::Diagnostic d;
  d.level = level;
  d.loc = loc;
  d.path = loc.file ? loc.file->path() : "";
  d.message = std::move(message);
  sink_->Add(std::move(d));
}

syntax::ParseLimits SyntaxLimits(const LockLimits& limits) {
  syntax::ParseLimits out;
  out.max_depth = static_cast<uint32_t>(
      std::clamp<size_t>(2 * limits.max_depth + 16, out.max_depth, 4 * out.max_depth));
  return out;
}

std::string Quoted(std::string_view text) {
  constexpr size_t kMax = 80;
  std::string out;
  if (text.size() <= kMax) {
    syntax::AppendQuoted(text, &out);
    return out;
  }
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  syntax::AppendQuoted(text.substr(0, cut), &out);
  out.insert(out.size() - 1, "...");
  return out;
}

std::string_view ScalarText(const syntax::Node* node) {
  return node != nullptr && node->is_scalar() ? node->scalar : std::string_view();
}

bool IsTrue(const syntax::Node* node) {
  return node != nullptr && node->is_scalar() && node->Type() == syntax::ScalarType::kBool &&
         (node->scalar == "true" || node->scalar == "True" || node->scalar == "TRUE");
}

bool SplitNameAt(std::string_view spec, std::string_view* name, std::string_view* rest) {
  size_t at = spec.size() > 1 ? spec.find('@', 1) : std::string_view::npos;
  if (at == std::string_view::npos) return false;
  *name = spec.substr(0, at);
  *rest = spec.substr(at + 1);
  return true;
}

bool ParseNpmAlias(std::string_view spec, std::string_view* name, std::string_view* range) {
  if (!spec.starts_with("npm:")) return false;
  std::string_view target = spec.substr(4);
  if (!SplitNameAt(target, name, range)) {
    *name = target;
    *range = "";
  }
  return !name->empty();
}

model::PackageSource SourceOfSpec(std::string_view spec) {
  using model::PackageSource;
  if (spec.starts_with("npm:")) return PackageSource::kRegistry;
  if (spec.starts_with("workspace:")) return PackageSource::kWorkspace;
  if (IsPathSpec(spec)) return PackageSource::kFile;
  if (IsGitSpec(spec)) return PackageSource::kGit;
  if (IsUrl(spec)) return IsGitUrl(spec) ? PackageSource::kGit : PackageSource::kUrl;
  // Semver ranges and tags never hold a '/': "user/repo" is GitHub's shorthand.
  if (spec.find('/') != std::string_view::npos) return PackageSource::kGit;
  return PackageSource::kRegistry;
}

model::PackageSource SourceOfResolved(std::string_view resolved) {
  using model::PackageSource;
  if (resolved.empty()) return PackageSource::kRegistry;
  if (IsGitSpec(resolved)) return PackageSource::kGit;
  if (IsPathSpec(resolved)) return PackageSource::kFile;
  if (!IsUrl(resolved)) return PackageSource::kUrl;
  if (IsGitUrl(resolved)) return PackageSource::kGit;
  std::string_view path = resolved.substr(0, resolved.find_first_of("?#"));
  // Registries (npmjs, yarnpkg, Artifactory, Verdaccio, GitHub Packages)
  // serve tarballs at "<registry>/<name>/-/<name>-<version>.tgz".
  if (path.find("/-/") != std::string_view::npos && EndsWith(path, ".tgz")) {
    return PackageSource::kRegistry;
  }
  return PackageSource::kUrl;
}

std::string_view StripPathProtocol(std::string_view spec) {
  for (std::string_view prefix : {"file:", "link:", "portal:"}) {
    if (spec.starts_with(prefix)) return spec.substr(prefix.size());
  }
  return spec;
}


void AppendIntegrity(std::string_view integrity, util::Loc loc, Reporter* report,
                     std::vector<model::PackageHash>* out) {
  std::string digest;
  size_t pos = 0;
  while (pos < integrity.size()) {
    size_t start = integrity.find_first_not_of(" \t\r\n", pos);
    if (start == std::string_view::npos) break;
    size_t end = integrity.find_first_of(" \t\r\n", start);
    if (end == std::string_view::npos) end = integrity.size();
    pos = end;
    std::string_view token = integrity.substr(start, end - start);
    size_t dash = token.find('-');
    std::string_view alg = token.substr(0, dash == std::string_view::npos ? 0 : dash);
    const HashAlgorithm* known = nullptr;
    for (const HashAlgorithm& a : kAlgorithms) {
      if (alg == a.sri) known = &a;
    }
    if (known == nullptr) {
      report->Warning(loc, "integrity " + Quoted(token) +
                               " is not a SHA-1, SHA-256, SHA-384 or SHA-512 digest; ignored");
      continue;
    }
    std::string_view base64 = token.substr(dash + 1);
    base64 = base64.substr(0, base64.find('?'));  // SRI options follow a '?'
    if (!util::DecodeBase64(base64, &digest) || digest.size() != known->bytes) {
      report->Warning(loc, "integrity " + Quoted(token) + " is not a valid " +
                               std::string(known->cyclonedx) + " digest in base64; ignored");
      continue;
    }
    model::PackageHash hash;
    hash.algorithm = known->cyclonedx;
    hash.hex = util::HexLower(digest);
    bool seen = std::any_of(out->begin(), out->end(), [&](const model::PackageHash& h) {
      return h.algorithm == hash.algorithm && h.hex == hash.hex;
    });
    if (!seen) out->push_back(std::move(hash));
  }
}

void AddEdge(model::Package* from, uint32_t to) {
  if (std::find(from->dependencies.begin(), from->dependencies.end(), to) ==
      from->dependencies.end()) {
    from->dependencies.push_back(to);
  }
}

void MarkUnrequiredDirect(const std::vector<bool>& candidates, model::PackageSet* set) {
  std::vector<bool> required(set->packages.size(), false);
  for (size_t i = 0; i < set->packages.size(); ++i) {
    for (uint32_t d : set->packages[i].dependencies) {
      if (d != i && d < required.size()) required[d] = true;
    }
  }
  for (size_t i = 0; i < set->packages.size() && i < candidates.size(); ++i) {
    if (candidates[i] && !required[i]) set->packages[i].direct = true;
  }
}

namespace {

// Every package reachable from `roots` (included), iteratively: the graph
// may have cycles and any depth.
std::vector<bool> Reachable(const std::vector<uint32_t>& roots, const model::PackageSet& set) {
  std::vector<bool> seen(set.packages.size(), false);
  std::vector<uint32_t> stack;
  for (uint32_t r : roots) {
    if (r < seen.size() && !seen[r]) {
      seen[r] = true;
      stack.push_back(r);
    }
  }
  while (!stack.empty()) {
    uint32_t i = stack.back();
    stack.pop_back();
    for (uint32_t d : set.packages[i].dependencies) {
      if (d < seen.size() && !seen[d]) {
        seen[d] = true;
        stack.push_back(d);
      }
    }
  }
  return seen;
}

}  // namespace

void MarkDevByReachability(const std::vector<uint32_t>& prod_roots,
                           const std::vector<uint32_t>& dev_roots, model::PackageSet* set) {
  std::vector<bool> prod = Reachable(prod_roots, *set);
  std::vector<bool> dev = Reachable(dev_roots, *set);
  for (size_t i = 0; i < set->packages.size(); ++i) {
    if (prod[i]) {
      set->packages[i].dev = false;
    } else if (dev[i]) {
      set->packages[i].dev = true;
    }
  }
}

bool RoomForPackage(const LockLimits& limits, util::Loc loc, Reporter* report,
                    const model::PackageSet& set) {
  if (set.packages.size() < limits.max_packages) return true;
  if (!report->too_many_packages_reported) {
    report->too_many_packages_reported = true;
    report->Error(loc, "more than " + std::to_string(limits.max_packages) +
                           " packages; the rest of the file is not read");
  }
  return false;
}

std::string_view BaseName(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace fnwarden::load::lockfile::npm
