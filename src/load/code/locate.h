// Where a function's handler is: the source file and the function in it
// that Lambda runs, found from the function's runtime, its handler setting
// and its code folder (model::Function::code_dir), for the runtimes whose
// code fnwarden reads (Python, Node.js). Issue 11's code analysis starts
// from these.
#ifndef FNWARDEN_LOAD_CODE_LOCATE_H_
#define FNWARDEN_LOAD_CODE_LOCATE_H_

#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"
#include "util/fs.h"

namespace fnwarden::load::code {

// The language of a runtime whose code fnwarden reads; "" for the others
// (Java, .NET, Go, Ruby, custom runtimes, container images).
std::string_view RuntimeLanguage(std::string_view runtime);

// The files a handler setting may name, in the order Lambda tries them,
// relative to the code folder: "src/app.handler" on Python is
// "src/app.py"; "index.handler" on Node.js is index.js, index.mjs,
// index.cjs, then index.ts (bundled by esbuild). Empty when the setting is
// not FILE.FUNCTION.
std::vector<std::string> HandlerCandidates(std::string_view language, std::string_view handler,
                                           std::string* function);

// Fills each function's handler_file and handler_function when its code
// folder holds the file its handler names. Files are looked up through
// `fs`, only inside `roots`: a handler that climbs out of them ("../x.handler")
// is not located. Functions with inline code, no code folder or another
// runtime are left as they are. `known` (optional) is the walk's index of
// folders, which saves resolving them again.
void LocateHandlers(const util::FileSystem& fs, const util::ScanRoots& roots,
                    const util::FolderIndex* known, model::Model* m);

}  // namespace fnwarden::load::code

#endif  // FNWARDEN_LOAD_CODE_LOCATE_H_
