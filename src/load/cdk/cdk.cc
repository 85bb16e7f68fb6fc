// Reading CDK cloud assembly manifests with simdjson (DOM: manifests are
// small and read once).
#include "load/cdk/cdk.h"

#include <string>

#include "simdjson.h"

namespace fnwarden::load::cdk {
namespace {

constexpr int kMaxAssemblyDepth = 8;
constexpr uint64_t kMaxManifestBytes = 64 << 20;

// A relative path that stays inside its assembly folder.
bool SafeRelativePath(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.find('\\') != std::string_view::npos) {
    return false;
  }
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (path.substr(start, end - start) == "..") return false;
    start = end + 1;
  }
  return true;
}

std::string JoinPath(const std::string& dir, std::string_view file) {
  if (dir.empty() || dir == ".") return std::string(file);
  if (dir.back() == '/') return dir + std::string(file);
  return dir + "/" + std::string(file);
}

void ListInto(const util::FileSystem& fs, const util::ScanRoots& roots, const std::string& dir,
              int depth, util::DiagnosticSink* diags, std::vector<CdkStack>* out) {
  std::string manifest_path = JoinPath(dir, "manifest.json");
  std::string real, text, err;
  // A nested assembly's folder, or its manifest, may be a link out of the
  // scan roots: resolved and checked before anything is opened.
  if (!util::ResolveInsideRoots(fs, roots, manifest_path, &real, &err) ||
      !fs.ReadFile(real, kMaxManifestBytes, &text, &err)) {
    diags->FileError(manifest_path, "cannot read the CDK assembly manifest: " + err);
    return;
  }
  CdkManifest manifest;
  std::vector<std::string> warnings;
  if (!ParseCdkManifest(text, &manifest, &err, &warnings)) {
    diags->FileError(manifest_path, err);
    return;
  }
  for (const std::string& w : warnings) diags->FileError(manifest_path, w);
  for (CdkStack& stack : manifest.stacks) {
    stack.template_path = JoinPath(dir, stack.template_file);
    if (!util::ResolveInsideRoots(fs, roots, stack.template_path, &real, &err)) {
      diags->FileError(manifest_path,
                       "stack " + stack.artifact_id + " names template " + stack.template_file +
                           ", which " +
                           (err == util::kOutsideRoots ? "is " + err + "; skipped"
                                                       : std::string("does not exist")));
      continue;
    }
    if (fs.Stat(real, nullptr) != util::EntryKind::kFile) {
      diags->FileError(manifest_path, "stack " + stack.artifact_id + " names template " +
                                          stack.template_file + ", which is not a regular file");
      continue;
    }
    out->push_back(std::move(stack));
  }
  for (const std::string& nested : manifest.nested_assemblies) {
    if (depth + 1 >= kMaxAssemblyDepth) {
      diags->FileError(manifest_path, "nested assembly " + nested + " is more than " +
                                          std::to_string(kMaxAssemblyDepth) +
                                          " levels deep; not read");
      continue;
    }
    ListInto(fs, roots, JoinPath(dir, nested), depth + 1, diags, out);
  }
}

}  // namespace

bool ParseCdkManifest(std::string_view manifest_json, CdkManifest* out, std::string* err,
                      std::vector<std::string>* warnings) {
  simdjson::dom::parser parser;
  simdjson::padded_string json(manifest_json);
  simdjson::dom::element root;
  if (auto error = parser.parse(json).get(root); error != simdjson::SUCCESS) {
    *err = std::string("the CDK assembly manifest is not valid JSON: ") +
           simdjson::error_message(error);
    return false;
  }
  simdjson::dom::object artifacts;
  if (root["artifacts"].get_object().get(artifacts) != simdjson::SUCCESS) {
    *err = "the CDK assembly manifest has no \"artifacts\" object";
    return false;
  }
  for (auto [key, artifact] : artifacts) {
    std::string id(key);
    std::string_view type;
    if (artifact["type"].get_string().get(type) != simdjson::SUCCESS) continue;
    simdjson::dom::element properties;
    bool has_properties = artifact["properties"].get(properties) == simdjson::SUCCESS;
    if (type == "aws:cloudformation:stack") {
      std::string_view file;
      if (!has_properties ||
          properties["templateFile"].get_string().get(file) != simdjson::SUCCESS) {
        warnings->push_back("stack " + id + " has no properties.templateFile; skipped");
        continue;
      }
      if (!SafeRelativePath(file)) {
        warnings->push_back("stack " + id + " names template \"" + std::string(file) +
                            "\" outside the assembly; skipped");
        continue;
      }
      CdkStack stack;
      stack.artifact_id = id;
      std::string_view display;
      stack.display_name = artifact["displayName"].get_string().get(display) == simdjson::SUCCESS
                               ? std::string(display)
                               : id;
      stack.template_file = std::string(file);
      out->stacks.push_back(std::move(stack));
    } else if (type == "cdk:cloud-assembly") {
      std::string_view folder;
      if (!has_properties ||
          properties["directoryName"].get_string().get(folder) != simdjson::SUCCESS) {
        warnings->push_back("nested assembly " + id + " has no properties.directoryName; skipped");
        continue;
      }
      if (!SafeRelativePath(folder)) {
        warnings->push_back("nested assembly " + id + " names folder \"" + std::string(folder) +
                            "\" outside the assembly; skipped");
        continue;
      }
      out->nested_assemblies.emplace_back(folder);
    }
  }
  return true;
}

std::vector<CdkStack> ListCdkStacks(const util::FileSystem& fs, const util::ScanRoots& roots,
                                    const std::string& assembly_dir, util::DiagnosticSink* diags) {
  std::vector<CdkStack> out;
  ListInto(fs, roots, assembly_dir, 0, diags, &out);
  return out;
}

std::vector<std::string> CdkStackTemplates(const util::FileSystem& fs, const util::ScanRoots& roots,
                                           const std::string& assembly_dir,
                                           util::DiagnosticSink* diags) {
  std::vector<std::string> out;
  for (CdkStack& stack : ListCdkStacks(fs, roots, assembly_dir, diags)) {
    out.push_back(std::move(stack.template_path));
  }
  return out;
}

}  // namespace fnwarden::load::cdk
