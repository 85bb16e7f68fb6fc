#include "cli/output.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "analysis/secrets.h"

namespace fnwarden::cli {
namespace {

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// The named temporary file that a signal must not leave behind. Written
// only with the signals below blocked, read by the handler.
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
char g_cleanup_path[4096];
volatile sig_atomic_t g_cleanup_armed = 0;
struct sigaction g_previous[std::size(kSignals)];

void RemoveTempFileAndDie(int sig) {
  if (g_cleanup_armed) ::unlink(g_cleanup_path);
  g_cleanup_armed = 0;
  ::signal(sig, SIG_DFL);
  ::raise(sig);  // delivered when the handler returns: the default action
}

// Blocks kSignals for its lifetime, so that a file and its cleanup entry
// appear together.
class SignalsBlocked {
 public:
  SignalsBlocked() {
    sigset_t set;
    sigemptyset(&set);
    for (int s : kSignals) sigaddset(&set, s);
    ::sigprocmask(SIG_BLOCK, &set, &old_);
  }
  ~SignalsBlocked() { ::sigprocmask(SIG_SETMASK, &old_, nullptr); }

 private:
  sigset_t old_;
};

// Call with the signals blocked and `path` created in g_cleanup_path.
void ArmCleanup() {
  struct sigaction action = {};
  action.sa_handler = RemoveTempFileAndDie;
  sigemptyset(&action.sa_mask);
  for (size_t i = 0; i < std::size(kSignals); ++i) {
    ::sigaction(kSignals[i], &action, &g_previous[i]);
  }
  g_cleanup_armed = 1;
}

void DisarmCleanup() {
  if (!g_cleanup_armed) return;
  SignalsBlocked blocked;
  g_cleanup_armed = 0;
  for (size_t i = 0; i < std::size(kSignals); ++i) {
    ::sigaction(kSignals[i], &g_previous[i], nullptr);
  }
}

const char* KindOf(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISDIR(mode)) return "a folder";
  return "not a regular file";
}

// Empty when `path` is missing, a regular file or a link to one (or a
// dangling link); otherwise why it must not be replaced.
std::string WhyNotReplaceable(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return "";
  bool link = S_ISLNK(st.st_mode);
  if (link && ::stat(path.c_str(), &st) != 0) return "";
  if (S_ISREG(st.st_mode)) return "";
  std::string kind = KindOf(st.st_mode);
  return std::string(link ? "it is a link to " : "it is ") + kind + ", not a regular file";
}

std::string FolderOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// "<path>.tmp-" and six letters that differ between tries.
std::string TempName(const std::string& path, unsigned attempt) {
  static const char kLetters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  uint64_t seed = static_cast<uint64_t>(
                      std::chrono::steady_clock::now().time_since_epoch().count()) ^
                  (static_cast<uint64_t>(::getpid()) << 32) ^ (attempt * 0x9E3779B97F4A7C15ull);
  std::string name = path + ".tmp-";
  for (int i = 0; i < 6; ++i) {
    name += kLetters[seed % 36];
    seed /= 36;
  }
  return name;
}

// Characters that end the run a secret is widened to.
bool EndsRun(char c) {
  return c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '`' || c == ',' || c == '[' ||
         c == ']' || c == '{' || c == '}';
}

bool HasToken(std::string_view s) { return analysis::FindTokenFormat(s).has_value(); }

}  // namespace

AtomicFile::~AtomicFile() { Discard(); }

void AtomicFile::Discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
  temp_path_.clear();
  DisarmCleanup();
}

bool AtomicFile::Fail(const std::string& why, int error, std::string* err) {
  *err = "cannot write " + path_ + ": " + (why.empty() ? std::strerror(error) : why);
  Discard();
  return false;
}

bool AtomicFile::Open(const std::string& path, std::string* err, TempFile how) {
  Discard();
  path_ = path;
  if (std::string why = WhyNotReplaceable(path); !why.empty()) return Fail(why, 0, err);
  if (how == TempFile::kUnnamed) {
    fd_ = ::open(FolderOf(path).c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (fd_ >= 0) return true;
    if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) return Fail("", errno, err);
  }
  if (path.size() + 12 > sizeof g_cleanup_path) return Fail("", ENAMETOOLONG, err);
  SignalsBlocked blocked;
  std::snprintf(g_cleanup_path, sizeof g_cleanup_path, "%s.tmp-XXXXXX", path.c_str());
  fd_ = ::mkstemp(g_cleanup_path);
  if (fd_ < 0) return Fail("", errno, err);
  temp_path_ = g_cleanup_path;
  ArmCleanup();
  // Readable like any file the user creates (mkstemp makes it 0600).
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd_, 0666 & ~mask);
  return true;
}

bool AtomicFile::Write(std::string_view data, std::string* err) {
  if (fd_ < 0) return Fail("the file is not open", 0, err);
  return WriteAll(fd_, data) || Fail("", errno, err);
}

bool AtomicFile::Commit(std::string* err) {
  if (fd_ < 0) return Fail("the file is not open", 0, err);
  if (::fsync(fd_) != 0) return Fail("", errno, err);
  if (temp_path_.empty()) {
    // Name the unnamed file, with the cleanup armed from the first moment
    // the name exists.
    SignalsBlocked blocked;
    std::string proc = "/proc/self/fd/" + std::to_string(fd_);
    for (unsigned attempt = 0; attempt < 100 && temp_path_.empty(); ++attempt) {
      std::string name = TempName(path_, attempt);
      if (name.size() + 1 > sizeof g_cleanup_path) return Fail("", ENAMETOOLONG, err);
      int rc = ::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW);
      if (rc != 0 && errno == ENOENT) {  // no /proc: needs CAP_DAC_READ_SEARCH
        rc = ::linkat(fd_, "", AT_FDCWD, name.c_str(), AT_EMPTY_PATH);
      }
      if (rc == 0) {
        std::memcpy(g_cleanup_path, name.c_str(), name.size() + 1);
        temp_path_ = name;
        ArmCleanup();
      } else if (errno != EEXIST) {
        return Fail("", errno, err);
      }
    }
    if (temp_path_.empty()) return Fail("", EEXIST, err);
  }
  if (::close(fd_) != 0) {
    fd_ = -1;
    return Fail("", errno, err);
  }
  fd_ = -1;
  // The target may have changed since Open; rename never writes into what
  // it replaces, but a FIFO or device must still not disappear.
  if (std::string why = WhyNotReplaceable(path_); !why.empty()) return Fail(why, 0, err);
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) return Fail("", errno, err);
  temp_path_.clear();
  DisarmCleanup();
  return true;
}

bool WriteFileAtomically(const std::string& path, std::string_view contents, std::string* err) {
  AtomicFile file;
  return file.Open(path, err) && file.Write(contents, err) && file.Commit(err);
}

bool WriteFileAtomically(const std::string& path, std::span<const std::string> pieces,
                         std::string* err) {
  AtomicFile file;
  if (!file.Open(path, err)) return false;
  for (const std::string& piece : pieces) {
    if (!file.Write(piece, err)) return false;
  }
  return file.Commit(err);
}

bool IsTerminal(int fd) { return ::isatty(fd) == 1; }

bool ColorWanted(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return IsTerminal(fd);
}

bool WriteStdout(std::string_view text) {
  std::fflush(stdout);
  return WriteAll(STDOUT_FILENO, text);
}

util::ByteRanges FindSecrets(std::string_view line) {
  util::ByteRanges out;
  size_t from = 0;
  while (from < line.size() && HasToken(line.substr(from))) {
    std::string_view rest = line.substr(from);
    // The shortest prefix of `rest` that holds a token ends one...
    size_t lo = 1, hi = rest.size();
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (HasToken(rest.substr(0, mid))) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    size_t end = lo;
    // ... and the shortest suffix of that prefix that still holds it starts it.
    size_t first = 0, last = end - 1;
    while (first < last) {
      size_t mid = first + (last - first + 1) / 2;
      if (HasToken(rest.substr(mid, end - mid))) {
        first = mid;
      } else {
        last = mid - 1;
      }
    }
    if (!HasToken(rest.substr(first, end - first))) return {{0, line.size()}};
    size_t begin = from + first;
    end += from;
    while (begin > 0 && !EndsRun(line[begin - 1])) --begin;
    while (end < line.size() && !EndsRun(line[end])) ++end;
    if (!out.empty() && begin <= out.back().second) {
      out.back().second = end;
    } else {
      out.push_back({begin, end});
    }
    from = end;
  }
  return out;
}

std::string RenderDiagnostic(const util::Diagnostic& d) { return util::Render(d, FindSecrets); }

}  // namespace fnwarden::cli
