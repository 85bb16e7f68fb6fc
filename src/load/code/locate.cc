#include "load/code/locate.h"

#include <map>

#include "load/discover_internal.h"
#include "util/strings.h"

namespace fnwarden::load::code {

std::string_view RuntimeLanguage(std::string_view runtime) {
  if (runtime.starts_with("python")) return "python";
  if (runtime.starts_with("nodejs")) return "javascript";
  return "";
}

std::vector<std::string> HandlerCandidates(std::string_view language, std::string_view handler,
                                           std::string* function) {
  std::vector<std::string> out;
  size_t dot = handler.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == handler.size()) return out;
  *function = std::string(handler.substr(dot + 1));
  std::string module(handler.substr(0, dot));
  if (language == "python") {
    // "pkg.module.handler" names pkg/module.py; "src/app.handler" names
    // src/app.py (Lambda reads both).
    for (char& c : module) {
      if (c == '.') c = '/';
    }
    out.push_back(module + ".py");
  } else if (language == "javascript") {
    for (std::string_view ext : {".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"}) {
      out.push_back(module + std::string(ext));
    }
  }
  return out;
}

namespace {

std::string_view Stem(std::string_view path) {
  if (size_t slash = path.rfind('/'); slash != std::string_view::npos) path.remove_prefix(slash + 1);
  if (size_t dot = path.find('.'); dot != std::string_view::npos) path = path.substr(0, dot);
  return path;
}

// The esbuild entry points the handler's module is built from: esbuild
// names each bundle after its entry point's file.
std::vector<std::string> EntryPointsOf(const model::Function& fn, std::string_view module_file) {
  std::vector<std::string> out;
  for (const std::string& entry : fn.entry_points) {
    if (Stem(entry) == Stem(module_file)) out.push_back(entry);
  }
  return out;
}

}  // namespace

void LocateHandlers(const util::FileSystem& fs, const util::ScanRoots& roots,
                    const util::FolderIndex* known, model::Model* m) {
  // Functions often share a folder and a handler: each file is looked up once.
  std::map<std::string, bool> exists;
  auto is_file = [&](const std::string& path) {
    auto [it, fresh] = exists.try_emplace(path, false);
    if (fresh) {
      std::string real, err;
      it->second = util::ResolveInsideRoots(fs, roots, path, &real, &err, known) &&
                   fs.Stat(real, nullptr) == util::EntryKind::kFile;
    }
    return it->second;
  };
  for (model::Function& fn : m->functions) {
    if (fn.inline_code || fn.code_dir.empty() || !fn.handler.known() || !fn.runtime.known()) {
      continue;
    }
    std::string_view language = RuntimeLanguage(fn.runtime.value);
    if (language.empty()) continue;
    std::string function;
    std::vector<std::string> candidates = HandlerCandidates(language, fn.handler.value, &function);
    if (!candidates.empty()) {
      std::vector<std::string> entries = EntryPointsOf(fn, candidates.front());
      candidates.insert(candidates.begin(), entries.begin(), entries.end());
    }
    for (const std::string& candidate : candidates) {
      if (candidate.starts_with("/")) break;
      std::string path = util::NormalizePath(internal::JoinPath(fn.code_dir, candidate));
      if (!is_file(path)) continue;
      fn.handler_file = path;
      fn.handler_function = function;
      break;
    }
  }
}

}  // namespace fnwarden::load::code
