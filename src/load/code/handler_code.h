// Reads the code of each function's handler (load/code/locate.h found it)
// and the local modules it imports, and records in the model what the code
// calls of AWS, where the event's data flows (flow_trace.h) and the
// weaknesses of the code the handler reaches (model::HandlerCode).
//
// Each file is read and parsed once per scan, whatever the number of
// functions that reach it, in parallel rounds: the handlers first, then
// the local modules they import, and so on. Imports resolve only to files
// inside the scan roots; packages (node_modules, site-packages) are not
// read, but the few libraries known to call AWS themselves make what the
// code needs of their services partial.
#ifndef FNWARDEN_LOAD_CODE_HANDLER_CODE_H_
#define FNWARDEN_LOAD_CODE_HANDLER_CODE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/model.h"
#include "util/diagnostic.h"
#include "util/fs.h"
#include "util/source.h"

namespace fnwarden::load::code {

struct CodeOptions {
  // Larger source files (minified bundles, mostly) are skipped with a
  // diagnostic, and the code that reaches them is partial.
  uint64_t max_file_bytes = 2 << 20;
  // At most this many files are read for one function's code.
  size_t max_files_per_function = 500;
  unsigned jobs = 1;
};

// Fills model::Function::code for every function of `models` whose handler
// was located, or whose code is inline. `display` turns a path as opened
// into the path users see. Files are read through `fs` inside `roots` and
// kept in `sources`; problems (a file that does not parse, one too large)
// are reported once to `diags`.
void AnalyseHandlerCode(const util::FileSystem& fs, const util::ScanRoots& roots,
                        const util::FolderIndex* known,
                        const std::function<std::string(const std::string&)>& display,
                        const CodeOptions& options, util::SourceSet* sources,
                        util::DiagnosticSink* diags, std::vector<model::Model>* models);

}  // namespace fnwarden::load::code

#endif  // FNWARDEN_LOAD_CODE_HANDLER_CODE_H_
