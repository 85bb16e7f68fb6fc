#include <gtest/gtest.h>

#include <atomic>

#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/source.h"
#include "util/strings.h"
#include "util/thread_pool.h"

namespace fnwarden::util {
namespace {

TEST(SourceFileTest, PositionsAndLines) {
  SourceFile f("t.yaml", "ab\r\ncd\nef\rgh");
  EXPECT_EQ(f.line_count(), 4u);
  EXPECT_EQ(f.Position(0).line, 1u);
  EXPECT_EQ(f.Position(4).line, 2u);
  EXPECT_EQ(f.Position(5).col, 2u);
  EXPECT_EQ(f.Position(11).line, 4u);  // after a lone CR
  EXPECT_EQ(f.Line(1), "ab");
  EXPECT_EQ(f.Line(3), "ef");
  EXPECT_EQ(f.Line(4), "gh");
  EXPECT_EQ(f.Line(5), "");
  EXPECT_EQ(f.Position(1000).line, 4u);
}

TEST(DiagnosticTest, RenderPointsAtTheColumn) {
  SourceFile f("dir/t.yaml", "Resources:\n  Fn: [a, b\n");
  Diagnostic d{DiagLevel::kError, Loc{&f, 2, 7}, "", "expected ']'"};
  d.path = f.path();
  EXPECT_EQ(Render(d), "dir/t.yaml:2:7: error: expected ']'\n    Fn: [a, b\n        ^\n");
  Diagnostic whole{DiagLevel::kWarning, Loc{}, "big.json", "file is larger than 10 bytes"};
  EXPECT_EQ(Render(whole), "big.json: warning: file is larger than 10 bytes\n");
}

TEST(DiagnosticTest, SinkSortsAndCountsErrors) {
  SourceFile f("b.yaml", "x\ny\n");
  DiagnosticSink sink;
  sink.Warning(Loc{&f, 2, 1}, "second");
  EXPECT_FALSE(sink.has_errors());
  sink.Error(Loc{&f, 1, 1}, "first");
  sink.FileError("a.yaml", "cannot read: Permission denied");
  EXPECT_TRUE(sink.has_errors());
  auto sorted = sink.Sorted();
  ASSERT_EQ(sorted.size(), 3u);
  EXPECT_EQ(sorted[0].path, "a.yaml");
  EXPECT_EQ(sorted[1].message, "first");
  EXPECT_EQ(sorted[2].message, "second");
}

TEST(StringsTest, WildcardMatch) {
  EXPECT_TRUE(WildcardMatch("s3:Get*", "s3:GetObject", false));
  EXPECT_FALSE(WildcardMatch("s3:Get*", "s3:getobject", false));
  EXPECT_TRUE(WildcardMatch("s3:Get*", "s3:getobject", true));
  EXPECT_TRUE(WildcardMatch("*", "", false));
  EXPECT_TRUE(WildcardMatch("a?c", "abc", false));
  EXPECT_FALSE(WildcardMatch("a?c", "ac", false));
  EXPECT_TRUE(WildcardMatch("*:*Object*", "s3:PutObjectAcl", false));
  EXPECT_FALSE(WildcardMatch("iam:*", "s3:GetObject", true));
  EXPECT_TRUE(WildcardMatch("arn:aws:s3:::b/*", "arn:aws:s3:::b/k/x", false));
}

TEST(StringsTest, DidYouMean) {
  std::vector<std::string> commands = {"scan", "rules", "explain", "version"};
  EXPECT_EQ(ClosestMatch("scna", commands), "scan");
  EXPECT_EQ(ClosestMatch("expalin", commands), "explain");
  EXPECT_EQ(ClosestMatch("zzzzzz", commands), "");
  EXPECT_EQ(EditDistance("FNW-CFG-003", "FNW-CFG-030", 5), 1u);  // one transposition
  EXPECT_EQ(EditDistance("FNW-CFG-003", "FNW-CFG-013", 5), 1u);
  EXPECT_EQ(EditDistance("kitten", "sitting", 5), 3u);
  EXPECT_EQ(EditDistance("abc", "abcdefgh", 2), 3u);  // capped
}

TEST(StringsTest, StableHashIsStable) {
  EXPECT_EQ(StableHash(""), "cbf29ce484222325");
  EXPECT_EQ(StableHash("a"), "af63dc4c8601ec8c");
  EXPECT_NE(StableHash("ab"), StableHash("ba"));
}

TEST(StringsTest, SplitAndJoin) {
  auto parts = Split("a,,b", ',');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(Join({"x", "y"}, ", "), "x, y");
  EXPECT_EQ(ToLower("AbC"), "abc");
  EXPECT_TRUE(EqualsIgnoreCase("Fnw-cfg-001", "FNW-CFG-001"));
}

TEST(MemoryFileSystemTest, ListsReadsAndFails) {
  MemoryFileSystem fs;
  fs.AddFile("app/template.yaml", "Resources: {}");
  fs.AddFile("app/src/handler.py", "def h(e, c): pass");
  fs.AddUnreadable("app/secret.yaml", "Permission denied");
  EXPECT_EQ(fs.Stat("app", nullptr), EntryKind::kDirectory);
  uint64_t size = 0;
  EXPECT_EQ(fs.Stat("app/template.yaml", &size), EntryKind::kFile);
  EXPECT_EQ(size, 13u);
  std::vector<DirEntry> entries;
  std::string err;
  ASSERT_TRUE(fs.ListDir("app", &entries, &err));
  ASSERT_EQ(entries.size(), 3u);
  std::string contents;
  EXPECT_FALSE(fs.ReadFile("app/secret.yaml", 100, &contents, &err));
  EXPECT_EQ(err, "Permission denied");
  EXPECT_FALSE(fs.ReadFile("app/template.yaml", 5, &contents, &err));
  EXPECT_EQ(err, "file is larger than 5 bytes");
  EXPECT_EQ(fs.reads().size(), 2u);
}

TEST(DiskFileSystemTest, ReadsThisFile) {
  DiskFileSystem fs;
  std::string contents, err;
  ASSERT_TRUE(fs.ReadFile(FNWARDEN_SOURCE_DIR "/src/util/util_test.cc", 1 << 20, &contents, &err))
      << err;
  EXPECT_NE(contents.find("DiskFileSystemTest"), std::string::npos);
  EXPECT_FALSE(fs.ReadFile("/nonexistent/fnwarden", 10, &contents, &err));
  EXPECT_EQ(fs.Stat("/nonexistent/fnwarden", nullptr), EntryKind::kMissing);
  EXPECT_FALSE(fs.Identity("/").empty());
}

TEST(ThreadPoolTest, VisitsEveryIndexOnce) {
  std::vector<std::atomic<int>> seen(1000);
  ParallelFor(seen.size(), 4, [&](size_t i) { seen[i]++; });
  for (auto& s : seen) EXPECT_EQ(s.load(), 1);
  int calls = 0;
  ParallelFor(0, 4, [&](size_t) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(TaskGroupTest, RunsEveryTaskOnceWhileMoreAreAdded) {
  for (unsigned jobs : {1u, 2u, 4u}) {
    std::vector<std::atomic<int>> seen(500);
    TaskGroup group(jobs);
    for (size_t i = 0; i < seen.size(); ++i) group.Run([&seen, i] { seen[i]++; });
    group.Wait();
    for (auto& s : seen) EXPECT_EQ(s.load(), 1) << jobs << " jobs";
    group.Wait();  // a second wait has nothing left to do
  }
}

TEST(TaskGroupTest, OneJobRunsEachTaskAtOnce) {
  TaskGroup group(1);
  int done = 0;
  group.Run([&] { ++done; });
  EXPECT_EQ(done, 1);
}

TEST(TaskGroupTest, DestructorWaitsForTasks) {
  std::atomic<int> done{0};
  {
    TaskGroup group(3);
    for (int i = 0; i < 100; ++i) group.Run([&] { done++; });
  }
  EXPECT_EQ(done.load(), 100);
}

}  // namespace
}  // namespace fnwarden::util

namespace fnwarden::util {
namespace {

TEST(MemoryFileSystemTest, ReadsFromManyThreads) {
  MemoryFileSystem fs;
  for (int i = 0; i < 64; ++i) fs.AddFile("d/f" + std::to_string(i), "x");
  ParallelFor(64 * 20, 4, [&](size_t i) {
    std::string contents, err;
    EXPECT_TRUE(fs.ReadFile("d/f" + std::to_string(i % 64), 10, &contents, &err));
  });
  EXPECT_EQ(fs.reads().size(), 64u * 20u);
}

TEST(PathGlobMatch, Table) {
  struct Case {
    const char* pattern;
    const char* path;
    bool match;
  } cases[] = {
      {"template.yaml", "template.yaml", true},
      {"template.yaml", "app/template.yaml", true},  // no '/': also the base name
      {"app/template.yaml", "template.yaml", false},
      {"*.yaml", "a/b/c.yaml", true},
      {"app/*.yaml", "app/t.yaml", true},
      {"app/*.yaml", "app/sub/t.yaml", false},
      {"app/**.yaml", "app/sub/t.yaml", true},
      {"app/**/t.yaml", "app/x/y/t.yaml", true},
      {"app/", "app/x/y/t.yaml", true},
      {"app/", "apps/t.yaml", false},
      {"t?.yaml", "t1.yaml", true},
      {"t?.yaml", "t12.yaml", false},
      {"", "t.yaml", false},
      {"**", "anything/at/all", true},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PathGlobMatch(c.pattern, c.path), c.match) << c.pattern << " vs " << c.path;
  }
}

TEST(PathGlobMatch, ManyStarsStayFast) {
  std::string pattern(200, '*');
  pattern += "x";
  EXPECT_FALSE(PathGlobMatch(pattern, std::string(5000, 'a')));
}

}  // namespace
}  // namespace fnwarden::util
