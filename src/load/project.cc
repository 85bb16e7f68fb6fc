// LoadProjects: discover, read and parse every candidate file once (in
// parallel), keep the ones that are templates, and build one model per
// template (in parallel again). Nested stacks that a template references by
// a local path are loaded as models of their own, also when they lie outside
// the scanned paths.

#include "load/project.h"

#include <algorithm>
#include <atomic>
#include <deque>
#include <exception>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "load/cdk/cdk.h"
#include "load/cfn/template.h"
#include "load/discover_internal.h"
#include "load/sam/sam.h"
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

// One candidate file after reading and parsing: its document when it is a
// template, else nothing.
struct Parsed {
  std::unique_ptr<syntax::Document> doc;
  const DiscoveredFile* file = nullptr;
  model::Model model;  // of `doc`; an empty root when it could not be built
};

// A file the user named that holds no template: said, so that a scan of the
// wrong file does not look like a clean result.
void NotATemplate(const DiscoveredFile& f, util::DiagnosticSink* diags) {
  diags->Add({util::DiagLevel::kWarning, util::Loc{}, f.display_path,
              "not a CloudFormation or SAM template (no AWSTemplateFormatVersion and no "
              "AWS:: resource types); skipped"});
}

// Reads and parses one file. Diagnostics of files that turn out not to be
// templates are dropped: a broken GitHub workflow is not the scan's business.
Parsed ReadAndParse(const util::FileSystem& fs, const DiscoveredFile& f, bool named,
                    const LoadOptions& options, LoadResult* out, Counters* counters,
                    util::DiagnosticSink* diags) {
  Parsed result;
  result.file = &f;
  bool template_named = named || internal::IsTemplateName(f.path);
  std::string text, err;
  if (!fs.ReadFile(f.path, options.max_file_bytes, &text, &err)) {
    diags->FileError(f.display_path, "cannot read: " + err);
    return result;
  }
  if (internal::LooksBinary(text)) {
    if (template_named) {
      diags->FileError(f.display_path, "binary file (a NUL byte in its first 8 KiB); skipped");
    }
    return result;
  }
  if (!internal::MayBeTemplate(text)) {
    if (named) NotATemplate(f, diags);
    return result;
  }

  bool json = ParseAsJson(f, text);
  counters->bytes += text.size();
  const util::SourceFile* source = out->sources.Add(f.display_path, std::move(text));
  util::DiagnosticSink local;
  std::unique_ptr<syntax::Document> doc = json ? syntax::ParseJson(source, options.limits, &local)
                                               : syntax::ParseYaml(source, options.limits, &local);
  bool failed = doc == nullptr || local.has_errors();
  if (!failed) ++counters->parsed;

  bool is_template = !failed && doc->root() != nullptr && cfn::LooksLikeTemplate(doc->root());
  bool report =
      is_template || (failed && (template_named || internal::ClaimsToBeTemplate(source->text())));
  if (report) {
    for (util::Diagnostic& d : local.Sorted()) diags->Add(std::move(d));
  }
  if (is_template) {
    result.doc = std::move(doc);
  } else if (named && !failed) {
    NotATemplate(f, diags);
  }
  return result;
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

// Builds the model of a parsed template; on failure the model's root is
// empty.
void BuildModel(const syntax::Document& doc, const LoadOptions& options,
                util::DiagnosticSink* diags, model::Model* out) {
  try {
    if (!BuildTemplateModel(doc, options, diags, out)) out->root.clear();
  } catch (const std::exception& e) {
    *out = model::Model();
    diags->FileError(doc.file()->path(),
                     std::string("internal error while loading this template: ") + e.what());
  }
}

}  // namespace

bool BuildTemplateModel(const syntax::Document& doc, const LoadOptions& options,
                        util::DiagnosticSink* diags, model::Model* out) {
  cfn::Template t;
  if (!cfn::ReadTemplate(doc, &t, diags)) return false;
  cfn::Evaluator ev(t, cfn::EvalOptions{options.parameters}, diags);
  out->root = doc.file()->path();
  out->framework = model::Framework::kCloudFormation;
  if (t.is_sam()) {
    out->framework = model::Framework::kSam;
    sam::DeclareGeneratedResources(t, ev);
    sam::Expand(t, ev, internal::DirName(out->root), diags, out);
  }
  cfn::AdaptResources(t, ev, diags, out);
  cfn::Link(out);
  out->parameters = ev.ParameterValues();
  return true;
}

LoadResult::~LoadResult() {
  util::ParallelFor(std::max(models.size(), documents.size()), jobs, [&](size_t i) {
    if (i < models.size()) {
      model::Model gone = std::move(models[i]);  // freed here, on this thread
    }
    if (i < documents.size()) documents[i].reset();
  });
}

void LoadProjects(const util::FileSystem& fs, const std::vector<std::string>& paths,
                  const LoadOptions& options, util::DiagnosticSink* diags, LoadResult* out) {
  out->jobs = options.jobs;
  std::vector<DiscoveredFile> files = Discover(fs, paths, options, diags);
  std::set<std::string> named(paths.begin(), paths.end());
  std::string cwd = internal::CurrentDir();
  Counters counters;

  // Files found after discovery (CDK stack templates, nested stacks outside
  // the scanned paths) live here so that pointers to them stay valid.
  std::deque<DiscoveredFile> extra_files;
  // Every file read or queued, by its lexically normalised path (the same
  // file reached as "../x/a.yaml" and "x/../x/a.yaml" is read once).
  std::set<std::string> loaded;
  for (const DiscoveredFile& f : files) loaded.insert(internal::NormalizePath(f.path));

  std::vector<Pending> batch;
  for (const DiscoveredFile& f : files) {
    if (f.kind == FileKind::kCdkManifest) {
      // The helper reads the manifest (and nested assemblies) itself.
      for (const cdk::CdkStack& stack : cdk::ListCdkStacks(fs, internal::DirName(f.path), diags)) {
        if (!loaded.insert(internal::NormalizePath(stack.template_path)).second) continue;
        extra_files.push_back({stack.template_path, internal::DisplayPath(stack.template_path, cwd),
                               FileKind::kTemplateJson});
        batch.push_back({&extra_files.back(), /*named=*/true, /*cdk=*/true});
      }
      continue;
    }
    batch.push_back({&f, named.count(f.path) > 0, false});
  }
  size_t files_seen = files.size() + extra_files.size();

  for (int round = 0; !batch.empty() && round <= kMaxNestingRounds; ++round) {
    std::vector<Parsed> parsed(batch.size());
    // Each file is parsed and its model built in one task, while the
    // document is still in cache.
    util::ParallelFor(batch.size(), options.jobs, [&](size_t i) {
      const DiscoveredFile& f = *batch[i].file;
      try {
        parsed[i] = ReadAndParse(fs, f, batch[i].named, options, out, &counters, diags);
      } catch (const std::exception& e) {
        diags->FileError(f.display_path, std::string("internal error while reading: ") + e.what());
      }
      if (parsed[i].doc) BuildModel(*parsed[i].doc, options, diags, &parsed[i].model);
    });

    std::vector<model::Model> models;
    std::vector<const Pending*> sources;
    for (size_t i = 0; i < parsed.size(); ++i) {
      if (!parsed[i].doc) continue;
      models.push_back(std::move(parsed[i].model));
      sources.push_back(&batch[i]);
      out->documents.push_back(std::move(parsed[i].doc));
    }
    std::vector<Pending> next;
    for (size_t i = 0; i < models.size(); ++i) {
      if (models[i].root.empty()) continue;
      if (sources[i]->cdk) models[i].framework = model::Framework::kCdk;
      // Local nested stacks: read the ones this scan has not read yet.
      for (const model::NestedStack& nested : models[i].nested_stacks) {
        if (!nested.location.known() || !IsLocalLocation(nested.location.value)) continue;
        std::string child = internal::NormalizePath(
            internal::JoinPath(internal::DirName(sources[i]->file->path), nested.location.value));
        if (loaded.count(child)) continue;
        if (fs.Stat(child, nullptr) != util::EntryKind::kFile) {
          if (LooksLikeLocalTemplatePath(nested.location.value)) {
            diags->Add({util::DiagLevel::kWarning, nested.location.loc, models[i].root,
                        "nested stack template " + nested.location.value + " not found"});
          }
          continue;
        }
        loaded.insert(child);
        FileKind kind = util::ToLower(child).ends_with(".json") ? FileKind::kTemplateJson
                                                                : FileKind::kTemplateYaml;
        extra_files.push_back({child, internal::DisplayPath(child, cwd), kind});
        next.push_back({&extra_files.back(), /*named=*/true, sources[i]->cdk});
        ++files_seen;
      }
      out->models.push_back(std::move(models[i]));
    }
    batch = std::move(next);
  }

  std::sort(out->models.begin(), out->models.end(),
            [](const model::Model& a, const model::Model& b) { return a.root < b.root; });
  out->files_seen += files_seen;
  out->files_parsed += counters.parsed;
  out->bytes_parsed += counters.bytes;
}

}  // namespace fnwarden::load
