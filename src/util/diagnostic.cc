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
  std::string out = TerminalSafeLine(d.path);
  if (d.loc.known()) {
    out += ":" + std::to_string(d.loc.line) + ":" + std::to_string(d.loc.col);
  }
  out += ": ";
  out += LevelName(d.level);
  out += ": ";
  out += TerminalSafe(d.message);
  return out;
}

std::string Render(const Diagnostic& d, const SecretFinder& secrets) {
  std::string out = RenderHeadline(d) + "\n";
  if (!d.loc.known()) return out;
  CaretLines lines = SourceWithCaret(d.loc.file->Line(d.loc.line), d.loc.col, secrets);
  out += "  " + lines.source + "\n  " + lines.caret + "\n";
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
