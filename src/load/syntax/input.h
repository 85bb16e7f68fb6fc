// Checks every parser runs on the raw bytes before parsing: binary content,
// encodings other than UTF-8, and the byte order mark.
#ifndef FNWARDEN_LOAD_SYNTAX_INPUT_H_
#define FNWARDEN_LOAD_SYNTAX_INPUT_H_

#include <cstddef>

#include "util/diagnostic.h"
#include "util/source.h"

namespace fnwarden::load::syntax {

struct InputInfo {
  size_t bom = 0;     // length of a leading UTF-8 byte order mark (0 or 3)
  bool ascii = true;  // no byte >= 0x80 after the byte order mark
};

// Reports one error and returns false when the file is binary (a NUL byte in
// its first 8 KiB: "binary file" at 1:1), UTF-16 or UTF-32 (by its byte order
// mark), or not valid UTF-8 (at the first invalid byte).
bool CheckInput(const util::SourceFile& file, util::DiagnosticSink* diags, InputInfo* info);

// The position of a byte offset, with the byte order mark not counted as
// columns of line 1.
util::Loc LocAtOffset(const util::SourceFile& file, size_t offset, size_t bom);

}  // namespace fnwarden::load::syntax

#endif  // FNWARDEN_LOAD_SYNTAX_INPUT_H_
