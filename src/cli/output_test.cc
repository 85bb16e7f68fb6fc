#include "cli/output.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fnwarden::cli {
namespace {

class AtomicFileTest : public ::testing::Test {
 protected:
  AtomicFileTest() {
    char name[] = "/tmp/fnwarden-output-test-XXXXXX";
    dir_ = ::mkdtemp(name);
  }
  ~AtomicFileTest() override { std::filesystem::remove_all(dir_); }

  std::vector<std::string> Entries() const {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir_)) {
      out.push_back(e.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  std::string Read(const std::string& name) const {
    std::ifstream in(dir_ + "/" + name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  // Runs `body` in a child process; returns the signal that ended it, or 0.
  static int SignalOfChild(void (*body)(const std::string&, TempFile), const std::string& path,
                           TempFile how) {
    pid_t pid = ::fork();
    if (pid == 0) {
      body(path, how);
      ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  }

  std::string dir_;
};

TEST_F(AtomicFileTest, NothingIsNamedBeforeCommit) {
  std::string err;
  {
    AtomicFile f;
    ASSERT_TRUE(f.Open(dir_ + "/report.json", &err)) << err;
    ASSERT_TRUE(f.Write("{}\n", &err)) << err;
    EXPECT_EQ(Entries(), std::vector<std::string>{});
    ASSERT_TRUE(f.Commit(&err)) << err;
  }
  EXPECT_EQ(Entries(), std::vector<std::string>{"report.json"});
  EXPECT_EQ(Read("report.json"), "{}\n");
  // Replacing it, and a link to a regular file, works the same way.
  ASSERT_TRUE(WriteFileAtomically(dir_ + "/report.json", "second\n", &err)) << err;
  EXPECT_EQ(Read("report.json"), "second\n");
  ASSERT_EQ(::symlink("report.json", (dir_ + "/link.json").c_str()), 0);
  ASSERT_TRUE(WriteFileAtomically(dir_ + "/link.json", "third\n", &err)) << err;
  EXPECT_EQ(Read("link.json"), "third\n");
  EXPECT_EQ(Entries(), (std::vector<std::string>{"link.json", "report.json"}));
}

TEST_F(AtomicFileTest, NamedTemporaryFileIsRemovedWhenDiscarded) {
  std::string err;
  {
    AtomicFile f;
    ASSERT_TRUE(f.Open(dir_ + "/report.json", &err, TempFile::kNamed)) << err;
    ASSERT_TRUE(f.Write("partial", &err)) << err;
    ASSERT_FALSE(f.temp_path().empty());
    EXPECT_EQ(Entries().size(), 1u);
    EXPECT_TRUE(Entries()[0].starts_with("report.json.tmp-")) << Entries()[0];
  }
  EXPECT_EQ(Entries(), std::vector<std::string>{});
}

void WriteThenDie(const std::string& path, TempFile how) {
  AtomicFile f;
  std::string err;
  if (!f.Open(path, &err, how) || !f.Write("partial report", &err)) ::_exit(3);
  ::raise(how == TempFile::kNamed ? SIGTERM : SIGKILL);
  ::_exit(4);
}

void WriteThenInterrupt(const std::string& path, TempFile how) {
  AtomicFile f;
  std::string err;
  if (!f.Open(path, &err, how) || !f.Write("partial report", &err)) ::_exit(3);
  ::raise(SIGINT);
  ::_exit(4);
}

// A run killed while writing leaves no temporary file: the unnamed file
// vanishes even on SIGKILL, the named one is removed by the signal handler.
TEST_F(AtomicFileTest, KilledRunLeavesNoTemporaryFile) {
  std::string path = dir_ + "/report.json";
  EXPECT_EQ(SignalOfChild(WriteThenDie, path, TempFile::kUnnamed), SIGKILL);
  EXPECT_EQ(Entries(), std::vector<std::string>{});
  EXPECT_EQ(SignalOfChild(WriteThenDie, path, TempFile::kNamed), SIGTERM);
  EXPECT_EQ(Entries(), std::vector<std::string>{});
  EXPECT_EQ(SignalOfChild(WriteThenInterrupt, path, TempFile::kNamed), SIGINT);
  EXPECT_EQ(Entries(), std::vector<std::string>{});
}

TEST_F(AtomicFileTest, RefusesWhatIsNotARegularFile) {
  ASSERT_EQ(::mkfifo((dir_ + "/fifo").c_str(), 0600), 0);
  ASSERT_EQ(::symlink("fifo", (dir_ + "/link").c_str()), 0);
  std::filesystem::create_directory(dir_ + "/folder");
  int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(sock, 0);
  sockaddr_un addr = {};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s/sock", dir_.c_str());
  ASSERT_EQ(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  for (const auto& [name, why] : std::vector<std::pair<std::string, std::string>>{
           {"fifo", "it is a FIFO, not a regular file"},
           {"link", "it is a link to a FIFO, not a regular file"},
           {"sock", "it is a socket, not a regular file"},
           {"folder", "it is a folder, not a regular file"}}) {
    for (TempFile how : {TempFile::kUnnamed, TempFile::kNamed}) {
      std::string err;
      AtomicFile f;
      EXPECT_FALSE(f.Open(dir_ + "/" + name, &err, how)) << name;
      EXPECT_EQ(err, "cannot write " + dir_ + "/" + name + ": " + why);
    }
  }
  ::close(sock);
  std::string err;
  EXPECT_FALSE(WriteFileAtomically(dir_ + "/no/such/dir/r.txt", "x", &err));
  EXPECT_NE(err.find("No such file or directory"), std::string::npos) << err;
  EXPECT_EQ(Entries(), (std::vector<std::string>{"fifo", "folder", "link", "sock"}));
}

TEST(FindSecretsTest, FindsAndWidensTokens) {
  const std::string key = "AKIA" "Q3EGRVQ2NJ7MZW5P";
  std::string line = "      AWS_KEY: " + key + "  # rotated";
  EXPECT_EQ(FindSecrets(line), (util::ByteRanges{{15, 15 + key.size()}}));
  // A JSON Web Token is hidden whole, not just as far as its pattern needs.
  std::string jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
  line = "{\"token\": \"" + jwt + "\", \"other\": 1}";
  EXPECT_EQ(FindSecrets(line), (util::ByteRanges{{11, 11 + jwt.size()}}));
  // Two secrets on one line.
  line = key + " and postgres://admin:hunter22@db.example.com/app";
  util::ByteRanges two = FindSecrets(line);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0], (std::pair<size_t, size_t>{0, key.size()}));
  EXPECT_EQ(two[1].second, line.size());
  EXPECT_EQ(FindSecrets("Runtime: python3.12"), util::ByteRanges{});
  EXPECT_EQ(FindSecrets("AKIAIOSFODNN7EXAMPLE"), util::ByteRanges{});  // AWS's placeholder
}

}  // namespace
}  // namespace fnwarden::cli
