// Inline expectations in rule fixtures.
//
//   Resources:
//     OpenFn:                      # fnwarden: expect FNW-CFG-003
//       ...
//       AuthType: AWS_IAM          # fnwarden: ok FNW-CFG-003
//
// A trailing annotation applies to its own line; one on a line of its own
// applies to the next line that holds code. `expect` needs a finding of the
// rule there (on that line, or about the resource whose logical ID is on that
// line); `ok` forbids one; `todo-expect` and `todo-ok` record known gaps
// (a missing finding, a known false positive) without failing. Formats
// without comments use a sidecar `<fixture>.expect` with lines
// `expect|ok|todo-expect|todo-ok RULE-ID LINE`.
//
// A fixture that is a folder (a template or service with its handler code)
// is scanned whole; every file in it may hold annotations, in its own
// comment syntax, and a finding meets an annotation of the file it points
// into.
#ifndef FNWARDEN_TESTS_FIXTURE_ANNOTATIONS_H_
#define FNWARDEN_TESTS_FIXTURE_ANNOTATIONS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fnwarden::testing {

enum class AnnotationKind { kExpect, kOk, kTodoExpect, kTodoOk };

struct Annotation {
  AnnotationKind kind;
  std::string rule_id;
  uint32_t line;         // the line the expectation is about (1-based)
  uint32_t source_line;  // where the annotation is written
};

// Parses `# fnwarden: <kind> ID [ID...]` comments (`// fnwarden: ...` in
// JavaScript and TypeScript). Malformed annotations
// (an unknown kind, no ID) are returned in `errors` as "line N: ...".
std::vector<Annotation> ParseInlineAnnotations(std::string_view text,
                                               std::vector<std::string>* errors);
// Parses a sidecar file.
std::vector<Annotation> ParseSidecarAnnotations(std::string_view text,
                                                std::vector<std::string>* errors);

}  // namespace fnwarden::testing

#endif  // FNWARDEN_TESTS_FIXTURE_ANNOTATIONS_H_
