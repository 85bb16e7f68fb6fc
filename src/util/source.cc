#include "util/source.h"

#include <algorithm>
#include <cstring>

namespace fnwarden::util {

SourceFile::SourceFile(std::string display_path, std::string text)
    : path_(std::move(display_path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  const char* data = text_.data();
  if (std::memchr(data, '\r', text_.size()) == nullptr) {
    // The common case: only '\n' ends lines.
    for (const char* p = data; (p = static_cast<const char*>(
                                    std::memchr(p, '\n', text_.size() - (p - data)))) != nullptr;) {
      ++p;
      line_starts_.push_back(static_cast<uint32_t>(p - data));
    }
    return;
  }
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') {
      line_starts_.push_back(static_cast<uint32_t>(i + 1));
    } else if (text_[i] == '\r' && (i + 1 >= text_.size() || text_[i + 1] != '\n')) {
      line_starts_.push_back(static_cast<uint32_t>(i + 1));  // a lone CR ends a line too
    }
  }
}

SourceFile::LineCol SourceFile::Position(size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line = static_cast<size_t>(it - line_starts_.begin());  // >= 1
  return {static_cast<uint32_t>(line), static_cast<uint32_t>(offset - line_starts_[line - 1] + 1)};
}

std::string_view SourceFile::Line(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  size_t begin = line_starts_[line - 1];
  size_t end = line < line_starts_.size() ? line_starts_[line] : text_.size();
  std::string_view s(text_.data() + begin, end - begin);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

SourceFile* SourceSet::Add(std::string display_path, std::string text) {
  auto file = std::make_unique<SourceFile>(std::move(display_path), std::move(text));
  SourceFile* raw = file.get();
  std::lock_guard<std::mutex> lock(mu_);
  files_.push_back(std::move(file));
  return raw;
}

}  // namespace fnwarden::util
