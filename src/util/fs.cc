#include "util/fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <set>

#include "util/strings.h"

namespace fnwarden::util {
namespace {

EntryKind KindOf(mode_t mode) {
  if (S_ISREG(mode)) return EntryKind::kFile;
  if (S_ISDIR(mode)) return EntryKind::kDirectory;
  if (S_ISLNK(mode)) return EntryKind::kSymlink;
  return EntryKind::kOther;
}

constexpr char kNotRegular[] = "not a regular file";
constexpr char kFinalLink[] = "a symbolic link where a regular file was listed; not followed";

std::string TooLarge(uint64_t max_bytes) {
  return "file is larger than " + std::to_string(max_bytes) + " bytes";
}

// Whether `path` is `root` or lies under it; both normalised.
bool Under(std::string_view path, std::string_view root) {
  if (root == ".") return !path.starts_with("/") && path != ".." && !path.starts_with("../");
  if (path.size() < root.size() || path.compare(0, root.size(), root) != 0) return false;
  return path.size() == root.size() || root.back() == '/' || path[root.size()] == '/';
}

std::string Absolute(const std::string& path, const std::string& cwd) {
  if (path.starts_with("/") || cwd.empty()) return NormalizePath(path);
  return NormalizePath(cwd + "/" + path);
}

}  // namespace

std::string CurrentDir() {
  std::string buf(4096, '\0');
  if (::getcwd(buf.data(), buf.size()) == nullptr) return "";
  buf.resize(std::strlen(buf.c_str()));
  return buf;
}

namespace {

// Whether NormalizePath(path) is `path` itself: components separated by one
// slash, none empty or ".", and ".." only at the start of a relative path.
// Most paths a scan handles are, and are then copied as they are.
bool IsNormalPath(std::string_view path) {
  if (path == "/") return true;
  bool absolute = path.starts_with('/');
  if (absolute) path.remove_prefix(1);
  if (path.empty()) return false;
  bool named = false;  // a component other than ".." came before
  for (size_t start = 0; start <= path.size();) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == ".") return false;
    if (part == "..") {
      if (absolute || named) return false;
    } else {
      named = true;
    }
    start = end + 1;
  }
  return true;
}

}  // namespace

std::string NormalizePath(std::string_view path) {
  if (IsNormalPath(path)) return std::string(path);
  bool absolute = !path.empty() && path[0] == '/';
  std::vector<std::string_view> parts;
  for (std::string_view part : Split(path, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == ".." && !parts.empty() && parts.back() != "..") {
      parts.pop_back();
      continue;
    }
    if (part == ".." && absolute) continue;  // "/.." is "/"
    parts.push_back(part);
  }
  std::string out = absolute ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '/';
    out += parts[i];
  }
  if (out.empty()) out = ".";
  return out;
}

EntryKind DiskFileSystem::Stat(const std::string& path, uint64_t* size) const {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return EntryKind::kMissing;
  if (size) *size = static_cast<uint64_t>(st.st_size);
  return KindOf(st.st_mode);
}

ReadStatus DiskFileSystem::Read(const std::string& path, const ReadOptions& options,
                                std::string* contents, uint64_t* size, std::string* err) const {
  // O_NONBLOCK: opening a FIFO for reading blocks until a writer comes, and
  // a device may wait for a carrier; the descriptor is checked before any
  // read, so nothing but a regular file is ever read from it.
  int flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
  if (!options.follow_final_link) flags |= O_NOFOLLOW;
  int fd = ::open(path.c_str(), flags);
  if (fd < 0) {
    *err = errno == ELOOP && !options.follow_final_link ? kFinalLink : std::strerror(errno);
    return ReadStatus::kFailed;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    *err = std::strerror(errno);
    ::close(fd);
    return ReadStatus::kFailed;
  }
  if (!S_ISREG(st.st_mode)) {
    *err = kNotRegular;
    ::close(fd);
    return ReadStatus::kNotRegular;
  }
  if (size) *size = static_cast<uint64_t>(st.st_size);
  if (static_cast<uint64_t>(st.st_size) > options.max_bytes) {
    *err = TooLarge(options.max_bytes);
    ::close(fd);
    return ReadStatus::kTooLarge;
  }
  contents->resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < contents->size()) {
    ssize_t n = ::read(fd, contents->data() + got, contents->size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *err = std::strerror(errno);
      ::close(fd);
      return ReadStatus::kFailed;
    }
    if (n == 0) break;  // the file shrank while we read it
    got += static_cast<size_t>(n);
  }
  contents->resize(got);
  ::close(fd);
  return ReadStatus::kOk;
}

namespace {

// "device:inode", which two paths to one folder share.
std::string IdentityOf(const struct stat& st) {
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
}

// Lists a folder with getdents64 on the descriptor it opens (opendir(3)
// would fstat it too, for the size of its buffer); its identity from the
// same descriptor when asked.
bool ListFolder(const std::string& path, std::vector<DirEntry>* entries, std::string* identity,
                std::string* err) {
  // Non-blocking as opendir(3) opens: O_DIRECTORY refuses anything else.
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    *err = std::strerror(errno);
    return false;
  }
  if (identity != nullptr) {
    struct stat st;
    *identity = ::fstat(fd, &st) == 0 ? IdentityOf(st) : "";
  }
  alignas(struct dirent64) char buffer[32768];
  for (;;) {
    ssize_t n = ::getdents64(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *err = std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    for (ssize_t at = 0; at < n;) {
      const auto* e = reinterpret_cast<const struct dirent64*>(buffer + at);
      at += e->d_reclen;
      std::string_view name = e->d_name;
      if (name == "." || name == "..") continue;
      EntryKind kind = EntryKind::kOther;
      switch (e->d_type) {
        case DT_REG:
          kind = EntryKind::kFile;
          break;
        case DT_DIR:
          kind = EntryKind::kDirectory;
          break;
        case DT_LNK:
          kind = EntryKind::kSymlink;
          break;
        case DT_UNKNOWN: {
          struct stat st;
          if (::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) kind = KindOf(st.st_mode);
          break;
        }
        default:
          break;
      }
      entries->push_back({std::string(name), kind});
    }
  }
  ::close(fd);
  return true;
}

}  // namespace

bool DiskFileSystem::ListDir(const std::string& path, std::vector<DirEntry>* entries,
                             std::string* err) const {
  return ListFolder(path, entries, nullptr, err);
}

bool DiskFileSystem::ListDirWithIdentity(const std::string& path, std::vector<DirEntry>* entries,
                                         std::string* identity, std::string* err) const {
  return ListFolder(path, entries, identity, err);
}

std::string DiskFileSystem::Identity(const std::string& path) const {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return "";
  return IdentityOf(st);
}

bool DiskFileSystem::RealPath(const std::string& path, std::string* real, std::string* err) const {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr) {
    *err = std::strerror(errno);
    return false;
  }
  *real = resolved;
  std::free(resolved);
  return true;
}

LinkStatus DiskFileSystem::ReadLink(const std::string& path, std::string* target,
                                    std::string* err) const {
  char buf[4096];
  ssize_t n = ::readlink(path.c_str(), buf, sizeof(buf));
  if (n >= 0) {
    target->assign(buf, static_cast<size_t>(n));
    return LinkStatus::kLink;
  }
  if (errno == EINVAL) return LinkStatus::kNotLink;
  *err = std::strerror(errno);
  return LinkStatus::kMissing;
}

void MemoryFileSystem::AddFile(const std::string& path, std::string contents) {
  files_[path] = std::move(contents);
}

void MemoryFileSystem::AddUnreadable(const std::string& path, std::string err) {
  unreadable_[path] = std::move(err);
}

void MemoryFileSystem::AddSymlink(const std::string& path, std::string target) {
  links_[path] = std::move(target);
}

void MemoryFileSystem::AddSpecial(const std::string& path) { special_[path] = true; }

EntryKind MemoryFileSystem::OwnKind(const std::string& path) const {
  if (files_.count(path) || unreadable_.count(path)) return EntryKind::kFile;
  if (links_.count(path)) return EntryKind::kSymlink;
  if (special_.count(path)) return EntryKind::kOther;
  std::string prefix = path == "." ? "" : path.empty() || path.back() == '/' ? path : path + "/";
  auto has_prefix = [&](const auto& map) {
    auto it = map.lower_bound(prefix);
    return it != map.end() && it->first.compare(0, prefix.size(), prefix) == 0;
  };
  if (has_prefix(files_) || has_prefix(unreadable_) || has_prefix(links_) || has_prefix(special_)) {
    return EntryKind::kDirectory;
  }
  return EntryKind::kMissing;
}

bool MemoryFileSystem::RealPath(const std::string& path, std::string* real,
                                std::string* err) const {
  return ResolveFrom(*this, "", path, real, err);
}

LinkStatus MemoryFileSystem::ReadLink(const std::string& path, std::string* target,
                                      std::string* err) const {
  if (auto it = links_.find(path); it != links_.end()) {
    *target = it->second;
    return LinkStatus::kLink;
  }
  if (OwnKind(path) != EntryKind::kMissing) return LinkStatus::kNotLink;
  *err = "No such file or directory";
  return LinkStatus::kMissing;
}

std::string MemoryFileSystem::Identity(const std::string& path) const {
  std::string real, err;
  return RealPath(path, &real, &err) ? real : path;
}

EntryKind MemoryFileSystem::Stat(const std::string& path, uint64_t* size) const {
  std::string real, err;
  if (!RealPath(path, &real, &err)) return EntryKind::kMissing;
  if (auto it = files_.find(real); it != files_.end() && size) *size = it->second.size();
  return OwnKind(real);
}

ReadStatus MemoryFileSystem::Read(const std::string& path, const ReadOptions& options,
                                  std::string* contents, uint64_t* size, std::string* err) const {
  {
    std::lock_guard<std::mutex> lock(reads_mu_);
    reads_.push_back(path);
  }
  if (!options.follow_final_link && links_.count(NormalizePath(path))) {
    *err = kFinalLink;
    return ReadStatus::kFailed;
  }
  std::string real;
  if (!RealPath(path, &real, err)) return ReadStatus::kFailed;
  if (auto it = unreadable_.find(real); it != unreadable_.end()) {
    *err = it->second;
    return ReadStatus::kFailed;
  }
  auto it = files_.find(real);
  if (it == files_.end()) {
    *err = kNotRegular;
    return ReadStatus::kNotRegular;
  }
  if (size) *size = it->second.size();
  if (it->second.size() > options.max_bytes) {
    *err = TooLarge(options.max_bytes);
    return ReadStatus::kTooLarge;
  }
  *contents = it->second;
  return ReadStatus::kOk;
}

std::vector<std::string> MemoryFileSystem::reads() const {
  std::lock_guard<std::mutex> lock(reads_mu_);
  return reads_;
}

bool MemoryFileSystem::ListDir(const std::string& path, std::vector<DirEntry>* entries,
                               std::string* err) const {
  std::string real;
  if (!RealPath(path, &real, err)) return false;
  if (OwnKind(real) != EntryKind::kDirectory) {
    *err = "Not a directory";
    return false;
  }
  std::string prefix = real == "." ? "" : real.back() == '/' ? real : real + "/";
  std::set<std::string> seen;
  auto collect = [&](const std::string& full, EntryKind own) {
    if (full.compare(0, prefix.size(), prefix) != 0) return;
    std::string rest = full.substr(prefix.size());
    size_t slash = rest.find('/');
    std::string name = rest.substr(0, slash);
    if (!seen.insert(name).second) return;
    entries->push_back({name, slash == std::string::npos ? own : EntryKind::kDirectory});
  };
  for (const auto& [p, _] : files_) collect(p, EntryKind::kFile);
  for (const auto& [p, _] : unreadable_) collect(p, EntryKind::kFile);
  for (const auto& [p, _] : links_) collect(p, EntryKind::kSymlink);
  for (const auto& [p, _] : special_) collect(p, EntryKind::kOther);
  return true;
}

ScanRoots::ScanRoots(const FileSystem& fs, const std::vector<std::string>& paths, bool follow_links)
    : cwd_(CurrentDir()), follow_links_(follow_links) {
  for (const std::string& path : paths) {
    // A file admits the folder it lies in, as written: the template's
    // relative paths resolve from there, also when the file is a link.
    std::string folder = path;
    if (fs.Stat(path, nullptr) == EntryKind::kFile) {
      size_t slash = path.rfind('/');
      folder = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    }
    std::string real, err;
    if (!fs.RealPath(folder, &real, &err)) continue;
    real_.push_back(std::move(real));
    written_.push_back(Absolute(folder, cwd_));
  }
}

bool ScanRoots::Contains(std::string_view real) const {
  for (const std::string& root : real_) {
    if (Under(real, root)) return true;
  }
  return false;
}

bool ScanRoots::ContainsAsWritten(const std::string& path) const {
  std::string written = Absolute(path, cwd_);
  for (const std::string& root : written_) {
    if (Under(written, root)) return true;
  }
  return false;
}

bool ResolveFrom(const FileSystem& fs, std::string_view base, std::string_view rest,
                 std::string* real, std::string* err) {
  constexpr int kMaxLinks = 40;  // as Linux's
  bool absolute = base.starts_with("/") || (base.empty() && rest.starts_with("/"));
  std::vector<std::string> done;  // resolved components
  for (std::string_view part : Split(base, '/')) {
    if (!part.empty()) done.emplace_back(part);
  }
  std::vector<std::string> todo;  // components still to resolve, the next one last
  auto push_front = [&](std::string_view p) {
    if (p.starts_with("/")) {
      done.clear();
      absolute = true;
    }
    std::vector<std::string_view> parts = Split(p, '/');
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) todo.emplace_back(*it);
  };
  push_front(rest);
  auto joined = [&] {
    std::string out = absolute ? "/" : "";
    for (size_t i = 0; i < done.size(); ++i) out += (i > 0 ? "/" : "") + done[i];
    return out.empty() ? std::string(".") : out;
  };
  int links = 0;
  while (!todo.empty()) {
    std::string part = std::move(todo.back());
    todo.pop_back();
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!done.empty() && done.back() != "..") {
        done.pop_back();
      } else if (!absolute) {
        done.push_back(part);
      }
      continue;
    }
    done.push_back(std::move(part));
    std::string target;
    switch (fs.ReadLink(joined(), &target, err)) {
      case LinkStatus::kMissing:
        return false;
      case LinkStatus::kNotLink:
        continue;
      case LinkStatus::kLink:
        if (++links > kMaxLinks) {
          *err = "Too many levels of symbolic links";
          return false;
        }
        done.pop_back();
        push_front(target);
        break;
    }
  }
  // Every component taken from `rest` was checked; `base` is canonical.
  *real = joined();
  return true;
}

void FolderIndex::Add(const std::string& walked, std::string real) {
  folders_[NormalizePath(walked)] = Folder{std::move(real), false, {}};
}

void FolderIndex::Add(const std::string& walked, std::string real,
                      const std::vector<DirEntry>& entries) {
  Folder folder{std::move(real), true, entries};
  std::sort(folder.entries.begin(), folder.entries.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  folders_[NormalizePath(walked)] = std::move(folder);
}

bool FolderIndex::RealPath(const FileSystem& fs, const std::string& path, std::string* real,
                           std::string* err) const {
  std::string normal = NormalizePath(path);
  for (std::string_view prefix = normal;;) {
    if (auto it = folders_.find(prefix); it != folders_.end()) {
      const Folder& folder = it->second;
      std::string_view below = std::string_view(normal).substr(prefix.size());
      if (below.starts_with("/")) below.remove_prefix(1);  // relative to the folder
      if (folder.listed && !below.empty() && !below.starts_with("..")) {
        std::string_view name = below.substr(0, below.find('/'));
        auto entry =
            std::lower_bound(folder.entries.begin(), folder.entries.end(), name,
                             [](const DirEntry& e, std::string_view n) { return e.name < n; });
        if (entry == folder.entries.end() || entry->name != name) {
          static const std::string kNoEntry = std::strerror(ENOENT);
          *err = kNoEntry;  // what ReadLink would have said
          return false;
        }
        if (name.size() == below.size() && entry->kind != EntryKind::kSymlink) {
          *real = folder.real == "/" ? "/" + std::string(name) : folder.real + "/" + std::string(name);
          return true;
        }
      }
      return ResolveFrom(fs, folder.real, below, real, err);
    }
    size_t slash = prefix.rfind('/');
    if (slash == std::string_view::npos || slash == 0) break;
    prefix = prefix.substr(0, slash);
  }
  return fs.RealPath(path, real, err);
}

bool FolderIndex::Entries(const std::string& walked, std::vector<DirEntry>* entries) const {
  auto it = folders_.find(NormalizePath(walked));
  if (it == folders_.end() || !it->second.listed) return false;
  *entries = it->second.entries;
  return true;
}

bool ResolveInsideRoots(const FileSystem& fs, const ScanRoots& roots, const std::string& path,
                        std::string* real, std::string* err, const FolderIndex* known) {
  if (!(known ? known->RealPath(fs, path, real, err) : fs.RealPath(path, real, err))) return false;
  bool inside = roots.Contains(*real) || (roots.follow_links() && roots.ContainsAsWritten(path));
  if (!inside) {
    *err = std::string(kOutsideRoots);
    real->clear();
  }
  return inside;
}

}  // namespace fnwarden::util
