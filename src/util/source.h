// Source files and positions inside them.
//
// A SourceFile owns the bytes of one input file for the whole scan; every
// parsed node, model value and finding points back into it through a Loc.
// SourceFiles are created once and never move (hold them by unique_ptr), so a
// Loc stays valid as long as the SourceSet that owns the file.
#ifndef FNWARDEN_UTIL_SOURCE_H_
#define FNWARDEN_UTIL_SOURCE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace fnwarden::util {

class SourceFile {
 public:
  // `display_path` is what users see in diagnostics and reports (relative to
  // the scan root when the file is under it).
  SourceFile(std::string display_path, std::string text);

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }

  // 1-based line and column (columns count bytes) of a byte offset; offsets
  // past the end map to the last position.
  struct LineCol {
    uint32_t line;
    uint32_t col;
  };
  LineCol Position(size_t offset) const;
  // The text of 1-based `line` without its line terminator; empty when out of
  // range.
  std::string_view Line(uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;  // byte offset of each line's start
};

// A position in a source file. A default Loc (file == nullptr) means "no
// position known"; reporters print only the file then.
struct Loc {
  const SourceFile* file = nullptr;
  uint32_t line = 0;
  uint32_t col = 0;

  bool known() const { return file != nullptr && line > 0; }
  std::string_view path() const { return file ? std::string_view(file->path()) : ""; }
};

// Owns every SourceFile of a scan. Thread-safe: Add may be called from
// parsing threads.
class SourceSet {
 public:
  const SourceFile* Add(std::string display_path, std::string text);

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace fnwarden::util

#endif  // FNWARDEN_UTIL_SOURCE_H_
