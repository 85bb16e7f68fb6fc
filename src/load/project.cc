// LoadProjects: discover, read and parse every candidate file once, keep the
// ones that are templates, and build one model per template. Each file is one
// task on the worker threads, started as soon as the folder walk finds it.
// Nested stacks that a template references by a local path are loaded when
// they resolve inside the scan roots, their parameters bound to what the
// parent passes, and become part of the parent's model (one model per
// deployable unit); every other path a file names is checked against the
// roots the same way.

#include "load/project.h"

#include <algorithm>
#include <atomic>
#include <deque>
#include <exception>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "load/cdk/cdk.h"
#include "load/cfn/template.h"
#include "load/discover_internal.h"
#include "load/frontend.h"
#include "load/link.h"
#include "load/sam/sam.h"
#include "load/serverless/compose.h"
#include "util/encoding.h"
#include "util/strings.h"
#include "util/thread_pool.h"

namespace fnwarden::load {
namespace {

// How deep chains of local nested stacks are followed.
constexpr int kMaxNestingRounds = 8;

bool HasYamlExtension(std::string_view path) {
  std::string lower = util::ToLower(path);
  auto ends = [&](std::string_view ext) {
    return lower.size() > ext.size() &&
           lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0;
  };
  return ends(".yaml") || ends(".yml");
}

// JSON or YAML? By kind, and for names that do not say (".template", a file
// named explicitly), by the first significant character.
bool ParseAsJson(const DiscoveredFile& f, std::string_view text) {
  if (f.kind == FileKind::kTemplateJson || f.kind == FileKind::kCdkManifest) return true;
  if (HasYamlExtension(f.path)) return false;
  size_t i = text.find_first_not_of(" \t\r\n");
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = text.find_first_not_of(" \t\r\n", 3);
  return i != std::string_view::npos && text[i] == '{';
}

struct Counters {
  std::atomic<size_t> parsed{0};
  std::atomic<uint64_t> bytes{0};
};

// A file the user named that holds no unit: said, so that a scan of the
// wrong file does not look like a clean result.
void NotATemplate(const DiscoveredFile& f, util::DiagnosticSink* diags) {
  diags->Add({util::DiagLevel::kWarning, util::Loc{}, f.display_path,
              "not a CloudFormation or SAM template (no AWSTemplateFormatVersion and no "
              "AWS:: resource types) nor a Serverless Framework service (no `service` and "
              "`provider`); skipped"});
}

// serverless.ts and serverless.js are programs: their configuration exists
// only once they run, and nothing from a scanned repository is ever run.
void ServerlessScript(const DiscoveredFile& f, util::DiagnosticSink* diags) {
  diags->Add({util::DiagLevel::kWarning, util::Loc{}, f.display_path,
              "a Serverless Framework configuration written as a program is not statically "
              "readable, and fnwarden never runs code from a scanned repository; run "
              "`serverless package` and scan the CloudFormation template it writes: "
              "fnwarden scan .serverless/cloudformation-template-update-stack.json"});
}

// Reads and parses one file; its document when some frontend claims it
// (a template, a Serverless service), else nullptr. Diagnostics of files
// that turn out to be neither are dropped: a broken GitHub workflow is not
// the scan's business.
std::unique_ptr<syntax::Document> ReadAndParse(const util::FileSystem& fs, const DiscoveredFile& f,
                                               bool named, const LoadOptions& options,
                                               LoadResult* out, Counters* counters,
                                               util::DiagnosticSink* diags) {
  bool template_named = named || internal::IsTemplateName(f.path);
  std::string text, err;
  uint64_t size = 0;
  util::ReadOptions read{options.max_file_bytes, /*follow_final_link=*/!f.regular_entry};
  switch (fs.Read(f.path, read, &text, &size, &err)) {
    case util::ReadStatus::kOk:
      break;
    case util::ReadStatus::kTooLarge:
      if (template_named) {
        diags->FileError(f.display_path,
                         "too large: " + std::to_string(size) + " bytes (the limit is " +
                             std::to_string(options.max_file_bytes) + " bytes); skipped");
      }
      return nullptr;
    default:
      diags->FileError(f.display_path, "cannot read: " + err);
      return nullptr;
  }
  // UTF-16 and UTF-32 become UTF-8 here, before anything looks at the text:
  // every position shown for this file is one in the decoded text.
  if (!util::DecodeToUtf8(&text, &err)) {
    if (template_named || internal::MayBeTemplate(text)) diags->FileError(f.display_path, err);
    return nullptr;
  }
  if (internal::LooksBinary(text)) {
    if (template_named) {
      diags->FileError(f.display_path, "binary file (a NUL byte in its first 8 KiB); skipped");
    }
    return nullptr;
  }
  if (!MayBeUnit(f.path, text)) {
    if (named) NotATemplate(f, diags);
    return nullptr;
  }

  bool json = ParseAsJson(f, text);
  counters->bytes += text.size();
  util::SourceFile* source = out->sources.Add(f.display_path, std::move(text));
  util::DiagnosticSink local;
  std::unique_ptr<syntax::Document> doc = json ? syntax::ParseJson(source, options.limits, &local)
                                               : syntax::ParseYaml(source, options.limits, &local);
  // Suppressions read the comments from the file; the tree is freed soon.
  if (doc != nullptr) source->set_comments(doc->TakeComments());
  bool failed = doc == nullptr || local.has_errors();
  if (!failed) ++counters->parsed;

  bool is_template = !failed && ClaimingFrontend(f.path, doc->root()) != nullptr;
  bool report =
      is_template || (failed && (template_named || internal::ClaimsToBeTemplate(source->text())));
  if (report) {
    for (util::Diagnostic& d : local.Sorted()) diags->Add(std::move(d));
  }
  if (is_template) return doc;
  if (named && !failed) NotATemplate(f, diags);
  return nullptr;
}

// A nested stack location that names a local file (not S3, not HTTP, not a
// SAR application).
bool IsLocalLocation(const std::string& location) {
  if (location.empty()) return false;
  std::string lower = util::ToLower(location);
  for (std::string_view scheme : {"s3://", "http://", "https://", "arn:", "{"}) {
    if (lower.compare(0, scheme.size(), scheme) == 0) return false;
  }
  return location.find("${") == std::string::npos;
}

// A file waiting to be read, and how it was found.
struct Pending {
  const DiscoveredFile* file;
  bool named;  // by the user, by a parent stack or by a CDK manifest: report every problem
  bool cdk;    // a stack template of a CDK assembly
  // A nested template queued by its parent: the values the parent passes
  // to its parameters. Null otherwise.
  const std::map<std::string, model::String>* inputs = nullptr;
};

// A nested stack of one model whose template is a local file.
struct Nesting {
  std::string parent_root;  // the parent model's root
  std::string stack_id;     // the nested stack resource
  util::Loc loc;            // its template location, for diagnostics
  std::string child;        // the template's lexically normalised path
  std::map<std::string, model::String> inputs;  // its Parameters
  bool built_with_inputs = false;  // the child's model was built with `inputs`
};

// Locations like "nested/child.yaml" (not "bucket.s3.amazonaws.com/x"), for
// warning about a nested stack whose local template is missing.
bool LooksLikeLocalTemplatePath(const std::string& location) {
  std::string lower = util::ToLower(location);
  if (lower.find("amazonaws.com") != std::string::npos) return false;
  for (std::string_view ext : {".yaml", ".yml", ".json", ".template"}) {
    if (lower.ends_with(ext)) return true;
  }
  return false;
}

// Builds the model of a parsed unit; on failure the model's root is empty.
void BuildModel(const syntax::Document& doc, const UnitContext& ctx, util::DiagnosticSink* diags,
                model::Model* out) {
  try {
    if (!BuildUnitModel(doc, ctx, diags, out)) out->root.clear();
  } catch (const std::exception& e) {
    *out = model::Model();
    diags->FileError(doc.file()->path(),
                     std::string("internal error while loading this template: ") + e.what());
  }
}

}  // namespace

bool BuildTemplateModel(const syntax::Document& doc, const LoadOptions& options,
                        util::DiagnosticSink* diags, model::Model* out,
                        const std::map<std::string, model::String>* inputs) {
  cfn::Template t;
  if (!cfn::ReadTemplate(doc, &t, diags)) return false;
  cfn::Evaluator ev(t, cfn::EvalOptions{options.parameters, inputs}, diags);
  out->root = doc.file()->path();
  out->framework = model::Framework::kCloudFormation;
  if (t.is_sam()) {
    out->framework = model::Framework::kSam;
    sam::DeclareGeneratedResources(t, ev);
    sam::Expand(t, ev, internal::DirName(out->root), diags, out);
  }
  cfn::AdaptResources(t, ev, diags, out);
  out->IndexIds();  // Link looks up every reference
  Link(out);
  model::RemoveUndeployed(out);
  out->IndexIds();  // again, for the analyses and rules: RemoveUndeployed erases
  out->parameters = ev.ParameterValues();
  return true;
}

LoadResult::~LoadResult() {
  util::ParallelFor(models.size(), jobs, [&](size_t i) {
    model::Model gone = std::move(models[i]);  // freed here, on this thread
  });
}

namespace {

// A file to load, how it was found, and what became of it.
struct Job {
  Pending pending;
  bool is_template = false;
  model::Model model;  // of the template; an empty root when it could not be built
  std::vector<serverless::ComposedService> services;  // of a compose file
};

// The shared state of one LoadProjects call.
struct Loader {
  const util::FileSystem& fs;
  const util::ScanRoots& roots;
  const LoadOptions& options;
  util::DiagnosticSink* diags;
  LoadResult* out;
  std::string cwd = util::CurrentDir();
  Counters counters;
  // Every file found or queued; pointers to them stay valid.
  std::deque<DiscoveredFile> files;
  util::FolderIndex folders;  // filled by the walk, read once it is over
  // The local nested stacks of every model, in the order found; element
  // addresses stay valid (Pending::inputs points into them).
  std::deque<Nesting> nestings;
  // Every file read or queued, by its lexically normalised path (the same
  // file reached as "../x/a.yaml" and "x/../x/a.yaml" is read once).
  std::set<std::string> loaded;
  size_t files_seen = 0;

  // Reads, parses and builds the model of one file in one task, while the
  // document is still in cache. The syntax tree is freed here too: models
  // keep no pointer into it (their locations point into the source text,
  // which `out->sources` keeps).
  void Load(Job* job) {
    const DiscoveredFile& f = *job->pending.file;
    if (f.kind == FileKind::kServerlessScript) {
      ServerlessScript(f, diags);
      return;
    }
    if (f.kind == FileKind::kServerlessCompose) {
      ReadComposeFile(f, job);
      return;
    }
    std::unique_ptr<syntax::Document> doc;
    try {
      doc = ReadAndParse(fs, f, job->pending.named, options, out, &counters, diags);
    } catch (const std::exception& e) {
      diags->FileError(f.display_path, std::string("internal error while reading: ") + e.what());
    }
    if (!doc) return;
    job->is_template = true;
    UnitContext ctx{&options, &fs, &roots, &out->sources};
    ctx.inputs = job->pending.inputs;
    BuildModel(*doc, ctx, diags, &job->model);
  }

  // Keeps a function's code folder only when it resolves inside the scan
  // roots; one that leaves them (through "../" or a link) is reported at the
  // value that names it. A folder that does not exist is kept: nothing can
  // be read from it. Runs between rounds, when the walk's index of folders
  // is complete.
  void CheckCodeFolders(model::Model* m) {
    std::map<std::string, bool> inside;  // by code_dir: functions often share one
    std::string template_dir = internal::DirName(m->root);
    for (model::Function& fn : m->functions) {
      if (fn.code_dir.empty()) continue;
      auto [it, fresh] = inside.try_emplace(fn.code_dir, false);
      if (fresh) {
        std::string real, err;
        it->second = util::ResolveInsideRoots(fs, roots, fn.code_dir, &real, &err, &folders) ||
                     err != util::kOutsideRoots;
      }
      if (it->second) continue;
      // Name the value as written when the folder came from it (CodeUri,
      // Code), else the folder (a CDK asset path in the resource metadata).
      bool written = fn.code_uri.known() &&
                     util::NormalizePath(internal::JoinPath(template_dir, fn.code_uri.value)) ==
                         util::NormalizePath(fn.code_dir);
      diags->Add({util::DiagLevel::kWarning, written ? fn.code_uri.loc : fn.loc, m->root,
                  "function " + fn.id + ": code folder " +
                      (written ? fn.code_uri.value : fn.code_dir) +
                      " is outside the scanned folders; its code is not read"});
      fn.code_dir.clear();
    }
  }

  // Makes each nested template part of the model of the unit that deploys
  // it, deepest first, its parameters bound to what the parent passes (a
  // template the walk found on its own is built again with them). A
  // template whose logical IDs the parent also uses stays a model of its
  // own, with a warning: one model cannot hold two resources of one ID.
  void MergeNested() {
    if (nestings.empty()) return;
    std::map<std::string, std::string> display;  // normalised path -> display path
    for (const DiscoveredFile& f : files) display.emplace(util::NormalizePath(f.path), f.display_path);
    std::map<std::string, size_t> by_root;
    for (size_t i = 0; i < out->models.size(); ++i) by_root.emplace(out->models[i].root, i);
    // Depth of each nesting: how many parents its parent has.
    std::map<std::string, std::string> parent_of;  // child root -> parent root
    for (const Nesting& n : nestings) {
      auto d = display.find(n.child);
      if (d != display.end()) parent_of.emplace(d->second, n.parent_root);
    }
    auto depth = [&](const Nesting& n) {
      size_t levels = 0;
      for (std::string root = n.parent_root; levels <= kMaxNestingRounds; ++levels) {
        auto p = parent_of.find(root);
        if (p == parent_of.end()) break;
        root = p->second;
      }
      return levels;
    };
    std::vector<Nesting*> order;
    for (Nesting& n : nestings) order.push_back(&n);
    std::stable_sort(order.begin(), order.end(),
                     [&](const Nesting* a, const Nesting* b) { return depth(*a) > depth(*b); });
    std::vector<bool> merged(out->models.size(), false);
    for (Nesting* n : order) {
      auto d = display.find(n->child);
      if (d == display.end()) continue;
      auto child_at = by_root.find(d->second);
      auto parent_at = by_root.find(n->parent_root);
      if (child_at == by_root.end() || parent_at == by_root.end()) continue;
      size_t c = child_at->second, p = parent_at->second;
      if (c == p || merged[c] || merged[p]) continue;
      model::Model& parent = out->models[p];
      model::Model& child = out->models[c];
      if (!n->built_with_inputs && !n->inputs.empty()) Rebuild(d->second, n->child, *n, &child);
      std::vector<std::string> shared = model::SharedIds(parent, child);
      if (!shared.empty()) {
        if (shared.size() > 5) shared.resize(5);
        diags->Add({util::DiagLevel::kWarning, n->loc, parent.root,
                    "nested stack " + n->stack_id + ": its template uses logical IDs this one uses too (" +
                        util::Join(shared, ", ") + "); scanned as a unit of its own"});
        continue;
      }
      parent.included.push_back(child.root);
      parent.included.insert(parent.included.end(), child.included.begin(), child.included.end());
      model::AppendModel(&parent, std::move(child));
      merged[c] = true;
      parent.IndexIds();
      Link(&parent);
      parent.IndexIds();
    }
    std::vector<model::Model> kept;
    kept.reserve(out->models.size());
    for (size_t i = 0; i < out->models.size(); ++i) {
      if (!merged[i]) kept.push_back(std::move(out->models[i]));
    }
    out->models = std::move(kept);
  }

  // Builds a nested template found by the walk again, with what its parent
  // passes. Its problems were reported by the first build.
  void Rebuild(const std::string& display_path, const std::string& path, const Nesting& n,
               model::Model* m) {
    DiscoveredFile f{path, display_path, util::ToLower(path).ends_with(".json")
                                             ? FileKind::kTemplateJson
                                             : FileKind::kTemplateYaml};
    util::DiagnosticSink quiet;
    Counters again;
    std::unique_ptr<syntax::Document> doc;
    try {
      doc = ReadAndParse(fs, f, /*named=*/true, options, out, &again, &quiet);
    } catch (const std::exception&) {
      return;
    }
    if (!doc) return;
    model::Model rebuilt;
    UnitContext ctx{&options, &fs, &roots, &out->sources};
    ctx.inputs = &n.inputs;
    BuildModel(*doc, ctx, &quiet, &rebuilt);
    if (rebuilt.root.empty()) return;
    rebuilt.framework = m->framework;
    if (rebuilt.framework == model::Framework::kCdk) {
      model::ForEachResourceList(rebuilt, [](auto& list) {
        for (model::Resource& r : list) r.origin = model::Origin::kCdk;
      });
    }
    util::DiagnosticSink* reported = diags;
    diags = &quiet;  // single-threaded here: the rounds are over
    CheckCodeFolders(&rebuilt);
    diags = reported;
    *m = std::move(rebuilt);
  }

  // Reads a compose file the user named for the services it lists.
  void ReadComposeFile(const DiscoveredFile& f, Job* job) {
    std::string text, err;
    uint64_t size = 0;
    util::ReadOptions read{options.max_file_bytes, /*follow_final_link=*/!f.regular_entry};
    util::ReadStatus status = fs.Read(f.path, read, &text, &size, &err);
    if (status == util::ReadStatus::kTooLarge) {
      diags->FileError(f.display_path, "too large: " + std::to_string(size) + " bytes; skipped");
      return;
    }
    if (status != util::ReadStatus::kOk) {
      diags->FileError(f.display_path, "cannot read: " + err);
      return;
    }
    if (!util::DecodeToUtf8(&text, &err)) {
      diags->FileError(f.display_path, err);
      return;
    }
    util::SourceFile* source = out->sources.Add(f.display_path, std::move(text));
    std::unique_ptr<syntax::Document> doc = syntax::ParseYaml(source, options.limits, diags);
    if (doc == nullptr) return;
    job->services = serverless::ReadCompose(*doc, diags);
  }

  // Queues the service files a compose file lists, inside the scan roots.
  void QueueServices(const Job& job, std::vector<Pending>* next) {
    const std::string dir = internal::DirName(job.pending.file->path);
    for (const serverless::ComposedService& s : job.services) {
      std::string folder = util::NormalizePath(
          s.folder.starts_with("/") ? s.folder : internal::JoinPath(dir, s.folder));
      std::string real, err;
      if (!util::ResolveInsideRoots(fs, roots, folder, &real, &err) && err == util::kOutsideRoots) {
        diags->Warning(s.loc, "service " + s.name + ": folder " + s.folder +
                                  " is outside the scanned folders; not read");
        continue;
      }
      bool found = false;
      for (const std::string& name : serverless::ServiceFileNames(s)) {
        std::string child = util::NormalizePath(internal::JoinPath(folder, name));
        if (!util::ResolveInsideRoots(fs, roots, child, &real, &err) ||
            fs.Stat(real, nullptr) != util::EntryKind::kFile) {
          continue;
        }
        found = true;
        if (!loaded.insert(child).second) break;
        std::string lower = util::ToLower(name);
        FileKind kind = lower.ends_with(".json")                            ? FileKind::kTemplateJson
                        : lower.ends_with(".yml") || lower.ends_with(".yaml") ? FileKind::kTemplateYaml
                                                                              : FileKind::kServerlessScript;
        files.push_back({child, internal::DisplayPath(child, cwd), kind});
        next->push_back({&files.back(), /*named=*/true, /*cdk=*/false});
        ++files_seen;
        break;
      }
      if (!found) {
        diags->Warning(s.loc, "service " + s.name + ": no " +
                                  (s.config.empty() ? "serverless.yml (or .yaml, .json)" : s.config) +
                                  " in " + s.folder + "; not read");
      }
    }
  }

  // Moves the models of finished jobs to `out`, and returns the local
  // nested stacks and composed services they reference that this scan has
  // not read yet.
  std::vector<Pending> Collect(std::deque<Job>* jobs) {
    std::vector<Pending> next;
    for (Job& job : *jobs) {
      QueueServices(job, &next);
      model::Model& m = job.model;
      if (!job.is_template || m.root.empty()) continue;
      if (job.pending.cdk) {
        m.framework = model::Framework::kCdk;
        model::ForEachResourceList(m, [](auto& list) {
          for (model::Resource& r : list) r.origin = model::Origin::kCdk;
        });
      }
      CheckCodeFolders(&m);
      for (const model::NestedStack& nested : m.nested_stacks) {
        if (!nested.location.known() || !IsLocalLocation(nested.location.value)) continue;
        const std::string& location = nested.location.value;
        std::string child = util::NormalizePath(
            location.starts_with("/")
                ? location
                : internal::JoinPath(internal::DirName(job.pending.file->path), location));
        Nesting& nesting = nestings.emplace_back();
        nesting.parent_root = m.root;
        nesting.stack_id = nested.id;
        nesting.loc = nested.location.loc;
        nesting.child = child;
        nesting.inputs = nested.parameters;
        if (loaded.count(child)) continue;
        std::string real, err;
        bool found = util::ResolveInsideRoots(fs, roots, child, &real, &err) &&
                     fs.Stat(real, nullptr) == util::EntryKind::kFile;
        if (!found && err == util::kOutsideRoots) {
          diags->Add({util::DiagLevel::kWarning, nested.location.loc, m.root,
                      "nested stack template " + nested.location.value +
                          " is outside the scanned folders; not read"});
        } else if (!found && LooksLikeLocalTemplatePath(nested.location.value)) {
          diags->Add({util::DiagLevel::kWarning, nested.location.loc, m.root,
                      "nested stack template " + nested.location.value + " not found"});
        }
        if (!found) continue;
        loaded.insert(child);
        FileKind kind = util::ToLower(child).ends_with(".json") ? FileKind::kTemplateJson
                                                                : FileKind::kTemplateYaml;
        files.push_back({child, internal::DisplayPath(child, cwd), kind});
        next.push_back({&files.back(), /*named=*/true, job.pending.cdk, &nesting.inputs});
        nesting.built_with_inputs = true;
        ++files_seen;
      }
      out->models.push_back(std::move(m));
    }
    return next;
  }
};

}  // namespace

void LoadProjects(const util::FileSystem& fs, const std::vector<std::string>& paths,
                  const LoadOptions& options, util::DiagnosticSink* diags, LoadResult* out) {
  out->jobs = options.jobs;
  util::ScanRoots roots(fs, paths, options.follow_symlinks);
  Loader loader{fs, roots, options, diags, out};
  std::set<std::string> named(paths.begin(), paths.end());

  std::vector<Pending> pending;
  for (int round = 0; round == 0 || (!pending.empty() && round <= kMaxNestingRounds); ++round) {
    std::deque<Job> jobs;  // element addresses stay valid while jobs are added
    {
      util::TaskGroup tasks(options.jobs);
      auto start = [&](const Pending& p) {
        Job& job = jobs.emplace_back();
        job.pending = p;
        tasks.Run([&loader, &job] { loader.Load(&job); });
      };
      if (round == 0) {
        // The discovered files, read and parsed while the walk goes on.
        std::vector<const DiscoveredFile*> manifests;
        auto found_file = [&](DiscoveredFile found) {
          const DiscoveredFile& f = loader.files.emplace_back(std::move(found));
          ++loader.files_seen;
          loader.loaded.insert(util::NormalizePath(f.path));
          if (f.kind == FileKind::kCdkManifest) {
            manifests.push_back(&f);
          } else {
            start({&f, named.count(f.path) > 0, /*cdk=*/false});
          }
        };
        internal::DiscoverWithin(fs, paths, roots, options, diags, found_file, &loader.folders);
        // CDK assemblies once the walk is over, so that a stack template the
        // user also named is read once. The helper reads the manifest (and
        // nested assemblies) itself.
        for (const DiscoveredFile* manifest : manifests) {
          for (const cdk::CdkStack& stack :
               cdk::ListCdkStacks(fs, roots, internal::DirName(manifest->path), diags)) {
            if (!loader.loaded.insert(util::NormalizePath(stack.template_path)).second) {
              continue;
            }
            loader.files.push_back({stack.template_path,
                                    internal::DisplayPath(stack.template_path, loader.cwd),
                                    FileKind::kTemplateJson});
            ++loader.files_seen;
            start({&loader.files.back(), /*named=*/true, /*cdk=*/true});
          }
        }
      } else {
        for (const Pending& p : pending) start(p);
      }
      tasks.Wait();
    }
    pending = loader.Collect(&jobs);
  }
  loader.MergeNested();

  std::sort(out->models.begin(), out->models.end(),
            [](const model::Model& a, const model::Model& b) { return a.root < b.root; });
  out->files_seen += loader.files_seen;
  out->files_parsed += loader.counters.parsed;
  out->bytes_parsed += loader.counters.bytes;
}

}  // namespace fnwarden::load
