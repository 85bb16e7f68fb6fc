// Fuzz target for the CDK cloud assembly reader (load::cdk): the input is a
// manifest.json, optionally followed by a line "====" and the manifest of a
// nested assembly in the folder "nested.out". Both sit in an in-memory
// cdk.out/ with one template in each folder, "Stack.template.json", and an
// unreadable manifest in "broken.out".
//
// ListCdkStacks must return only templates inside the assembly (the trust
// boundary: no absolute path, no ".." component) that exist, must not hang
// or blow up on assemblies that name themselves ("directoryName": "."), and
// ParseCdkManifest must give an error exactly when it returns false.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "load/cdk/cdk.h"
#include "util/diagnostic.h"
#include "util/fs.h"

using namespace fnwarden;

namespace {

constexpr std::string_view kSeparator = "\n====\n";

bool InsideAssembly(std::string_view path) {
  if (!path.starts_with("cdk.out/")) return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (path.substr(start, end - start) == "..") return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view manifest = input;
  std::string_view nested;
  if (size_t at = input.find(kSeparator); at != std::string_view::npos) {
    manifest = input.substr(0, at);
    nested = input.substr(at + kSeparator.size());
  }

  load::cdk::CdkManifest parsed;
  std::string err;
  std::vector<std::string> warnings;
  if (!load::cdk::ParseCdkManifest(manifest, &parsed, &err, &warnings) && err.empty()) {
    std::abort();
  }

  util::MemoryFileSystem files;
  const std::string kTemplate = R"({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}})";
  files.AddFile("cdk.out/manifest.json", std::string(manifest));
  files.AddFile("cdk.out/Stack.template.json", kTemplate);
  files.AddFile("cdk.out/nested.out/manifest.json", std::string(nested));
  files.AddFile("cdk.out/nested.out/Stack.template.json", kTemplate);
  files.AddUnreadable("cdk.out/broken.out/manifest.json", "permission denied");
  util::ScanRoots roots(files, {"cdk.out"}, /*follow_links=*/false);

  util::DiagnosticSink diags;
  for (const load::cdk::CdkStack& stack : load::cdk::ListCdkStacks(files, roots, "cdk.out", &diags)) {
    if (!InsideAssembly(stack.template_path)) std::abort();
    if (files.Stat(stack.template_path, nullptr) != util::EntryKind::kFile) std::abort();
  }
  for (const util::Diagnostic& d : diags.Sorted()) (void)util::Render(d);
  return 0;
}
