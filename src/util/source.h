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

// A comment of a source file, as the file's parser found it: only real
// comments (a `#` inside a quoted or block scalar is text, not a comment).
struct SourceComment {
  uint32_t line = 0;  // 1-based position of the comment mark ('#'), columns in bytes
  uint32_t col = 0;
  std::string_view text;  // after the mark, to the end of the line; a view of the file's text
  // The lines the comment is about, 0 and 0 when none. A comment after code
  // is about its own line; a comment on a line of its own (or in a run of
  // such lines) is about the next line, unless a blank line or the end of
  // the file comes first. When map entries or sequence items start on that
  // line, the range runs to the last line of the outermost of them: a
  // comment above a resource's logical ID covers the whole resource, one
  // above `- Effect: Allow` the whole statement.
  uint32_t first_line = 0;
  uint32_t last_line = 0;
};

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

  // The file's comments in order, once the loader that parsed it has set
  // them (YAML; JSON has none); empty before. Suppressions read them.
  const std::vector<SourceComment>& comments() const { return comments_; }
  // Called by the loader right after parsing, before the file is shared
  // between threads. The texts must view this file's text.
  void set_comments(std::vector<SourceComment> comments) { comments_ = std::move(comments); }

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;  // byte offset of each line's start
  std::vector<SourceComment> comments_;
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
// parsing threads. The file Add returns may be changed (set_comments) only
// by its caller, before it shares the file.
class SourceSet {
 public:
  SourceFile* Add(std::string display_path, std::string text);

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace fnwarden::util

#endif  // FNWARDEN_UTIL_SOURCE_H_
