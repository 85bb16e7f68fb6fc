#include "load/code/handler_code.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <span>
#include <string_view>
#include <utility>

#include "load/code/code_comments.h"
#include "load/code/facts.h"
#include "load/code/flow_trace.h"
#include "load/code/sdk_catalog.h"
#include "load/code/syntax.h"
#include "load/discover_internal.h"
#include "util/strings.h"
#include "util/thread_pool.h"

namespace fnwarden::load::code {
namespace {

// Libraries that call AWS themselves, or sign HTTP requests to AWS APIs with
// the function's credentials: what a handler that imports one needs of
// their services is not fully known. "*": any service.
struct SdkLibrary {
  std::string_view module;
  std::string_view services;  // IAM prefixes, space-separated
};

constexpr SdkLibrary kPythonLibraries[] = {
    {"aioboto3", "*"},
    {"aiobotocore", "*"},
    {"aws_durable_execution_sdk_python", "lambda"},
    {"aws_requests_auth", "*"},
    {"awswrangler", "*"},
    {"boto", "*"},
    {"botocore.auth", "*"},
    {"botocore.session", "*"},
    {"opensearchpy", "*"},
    {"requests_aws4auth", "*"},
    {"pynamodb", "dynamodb"},
    {"aws_lambda_powertools.utilities.parameters", "ssm secretsmanager appconfig dynamodb"},
    {"aws_lambda_powertools.utilities.idempotency", "dynamodb"},
    {"aws_lambda_powertools.utilities.feature_flags", "appconfig"},
    {"smart_open", "s3"},
    {"s3fs", "s3"},
};

constexpr SdkLibrary kJsLibraries[] = {
    {"@aws-lambda-powertools/parameters", "ssm secretsmanager appconfig dynamodb"},
    {"@aws-lambda-powertools/idempotency", "dynamodb"},
    {"@aws/durable-execution-sdk-js", "lambda"},
    {"@aws/dynamodb-data-mapper", "dynamodb"},
    {"@middy/secrets-manager", "secretsmanager"},
    {"@middy/ssm", "ssm"},
    {"@opensearch-project/opensearch", "*"},
    {"@smithy/signature-v4", "*"},
    {"@aws-sdk/signature-v4", "*"},
    {"aws4", "*"},
    {"aws4-axios", "*"},
    {"dynamodb-toolbox", "dynamodb"},
    {"dynamoose", "dynamodb"},
    {"electrodb", "dynamodb"},
};

// The parameters that name a call's resource, most telling first.
constexpr std::string_view kResourceParams[] = {
    "TableName",       "Bucket",       "QueueUrl",
    "TopicArn",        "FunctionName", "SecretId",
    "StateMachineArn", "StreamName",   "DeliveryStreamName",
    "EventBusName",    "LogGroupName", "Name",
    "KeyId",           "ResourceArn",  "Arn",
};

// One source file of handler code.
struct CodeFile {
  std::string path;  // as opened, normalised
  Language language = Language::kPython;
  const util::SourceFile* source = nullptr;
  // Inline code: where its text is in the template, to map positions.
  util::Loc inline_at;
  FileFacts facts;
  bool read = false;    // parsed (perhaps with errors)
  std::string problem;  // why it was not read
};

// Where an import leads.
struct ImportTarget {
  enum class Kind : uint8_t {
    kExternal,  // a package or the standard library: not read
    kLocal,     // files of the code
    kMissing,   // a relative import that names no file: the code is partial
  };
  Kind kind = Kind::kExternal;
  std::vector<std::string> files;
};

bool IsRelativeJs(std::string_view s) {
  return s.starts_with("./") || s.starts_with("../") || s == "." || s == "..";
}

// Node's own modules: never a package of the lockfile, even when one has
// the same name ("url", "events", "buffer" are on npm too).
bool IsNodeBuiltin(std::string_view m) {
  static constexpr std::string_view kBuiltins[] = {
      "assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants",
      "crypto", "dgram", "diagnostics_channel", "dns", "domain", "events", "fs", "http", "http2",
      "https", "inspector", "module", "net", "os", "path", "perf_hooks", "process", "punycode",
      "querystring", "readline", "repl", "stream", "string_decoder", "sys", "timers", "tls",
      "trace_events", "tty", "url", "util", "v8", "vm", "wasi", "worker_threads", "zlib"};
  for (std::string_view b : kBuiltins) {
    if (m == b) return true;
  }
  return false;
}

// The top-level name of a package import: "lodash" for "lodash/fp",
// "@aws-sdk/client-s3" for "@aws-sdk/client-s3/dist", "yaml" for Python's
// "yaml.constructor"; "" for relative imports and Node's own modules.
std::string PackageModule(const Import& import, bool python) {
  std::string_view s = import.specifier;
  if (import.level > 0 || s.empty()) return "";
  if (python) return std::string(s.substr(0, s.find('.')));
  if (IsRelativeJs(s) || s.starts_with('/') || s.starts_with("node:")) return "";
  size_t slash = s.find('/');
  if (s.starts_with('@')) {
    if (slash == std::string_view::npos) return "";
    slash = s.find('/', slash + 1);
  }
  std::string_view top = s.substr(0, slash);
  if (!s.starts_with('@') && IsNodeBuiltin(top)) return "";
  return std::string(top);
}

class Analyser {
 public:
  Analyser(const util::FileSystem& fs, const util::ScanRoots& roots, const util::FolderIndex* known,
           const std::function<std::string(const std::string&)>& display,
           const CodeOptions& options, util::SourceSet* sources, util::DiagnosticSink* diags)
      : fs_(fs),
        roots_(roots),
        known_(known),
        display_(display),
        options_(options),
        sources_(sources),
        diags_(diags) {}

  void Run(std::vector<model::Model>* models) {
    if (!GrammarError().empty()) {
      diags_->FileError("", "handler code is not analysed: " + GrammarError());
      return;
    }
    std::vector<model::Function*> functions;
    std::vector<InlineCode> inline_code;
    for (model::Model& m : *models) {
      for (model::Function& fn : m.functions) {
        if (!fn.handler_file.empty()) {
          Want(fn.handler_file);
          functions.push_back(&fn);
        } else if (fn.inline_code && fn.inline_source.known() && fn.runtime.known()) {
          if (AddInline(fn, &inline_code)) functions.push_back(&fn);
        }
      }
    }
    ReadInline(inline_code);
    // Rounds: read what is wanted, then what the files read import.
    for (size_t round = 0; round < 64 && !wanted_.empty(); ++round) {
      ReadWanted();
      for (model::Function* fn : functions) Closure(*fn, /*want=*/true);
    }
    // Each function's record is its own; what they share is read only,
    // but for Resolve's answers.
    util::ParallelFor(functions.size(), options_.jobs, [&](size_t i) { Record(functions[i]); });
  }

 private:
  // Queues `path` for the next round, once.
  void Want(const std::string& path) {
    if (files_.count(path) != 0) return;
    auto file = std::make_unique<CodeFile>();
    file->path = path;
    if (!LanguageOfPath(path, &file->language)) file->problem = "not a source file";
    CodeFile* raw = file.get();
    files_.emplace(path, std::move(file));
    if (raw->problem.empty()) wanted_.push_back(raw);
  }

  // Inline code to parse, with the function that holds it.
  struct InlineCode {
    CodeFile* file;
    const model::Function* fn;
  };

  // Registers the function's inline code as a file of its own; the text is
  // parsed by ReadInline, with the rest of the inline code.
  bool AddInline(const model::Function& fn, std::vector<InlineCode>* to_read) {
    // Lambda saves inline code as index.py or index.js: a handler in
    // another module runs code deployed otherwise (the inline text is a
    // placeholder).
    if (!fn.handler.known() || !fn.handler.value.starts_with("index.")) return false;
    std::string_view runtime = fn.runtime.value;
    Language language;
    if (runtime.starts_with("python")) {
      language = Language::kPython;
    } else if (runtime.starts_with("nodejs")) {
      language = Language::kJavaScript;
    } else {
      return false;
    }
    std::string key = InlineKey(fn);
    if (files_.count(key) != 0) return true;
    auto file = std::make_unique<CodeFile>();
    file->path = key;
    file->language = language;
    file->source = fn.inline_source.loc.file;
    file->inline_at = fn.inline_source.loc;
    file->read = true;
    to_read->push_back({file.get(), &fn});
    files_.emplace(key, std::move(file));
    return true;
  }

  // Parses the inline code side by side (a template may hold hundreds of
  // functions' code), then reports what does not parse, in template order.
  void ReadInline(const std::vector<InlineCode>& code) {
    util::ParallelFor(code.size(), options_.jobs, [&](size_t i) {
      code[i].file->facts = Extract(code[i].file->language, code[i].fn->inline_source.value);
    });
    for (const InlineCode& c : code) {
      const CodeFile& file = *c.file;
      if (file.facts.error.empty() || file.source == nullptr) continue;
      util::Loc at = LocOf(file, file.facts.error_line, file.facts.error_col);
      diags_->Add({util::DiagLevel::kWarning, at, std::string(at.path()),
                   "the inline code of function " + c.fn->id + " does not parse (" +
                       file.facts.error + "); what it calls is read as far as it parsed"});
    }
  }

  // Inline code belongs to its function: keyed by the function itself (two
  // functions may hold the same text at unknown positions).
  static std::string InlineKey(const model::Function& fn) {
    return "\x01inline:" + std::to_string(reinterpret_cast<uintptr_t>(&fn));
  }

  void ReadWanted() {
    std::vector<CodeFile*> batch;
    batch.swap(wanted_);
    util::ParallelFor(batch.size(), options_.jobs, [&](size_t i) { ReadOne(batch[i]); });
    for (CodeFile* f : batch) {
      std::string shown = display_(f->path);
      if (!f->problem.empty()) {
        diags_->Add({util::DiagLevel::kWarning, {}, shown, f->problem});
      } else if (!f->facts.error.empty()) {
        util::Loc at{f->source, f->facts.error_line, f->facts.error_col};
        diags_->Add({util::DiagLevel::kWarning, at, shown,
                     "this code does not parse (" + f->facts.error +
                         "); what the rest of the file calls is read as far as it parsed"});
      }
    }
  }

  void ReadOne(CodeFile* f) {
    std::string real, err;
    if (!util::ResolveInsideRoots(fs_, roots_, f->path, &real, &err, known_)) {
      f->problem = err.empty() ? "not readable" : err;
      return;
    }
    std::string text;
    uint64_t size = 0;
    util::ReadStatus status =
        fs_.Read(real, util::ReadOptions{options_.max_file_bytes}, &text, &size, &err);
    if (status == util::ReadStatus::kTooLarge) {
      f->problem = "source file is larger than " + std::to_string(options_.max_file_bytes >> 20) +
                   " MiB (" + std::to_string(size) +
                   " bytes; a bundle or minified file?): its calls are not read";
      return;
    }
    if (status != util::ReadStatus::kOk) {
      f->problem = "source file not read: " + err;
      return;
    }
    util::SourceFile* source = sources_->Add(display_(f->path), std::move(text));
    source->set_comments(FnwardenComments(f->language, *source));
    f->source = source;
    f->facts = Extract(f->language, f->source->text());
    f->read = true;
  }

  // What `import` of `file` leads to, for code whose folder is `code_dir`.
  // Functions are recorded side by side: the answers are shared, each worked
  // out once under the lock (a map's elements stay where they are).
  const ImportTarget& Resolve(const std::string& code_dir, const CodeFile& file,
                              const Import& import) {
    std::lock_guard<std::mutex> lock(imports_mu_);
    std::string dir = internal::DirName(file.path);
    std::string key = code_dir + '\n' + dir + '\n' + std::to_string(import.level) + '\n' +
                      import.specifier + '\n' + std::to_string(static_cast<int>(file.language));
    if (file.language == Language::kPython) {
      for (const Import::Name& n : import.names) key += '\n' + n.imported;
    }
    auto [it, fresh] = imports_.try_emplace(key);
    if (!fresh) return it->second;
    ImportTarget& out = it->second;
    if (file.path.starts_with('\x01')) return out;  // inline code imports no local file
    if (file.language == Language::kPython) {
      ResolvePython(code_dir, dir, import, &out);
    } else {
      ResolveJs(dir, import.specifier, &out);
    }
    return out;
  }

  void ResolvePython(const std::string& code_dir, const std::string& dir, const Import& import,
                     ImportTarget* out) {
    std::string module = import.specifier;
    for (char& c : module) {
      if (c == '.') c = '/';
    }
    std::vector<std::string> bases;
    if (import.level > 0) {
      std::string base = dir;
      for (uint32_t i = 1; i < import.level; ++i) base = internal::DirName(base);
      bases.push_back(base);
    } else {
      bases.push_back(code_dir);
      if (dir != code_dir) bases.push_back(dir);
    }
    for (const std::string& base : bases) {
      std::string stem = module.empty() ? base : internal::JoinPath(base, module);
      bool found = false;
      for (const std::string& candidate : {stem + ".py", internal::JoinPath(stem, "__init__.py")}) {
        if (module.empty() && candidate == stem + ".py") continue;
        if (IsFile(candidate)) {
          out->files.push_back(util::NormalizePath(candidate));
          found = true;
          break;
        }
      }
      // `from pkg import mod` may name a module of the package.
      for (const Import::Name& n : import.names) {
        if (n.imported.empty() || n.imported == "*") continue;
        std::string sub = internal::JoinPath(stem, n.imported + ".py");
        if (IsFile(sub)) {
          out->files.push_back(util::NormalizePath(sub));
          found = true;
        }
      }
      if (found) {
        out->kind = ImportTarget::Kind::kLocal;
        return;
      }
    }
    if (import.level > 0) out->kind = ImportTarget::Kind::kMissing;
  }

  void ResolveJs(const std::string& dir, const std::string& specifier, ImportTarget* out) {
    if (!IsRelativeJs(specifier)) return;  // a package
    std::string stem = util::NormalizePath(internal::JoinPath(dir, specifier));
    std::vector<std::string> candidates{stem};
    // TypeScript sources import their compiled names ("./db.js" is db.ts).
    for (std::string_view js : {".js", ".mjs", ".cjs", ".jsx"}) {
      if (stem.ends_with(js)) {
        std::string bare = stem.substr(0, stem.size() - js.size());
        candidates.push_back(bare + (js == ".mjs" ? ".mts" : js == ".cjs" ? ".cts" : ".ts"));
        candidates.push_back(bare + ".tsx");
      }
    }
    for (std::string_view ext : {".js", ".ts", ".mjs", ".cjs", ".tsx", ".jsx", ".mts", ".cts"}) {
      candidates.push_back(stem + std::string(ext));
    }
    for (std::string_view index : {"index.js", "index.ts", "index.mjs", "index.cjs", "index.tsx"}) {
      candidates.push_back(internal::JoinPath(stem, index));
    }
    for (const std::string& c : candidates) {
      Language language;
      if (LanguageOfPath(c, &language) && IsFile(c)) {
        out->kind = ImportTarget::Kind::kLocal;
        out->files.push_back(c);
        return;
      }
    }
    out->kind = ImportTarget::Kind::kMissing;
  }

  // Called only from Resolve, under its lock (imports_mu_).
  bool IsFile(const std::string& path) {
    auto [it, fresh] = exists_.try_emplace(path, false);
    if (fresh) {
      std::string real, err;
      it->second = util::ResolveInsideRoots(fs_, roots_, path, &real, &err, known_) &&
                   fs_.Stat(real, nullptr) == util::EntryKind::kFile;
    }
    return it->second;
  }

  // The files a function's code reaches, handler first (breadth first).
  // With `want`, files not read yet are queued for the next round.
  std::vector<CodeFile*> Closure(const model::Function& fn, bool want) {
    std::vector<CodeFile*> out;
    std::string first = fn.handler_file.empty() ? InlineKey(fn) : fn.handler_file;
    std::set<std::string> seen{first};
    std::deque<std::string> queue{first};
    while (!queue.empty() && out.size() < options_.max_files_per_function) {
      std::string path = std::move(queue.front());
      queue.pop_front();
      auto it = files_.find(path);
      if (it == files_.end()) {
        if (want) Want(path);
        continue;
      }
      CodeFile* f = it->second.get();
      out.push_back(f);
      if (!f->read) continue;
      for (const Import& import : f->facts.imports) {
        const ImportTarget& target = Resolve(fn.code_dir, *f, import);
        for (const std::string& next : target.files) {
          if (seen.insert(next).second) queue.push_back(next);
        }
      }
    }
    return out;
  }

  // Marks what the handler function reaches: its own calls, the functions
  // it calls in its file and in the modules it imports, and the module-level
  // code of every file.
  std::set<std::pair<const CodeFile*, std::string>> Reached(const model::Function& fn,
                                                            const std::vector<CodeFile*>& files) {
    std::set<std::pair<const CodeFile*, std::string>> reached;
    if (files.empty()) return reached;
    std::deque<std::pair<const CodeFile*, std::string>> queue;
    auto visit = [&](const CodeFile* f, const std::string& name) {
      if (reached.emplace(f, name).second) queue.emplace_back(f, name);
    };
    const CodeFile* handler = files.front();
    bool found = false;
    for (const FunctionDef& d : handler->facts.functions) {
      if (d.name == fn.handler_function) {
        visit(handler, d.name);
        found = true;
      }
    }
    // A handler built by a call (a middleware wrapping a function of the
    // file): every function of the file may be what it runs.
    if (!found || fn.handler_file.empty()) {
      for (const FunctionDef& d : handler->facts.functions) visit(handler, d.name);
    }
    std::set<const CodeFile*> in_closure(files.begin(), files.end());
    while (!queue.empty()) {
      auto [f, name] = queue.front();
      queue.pop_front();
      for (const FunctionDef& d : f->facts.functions) {
        if (d.name != name) continue;
        for (const std::string& callee : d.callees) {
          for (auto& [target, def] : Callees(fn, *f, callee, in_closure)) visit(target, def);
        }
      }
    }
    return reached;
  }

  // The functions a callee name may be, in its own file and in the modules
  // the file imports.
  std::vector<std::pair<const CodeFile*, std::string>> Callees(
      const model::Function& fn, const CodeFile& f, const std::string& callee,
      const std::set<const CodeFile*>& in_closure) {
    std::vector<std::pair<const CodeFile*, std::string>> out;
    for (const FunctionDef& d : f.facts.functions) {
      if (d.name == callee) out.emplace_back(&f, d.name);
    }
    if (!out.empty()) return out;
    std::string_view head = callee;
    std::string_view rest;
    if (size_t dot = callee.find('.'); dot != std::string::npos) {
      head = std::string_view(callee).substr(0, dot);
      rest = std::string_view(callee).substr(dot + 1);
    }
    std::string_view last = callee;
    if (size_t dot = callee.rfind('.'); dot != std::string::npos) {
      last = std::string_view(callee).substr(dot + 1);
    }
    for (const Import& import : f.facts.imports) {
      for (const Import::Name& n : import.names) {
        if (n.local != head) continue;
        const ImportTarget& target = Resolve(fn.code_dir, f, import);
        for (const std::string& path : target.files) {
          auto it = files_.find(path);
          if (it == files_.end() || in_closure.count(it->second.get()) == 0) continue;
          const CodeFile* t = it->second.get();
          // `from db import save` then save(); `import db` then db.save();
          // a named import used as a namespace: the last name.
          std::string want = rest.empty() ? n.imported : std::string(last);
          for (const FunctionDef& d : t->facts.functions) {
            if (d.name == want ||
                (!rest.empty() && d.name == n.imported + "." + std::string(rest))) {
              out.emplace_back(t, d.name);
            }
          }
        }
      }
    }
    return out;
  }

  util::Loc LocOf(const CodeFile& f, uint32_t line, uint32_t col) const {
    if (!f.inline_at.known()) return {f.source, line, col};
    // Inline code: a block scalar's text starts on the line after its mark
    // and keeps the indentation of the template; a one-line string is where
    // the value is.
    const util::SourceFile* t = f.inline_at.file;
    std::string_view at = t->Line(f.inline_at.line);
    char mark = f.inline_at.col >= 1 && f.inline_at.col <= at.size() ? at[f.inline_at.col - 1] : 0;
    if (mark == '|' || mark == '>') {
      // The block's indentation is its first non-blank line's.
      uint32_t indent = 0;
      for (uint32_t l = f.inline_at.line + 1; l <= t->line_count(); ++l) {
        std::string_view text = t->Line(l);
        if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        while (indent < text.size() && text[indent] == ' ') ++indent;
        break;
      }
      return {t, f.inline_at.line + line, indent + col};
    }
    if (line == 1) return {t, f.inline_at.line, f.inline_at.col + col};
    return f.inline_at;
  }

  void Record(model::Function* fn) {
    model::HandlerCode& code = fn->code;
    std::vector<CodeFile*> files = Closure(*fn, /*want=*/false);
    if (files.empty() || !files.front()->read) return;
    code.analysed = true;
    std::set<std::string> partial;
    auto whole = [&](const CodeFile& f, uint32_t line, const std::string& why) {
      if (code.partial) return;
      code.partial = true;
      util::Loc at = LocOf(f, line, 1);
      code.partial_reason =
          std::string(at.path()) + (line > 0 ? ":" + std::to_string(at.line) : "") + ": " + why;
    };
    if (files.size() >= options_.max_files_per_function) {
      whole(*files.front(), 0,
            "more than " + std::to_string(options_.max_files_per_function) +
                " files of code; the rest is not read");
    }
    // A layer the application builds holds code its handler may import
    // (helpers, clients): not read here.
    for (const model::String& layer : fn->layers) {
      if (!layer.refs.empty()) {
        whole(*files.front(), 0,
              "its layer " + layer.refs.front() + " holds code that is not read");
        break;
      }
    }
    std::set<std::string> imported;  // third-party modules (HandlerCode::imported_modules)
    std::set<const CodeFile*> in_closure(files.begin(), files.end());
    std::set<std::pair<const CodeFile*, std::string>> reached = Reached(*fn, files);
    for (const CodeFile* f : files) {
      if (!f->read) {
        whole(*files.front(), 0, display_(f->path) + ": " + f->problem);
        continue;
      }
      if (!f->path.starts_with('\x01')) code.files.push_back(f->source->path());
      if (OtherCredentials(*f)) code.other_credentials = true;
      if (!f->facts.error.empty()) whole(*f, f->facts.error_line, "the code does not parse");
      for (const Import& import : f->facts.imports) {
        if (import.dynamic) whole(*f, import.line, "an import whose module is computed");
        const ImportTarget& target = Resolve(fn->code_dir, *f, import);
        if (target.kind == ImportTarget::Kind::kMissing) {
          whole(*f, import.line, "local module " + import.specifier + " not found");
        }
        if (target.kind == ImportTarget::Kind::kExternal && !import.dynamic) {
          std::string module = PackageModule(import, f->language == Language::kPython);
          if (!module.empty()) imported.insert(std::move(module));
        }
        LibraryServices(*f, import, &partial,
                        [&](const std::string& why) { whole(*f, import.line, why); });
      }
      for (const DynamicUse& use : f->facts.dynamic) {
        std::string_view prefix = use.service.empty() ? "" : IamPrefixOf(use.sdk, use.service);
        if (prefix.empty()) {
          whole(*f, use.line, "an AWS client whose service or method is computed");
        } else {
          partial.emplace(prefix);
        }
      }
      for (const SdkCall& call : f->facts.calls) {
        SdkAction action = ResolveSdkCall(call);
        if (!action.known) {
          std::string_view prefix = IamPrefixOf(call.sdk, call.service);
          if (prefix.empty()) {
            whole(*f, call.line, "a client of an AWS service fnwarden does not know");
          } else {
            partial.emplace(prefix);
          }
          continue;
        }
        model::CodeCall& c = code.calls.emplace_back();
        c.service = std::move(action.service);
        c.operation = std::move(action.operation);
        c.actions = std::move(action.actions);
        c.partial = action.partial;
        c.loc = LocOf(*f, call.line, call.col);
        c.reached = call.in_function.empty() || reached.count({f, call.in_function}) != 0;
        SetResource(*fn, call, c.loc, &c);
      }
    }
    code.partial_services.assign(partial.begin(), partial.end());
    code.imported_modules.assign(imported.begin(), imported.end());
    TraceCode(*fn, files, in_closure, reached, &code);
  }

  // The event's flows from the handler function, and the weaknesses of the
  // code it reaches (module-level code, and the functions it calls).
  void TraceCode(const model::Function& fn, const std::vector<CodeFile*>& files,
                 const std::set<const CodeFile*>& in_closure,
                 const std::set<std::pair<const CodeFile*, std::string>>& reached,
                 model::HandlerCode* code) {
    Resolver resolver(*this, fn, in_closure);
    const CodeFile* handler = files.front();
    for (const FunctionDef* def : HandlerDefs(fn, *handler)) {
      for (model::CodeFlow& flow : TraceFlows({handler, &handler->facts, def}, resolver)) {
        code->flows.push_back(std::move(flow));
      }
    }
    for (const CodeFile* f : files) {
      if (!f->read) continue;
      for (const Weakness& w : f->facts.weaknesses) {
        if (!w.in_function.empty() && reached.count({f, w.in_function}) == 0) continue;
        code->issues.push_back({w.kind, LocOf(*f, w.line, w.col), w.detail, w.name, w.value});
      }
    }
  }

  // The handler function's definitions. A handler built by a call (a
  // middleware wrapping a function: `handler = middy(main)`) runs a
  // function of the file that takes the event: those whose first parameter
  // is named so.
  static std::vector<const FunctionDef*> HandlerDefs(const model::Function& fn, const CodeFile& f) {
    std::vector<const FunctionDef*> out;
    for (const FunctionDef& d : f.facts.functions) {
      if (d.name == fn.handler_function) out.push_back(&d);
    }
    if (!out.empty()) return out;
    for (const FunctionDef& d : f.facts.functions) {
      if (!d.params.empty() && (d.params[0] == "event" || d.params[0] == "evt")) out.push_back(&d);
    }
    return out;
  }

  // What the flow tracer asks of the code: callees across the files of one
  // function's code, positions mapped into templates for inline code.
  class Resolver : public FlowResolver {
   public:
    Resolver(Analyser& analyser, const model::Function& fn, const std::set<const CodeFile*>& in_closure)
        : analyser_(analyser), fn_(fn), in_closure_(in_closure) {}

    std::vector<TracedFunction> Callees(const TracedFunction& from, const std::string& callee) override {
      std::vector<TracedFunction> out;
      const auto* file = static_cast<const CodeFile*>(from.file);
      for (auto& [target, name] : analyser_.Callees(fn_, *file, callee, in_closure_)) {
        for (const FunctionDef& d : target->facts.functions) {
          if (d.name == name) out.push_back({target, &target->facts, &d});
        }
      }
      return out;
    }

    util::Loc Where(const TracedFunction& in, uint32_t line, uint32_t col) override {
      return analyser_.LocOf(*static_cast<const CodeFile*>(in.file), line, col);
    }

   private:
    Analyser& analyser_;
    const model::Function& fn_;
    const std::set<const CodeFile*>& in_closure_;
  };

  // Whether the file's code makes clients with credentials of its own:
  // access keys, a profile, a role it assumes (read from its text: the
  // extractors do not follow client options).
  static bool OtherCredentials(const CodeFile& f) {
    std::string_view text = f.inline_at.known() ? std::string_view() : f.source->text();
    for (std::string_view mark :
         {"aws_access_key_id", "aws_session_token", "profile_name", "accessKeyId", "credentials:",
          "fromTemporaryCredentials", "fromIni", "fromSSO", "ChainableTemporaryCredentials",
          "TemporaryCredentials(", "assume_role", "AssumeRole", "assumeRole"}) {
      if (text.find(mark) != std::string_view::npos) return true;
    }
    return false;
  }

  template <class Whole>
  static void LibraryServices(const CodeFile& f, const Import& import,
                              std::set<std::string>* partial, const Whole& whole) {
    std::vector<std::string> modules{import.specifier};
    if (f.language == Language::kPython) {
      for (const Import::Name& n : import.names) {
        if (!n.imported.empty()) modules.push_back(import.specifier + "." + n.imported);
      }
    }
    std::span<const SdkLibrary> libraries = f.language == Language::kPython
                                                ? std::span<const SdkLibrary>(kPythonLibraries)
                                                : std::span<const SdkLibrary>(kJsLibraries);
    for (const std::string& m : modules) {
      for (const SdkLibrary& lib : libraries) {
        bool match =
            m == lib.module || (m.size() > lib.module.size() && m.starts_with(lib.module) &&
                                (m[lib.module.size()] == '.' || m[lib.module.size()] == '/'));
        if (!match) continue;
        if (lib.services == "*") {
          whole("the library " + std::string(lib.module) + " calls AWS itself");
          continue;
        }
        for (std::string_view s : util::Split(lib.services, ' ')) partial->emplace(s);
      }
    }
  }

  static void SetResource(const model::Function& fn, const SdkCall& call, util::Loc at,
                          model::CodeCall* out) {
    for (const SdkCall::Arg& arg : call.args) {
      if (arg.name != "IndexName") continue;
      out->index = arg.value.kind == ArgValue::Kind::kLiteral ? arg.value.text : "*";
    }
    for (std::string_view param : kResourceParams) {
      for (const SdkCall::Arg& arg : call.args) {
        if (arg.name != param) continue;
        if (arg.value.kind == ArgValue::Kind::kLiteral) {
          out->resource = model::String::Literal(arg.value.text, at);
        } else if (arg.value.kind == ArgValue::Kind::kEnvVar) {
          for (const model::EnvVar& env : fn.environment) {
            if (env.name == arg.value.text) out->resource = env.value;
          }
        }
        if (out->resource.absent()) continue;
        out->resource_param = std::string(param);
        return;
      }
    }
  }

  const util::FileSystem& fs_;
  const util::ScanRoots& roots_;
  const util::FolderIndex* known_;
  const std::function<std::string(const std::string&)>& display_;
  const CodeOptions& options_;
  util::SourceSet* sources_;
  util::DiagnosticSink* diags_;
  std::map<std::string, std::unique_ptr<CodeFile>> files_;
  std::vector<CodeFile*> wanted_;
  std::mutex imports_mu_;  // guards imports_ and exists_
  std::map<std::string, ImportTarget> imports_;
  std::map<std::string, bool> exists_;
};

}  // namespace

std::string ShortCode(std::string_view text) {
  constexpr size_t kMax = 60;
  std::string out;
  bool blank = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += c;
    if (out.size() >= kMax) break;
  }
  if (out.size() >= kMax) {
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    out += "...";
  }
  return out;
}

FileFacts Extract(Language language, std::string_view text) {
  Tree tree = Parse(language, text);
  FileFacts facts;
  if (!tree.ok()) {
    facts.language = language;
    facts.error = language == Language::kPython && PythonIndentedTooDeep(text)
                      ? "a line is indented 256 columns or more, deeper than the parser takes"
                      : "the parser refused the file";
    return facts;
  }
  facts = language == Language::kPython ? ExtractPython(tree) : ExtractJavaScript(tree, language);
  facts.language = language;
  FirstSyntaxError(tree, &facts.error_line, &facts.error_col, &facts.error);
  return facts;
}

void AnalyseHandlerCode(const util::FileSystem& fs, const util::ScanRoots& roots,
                        const util::FolderIndex* known,
                        const std::function<std::string(const std::string&)>& display,
                        const CodeOptions& options, util::SourceSet* sources,
                        util::DiagnosticSink* diags, std::vector<model::Model>* models) {
  Analyser(fs, roots, known, display, options, sources, diags).Run(models);
}

}  // namespace fnwarden::load::code
