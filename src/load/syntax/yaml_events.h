// The YAML event stream ParseYaml builds its tree from, and the two scanners
// that produce it.
//
// libyaml checks the whole syntax of YAML 1.1 and is the reference. Most
// templates use a small part of that syntax (block mappings and sequences,
// plain, quoted and block scalars, flow collections, tags, anchors), which a
// scanner written for it reads several times faster. ParseYaml runs that
// scanner first; when a file uses anything else, or anything the scanner is
// not sure to read exactly as libyaml does (an error included), the scanner
// says so before it could be wrong, and the file is read again with libyaml.
// The fast scanner's events are libyaml's, byte for byte: the same values,
// tags, anchors, styles and positions. Tests and a fuzz target compare them.
#ifndef FNWARDEN_LOAD_SYNTAX_YAML_EVENTS_H_
#define FNWARDEN_LOAD_SYNTAX_YAML_EVENTS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "load/syntax/node.h"
#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::syntax {

struct YamlEvent {
  enum class Type : uint8_t {
    kDocumentStart,
    kDocumentEnd,
    kScalar,
    kSequenceStart,
    kSequenceEnd,
    kMappingStart,
    kMappingEnd,
    kAlias,
  };
  enum class Style : uint8_t { kPlain, kSingleQuoted, kDoubleQuoted, kLiteral, kFolded };

  Type type = Type::kScalar;
  Style style = Style::kPlain;  // scalars
  bool flow = false;            // collection starts: written in brackets or braces
  size_t start = 0;             // byte offset of the event's first character
  util::Loc start_loc;
  size_t end = 0;  // scalars: byte offset just past the scalar
  util::Loc end_loc;
  // Valid during the handler's call only.
  std::string_view tag;     // resolved: "!Ref", "tag:yaml.org,2002:str", "!"; empty: none
  std::string_view anchor;  // scalars and collection starts: the anchor's name; aliases: its target
  std::string_view value;   // scalars
};

class YamlEventHandler {
 public:
  // Returns false to stop the scan.
  virtual bool OnEvent(const YamlEvent& event) = 0;

 protected:
  ~YamlEventHandler() = default;
};

enum class FastScan {
  kDone,         // every event was handed over
  kStopped,      // the handler returned false
  kUnsupported,  // the text uses what this scanner leaves to libyaml; events may have been handed
                 // over
};

// The fast scanner, on a file that passed CheckInput (input.h); `bom` is the
// length of its byte order mark.
FastScan ScanYamlFast(const util::SourceFile& file, size_t bom, YamlEventHandler* handler);

// libyaml's events through the same interface; false at a syntax error or when
// the handler stops.
bool ScanYamlLibyaml(const util::SourceFile& file, size_t bom, YamlEventHandler* handler);

// ParseYaml with libyaml alone: the reference the fast path is tested against.
std::unique_ptr<Document> ParseYamlWithLibyaml(const util::SourceFile* file,
                                               const ParseLimits& limits,
                                               util::DiagnosticSink* diags);

// One line per event, for tests and the fuzzer.
std::string DescribeEvent(const YamlEvent& event);

}  // namespace fnwarden::load::syntax

#endif  // FNWARDEN_LOAD_SYNTAX_YAML_EVENTS_H_
