#include "load/lockfile/lockfile.h"

#include <optional>
#include <string_view>

namespace fnwarden::load::lockfile {
namespace {

struct NamedKind {
  std::string_view name;
  LockKind kind;
};

// Exact names: every tool writes these in this case.
constexpr NamedKind kNames[] = {
    {"package-lock.json", LockKind::kNpmLock},
    {".package-lock.json", LockKind::kNpmLock},  // npm's hidden lockfile in node_modules
    {"npm-shrinkwrap.json", LockKind::kNpmShrinkwrap},
    {"yarn.lock", LockKind::kYarnLock},
    {"pnpm-lock.yaml", LockKind::kPnpmLock},
    {"Pipfile.lock", LockKind::kPipfileLock},
    {"poetry.lock", LockKind::kPoetryLock},
    {"uv.lock", LockKind::kUvLock},
    {"go.mod", LockKind::kGoMod},
    {"go.sum", LockKind::kGoSum},
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::optional<LockKind> KindOfName(std::string_view base_name) {
  // A caller may pass "requirements/prod.txt": the folder names the kind.
  std::string_view folder;
  if (size_t slash = base_name.rfind('/'); slash != std::string_view::npos) {
    folder = base_name.substr(0, slash);
    if (size_t up = folder.rfind('/'); up != std::string_view::npos) folder.remove_prefix(up + 1);
    base_name.remove_prefix(slash + 1);
  }
  for (const NamedKind& n : kNames) {
    if (base_name == n.name) return n.kind;
  }
  // requirements.txt, requirements-dev.txt, requirements_prod.txt,
  // requirements.lock.txt; not requirements.in (unpinned input of pip-compile).
  if (!EndsWith(base_name, ".txt")) return std::nullopt;
  if (folder == "requirements") return LockKind::kRequirements;
  constexpr std::string_view kStem = "requirements";
  if (base_name.size() >= kStem.size() + 4 && base_name.substr(0, kStem.size()) == kStem) {
    std::string_view rest = base_name.substr(kStem.size(), base_name.size() - kStem.size() - 4);
    if (rest.empty() || rest[0] == '-' || rest[0] == '_' || rest[0] == '.') {
      return LockKind::kRequirements;
    }
  }
  return std::nullopt;
}

}  // namespace fnwarden::load::lockfile
