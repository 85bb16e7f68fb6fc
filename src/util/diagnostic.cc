#include "util/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace fnwarden::util {
namespace {

const char* LevelName(DiagLevel level) {
  return level == DiagLevel::kError ? "error" : "warning";
}

}  // namespace

std::string RenderHeadline(const Diagnostic& d) {
  std::string out = d.path;
  if (d.loc.known()) {
    out += ":" + std::to_string(d.loc.line) + ":" + std::to_string(d.loc.col);
  }
  out += ": ";
  out += LevelName(d.level);
  out += ": ";
  out += d.message;
  return out;
}

std::string Render(const Diagnostic& d) {
  std::string out = RenderHeadline(d) + "\n";
  if (!d.loc.known()) return out;
  std::string_view line = d.loc.file->Line(d.loc.line);
  if (line.size() > 200) line = line.substr(0, 200);
  out += "  ";
  for (char c : line) out += (static_cast<unsigned char>(c) < 0x20 && c != '\t') ? ' ' : c;
  out += "\n  ";
  // Keep tabs so the caret lines up under the same column in a terminal.
  for (uint32_t i = 1; i < d.loc.col && i - 1 < line.size(); ++i) {
    out += line[i - 1] == '\t' ? '\t' : ' ';
  }
  out += "^\n";
  return out;
}

void DiagnosticSink::Add(Diagnostic d) {
  if (d.path.empty() && d.loc.file) d.path = d.loc.file->path();
  std::lock_guard<std::mutex> lock(mu_);
  items_.push_back(std::move(d));
}

void DiagnosticSink::Error(Loc loc, std::string message) {
  Add({DiagLevel::kError, loc, "", std::move(message)});
}

void DiagnosticSink::Warning(Loc loc, std::string message) {
  Add({DiagLevel::kWarning, loc, "", std::move(message)});
}

void DiagnosticSink::FileError(std::string path, std::string message) {
  Add({DiagLevel::kError, Loc{}, std::move(path), std::move(message)});
}

std::vector<Diagnostic> DiagnosticSink::Sorted() const {
  std::vector<Diagnostic> out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    out = items_;
  }
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.path, a.loc.line, a.loc.col, a.message) <
           std::tie(b.path, b.loc.line, b.loc.col, b.message);
  });
  return out;
}

bool DiagnosticSink::has_errors() const {
  std::lock_guard<std::mutex> lock(mu_);
  return std::any_of(items_.begin(), items_.end(),
                     [](const Diagnostic& d) { return d.level == DiagLevel::kError; });
}

size_t DiagnosticSink::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return items_.size();
}

}  // namespace fnwarden::util
