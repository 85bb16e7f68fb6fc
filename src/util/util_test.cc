#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "util/diagnostic.h"
#include "util/encoding.h"
#include "util/fs.h"
#include "util/lazy_vector.h"
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

TEST(StringsTest, ContainsIgnoreCase) {
  EXPECT_TRUE(ContainsIgnoreCase("Server=db;PassWord=x", "password"));
  EXPECT_TRUE(ContainsIgnoreCase("pwd", "PWD"));
  EXPECT_FALSE(ContainsIgnoreCase("pw", "pwd"));
  EXPECT_FALSE(ContainsIgnoreCase("passport", "pwd"));
  EXPECT_TRUE(ContainsIgnoreCase("anything", ""));
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

TEST(ThreadPoolTest, ZeroJobsMeansEveryHardwareThread) {
  EXPECT_EQ(Threads(0), std::max(1u, std::thread::hardware_concurrency()));
  EXPECT_EQ(Threads(0), Threads(0));
  EXPECT_EQ(Threads(3), 3u);
}

// Calls that throw do not stop the others; the lowest index's exception
// reaches the caller, as a loop in order would throw it first.
TEST(ThreadPoolTest, RethrowsTheLowestIndexThatThrew) {
  std::vector<std::atomic<int>> seen(1000);
  try {
    ParallelFor(seen.size(), 4, [&](size_t i) {
      seen[i]++;
      if (i == 700 || i == 300) throw std::runtime_error("at " + std::to_string(i));
    });
    ADD_FAILURE() << "nothing thrown";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "at 300");
  }
  for (auto& s : seen) EXPECT_EQ(s.load(), 1);
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

namespace fnwarden::util {
namespace {

TEST(NormalizePathTest, Table) {
  EXPECT_EQ(NormalizePath("a/./b/../c.yaml"), "a/c.yaml");
  EXPECT_EQ(NormalizePath("../a/../../b"), "../../b");
  EXPECT_EQ(NormalizePath("/a/../../b"), "/b");
  EXPECT_EQ(NormalizePath("a/.."), ".");
  EXPECT_EQ(NormalizePath(""), ".");
  EXPECT_EQ(NormalizePath("//a//b/"), "/a/b");
  EXPECT_EQ(NormalizePath("../../b"), "../../b");
  EXPECT_EQ(NormalizePath("/"), "/");
  EXPECT_EQ(NormalizePath("/.."), "/");
  EXPECT_EQ(NormalizePath("."), ".");
}

// NormalizePath returns a path that needs nothing done as it is: checked
// against the rules written out, on every path of up to four components
// among "", ".", "..", "a" and "b", relative and absolute.
TEST(NormalizePathTest, AgreesWithTheRulesOnEveryShortPath) {
  auto reference = [](std::string_view path) {
    bool absolute = path.starts_with('/');
    std::vector<std::string> parts;
    for (std::string_view part : Split(path, '/')) {
      if (part.empty() || part == ".") continue;
      if (part == "..") {
        if (!parts.empty() && parts.back() != "..") {
          parts.pop_back();
          continue;
        }
        if (absolute) continue;
      }
      parts.emplace_back(part);
    }
    std::string out = absolute ? "/" : "";
    for (size_t i = 0; i < parts.size(); ++i) out += (i > 0 ? "/" : "") + parts[i];
    return out.empty() ? std::string(".") : out;
  };
  const std::vector<std::string> components = {"", ".", "..", "a", "b"};
  std::vector<std::string> paths = components, level = components;
  for (int n = 2; n <= 4; ++n) {
    std::vector<std::string> longer;
    for (const std::string& p : level) {
      for (const std::string& c : components) longer.push_back(p + "/" + c);
    }
    paths.insert(paths.end(), longer.begin(), longer.end());
    level = std::move(longer);
  }
  size_t checked = 0;
  for (const std::string& p : paths) {
    for (const std::string& path : {p, "/" + p}) {
      EXPECT_EQ(NormalizePath(path), reference(path)) << path;
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000u);
}

// A tree with links inside and out, a loop and a FIFO.
void AddLinkedTree(MemoryFileSystem* tree) {
  MemoryFileSystem& fs = *tree;
  fs.AddFile("repo/app/template.yaml", "Resources: {}");
  fs.AddFile("repo/shared/child.yaml", "Resources: {}");
  fs.AddFile("home/.aws/credentials", "aws_secret_access_key = hunter2");
  fs.AddSymlink("repo/app/shared", "../shared");                        // stays inside
  fs.AddSymlink("repo/app/creds.yaml", "../../home/.aws/credentials");  // leaves
  fs.AddSymlink("repo/app/etc", "/etc");                                // absolute, leaves
  fs.AddSymlink("repo/app/loop", "loop");
  fs.AddSymlink("repo/app/gone.yaml", "missing.yaml");
  fs.AddSpecial("repo/app/pipe.yaml");
}

TEST(MemoryFileSystemTest, ResolvesLinksLikeTheDisk) {
  MemoryFileSystem fs;
  AddLinkedTree(&fs);
  std::string real, err;
  ASSERT_TRUE(fs.RealPath("repo/app/shared/child.yaml", &real, &err)) << err;
  EXPECT_EQ(real, "repo/shared/child.yaml");
  ASSERT_TRUE(fs.RealPath("repo/app/creds.yaml", &real, &err)) << err;
  EXPECT_EQ(real, "home/.aws/credentials");
  EXPECT_FALSE(fs.RealPath("repo/app/loop", &real, &err));
  EXPECT_EQ(err, "Too many levels of symbolic links");
  EXPECT_FALSE(fs.RealPath("repo/app/gone.yaml", &real, &err));
  EXPECT_EQ(err, "No such file or directory");
  EXPECT_EQ(fs.Stat("repo/app/shared", nullptr), EntryKind::kDirectory);
  EXPECT_EQ(fs.Stat("repo/app/pipe.yaml", nullptr), EntryKind::kOther);
  EXPECT_EQ(fs.Stat("repo/app/loop", nullptr), EntryKind::kMissing);
  EXPECT_EQ(fs.Identity("repo/app/shared"), fs.Identity("repo/shared"));

  std::vector<DirEntry> entries;
  ASSERT_TRUE(fs.ListDir("repo/app", &entries, &err));
  std::vector<std::string> listed;
  for (const DirEntry& e : entries) {
    listed.push_back(e.name + (e.kind == EntryKind::kSymlink ? "@"
                               : e.kind == EntryKind::kOther ? "|"
                                                             : ""));
  }
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(listed, (std::vector<std::string>{"creds.yaml@", "etc@", "gone.yaml@", "loop@",
                                              "pipe.yaml|", "shared@", "template.yaml"}));
  entries.clear();
  ASSERT_TRUE(fs.ListDir("repo/app/shared", &entries, &err));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].name, "child.yaml");

  std::string contents;
  EXPECT_EQ(fs.Read("repo/app/pipe.yaml", {100}, &contents, nullptr, &err),
            ReadStatus::kNotRegular);
  EXPECT_EQ(err, "not a regular file");
  EXPECT_EQ(
      fs.Read("repo/app/creds.yaml", {100, /*follow_final_link=*/false}, &contents, nullptr, &err),
      ReadStatus::kFailed);
  EXPECT_EQ(contents, "");
  uint64_t size = 0;
  EXPECT_EQ(fs.Read("repo/app/template.yaml", {5}, &contents, &size, &err), ReadStatus::kTooLarge);
  EXPECT_EQ(size, 13u);
}

TEST(ScanRootsTest, PathsInsideAfterLinksAreResolved) {
  MemoryFileSystem fs;
  AddLinkedTree(&fs);
  ScanRoots roots(fs, {"repo/app/", "repo/missing"}, /*follow_links=*/false);
  struct Case {
    const char* path;
    const char* real;  // "" when refused
    const char* err;
  } cases[] = {
      {"repo/app/template.yaml", "repo/app/template.yaml", ""},
      {"repo/app/./template.yaml", "repo/app/template.yaml", ""},
      {"repo/app/x/../template.yaml", "", "No such file or directory"},  // as realpath(3)
      {"repo/app/shared/child.yaml", "", "outside the scanned folders"},  // "repo/shared"
      {"repo/app/creds.yaml", "", "outside the scanned folders"},
      {"repo/app/../../home/.aws/credentials", "", "outside the scanned folders"},
      {"repo/app/etc/passwd", "", "No such file or directory"},  // not in this tree
      {"repo/app/gone.yaml", "", "No such file or directory"},
      {"repo/app/loop", "", "Too many levels of symbolic links"},
      {"repo/missing", "", "No such file or directory"},
  };
  for (const Case& c : cases) {
    std::string real, err;
    bool ok = ResolveInsideRoots(fs, roots, c.path, &real, &err);
    EXPECT_EQ(ok, *c.real != '\0') << c.path;
    EXPECT_EQ(real, c.real) << c.path;
    EXPECT_EQ(err, c.err) << c.path;
  }
  EXPECT_TRUE(roots.Contains("repo/app"));
  EXPECT_FALSE(roots.Contains("repo/apps/x"));  // a sibling with a longer name
  EXPECT_FALSE(roots.Contains("repo"));
}

TEST(ScanRootsTest, AFileRootHoldsTheFolderItLiesIn) {
  MemoryFileSystem fs;
  AddLinkedTree(&fs);
  fs.AddSymlink("repo/app/alias.yaml", "../shared/child.yaml");
  ScanRoots roots(fs, {"repo/app/template.yaml"}, false);
  EXPECT_TRUE(roots.Contains("repo/app/template.yaml"));
  EXPECT_TRUE(roots.Contains("repo/app/src"));
  EXPECT_FALSE(roots.Contains("repo/shared/child.yaml"));
  EXPECT_FALSE(roots.Contains("repo"));
  // A link is a root by the folder it lies in, not its target's.
  ScanRoots by_link(fs, {"repo/app/alias.yaml"}, false);
  EXPECT_TRUE(by_link.Contains("repo/app/template.yaml"));
  EXPECT_FALSE(by_link.Contains("repo/shared/child.yaml"));
  EXPECT_FALSE(ScanRoots().Contains("repo/app/template.yaml"));
}

TEST(ScanRootsTest, FollowingLinksStillRefusesPathsThatClimbOut) {
  MemoryFileSystem fs;
  AddLinkedTree(&fs);
  ScanRoots roots(fs, {"repo/app"}, /*follow_links=*/true);
  std::string real, err;
  EXPECT_TRUE(ResolveInsideRoots(fs, roots, "repo/app/creds.yaml", &real, &err)) << err;
  EXPECT_EQ(real, "home/.aws/credentials");
  EXPECT_TRUE(ResolveInsideRoots(fs, roots, "repo/app/shared/child.yaml", &real, &err)) << err;
  EXPECT_FALSE(ResolveInsideRoots(fs, roots, "repo/app/../shared/child.yaml", &real, &err));
  EXPECT_EQ(err, "outside the scanned folders");
}

TEST(FolderIndexTest, ResolvesBelowAListedFolderAsRealPathDoes) {
  MemoryFileSystem fs;
  AddLinkedTree(&fs);
  FolderIndex index;
  index.Add("repo/./app", "repo/app");
  for (const char* path : {"repo/app/template.yaml", "repo/app/shared/child.yaml",
                           "repo/app/creds.yaml", "repo/app/loop", "repo/app/gone.yaml",
                           "repo/app", "repo/shared/child.yaml"}) {
    std::string want, got, want_err, got_err;
    bool want_ok = fs.RealPath(path, &want, &want_err);
    EXPECT_EQ(index.RealPath(fs, path, &got, &got_err), want_ok) << path;
    EXPECT_EQ(got, want) << path;
    EXPECT_EQ(got_err, want_err) << path;
  }
  // With the folder's entries, the same answers.
  FolderIndex listed;
  for (const char* folder : {"repo/app", "repo/shared"}) {
    std::vector<DirEntry> entries;
    std::string real, err;
    ASSERT_TRUE(fs.ListDir(folder, &entries, &err)) << err;
    ASSERT_TRUE(fs.RealPath(folder, &real, &err)) << err;
    listed.Add(folder, real, entries);
  }
  for (const char* path : {"repo/app/template.yaml", "repo/app/shared/child.yaml",
                           "repo/app/creds.yaml", "repo/app/loop", "repo/app/gone.yaml",
                           "repo/app/gone/deeper.yaml", "repo/app/pipe.yaml", "repo/app",
                           "repo/shared/child.yaml",
                           "repo/app/../shared/child.yaml"}) {
    std::string want, got, want_err, got_err;
    bool want_ok = fs.RealPath(path, &want, &want_err);
    EXPECT_EQ(listed.RealPath(fs, path, &got, &got_err), want_ok) << path;
    EXPECT_EQ(got, want) << path;
    EXPECT_EQ(got_err, want_err) << path;
  }
  std::vector<DirEntry> entries, listed_entries;
  std::string list_err;
  ASSERT_TRUE(fs.ListDir("repo/app", &entries, &list_err)) << list_err;
  ASSERT_TRUE(listed.Entries("repo/./app", &listed_entries));
  std::sort(entries.begin(), entries.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  ASSERT_EQ(listed_entries.size(), entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(listed_entries[i].name, entries[i].name);
    EXPECT_EQ(listed_entries[i].kind, entries[i].kind) << entries[i].name;
  }
  EXPECT_FALSE(listed.Entries("repo", &listed_entries));  // not walked
  EXPECT_FALSE(index.Entries("repo/app", &listed_entries));  // walked without its entries
  // A name the folder did not hold when it was listed is missing without
  // asking the file system again: the walk's view stands.
  fs.AddFile("repo/app/late.yaml", "x");
  std::string late, late_err;
  EXPECT_FALSE(listed.RealPath(fs, "repo/app/late.yaml", &late, &late_err));
  EXPECT_EQ(late_err, "No such file or directory");
  // The listed folder's canonical path is taken as it is, not resolved again.
  FolderIndex moved;
  moved.Add("repo/app", "/mnt/app");
  std::string real, err;
  EXPECT_FALSE(moved.RealPath(fs, "repo/app/template.yaml", &real, &err));  // no /mnt/app here
  fs.AddFile("/mnt/app/template.yaml", "x");
  EXPECT_TRUE(moved.RealPath(fs, "repo/app/template.yaml", &real, &err)) << err;
  EXPECT_EQ(real, "/mnt/app/template.yaml");
}

// The real disk: links, FIFOs, devices.
class DiskFileSystemTrust : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/fnwarden-fs-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    std::filesystem::create_directories(dir_ + "/root/app");
    std::filesystem::create_directories(dir_ + "/outside");
    std::FILE* f = std::fopen((dir_ + "/outside/credentials").c_str(), "w");
    std::fputs("secret", f);
    std::fclose(f);
    f = std::fopen((dir_ + "/root/app/template.yaml").c_str(), "w");
    std::fputs("Resources: {}", f);
    std::fclose(f);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(DiskFileSystemTrust, AFifoIsRefusedWithoutBlocking) {
  std::string fifo = dir_ + "/root/app/pipe.yaml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  DiskFileSystem fs;
  // A hang guard, not a timing assertion: opening a FIFO for reading blocks
  // until a writer comes, which for a scan means forever.
  auto read = std::async(std::launch::async, [&] {
    std::string contents, err;
    ReadStatus status = fs.Read(fifo, {1 << 20}, &contents, nullptr, &err);
    return std::make_pair(status, err);
  });
  if (read.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
    // Unblock the reader so that the test can end.
    int w = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    if (w >= 0) ::close(w);
    FAIL() << "reading a FIFO blocked";
  }
  auto [status, err] = read.get();
  EXPECT_EQ(status, ReadStatus::kNotRegular);
  EXPECT_EQ(err, "not a regular file");

  std::string contents;
  struct stat st;
  if (::stat("/dev/zero", &st) == 0 && S_ISCHR(st.st_mode)) {  // endless if it were read
    EXPECT_EQ(fs.Read("/dev/zero", {10}, &contents, nullptr, &err), ReadStatus::kNotRegular);
  }
  EXPECT_EQ(fs.Read(dir_ + "/root", {10}, &contents, nullptr, &err), ReadStatus::kNotRegular);
}

// A listing names each entry once with its own kind (a link as a link,
// whatever it points to), and its identity is the folder's, whichever path
// reached it.
TEST_F(DiskFileSystemTrust, ListsAFolderWithItsIdentity) {
  std::string app = dir_ + "/root/app";
  std::filesystem::create_directories(app + "/src");
  ASSERT_EQ(::mkfifo((app + "/pipe").c_str(), 0644), 0);
  ASSERT_EQ(::symlink("../../outside", (app + "/out").c_str()), 0);
  ASSERT_EQ(::symlink("..", (dir_ + "/root/app/src/up").c_str()), 0);
  DiskFileSystem fs;
  std::vector<DirEntry> entries;
  std::string identity, err;
  ASSERT_TRUE(fs.ListDirWithIdentity(app, &entries, &identity, &err)) << err;
  std::sort(entries.begin(), entries.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  std::vector<std::pair<std::string, EntryKind>> got;
  for (const DirEntry& e : entries) got.emplace_back(e.name, e.kind);
  EXPECT_EQ(got,
            (std::vector<std::pair<std::string, EntryKind>>{{"out", EntryKind::kSymlink},
                                                            {"pipe", EntryKind::kOther},
                                                            {"src", EntryKind::kDirectory},
                                                            {"template.yaml", EntryKind::kFile}}));
  EXPECT_FALSE(identity.empty());
  EXPECT_EQ(identity, fs.Identity(app));
  std::vector<DirEntry> again;
  std::string through_link;
  ASSERT_TRUE(fs.ListDirWithIdentity(app + "/src/up", &again, &through_link, &err)) << err;
  EXPECT_EQ(through_link, identity);
  EXPECT_EQ(again.size(), entries.size());
  std::vector<DirEntry> plain;
  ASSERT_TRUE(fs.ListDir(app, &plain, &err)) << err;
  EXPECT_EQ(plain.size(), entries.size());

  // A file, a FIFO and a missing path are no folders: refused, without
  // blocking on the FIFO.
  for (const std::string& path : {app + "/template.yaml", app + "/pipe", app + "/gone"}) {
    std::vector<DirEntry> none;
    err.clear();
    EXPECT_FALSE(fs.ListDirWithIdentity(path, &none, &identity, &err)) << path;
    EXPECT_FALSE(err.empty()) << path;
    EXPECT_TRUE(none.empty()) << path;
  }
}

TEST_F(DiskFileSystemTrust, FinalLinksAndRoots) {
  std::string link = dir_ + "/root/app/creds.yaml";
  ASSERT_EQ(::symlink("../../outside/credentials", link.c_str()), 0);
  DiskFileSystem fs;
  std::string contents, err;
  EXPECT_EQ(fs.Read(link, {100, /*follow_final_link=*/false}, &contents, nullptr, &err),
            ReadStatus::kFailed);
  EXPECT_EQ(err, "a symbolic link where a regular file was listed; not followed");
  EXPECT_EQ(contents, "");
  EXPECT_EQ(fs.Read(link, {100}, &contents, nullptr, &err), ReadStatus::kOk);  // the default

  ScanRoots roots(fs, {dir_ + "/root/./app/.."}, false);
  std::string real;
  EXPECT_FALSE(ResolveInsideRoots(fs, roots, link, &real, &err));
  EXPECT_EQ(err, "outside the scanned folders");
  ASSERT_TRUE(ResolveInsideRoots(fs, roots, dir_ + "/root/app/../app/template.yaml", &real, &err))
      << err;
  std::string canonical_dir;
  ASSERT_TRUE(fs.RealPath(dir_, &canonical_dir, &err));
  EXPECT_EQ(real, canonical_dir + "/root/app/template.yaml");
  EXPECT_FALSE(fs.RealPath(dir_ + "/nope", &real, &err));
  EXPECT_EQ(err, "No such file or directory");
}

TEST(EncodingTest, DecodesEveryUnicodeFormWithAMark) {
  // "Type: AWS::S3::Bucket é €😀\n" in each encoding.
  std::u32string text = U"Type: AWS::S3::Bucket \u00e9 \u20ac\U0001F600\n";
  std::string utf8;
  for (char32_t c : text) AppendUtf8(c, &utf8);
  auto encode = [&](int width, bool little) {
    std::string out;
    auto put = [&](uint32_t unit) {
      for (int i = 0; i < width; ++i) {
        int shift = little ? 8 * i : 8 * (width - 1 - i);
        out += static_cast<char>((unit >> shift) & 0xFF);
      }
    };
    put(0xFEFF);
    for (char32_t c : text) {
      if (width == 2 && c >= 0x10000) {
        put(0xD800 + ((c - 0x10000) >> 10));
        put(0xDC00 + ((c - 0x10000) & 0x3FF));
      } else {
        put(c);
      }
    }
    return out;
  };
  struct Case {
    const char* name;
    int width;
    bool little;
    TextEncoding encoding;
  } cases[] = {{"UTF-16LE", 2, true, TextEncoding::kUtf16Le},
               {"UTF-16BE", 2, false, TextEncoding::kUtf16Be},
               {"UTF-32LE", 4, true, TextEncoding::kUtf32Le},
               {"UTF-32BE", 4, false, TextEncoding::kUtf32Be}};
  for (const Case& c : cases) {
    std::string bytes = encode(c.width, c.little);
    EXPECT_EQ(DetectEncoding(bytes), c.encoding) << c.name;
    EXPECT_EQ(EncodingName(c.encoding), c.name);
    std::string err;
    EXPECT_TRUE(DecodeToUtf8(&bytes, &err)) << c.name << ": " << err;
    EXPECT_EQ(bytes, utf8) << c.name;
  }
  std::string plain = "Resources: {}\n\xff";  // UTF-8, even invalid, is left to the parser
  std::string err;
  EXPECT_EQ(DetectEncoding(plain), TextEncoding::kUtf8);
  EXPECT_TRUE(DecodeToUtf8(&plain, &err));
  EXPECT_EQ(plain, "Resources: {}\n\xff");
}

TEST(EncodingTest, BadInputIsAPreciseError) {
  using namespace std::string_literals;
  struct Case {
    const char* name;
    std::string bytes;
    const char* err;
    const char* decoded;  // what came before the error
  } cases[] = {
      {"odd length", "\xFF\xFEO\0K\0!"s,
       "invalid UTF-16 at byte 6: the file ends in the middle of a character", "OK"},
      {"lone high surrogate", "\xFF\xFEO\0\x3D\xD8K\0"s,
       "invalid UTF-16 at byte 4: a high surrogate without its low surrogate", "O"},
      {"high surrogate at the end", "\xFE\xFF\0O\xD8\x3D"s,
       "invalid UTF-16 at byte 4: a high surrogate without its low surrogate", "O"},
      {"lone low surrogate", "\xFE\xFF\0O\xDC\0"s,
       "invalid UTF-16 at byte 4: a low surrogate without its high surrogate", "O"},
      {"above U+10FFFF", "\xFF\xFE\0\0O\0\0\0\0\0\x11\0"s,
       "invalid UTF-32 at byte 8: a code point above U+10FFFF", "O"},
      {"surrogate in UTF-32", "\0\0\xFE\xFF\0\0\xD8\0"s,
       "invalid UTF-32 at byte 4: a surrogate code point", ""},
      {"UTF-32 cut short", "\0\0\xFE\xFF\0\0\0O\0\0"s,
       "invalid UTF-32 at byte 8: the file ends in the middle of a character", "O"},
  };
  for (Case& c : cases) {
    std::string err;
    EXPECT_FALSE(DecodeToUtf8(&c.bytes, &err)) << c.name;
    EXPECT_EQ(err, c.err) << c.name;
    EXPECT_EQ(c.bytes, c.decoded) << c.name;
  }
}

}  // namespace
}  // namespace fnwarden::util

namespace fnwarden::util {
namespace {

TEST(LazyVectorTest, ActsAsTheVectorItWraps) {
  LazyVector<std::string> v;
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(v.begin(), v.end());
  EXPECT_TRUE(v.vec().empty());
  // Erasing or inserting nothing into an empty one leaves it empty.
  v.erase(v.begin(), v.end());
  std::vector<std::string> none;
  v.insert(v.end(), none.begin(), none.end());
  EXPECT_TRUE(v.empty());

  std::vector<std::string> more = {"b", "c"};
  v.insert(v.end(), more.begin(), more.end());
  v.insert(v.begin(), std::string("a"));
  v.push_back("d");
  EXPECT_EQ(v.emplace_back("e"), "e");
  EXPECT_EQ(v, (std::vector<std::string>{"a", "b", "c", "d", "e"}));
  EXPECT_EQ(v.size(), 5u);
  EXPECT_EQ(v.front(), "a");
  EXPECT_EQ(v.back(), "e");
  EXPECT_EQ(v[2], "c");

  // Copies are deep; a moved-from one is empty.
  LazyVector<std::string> copy = v;
  copy[0] = "z";
  EXPECT_EQ(v[0], "a");
  LazyVector<std::string> moved = std::move(copy);
  EXPECT_EQ(moved.size(), 5u);
  copy = v;
  EXPECT_EQ(copy, v);
  copy = LazyVector<std::string>();
  EXPECT_TRUE(copy.empty());

  v.erase(v.begin() + 1, v.begin() + 3);
  v.erase(v.begin());
  EXPECT_EQ(v, (std::vector<std::string>{"d", "e"}));
  const std::vector<std::string>& as_vector = v;
  EXPECT_EQ(as_vector.size(), 2u);
  v.clear();
  EXPECT_TRUE(v.empty());
  v = std::vector<std::string>{};
  EXPECT_TRUE(v.empty());
  v = {"x"};
  EXPECT_EQ(v.size(), 1u);
}

TEST(LazyVectorTest, HoldsBools) {
  LazyVector<bool> v;
  v.push_back(true);
  v.insert(v.begin(), false);
  EXPECT_EQ(v, (std::vector<bool>{false, true}));
  EXPECT_EQ(std::count(v.begin(), v.end(), true), 1);
}

}  // namespace
}  // namespace fnwarden::util
