// CDK cloud assemblies (the `cdk.out/` folder that `cdk synth` writes).
//
// An assembly is a folder with a manifest.json that lists artifacts. fnwarden
// reads the artifacts of type "aws:cloudformation:stack" (each names its
// synthesized template in properties.templateFile) and follows nested
// assemblies ("cdk:cloud-assembly", properties.directoryName: the stacks of a
// CDK Stage). Asset manifests, trees and the rest are ignored.
//
// Contract with the project loader:
//   1. Discovery classifies cdk.out/manifest.json as FileKind::kCdkManifest
//      and does not also treat the folder's *.template.json as stand-alone
//      templates (they belong to the assembly).
//   2. The loader calls ListCdkStacks(fs, "<path>/cdk.out", diags) and builds
//      one model per returned stack from `template_path`, exactly like a
//      CloudFormation template (ParseJson, ReadTemplate, Evaluator,
//      AdaptResources, Link), with Model::framework = Framework::kCdk and
//      Model::root = the stack's template display path.
//   3. Function code: CDK stages each function's code in the assembly and
//      records it in the resource's Metadata ("aws:asset:path": "asset.<hash>",
//      "aws:asset:property": "Code"). AdaptResources reads it itself and sets
//      Function::code_dir to that folder joined to the template's folder (the
//      assembly folder), so the loader has nothing more to do. An absolute
//      aws:asset:path (`cdk synth --no-staging`) is kept as written.
#ifndef FNWARDEN_LOAD_CDK_CDK_H_
#define FNWARDEN_LOAD_CDK_CDK_H_

#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"
#include "util/fs.h"

namespace fnwarden::load::cdk {

struct CdkStack {
  std::string artifact_id;    // the artifact's key, e.g. "OrdersStack" or "Prod-OrdersStack"
  std::string display_name;   // displayName when present ("Prod/OrdersStack"), else the id
  std::string template_file;  // properties.templateFile, relative to its assembly folder
  std::string template_path;  // ListCdkStacks only: the file to open (assembly dir joined)
};

struct CdkManifest {
  std::vector<CdkStack> stacks;                // in manifest order
  std::vector<std::string> nested_assemblies;  // directoryName of each cdk:cloud-assembly
};

// Parses the text of one manifest.json. Paths that are absolute or climb out
// of the assembly ("..") are rejected as hostile and skipped with a message
// in `warnings`. Returns false with `err` set when the text is not a manifest
// (not JSON, or no "artifacts" object).
bool ParseCdkManifest(std::string_view manifest_json, CdkManifest* out, std::string* err,
                      std::vector<std::string>* warnings);

// The stacks of the assembly in `assembly_dir` (the folder holding
// manifest.json) and of its nested assemblies, at most 8 levels deep.
// Every manifest and template path is resolved and must stay inside `roots`
// (a nested assembly folder or a template may be a link out of them);
// manifests are read only when they are regular files, so a FIFO in their
// place cannot stall the scan. Problems (unreadable or malformed manifest, a
// template file that does not exist or lies outside the roots, a skipped
// path) become diagnostics on the manifest's path; the stacks that could be
// read are still returned.
std::vector<CdkStack> ListCdkStacks(const util::FileSystem& fs, const util::ScanRoots& roots,
                                    const std::string& assembly_dir, util::DiagnosticSink* diags);

// The template paths of ListCdkStacks, for callers that need nothing else.
std::vector<std::string> CdkStackTemplates(const util::FileSystem& fs, const util::ScanRoots& roots,
                                           const std::string& assembly_dir,
                                           util::DiagnosticSink* diags);

}  // namespace fnwarden::load::cdk

#endif  // FNWARDEN_LOAD_CDK_CDK_H_
