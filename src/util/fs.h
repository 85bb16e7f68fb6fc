// The file system behind a narrow interface, so loaders can be tested on an
// in-memory tree and tests can see exactly what was read.
#ifndef FNWARDEN_UTIL_FS_H_
#define FNWARDEN_UTIL_FS_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace fnwarden::util {

enum class EntryKind { kFile, kDirectory, kSymlink, kOther, kMissing };

struct DirEntry {
  std::string name;  // base name
  EntryKind kind;    // kind of the entry itself (a symlink is kSymlink)
};

// Implementations must be safe to call from several threads at once: the
// loader reads files in parallel.
class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // Kind of `path` after following symlinks; kMissing if it does not exist
  // or a symlink dangles or loops.
  virtual EntryKind Stat(const std::string& path, uint64_t* size) const = 0;
  // Reads at most `max_bytes`; returns false with `err` set on failure. A
  // file larger than `max_bytes` fails with err "file is larger than N bytes".
  virtual bool ReadFile(const std::string& path, uint64_t max_bytes, std::string* contents,
                        std::string* err) const = 0;
  virtual bool ListDir(const std::string& path, std::vector<DirEntry>* entries,
                       std::string* err) const = 0;
  // A canonical identity for a directory, used to detect symlink loops;
  // empty when unknown.
  virtual std::string Identity(const std::string& path) const = 0;
};

// The real disk.
class DiskFileSystem : public FileSystem {
 public:
  EntryKind Stat(const std::string& path, uint64_t* size) const override;
  bool ReadFile(const std::string& path, uint64_t max_bytes, std::string* contents,
                std::string* err) const override;
  bool ListDir(const std::string& path, std::vector<DirEntry>* entries,
               std::string* err) const override;
  std::string Identity(const std::string& path) const override;
};

// An in-memory tree for tests: paths are '/'-separated, directories are
// implied by the files in them. Records every path read. Add* must be called
// before the tree is shared between threads; the rest is thread-safe.
class MemoryFileSystem : public FileSystem {
 public:
  void AddFile(const std::string& path, std::string contents);
  // An entry that fails to read with `err` (an unreadable file).
  void AddUnreadable(const std::string& path, std::string err);

  EntryKind Stat(const std::string& path, uint64_t* size) const override;
  bool ReadFile(const std::string& path, uint64_t max_bytes, std::string* contents,
                std::string* err) const override;
  bool ListDir(const std::string& path, std::vector<DirEntry>* entries,
               std::string* err) const override;
  std::string Identity(const std::string& path) const override { return path; }

  std::vector<std::string> reads() const;

 private:
  std::map<std::string, std::string> files_;
  std::map<std::string, std::string> unreadable_;
  mutable std::mutex reads_mu_;
  mutable std::vector<std::string> reads_;
};

}  // namespace fnwarden::util

#endif  // FNWARDEN_UTIL_FS_H_
