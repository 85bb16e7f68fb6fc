#include "load/serverless/compose.h"

#include "util/strings.h"

namespace fnwarden::load::serverless {

bool IsComposeFileName(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string name = util::ToLower(slash == std::string_view::npos ? path : path.substr(slash + 1));
  return name == "serverless-compose.yml" || name == "serverless-compose.yaml";
}

std::vector<ComposedService> ReadCompose(const syntax::Document& doc,
                                         util::DiagnosticSink* diags) {
  std::vector<ComposedService> out;
  const syntax::Node* root = doc.root();
  const syntax::Node* services = root != nullptr && root->is_map() ? root->Get("services") : nullptr;
  if (services == nullptr || !services->is_map()) {
    diags->Error(services != nullptr ? services->loc : (root != nullptr ? root->loc : util::Loc{}),
                 "a Serverless compose file needs `services:`, a map of service names to "
                 "{path: folder}");
    return out;
  }
  for (const syntax::MapEntry& e : services->entries) {
    const syntax::Node* s = e.value;
    const syntax::Node* path = s != nullptr && s->is_map() ? s->Get("path") : nullptr;
    if (path == nullptr || !path->is_scalar() || path->scalar.empty()) {
      diags->Error(s != nullptr ? s->loc : e.key->loc,
                   "service " + std::string(e.key->scalar) +
                       " needs `path`, the folder of its serverless.yml; skipped");
      continue;
    }
    ComposedService c;
    c.name = std::string(e.key->scalar);
    c.folder = std::string(path->scalar);
    if (const syntax::Node* config = s->Get("config"); config != nullptr && config->is_scalar()) {
      c.config = std::string(config->scalar);
    }
    c.loc = path->loc;
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::string> ServiceFileNames(const ComposedService& s) {
  std::vector<std::string> out;
  if (!s.config.empty()) out.push_back(s.config);
  for (const char* name : {"serverless.yml", "serverless.yaml", "serverless.json", "serverless.ts",
                           "serverless.js", "serverless.cjs", "serverless.mjs"}) {
    if (s.config != name) out.emplace_back(name);
  }
  return out;
}

}  // namespace fnwarden::load::serverless
