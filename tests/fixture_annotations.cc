#include "fixture_annotations.h"

#include <sstream>

#include "util/strings.h"

namespace fnwarden::testing {
namespace {

bool ParseKind(std::string_view word, AnnotationKind* kind) {
  if (word == "expect") *kind = AnnotationKind::kExpect;
  else if (word == "ok") *kind = AnnotationKind::kOk;
  else if (word == "todo-expect") *kind = AnnotationKind::kTodoExpect;
  else if (word == "todo-ok") *kind = AnnotationKind::kTodoOk;
  else return false;
  return true;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::string word;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == ',' || c == '\r') {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

// Whether a line holds code: something other than blanks and a comment
// (`#` in YAML, HCL and Python, `//` in JavaScript and TypeScript).
bool IsCode(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '#' || line.substr(i).starts_with("//")) return false;
    if (c != ' ' && c != '\t' && c != '\r') return true;
  }
  return false;
}

}  // namespace

std::vector<Annotation> ParseInlineAnnotations(std::string_view text,
                                               std::vector<std::string>* errors) {
  std::vector<std::string_view> lines = util::Split(text, '\n');
  std::vector<Annotation> out;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    std::string_view marker = "# fnwarden:";
    size_t at = line.find(marker);
    if (at == std::string_view::npos) {
      marker = "// fnwarden:";
      at = line.find(marker);
    }
    if (at == std::string_view::npos) continue;
    uint32_t source_line = static_cast<uint32_t>(i + 1);
    std::vector<std::string> words = Words(line.substr(at + marker.size()));
    AnnotationKind kind;
    if (words.empty() || !ParseKind(words[0], &kind) || words.size() < 2) {
      errors->push_back("line " + std::to_string(source_line) +
                        ": expected '# fnwarden: expect|ok|todo-expect|todo-ok RULE-ID'");
      continue;
    }
    uint32_t target = 0;
    if (IsCode(line.substr(0, at))) {
      target = source_line;
    } else {
      for (size_t j = i + 1; j < lines.size(); ++j) {
        if (IsCode(lines[j])) {
          target = static_cast<uint32_t>(j + 1);
          break;
        }
      }
    }
    if (target == 0) {
      errors->push_back("line " + std::to_string(source_line) + ": annotation with no code after it");
      continue;
    }
    for (size_t w = 1; w < words.size(); ++w) {
      out.push_back({kind, words[w], target, source_line});
    }
  }
  return out;
}

std::vector<Annotation> ParseSidecarAnnotations(std::string_view text,
                                                std::vector<std::string>* errors) {
  std::vector<Annotation> out;
  std::vector<std::string_view> lines = util::Split(text, '\n');
  for (size_t i = 0; i < lines.size(); ++i) {
    std::vector<std::string> words = Words(lines[i]);
    if (words.empty() || words[0][0] == '#') continue;
    AnnotationKind kind;
    uint32_t target = 0;
    if (words.size() == 3 && ParseKind(words[0], &kind)) {
      target = static_cast<uint32_t>(std::strtoul(words[2].c_str(), nullptr, 10));
    }
    if (target == 0) {
      errors->push_back("sidecar line " + std::to_string(i + 1) +
                        ": expected 'expect|ok|todo-expect|todo-ok RULE-ID LINE'");
      continue;
    }
    out.push_back({kind, words[1], target, static_cast<uint32_t>(i + 1)});
  }
  return out;
}

}  // namespace fnwarden::testing
