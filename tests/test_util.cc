#include "test_util.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fnwarden::testing {

std::string SourceDir() { return FNWARDEN_SOURCE_DIR; }

std::string SharedDir() {
  std::string dir = FNWARDEN_SHARED_DIR;
  struct stat st;
  if (::stat((dir + "/corpus").c_str(), &st) != 0) return "";
  return dir;
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {

std::string Slurp(int fd) {
  std::string out;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

}  // namespace

CommandResult RunFnwarden(const std::vector<std::string>& args) { return RunFnwardenIn("", args); }

CommandResult RunFnwardenIn(const std::string& dir, const std::vector<std::string>& args) {
  // Temporary files for the two streams keep this simple and deadlock-free.
  char out_name[] = "/tmp/fnwarden-test-out-XXXXXX";
  char err_name[] = "/tmp/fnwarden-test-err-XXXXXX";
  int out_fd = ::mkstemp(out_name);
  int err_fd = ::mkstemp(err_name);
  CommandResult result;
  pid_t pid = ::fork();
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_RDONLY);
    ::dup2(devnull, 0);
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
    if (!dir.empty() && ::chdir(dir.c_str()) != 0) ::_exit(126);
    ::setenv("NO_COLOR", "1", 1);
    // No vulnerability database from the machine's cache: a test passes
    // --osv-db when it wants one.
    ::setenv("FNWARDEN_CACHE_DIR", "/nonexistent/fnwarden-test-cache", 1);
    std::vector<char*> argv;
    std::string binary = FNWARDEN_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  ::lseek(out_fd, 0, SEEK_SET);
  ::lseek(err_fd, 0, SEEK_SET);
  result.out = Slurp(out_fd);
  result.err = Slurp(err_fd);
  ::close(out_fd);
  ::close(err_fd);
  ::unlink(out_name);
  ::unlink(err_name);
  return result;
}

ScratchDir::ScratchDir() {
  char name[] = "/tmp/fnwarden-test-XXXXXX";
  if (::mkdtemp(name) == nullptr) throw std::runtime_error("cannot make a scratch folder");
  path_ = name;
}

ScratchDir::~ScratchDir() { std::filesystem::remove_all(path_); }

void ScratchDir::Write(const std::string& rel, const std::string& text) const {
  std::filesystem::path p = std::filesystem::path(path_) / rel;
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

CommandResult ScratchDir::Run(const std::vector<std::string>& args, const std::string& rel) const {
  std::filesystem::path old = std::filesystem::current_path();
  std::filesystem::current_path(std::filesystem::path(path_) / rel);
  CommandResult r = RunFnwarden(args);
  std::filesystem::current_path(old);
  return r;
}

}  // namespace fnwarden::testing
