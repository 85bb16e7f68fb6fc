// The file system behind a narrow interface, so loaders can be tested on an
// in-memory tree and tests can see exactly what was read.
//
// A scanned repository is hostile: its links may point anywhere, and where a
// template should be there may be a FIFO or a device. So reads open without
// blocking and accept regular files only, and ScanRoots answers "is this
// path inside what the user asked to scan, once its links are resolved?".
#ifndef FNWARDEN_UTIL_FS_H_
#define FNWARDEN_UTIL_FS_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace fnwarden::util {

enum class EntryKind { kFile, kDirectory, kSymlink, kOther, kMissing };

struct DirEntry {
  std::string name;  // base name
  EntryKind kind;    // kind of the entry itself (a symlink is kSymlink)
};

// How a read ended.
enum class ReadStatus {
  kOk,
  kTooLarge,    // a regular file larger than the limit; its size is reported, nothing read
  kNotRegular,  // a FIFO, socket, device or folder: refused without reading or blocking
  kFailed,      // any other failure (missing, permission denied, a refused final link)
};

struct ReadOptions {
  uint64_t max_bytes = 0;
  // False: a path whose last component is a symbolic link is refused
  // (O_NOFOLLOW), for paths a folder listing showed to be regular files.
  bool follow_final_link = true;
};

// What ReadLink found.
enum class LinkStatus { kLink, kNotLink, kMissing };

// Implementations must be safe to call from several threads at once: the
// loader reads files in parallel.
class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // Kind of `path` after following symlinks; kMissing if it does not exist
  // or a symlink dangles or loops.
  virtual EntryKind Stat(const std::string& path, uint64_t* size) const = 0;
  // Reads a regular file whole. The file is opened without blocking (a FIFO
  // never stalls the scan) and checked on the open descriptor, so what is
  // checked is what is read. On kTooLarge `*size` (when given) is the file's
  // size; on any failure `err` says why ("not a regular file", "file is
  // larger than N bytes", the system's message).
  virtual ReadStatus Read(const std::string& path, const ReadOptions& options,
                          std::string* contents, uint64_t* size, std::string* err) const = 0;
  virtual bool ListDir(const std::string& path, std::vector<DirEntry>* entries,
                       std::string* err) const = 0;
  // A canonical identity for a directory, used to detect symlink loops;
  // empty when unknown.
  virtual std::string Identity(const std::string& path) const = 0;
  // ListDir and Identity of one folder, as a walk asks for both of every
  // folder: the disk takes them from the one descriptor it opens.
  virtual bool ListDirWithIdentity(const std::string& path, std::vector<DirEntry>* entries,
                                   std::string* identity, std::string* err) const {
    *identity = Identity(path);
    return ListDir(path, entries, err);
  }
  // The canonical absolute form of `path`, every symbolic link resolved (as
  // realpath(3)); false with `err` when it does not exist, dangles or loops.
  virtual bool RealPath(const std::string& path, std::string* real, std::string* err) const = 0;
  // Whether `path` itself is a symbolic link (with its target as written),
  // something else, or missing (with `err`, also when a folder on the way
  // is missing or unreadable).
  virtual LinkStatus ReadLink(const std::string& path, std::string* target,
                              std::string* err) const = 0;

  // Read() following links, for paths the user named: true on kOk.
  bool ReadFile(const std::string& path, uint64_t max_bytes, std::string* contents,
                std::string* err) const {
    return Read(path, ReadOptions{max_bytes}, contents, nullptr, err) == ReadStatus::kOk;
  }
};

// The real disk.
class DiskFileSystem : public FileSystem {
 public:
  EntryKind Stat(const std::string& path, uint64_t* size) const override;
  ReadStatus Read(const std::string& path, const ReadOptions& options, std::string* contents,
                  uint64_t* size, std::string* err) const override;
  bool ListDir(const std::string& path, std::vector<DirEntry>* entries,
               std::string* err) const override;
  std::string Identity(const std::string& path) const override;
  bool ListDirWithIdentity(const std::string& path, std::vector<DirEntry>* entries,
                           std::string* identity, std::string* err) const override;
  bool RealPath(const std::string& path, std::string* real, std::string* err) const override;
  LinkStatus ReadLink(const std::string& path, std::string* target,
                      std::string* err) const override;
};

// An in-memory tree for tests: paths are '/'-separated, directories are
// implied by the files in them. Paths are taken as written ("repo/a.yaml" is
// its own canonical form); a symlink's relative target resolves against the
// link's folder, as on disk. Records every path read. Add* must be called
// before the tree is shared between threads; the rest is thread-safe.
class MemoryFileSystem : public FileSystem {
 public:
  void AddFile(const std::string& path, std::string contents);
  // An entry that fails to read with `err` (an unreadable file).
  void AddUnreadable(const std::string& path, std::string err);
  // A symbolic link at `path` to `target` (a file, a folder or nothing).
  void AddSymlink(const std::string& path, std::string target);
  // A FIFO, socket or device: listed as kOther, never readable.
  void AddSpecial(const std::string& path);

  EntryKind Stat(const std::string& path, uint64_t* size) const override;
  ReadStatus Read(const std::string& path, const ReadOptions& options, std::string* contents,
                  uint64_t* size, std::string* err) const override;
  bool ListDir(const std::string& path, std::vector<DirEntry>* entries,
               std::string* err) const override;
  // The resolved path, so that a folder reached through a link is the same
  // folder.
  std::string Identity(const std::string& path) const override;
  bool RealPath(const std::string& path, std::string* real, std::string* err) const override;
  LinkStatus ReadLink(const std::string& path, std::string* target,
                      std::string* err) const override;

  std::vector<std::string> reads() const;

 private:
  // The kind of `path` itself, without following a link there.
  EntryKind OwnKind(const std::string& path) const;

  std::map<std::string, std::string> files_;
  std::map<std::string, std::string> unreadable_;
  std::map<std::string, std::string> links_;  // path -> target as written
  std::map<std::string, bool> special_;
  mutable std::mutex reads_mu_;
  mutable std::vector<std::string> reads_;
};

// The paths a scan may read: those the user named, each canonicalised once.
// A folder root holds everything under it. A file root holds the folder it
// lies in, so that a template scanned on its own still reads the nested
// stacks and code beside it, but nothing above: "../" leaves the roots.
// Immutable once built, so thread-safe.
class ScanRoots {
 public:
  ScanRoots() = default;  // no roots: nothing is inside
  // Paths that do not exist are left out (discovery reports them). With
  // `follow_links`, a path counts as inside when it lies under a root as
  // written ("../" resolved lexically, links not looked at): the user has
  // accepted links that leave the roots, not paths that climb out of them.
  ScanRoots(const FileSystem& fs, const std::vector<std::string>& paths, bool follow_links);

  // Whether the canonical path `real` is a root or lies under one.
  bool Contains(std::string_view real) const;
  // Whether `path` lies under a root as written, "../" resolved lexically
  // and links not looked at (what counts with follow_links).
  bool ContainsAsWritten(const std::string& path) const;
  bool follow_links() const { return follow_links_; }

 private:
  std::vector<std::string> real_;     // canonical
  std::vector<std::string> written_;  // absolute and lexically normalised, for follow_links
  std::string cwd_;                   // to make relative paths absolute
  bool follow_links_ = false;
};

// The canonical paths of the folders a walk has listed, by their lexically
// normalised path as walked, and what each held. A path below one of them
// resolves with one ReadLink per component below it, where realpath(3) would
// look at every component from "/": code folders are resolved for every
// function. With the folder's entries, an entry that is no link, or a name
// the folder did not hold, needs no system call at all (templates name many
// code folders that are not in the repository). Add() must not run while
// another thread resolves.
class FolderIndex {
 public:
  void Add(const std::string& walked, std::string real);
  // The same, with what ListDir found in the folder.
  void Add(const std::string& walked, std::string real, const std::vector<DirEntry>& entries);
  // FileSystem::RealPath(path), starting from the deepest listed folder
  // that is a prefix of the normalised `path` (a plain RealPath when none).
  bool RealPath(const FileSystem& fs, const std::string& path, std::string* real,
                std::string* err) const;
  // What the walk found in the folder `walked` (as walked), as ListDir
  // returned it; false when the walk did not list that folder.
  bool Entries(const std::string& walked, std::vector<DirEntry>* entries) const;

 private:
  struct Folder {
    std::string real;
    bool listed = false;  // `entries` is what the folder held
    std::vector<DirEntry> entries;  // sorted by name
  };
  std::map<std::string, Folder, std::less<>> folders_;
};

// Resolves a path that a scanned file asks to open (a nested stack, a code
// folder, a CDK template, the configuration file) and checks it stays inside
// the scan roots after its links are resolved. True with `*real` set to the
// canonical path to open. False with `err` set to the system's reason when
// the path does not exist, or to kOutsideRoots when it leaves the roots;
// nothing outside the roots is read either way.
// `known`, when given, saves resolving folders that a walk has listed.
bool ResolveInsideRoots(const FileSystem& fs, const ScanRoots& roots, const std::string& path,
                        std::string* real, std::string* err, const FolderIndex* known = nullptr);

// Resolves `rest` (a relative or absolute path) from `base`, a canonical
// folder or "" (relative paths stay relative), with FileSystem::ReadLink
// for each component, as realpath(3) does. The memory tree's RealPath, and
// FolderIndex below a listed folder.
bool ResolveFrom(const FileSystem& fs, std::string_view base, std::string_view rest,
                 std::string* real, std::string* err);

// The `err` of ResolveInsideRoots for a path outside the roots.
inline constexpr std::string_view kOutsideRoots = "outside the scanned folders";

// Lexically normalises "a/./b/../c" to "a/c" (keeps leading "../"; "/.." is
// "/"; "" and "a/.." are ".").
std::string NormalizePath(std::string_view path);

// The current directory, or "" when unknown.
std::string CurrentDir();

}  // namespace fnwarden::util

#endif  // FNWARDEN_UTIL_FS_H_
