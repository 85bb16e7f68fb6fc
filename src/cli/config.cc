#include "cli/config.h"

#include <initializer_list>

#include "load/syntax/node.h"
#include "model/finding.h"
#include "util/strings.h"

namespace fnwarden::cli {
namespace {

using load::syntax::Node;

class ConfigParser {
 public:
  explicit ConfigParser(util::DiagnosticSink* diags) : diags_(diags) {}

  bool Parse(const Node* root, Config* out) {
    if (root == nullptr || root->is_null()) return true;  // an empty file
    if (!root->is_map()) return Error(root->loc, "the configuration must be a mapping");
    for (const load::syntax::MapEntry& e : root->entries) {
      std::string_view key = e.key->scalar;
      if (key == "fail-on") {
        std::string value;
        if (!Scalar(e.value, "fail-on", &value)) continue;
        if (value != "none" && !model::ParseSeverity(value)) {
          Error(e.value->loc, "fail-on must be one of critical, high, medium, low, info, none");
          continue;
        }
        out->fail_on = util::ToLower(value);
      } else if (key == "only") {
        Strings(e.value, "only", &out->only);
      } else if (key == "skip") {
        Strings(e.value, "skip", &out->skip);
      } else if (key == "ignore") {
        Ignores(e.value, out);
      } else {
        UnknownKey(e.key, {"fail-on", "only", "skip", "ignore"});
      }
    }
    return ok_;
  }

 private:
  bool Error(util::Loc loc, std::string message) {
    diags_->Error(loc, std::move(message));
    ok_ = false;
    return false;
  }

  void UnknownKey(const Node* key, std::initializer_list<const char*> known) {
    std::vector<std::string> candidates(known.begin(), known.end());
    std::string message = "unknown key '" + std::string(key->scalar) + "'";
    std::string guess = util::ClosestMatch(key->scalar, candidates);
    if (!guess.empty()) message += "; did you mean '" + guess + "'?";
    diags_->Warning(key->loc, message);
  }

  bool Scalar(const Node* n, std::string_view what, std::string* out) {
    if (!n->is_scalar()) return Error(n->loc, std::string(what) + " must be a single value");
    *out = std::string(n->scalar);
    return true;
  }

  // A scalar or a sequence of scalars.
  void Strings(const Node* n, std::string_view what, std::vector<std::string>* out) {
    if (n->is_null()) return;
    if (n->is_scalar()) {
      out->emplace_back(n->scalar);
      return;
    }
    if (!n->is_seq()) {
      Error(n->loc, std::string(what) + " must be a value or a list of values");
      return;
    }
    for (const Node* item : n->items) {
      if (!item->is_scalar()) {
        Error(item->loc, std::string(what) + " must be a list of values");
        continue;
      }
      out->emplace_back(item->scalar);
    }
  }

  void Ignores(const Node* n, Config* out) {
    if (n->is_null()) return;
    if (!n->is_seq()) {
      Error(n->loc, "ignore must be a list of {id, reason, paths, resources} entries");
      return;
    }
    for (const Node* item : n->items) {
      if (!item->is_map()) {
        Error(item->loc, "an ignore entry must be a mapping with id and reason");
        continue;
      }
      rules::ConfigIgnore ig;
      ig.loc = item->loc;
      bool has_id = false;
      for (const load::syntax::MapEntry& e : item->entries) {
        std::string_view key = e.key->scalar;
        if (key == "id") {
          has_id = Scalar(e.value, "id", &ig.rule_id);
        } else if (key == "reason") {
          Scalar(e.value, "reason", &ig.reason);
        } else if (key == "paths") {
          Strings(e.value, "paths", &ig.paths);
        } else if (key == "resources") {
          Strings(e.value, "resources", &ig.resources);
        } else {
          UnknownKey(e.key, {"id", "reason", "paths", "resources"});
        }
      }
      if (!has_id) {
        Error(item->loc, "an ignore entry needs an id (a rule ID such as FNW-CFG-003)");
        continue;
      }
      out->ignores.push_back(std::move(ig));
    }
  }

  util::DiagnosticSink* diags_;
  bool ok_ = true;
};

}  // namespace

bool ParseConfig(const util::SourceFile* file, util::DiagnosticSink* diags, Config* out) {
  util::DiagnosticSink local;
  load::syntax::ParseLimits limits;
  std::unique_ptr<load::syntax::Document> doc = load::syntax::ParseYaml(file, limits, &local);
  for (const util::Diagnostic& d : local.Sorted()) diags->Add(d);
  if (local.has_errors()) return false;
  if (doc == nullptr) return true;  // an empty file
  // The document's nodes are only needed while parsing: the Config copies
  // strings out and keeps Locs, which point into `file`.
  return ConfigParser(diags).Parse(doc->root(), out);
}

}  // namespace fnwarden::cli
