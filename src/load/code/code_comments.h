// The comments of handler code that speak to fnwarden: inline ignores such
// as `# fnwarden:ignore FNW-CODE-001 the format is checked upstream` or
// `// fnwarden:ignore FNW-CODE-007 ...`, as util::SourceComment for
// rules/suppress.cc. A comment on a line of its own is about the next line
// that is not a comment (none when a blank line comes first); one after
// code is about its own line.
//
// Found from the text, not the syntax tree: a `#` or `//` before "fnwarden"
// on the same line starts the comment. A string that holds such text is
// read as a comment too, which at worst makes an ignore apply.
#ifndef FNWARDEN_LOAD_CODE_CODE_COMMENTS_H_
#define FNWARDEN_LOAD_CODE_CODE_COMMENTS_H_

#include <vector>

#include "load/code/syntax.h"
#include "util/source.h"

namespace fnwarden::load::code {

std::vector<util::SourceComment> FnwardenComments(Language language, const util::SourceFile& file);

}  // namespace fnwarden::load::code

#endif  // FNWARDEN_LOAD_CODE_CODE_COMMENTS_H_
