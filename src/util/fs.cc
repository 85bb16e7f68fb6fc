#include "util/fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

namespace fnwarden::util {
namespace {

EntryKind KindOf(mode_t mode) {
  if (S_ISREG(mode)) return EntryKind::kFile;
  if (S_ISDIR(mode)) return EntryKind::kDirectory;
  if (S_ISLNK(mode)) return EntryKind::kSymlink;
  return EntryKind::kOther;
}

}  // namespace

EntryKind DiskFileSystem::Stat(const std::string& path, uint64_t* size) const {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return EntryKind::kMissing;
  if (size) *size = static_cast<uint64_t>(st.st_size);
  return KindOf(st.st_mode);
}

bool DiskFileSystem::ReadFile(const std::string& path, uint64_t max_bytes, std::string* contents,
                              std::string* err) const {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = std::strerror(errno);
    return false;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    *err = "not a regular file";
    ::close(fd);
    return false;
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    *err = "file is larger than " + std::to_string(max_bytes) + " bytes";
    ::close(fd);
    return false;
  }
  contents->resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < contents->size()) {
    ssize_t n = ::read(fd, contents->data() + got, contents->size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *err = std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;  // the file shrank while we read it
    got += static_cast<size_t>(n);
  }
  contents->resize(got);
  ::close(fd);
  return true;
}

bool DiskFileSystem::ListDir(const std::string& path, std::vector<DirEntry>* entries,
                             std::string* err) const {
  DIR* dir = ::opendir(path.c_str());
  if (!dir) {
    *err = std::strerror(errno);
    return false;
  }
  while (struct dirent* e = ::readdir(dir)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    EntryKind kind = EntryKind::kOther;
    switch (e->d_type) {
      case DT_REG: kind = EntryKind::kFile; break;
      case DT_DIR: kind = EntryKind::kDirectory; break;
      case DT_LNK: kind = EntryKind::kSymlink; break;
      case DT_UNKNOWN: {
        struct stat st;
        std::string full = path + "/" + name;
        if (::lstat(full.c_str(), &st) == 0) kind = KindOf(st.st_mode);
        break;
      }
      default: break;
    }
    entries->push_back({std::move(name), kind});
  }
  ::closedir(dir);
  return true;
}

std::string DiskFileSystem::Identity(const std::string& path) const {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return "";
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
}

void MemoryFileSystem::AddFile(const std::string& path, std::string contents) {
  files_[path] = std::move(contents);
}

void MemoryFileSystem::AddUnreadable(const std::string& path, std::string err) {
  unreadable_[path] = std::move(err);
}

EntryKind MemoryFileSystem::Stat(const std::string& path, uint64_t* size) const {
  if (auto it = files_.find(path); it != files_.end()) {
    if (size) *size = it->second.size();
    return EntryKind::kFile;
  }
  if (unreadable_.count(path)) return EntryKind::kFile;
  std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
  auto it = files_.lower_bound(prefix);
  if (it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0) {
    return EntryKind::kDirectory;
  }
  auto ut = unreadable_.lower_bound(prefix);
  if (ut != unreadable_.end() && ut->first.compare(0, prefix.size(), prefix) == 0) {
    return EntryKind::kDirectory;
  }
  return EntryKind::kMissing;
}

bool MemoryFileSystem::ReadFile(const std::string& path, uint64_t max_bytes,
                                std::string* contents, std::string* err) const {
  {
    std::lock_guard<std::mutex> lock(reads_mu_);
    reads_.push_back(path);
  }
  if (auto it = unreadable_.find(path); it != unreadable_.end()) {
    *err = it->second;
    return false;
  }
  auto it = files_.find(path);
  if (it == files_.end()) {
    *err = "No such file or directory";
    return false;
  }
  if (it->second.size() > max_bytes) {
    *err = "file is larger than " + std::to_string(max_bytes) + " bytes";
    return false;
  }
  *contents = it->second;
  return true;
}

std::vector<std::string> MemoryFileSystem::reads() const {
  std::lock_guard<std::mutex> lock(reads_mu_);
  return reads_;
}

bool MemoryFileSystem::ListDir(const std::string& path, std::vector<DirEntry>* entries,
                               std::string* err) const {
  std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
  std::set<std::string> seen;
  bool any = false;
  auto collect = [&](const std::string& full) {
    if (full.compare(0, prefix.size(), prefix) != 0) return;
    any = true;
    std::string rest = full.substr(prefix.size());
    size_t slash = rest.find('/');
    std::string name = rest.substr(0, slash);
    if (!seen.insert(name).second) return;
    entries->push_back({name, slash == std::string::npos ? EntryKind::kFile
                                                         : EntryKind::kDirectory});
  };
  for (const auto& [p, _] : files_) collect(p);
  for (const auto& [p, _] : unreadable_) collect(p);
  if (!any) {
    *err = "No such file or directory";
    return false;
  }
  return true;
}

}  // namespace fnwarden::util
