#include "load/lockfile/lockfile.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace fnwarden::load::lockfile {
namespace {

TEST(LockfileTest, KindOfName) {
  struct Case {
    const char* name;
    std::optional<LockKind> kind;
  };
  const Case cases[] = {
      {"package-lock.json", LockKind::kNpmLock},
      {".package-lock.json", LockKind::kNpmLock},
      {"npm-shrinkwrap.json", LockKind::kNpmShrinkwrap},
      {"yarn.lock", LockKind::kYarnLock},
      {"pnpm-lock.yaml", LockKind::kPnpmLock},
      {"requirements.txt", LockKind::kRequirements},
      {"requirements-prod.txt", LockKind::kRequirements},
      {"requirements_dev.txt", LockKind::kRequirements},
      {"requirements.lock.txt", LockKind::kRequirements},
      {"requirements/prod.txt", LockKind::kRequirements},
      {"app/requirements/base.txt", LockKind::kRequirements},
      {"Pipfile.lock", LockKind::kPipfileLock},
      {"poetry.lock", LockKind::kPoetryLock},
      {"uv.lock", LockKind::kUvLock},
      {"go.mod", LockKind::kGoMod},
      {"go.sum", LockKind::kGoSum},
      {"src/package-lock.json", LockKind::kNpmLock},
      // Near misses.
      {"requirements.in", std::nullopt},
      {"requirementsfoo.txt", std::nullopt},
      {"requirements", std::nullopt},
      {"dev-requirements.txt", std::nullopt},
      {"Package-Lock.json", std::nullopt},
      {"package.json", std::nullopt},
      {"pnpm-lock.yml", std::nullopt},
      {"yarn.lock.bak", std::nullopt},
      {"Pipfile", std::nullopt},
      {"notes/prod.txt", std::nullopt},
      {"", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(KindOfName(c.name), c.kind) << c.name;
  }
}

}  // namespace
}  // namespace fnwarden::load::lockfile
