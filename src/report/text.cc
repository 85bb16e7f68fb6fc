// The human-readable report.
#include <cstdio>
#include <string>

#include "report/report.h"

namespace fnwarden::report {
namespace {

constexpr size_t kMaxSourceLine = 200;

struct Style {
  bool on;
  std::string Wrap(std::string_view code, std::string_view text) const {
    if (!on) return std::string(text);
    return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
  }
  std::string Bold(std::string_view t) const { return Wrap("1", t); }
  std::string Dim(std::string_view t) const { return Wrap("2", t); }
  std::string Severity(model::Severity s, std::string_view t) const {
    switch (s) {
      case model::Severity::kCritical: return Wrap("1;31", t);
      case model::Severity::kHigh: return Wrap("31", t);
      case model::Severity::kMedium: return Wrap("33", t);
      case model::Severity::kLow: return Wrap("36", t);
      case model::Severity::kInfo: return Wrap("2", t);
    }
    return std::string(t);
  }
};

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string Position(const model::Finding& f) {
  std::string out(f.loc.path().empty() ? std::string_view(f.project) : f.loc.path());
  if (f.loc.known()) {
    out += ":" + std::to_string(f.loc.line) + ":" + std::to_string(f.loc.col);
  }
  return out;
}

// "    12 | text" and "       |     ^" under the column.
void AppendSourceLine(const model::Finding& f, const Style& style, std::string* out) {
  if (!f.loc.known()) return;
  std::string_view line = f.loc.file->Line(f.loc.line);
  if (line.size() > kMaxSourceLine) line = line.substr(0, kMaxSourceLine);
  std::string number = std::to_string(f.loc.line);
  std::string gutter(number.size(), ' ');
  *out += "    " + style.Dim(number + " |") + " ";
  for (char c : line) *out += (static_cast<unsigned char>(c) < 0x20 && c != '\t') ? ' ' : c;
  *out += "\n    " + style.Dim(gutter + " |") + " ";
  for (uint32_t i = 1; i < f.loc.col && i - 1 < line.size(); ++i) {
    *out += line[i - 1] == '\t' ? '\t' : ' ';
  }
  *out += style.Wrap("32", "^") + "\n";
}

std::string Plural(size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

}  // namespace

std::string RenderText(const ScanReport& r, const TextOptions& options) {
  Style style{options.color};
  std::string out;
  for (const util::Diagnostic& d : r.diagnostics) {
    if (d.level == util::DiagLevel::kWarning && !options.show_warnings) continue;
    out += util::Render(d);
  }
  if (!out.empty() && !r.findings.empty()) out += "\n";

  for (int p = 1; p <= 10; ++p) {
    auto practice = static_cast<model::Practice>(p);
    bool header = false;
    for (const model::Finding& f : r.findings) {
      if (f.rule == nullptr || f.rule->practice != practice) continue;
      if (!header) {
        std::string title = model::PracticeName(practice);
        out += style.Bold(title) + "\n" + std::string(title.size(), '=') + "\n\n";
        header = true;
      }
      out += style.Severity(f.severity, Upper(model::SeverityName(f.severity))) + " " +
             style.Bold(f.rule->id) + " " + std::string(f.rule->title) + "\n";
      out += "  " + Position(f);
      if (!f.resource.empty()) out += " (" + f.resource + ")";
      out += "\n  " + f.message + "\n";
      AppendSourceLine(f, style, &out);
      if (!f.fix.empty()) {
        out += "  fix: " + f.fix + "\n";
      } else {
        out += "  fix: see `fnwarden explain " + std::string(f.rule->id) + "`\n";
      }
      out += "\n";
    }
  }

  if (!options.show_summary) return out;
  const Summary& s = r.summary;
  std::string line;
  if (s.findings == 0) {
    line = "No findings";
  } else {
    line = Plural(s.findings, "finding") + " (";
    bool first = true;
    for (int sev = 4; sev >= 0; --sev) {
      if (!first) line += ", ";
      first = false;
      auto severity = static_cast<model::Severity>(sev);
      line += std::to_string(s.by_severity[static_cast<size_t>(sev)]) + " " +
              model::SeverityName(severity);
    }
    line += ")";
  }
  if (s.suppressed > 0) line += ", " + std::to_string(s.suppressed) + " suppressed";
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2fs", s.seconds);
  line += "; " + Plural(s.files, "file") + ", " + Plural(s.projects, "project") + ", " +
          Plural(s.rules, "rule") + " in " + seconds;
  out += (s.findings > 0 ? style.Bold(line) : line) + "\n";
  return out;
}

}  // namespace fnwarden::report
