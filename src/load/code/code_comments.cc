#include "load/code/code_comments.h"

#include <string_view>

namespace fnwarden::load::code {
namespace {

constexpr std::string_view kTool = "fnwarden";

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r") == std::string_view::npos; }

}  // namespace

std::vector<util::SourceComment> FnwardenComments(Language language, const util::SourceFile& file) {
  std::vector<util::SourceComment> out;
  std::string_view mark = language == Language::kPython ? "#" : "//";
  std::string_view text = file.text();
  uint32_t last_line = 0;
  for (size_t at = text.find(kTool); at != std::string_view::npos; at = text.find(kTool, at + 1)) {
    util::SourceFile::LineCol pos = file.Position(at);
    if (pos.line == last_line) continue;  // one comment per line
    std::string_view line = file.Line(pos.line);
    std::string_view before = line.substr(0, pos.col - 1);
    size_t m = before.rfind(mark);
    if (m == std::string_view::npos) continue;
    last_line = pos.line;
    util::SourceComment c;
    c.line = pos.line;
    c.col = static_cast<uint32_t>(m + 1);
    c.text = line.substr(m + mark.size());
    if (!Blank(line.substr(0, m))) {
      c.first_line = c.last_line = pos.line;  // after code: about its own line
    } else {
      // On its own: about the next line that is not a comment.
      for (uint32_t next = pos.line + 1; next <= file.line_count(); ++next) {
        std::string_view l = file.Line(next);
        if (Blank(l)) break;
        size_t lead = l.find_first_not_of(" \t");
        if (l.substr(lead).starts_with(mark)) continue;
        c.first_line = c.last_line = next;
        break;
      }
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace fnwarden::load::code
