// The human-readable report: risk first, hardening summarised.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <unordered_set>
#include <vector>

#include "report/report.h"
#include "util/strings.h"
#include "util/terminal.h"

namespace fnwarden::report {
namespace {

// Prose (messages, fixes, summary lists) is wrapped to this many columns.
constexpr size_t kWidth = 100;
// Resources named on one hardening line, at most.
constexpr size_t kHardeningResources = 3;
// Resources named in the summary's "most severe" line, at most.
constexpr size_t kMostSevere = 3;

constexpr model::Severity kSeveritiesDown[] = {model::Severity::kCritical, model::Severity::kHigh,
                                               model::Severity::kMedium, model::Severity::kLow,
                                               model::Severity::kInfo};

struct Style {
  bool on;
  // Appends `text` in the colour `code` (when colours are on) to `out`.
  void Append(std::string_view code, std::string_view text, std::string* out) const {
    if (on) out->append("\x1b[").append(code).append("m");
    out->append(text);
    if (on) out->append("\x1b[0m");
  }
  std::string Wrap(std::string_view code, std::string_view text) const {
    std::string out;
    Append(code, text, &out);
    return out;
  }
  std::string Bold(std::string_view t) const { return Wrap("1", t); }
  static std::string_view SeverityCode(model::Severity s) {
    switch (s) {
      case model::Severity::kCritical: return "1;31";
      case model::Severity::kHigh: return "31";
      case model::Severity::kMedium: return "33";
      case model::Severity::kLow: return "36";
      case model::Severity::kInfo: return "2";
    }
    return "";
  }
  std::string Severity(model::Severity s, std::string_view t) const {
    return Wrap(SeverityCode(s), t);
  }
};

// "CRITICAL", "HIGH", ...
std::string_view UpperSeverity(model::Severity s) {
  static constexpr std::string_view kNames[] = {"INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"};
  return kNames[static_cast<size_t>(s)];
}

std::string_view FileOf(const model::Finding& f) {
  return f.loc.path().empty() ? std::string_view(f.project) : f.loc.path();
}

// "path:line:col", TerminalSafe.
std::string Position(const model::Finding& f) {
  std::string out = util::TerminalSafeLine(FileOf(f));
  if (f.loc.known()) {
    out += ":" + std::to_string(f.loc.line) + ":" + std::to_string(f.loc.col);
  }
  return out;
}

// The option of `fnwarden explain` that shows only the fix for a unit of
// `framework`: none for CloudFormation, whose fix is the first one shown.
std::string ExplainFramework(model::Framework framework) {
  if (framework == model::Framework::kCloudFormation) return "";
  return std::string(" --framework ") + util::ToLower(model::FrameworkName(framework));
}

// Bytes of the longest prefix of `text` that takes at most `columns`.
size_t BytesWithin(std::string_view text, size_t columns) {
  size_t width = 0, i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t length = 1, w = 1;
    if (c >= 0x80) {
      length = std::max<size_t>(util::ValidUtf8Length(text, i), 1);
      if (length > 1) w = util::CodePointWidth(util::DecodeUtf8(text, i, length));
    }
    if (width + w > columns) break;
    width += w;
    i += length;
  }
  return i;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Appends `text` (already TerminalSafe) wrapped at blanks to kWidth
// columns, each line starting with `indent`; a word longer than a line gets
// a line of its own. Newlines in `text` start new lines.
void AppendWrapped(std::string_view text, std::string_view indent, std::string* out) {
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  size_t room = kWidth > indent.size() ? kWidth - indent.size() : 1;
  for (;;) {
    size_t newline = text.find('\n');
    std::string_view rest = TrimSpaces(text.substr(0, newline));
    do {
      size_t fits = BytesWithin(rest, room);
      size_t cut = rest.size();
      if (fits < rest.size()) {
        cut = rest.rfind(' ', fits);  // the blank after the last word that fits
        if (cut == std::string_view::npos) cut = std::min(rest.find(' ', fits), rest.size());
      }
      out->append(indent).append(TrimSpaces(rest.substr(0, cut))).push_back('\n');
      rest = TrimSpaces(rest.substr(cut));
    } while (!rest.empty());
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
}

// "1 critical, 2 high" (the non-zero counts), or "none".
std::string SeverityCounts(const std::array<size_t, 5>& counts) {
  std::string out;
  for (model::Severity s : kSeveritiesDown) {
    size_t n = counts[static_cast<size_t>(s)];
    if (n == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(n) + " " + model::SeverityName(s);
  }
  return out.empty() ? "none" : out;
}

size_t Total(const std::array<size_t, 5>& counts) {
  size_t n = 0;
  for (size_t c : counts) n += c;
  return n;
}

// Most severe first; otherwise the engine's order (file, line, column, rule).
std::vector<const model::Finding*> MostSevereFirst(const ScanReport& r, bool hardening) {
  std::vector<const model::Finding*> out;
  for (const model::Finding& f : r.findings) {
    if (IsHardening(f) == hardening) out.push_back(&f);
  }
  std::stable_sort(out.begin(), out.end(), [](const model::Finding* a, const model::Finding* b) {
    return a->severity > b->severity;
  });
  return out;
}

// Findings at one place about one resource: one statement, one block.
struct Block {
  std::vector<const model::Finding*> findings;  // most severe first
};

std::vector<Block> Blocks(const std::vector<const model::Finding*>& sorted) {
  std::vector<Block> blocks;
  // Keyed by the file's identity (one SourceFile per file) before its
  // name: most keys differ there.
  std::map<std::tuple<const util::SourceFile*, uint32_t, uint32_t, std::string_view,
                      std::string_view, std::string_view>,
           size_t>
      index;
  for (const model::Finding* f : sorted) {
    auto key = std::make_tuple(f->loc.file, f->loc.line, f->loc.col, std::string_view(f->resource),
                               FileOf(*f), std::string_view(f->project));
    auto [it, added] = index.emplace(key, blocks.size());
    if (added) blocks.emplace_back();
    blocks[it->second].findings.push_back(f);
  }
  for (Block& block : blocks) {
    std::stable_sort(block.findings.begin(), block.findings.end(),
                     [](const model::Finding* a, const model::Finding* b) {
                       if (a->severity != b->severity) return a->severity > b->severity;
                       return a->rule->id < b->rule->id;
                     });
  }
  return blocks;
}

void AppendBlock(const Block& b, const TextOptions& options, const Style& style,
                 std::string* out) {
  const model::Finding& first = *b.findings.front();
  std::string header = Position(first);
  if (!first.resource.empty()) header += " " + util::TerminalSafeLine(first.resource);
  style.Append("1", header, out);
  out->push_back('\n');
  if (first.loc.known()) {
    util::CaretLines lines =
        util::SourceWithCaret(first.loc.file->Line(first.loc.line), first.loc.col, options.secrets);
    std::string number = std::to_string(first.loc.line);
    out->append("    ");
    style.Append("2", number + " |", out);
    out->append(" ").append(lines.source).append("\n    ");
    style.Append("2", std::string(number.size(), ' ') + " |", out);
    out->push_back(' ');
    style.Append("32", lines.caret, out);
    out->push_back('\n');
  }
  for (const model::Finding* f : b.findings) {
    out->append("  ");
    style.Append(Style::SeverityCode(f->severity), UpperSeverity(f->severity), out);
    out->push_back(' ');
    style.Append("1", f->rule->id, out);
    out->append(" ").append(f->rule->title).push_back('\n');
    AppendWrapped(util::TerminalSafe(f->message), "    ", out);
    if (!f->flow.empty()) {
      std::string flow;
      for (const model::FlowStep& step : f->flow) {
        if (!flow.empty()) flow += " → ";
        flow += std::string(step.loc.path()) + ":" + std::to_string(step.loc.line) + " " + step.what;
      }
      AppendWrapped("flow: " + util::TerminalSafe(flow), "    ", out);
    }
    std::string fix = f->fix.empty() ? "see `fnwarden explain " + std::string(f->rule->id) +
                                           ExplainFramework(f->framework) + "`"
                                     : util::TerminalSafe(f->fix);
    AppendWrapped("fix: " + fix, "    ", out);
  }
  out->push_back('\n');
}

// A resource as the summary names it: its logical ID, and its file when the
// findings come from several projects.
std::string ResourceLabel(const model::Finding& f, bool several_projects) {
  std::string name = f.resource.empty() ? std::string(FileOf(f)) : f.resource;
  if (several_projects && !f.resource.empty()) name += " in " + std::string(FileOf(f));
  return util::TerminalSafeLine(name);
}

bool SeveralProjects(const ScanReport& r) {
  return std::any_of(r.findings.begin(), r.findings.end(), [&](const model::Finding& f) {
    return f.project != r.findings.front().project;
  });
}

// "a, b, c and 4 more" within `room` columns (at least the first name).
std::string NameList(const std::vector<std::string>& names, size_t max, size_t room) {
  std::string out;
  size_t shown = 0;
  for (const std::string& n : names) {
    if (shown == max) break;
    std::string next = out.empty() ? n : out + ", " + n;
    size_t rest = names.size() - shown - 1;
    size_t tail = rest > 0 ? std::string(" and " + std::to_string(rest) + " more").size() : 0;
    if (shown > 0 && util::DisplayWidth(next) + tail > room) break;
    out = next;
    ++shown;
  }
  if (shown < names.size()) out += " and " + std::to_string(names.size() - shown) + " more";
  return out;
}

void AppendSummary(const ScanReport& r, const Style& style, std::string* out) {
  const Summary& s = r.summary;
  size_t risk = Total(s.risk_by_severity), hardening = Total(s.hardening_by_severity);
  *out += style.Bold("Summary: " + Plural(risk, "risk finding") + ", " +
                     Plural(hardening, "hardening finding")) +
          "\n";
  // Right-aligned columns, wide enough for a five-digit count.
  auto pad_left = [](std::string cell, size_t width) {
    return std::string(width > cell.size() ? width - cell.size() : 0, ' ') + cell;
  };
  auto column_width = [](model::Severity sev) {
    return std::max<size_t>(std::string_view(model::SeverityName(sev)).size(), 5) + 2;
  };
  std::string table(13, ' ');
  for (model::Severity sev : kSeveritiesDown) {
    table += pad_left(model::SeverityName(sev), column_width(sev));
  }
  *out += table + "\n";
  for (auto [label, counts] : {std::make_pair("risk", &s.risk_by_severity),
                               std::make_pair("hardening", &s.hardening_by_severity)}) {
    std::string row = "  " + std::string(label);
    row.resize(13, ' ');
    for (model::Severity sev : kSeveritiesDown) {
      size_t n = (*counts)[static_cast<size_t>(sev)];
      row += pad_left(n == 0 ? "-" : std::to_string(n), column_width(sev));
    }
    *out += row + "\n";
  }

  std::array<size_t, 11> by_practice{};
  for (const model::Finding& f : r.findings) {
    if (f.rule) ++by_practice[static_cast<size_t>(f.rule->practice)];
  }
  std::string practices;
  for (size_t p = 1; p < by_practice.size(); ++p) {
    if (by_practice[p] == 0) continue;
    if (!practices.empty()) practices += ", ";
    practices += std::string(model::PracticeName(static_cast<model::Practice>(p))) + " " +
                 std::to_string(by_practice[p]);
  }
  AppendWrapped("by practice: " + practices, "  ", out);

  // The resources with the most severe findings: risk findings when there
  // are any, counted by severity, compared from critical down.
  bool several_projects = SeveralProjects(r);
  std::map<std::pair<std::string_view, std::string_view>, std::array<size_t, 5>> counts;
  std::map<std::pair<std::string_view, std::string_view>, const model::Finding*> example;
  for (const model::Finding& f : r.findings) {
    if (risk > 0 && IsHardening(f)) continue;
    auto key = std::make_pair(std::string_view(f.project), std::string_view(f.resource));
    ++counts[key][static_cast<size_t>(f.severity)];
    example.emplace(key, &f);
  }
  using Entry = std::pair<std::array<size_t, 5>, const model::Finding*>;
  std::vector<Entry> ranked;
  for (const auto& [key, c] : counts) ranked.emplace_back(c, example[key]);
  std::stable_sort(ranked.begin(), ranked.end(), [](const Entry& a, const Entry& b) {
    return std::lexicographical_compare(a.first.rbegin(), a.first.rend(), b.first.rbegin(),
                                        b.first.rend(), std::greater<>());
  });
  std::string most;
  for (size_t i = 0; i < ranked.size() && i < kMostSevere; ++i) {
    if (!most.empty()) most += "; ";
    most += ResourceLabel(*ranked[i].second, several_projects) + " (" +
            SeverityCounts(ranked[i].first) + ")";
  }
  if (ranked.size() > kMostSevere) most += "; " + std::to_string(ranked.size() - kMostSevere) + " more";
  AppendWrapped("most severe: " + most, "  ", out);
  *out += "\n";
}

// One line per hardening rule: severity, ID, title, count, first resources
// (their logical IDs only, so that the line stays short).
void AppendHardeningLines(const std::vector<const model::Finding*>& sorted, const Style& style,
                          std::string* out) {
  struct RuleLine {
    const model::RuleInfo* rule;
    model::Severity severity;  // the most severe of its findings
    std::vector<std::string> resources;    // distinct, in order of first finding
    std::unordered_set<std::string> seen;  // `resources`, to look up (a rule may have thousands)
    size_t count = 0;
  };
  std::vector<RuleLine> lines;
  std::map<std::string_view, size_t> index;
  for (const model::Finding* f : sorted) {
    auto [it, added] = index.emplace(f->rule->id, lines.size());
    if (added) lines.push_back({f->rule, f->severity, {}, {}, 0});
    RuleLine& line = lines[it->second];
    ++line.count;
    std::string label = ResourceLabel(*f, false);
    if (line.seen.insert(label).second) line.resources.push_back(std::move(label));
  }
  std::stable_sort(lines.begin(), lines.end(), [](const RuleLine& a, const RuleLine& b) {
    return std::tie(a.severity, a.count) > std::tie(b.severity, b.count);
  });
  *out += style.Bold("Hardening: " + Plural(sorted.size(), "finding") + " of " +
                     Plural(lines.size(), "rule") + " (--hardening shows each)") +
          "\n";
  for (const RuleLine& line : lines) {
    std::string severity(UpperSeverity(line.severity));
    std::string rest = std::string(9 - severity.size(), ' ') + std::string(line.rule->id) + " " +
                       std::string(line.rule->title) + ": " + std::to_string(line.count) + " (";
    size_t used = 2 + severity.size() + rest.size() + 1;  // + the closing parenthesis
    std::string names =
        NameList(line.resources, kHardeningResources, kWidth > used ? kWidth - used : 0);
    *out += "  " + style.Severity(line.severity, severity) + rest + names + ")\n";
  }
  *out += "\n";
}

void AppendCompact(const std::vector<const model::Finding*>& sorted, std::string* out) {
  for (const model::Finding* f : sorted) {
    out->append(Position(*f)).append(": ").append(UpperSeverity(f->severity)).append(" ");
    out->append(f->rule->id).append(" ").append(util::TerminalSafeLine(f->message)).append("\n");
  }
}

std::string ClosingLine(const ScanReport& r) {
  const Summary& s = r.summary;
  std::string line;
  if (s.findings == 0) {
    line = "No findings";
  } else {
    size_t risk = Total(s.risk_by_severity), hardening = Total(s.hardening_by_severity);
    line = Plural(s.findings, "finding") + ": " + std::to_string(risk) + " risk";
    if (risk > 0) line += " (" + SeverityCounts(s.risk_by_severity) + ")";
    line += ", " + std::to_string(hardening) + " hardening";
    if (hardening > 0) line += " (" + SeverityCounts(s.hardening_by_severity) + ")";
  }
  if (s.suppressed > 0) line += ", " + std::to_string(s.suppressed) + " suppressed";
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2fs", s.seconds);
  line += "; " + Plural(s.files, "file") + ", " + Plural(s.projects, "project") + ", " +
          Plural(s.rules, "rule") + " in " + seconds;
  return line;
}

}  // namespace

std::string Plural(size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

std::string RenderTextSummary(const ScanReport& r, bool color) {
  Style style{color};
  std::string out;
  if (!r.findings.empty()) AppendSummary(r, style, &out);
  std::string line = ClosingLine(r);
  out += (r.summary.findings > 0 ? style.Bold(line) : line) + "\n";
  return out;
}

std::string RenderText(const ScanReport& r, const TextOptions& options) {
  Style style{options.color};
  std::string out;
  // About what one finding in full takes (header, source, message, fix).
  out.reserve(r.findings.size() * (options.hardening ? 480 : 160) + 4096);
  for (const util::Diagnostic& d : r.diagnostics) {
    if (d.level == util::DiagLevel::kWarning && !options.show_warnings) continue;
    out += options.compact ? util::RenderHeadline(d) + "\n" : util::Render(d, options.secrets);
  }
  std::vector<const model::Finding*> risk = MostSevereFirst(r, false);
  std::vector<const model::Finding*> hardening = MostSevereFirst(r, true);
  // Every finding has a rule; one without cannot be shown by rule.
  std::erase_if(risk, [](const model::Finding* f) { return f->rule == nullptr; });
  std::erase_if(hardening, [](const model::Finding* f) { return f->rule == nullptr; });

  if (options.compact) {
    AppendCompact(risk, &out);
    AppendCompact(hardening, &out);
  } else if (!r.findings.empty()) {
    if (!out.empty()) out += "\n";
    if (options.show_summary) AppendSummary(r, style, &out);
    if (!risk.empty()) {
      out += style.Bold("Risk: " + Plural(risk.size(), "finding") + ", most severe first") +
             "\n\n";
      for (const Block& b : Blocks(risk)) AppendBlock(b, options, style, &out);
    }
    if (!hardening.empty() && options.hardening) {
      out += style.Bold("Hardening: " + Plural(hardening.size(), "finding")) + "\n\n";
      for (const Block& b : Blocks(hardening)) AppendBlock(b, options, style, &out);
    } else if (!hardening.empty()) {
      AppendHardeningLines(hardening, style, &out);
    }
  }

  if (!options.show_summary) return out;
  std::string line = ClosingLine(r);
  out += (r.summary.findings > 0 ? style.Bold(line) : line) + "\n";
  return out;
}

}  // namespace fnwarden::report
