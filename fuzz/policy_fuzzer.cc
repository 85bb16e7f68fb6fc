// Fuzz target for the IAM engine (src/analysis/iam): bytes -> JSON syntax
// tree -> model::PolicyDocument, read the way `fnwarden iam simulate` reads a
// --policy file (load::ReadPolicyDocument, the shared policy reader) ->
// Compile() as every PolicyKind and Validate() -> Evaluate() on requests made
// from the document's own actions, resources and condition keys plus fixed
// ones, from a role session, an IAM user and a service, with an open context,
// an open context holding some keys, and the same keys closed.
//
// Besides "no crash, no hang", it aborts when the engine breaks a promise of
// evaluate.h:
//  - the same request gives the same result twice;
//  - Allowed and ExplicitlyDenied list statements (Allow, resp. Deny ones, of
//    the policies evaluated); ImplicitlyDenied lists none;
//  - a Deny of Action "*" on Resource "*" among an IAM caller's identity
//    policies always gives ExplicitlyDenied;
//  - a permissions boundary never turns a request into Allowed;
//  - three-valued logic is sound: a definite answer (anything but
//    Conditional) with a key unknown stays the same once the key is known,
//    and once the context is closed (the other keys absent);
//  - Compile keeps one compiled statement per statement, and every Validate
//    diagnostic points into the input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/iam/catalog.h"
#include "analysis/iam/context.h"
#include "analysis/iam/evaluate.h"
#include "analysis/iam/policy.h"
#include "analysis/iam/validate.h"
#include "load/policy.h"
#include "load/syntax/node.h"
#include "model/model.h"
#include "util/diagnostic.h"
#include "util/source.h"

using namespace fnwarden;
namespace iam = fnwarden::analysis::iam;

namespace {

constexpr std::string_view kRoleArn = "arn:aws:iam::111122223333:role/fn";
constexpr std::string_view kSessionArn = "arn:aws:sts::111122223333:assumed-role/fn/s1";
constexpr std::string_view kUserArn = "arn:aws:iam::111122223333:user/alice";

// Keys the evaluator answers from the request itself: setting them in the
// context would describe another request, not refine this one.
bool IsRequestKey(std::string_view key) {
  std::string lower(key);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return lower == "aws:principalarn" || lower == "aws:principalaccount" ||
         lower == "aws:resourceaccount" || lower == "aws:principalservicename";
}

model::PolicyDocument Everything(model::Effect effect) {
  model::Statement s;
  s.effect = model::Value<model::Effect>::Literal(effect, {});
  s.actions.push_back(model::String::Literal("*", {}));
  s.has_resource = true;
  s.resources.push_back(model::String::Literal("*", {}));
  model::PolicyDocument doc;
  doc.version = model::String::Literal("2012-10-17", {});
  doc.statements.push_back(std::move(s));
  return doc;
}

const iam::CompiledPolicy& DenyAll() {
  static const model::PolicyDocument* doc =
      new model::PolicyDocument(Everything(model::Effect::kDeny));
  static const iam::CompiledPolicy* compiled =
      new iam::CompiledPolicy(iam::Compile(*doc, iam::PolicyKind::kIdentity));
  return *compiled;
}

const iam::CompiledPolicy& AllowAll() {
  static const model::PolicyDocument* doc =
      new model::PolicyDocument(Everything(model::Effect::kAllow));
  static const iam::CompiledPolicy* compiled =
      new iam::CompiledPolicy(iam::Compile(*doc, iam::PolicyKind::kIdentity));
  return *compiled;
}

bool Definite(iam::Decision d) { return d != iam::Decision::kConditional; }

// Whether `after`, under a context that knows more, may follow `before`: a
// definite answer stays, except that a request denied for want of an Allow
// may turn out explicitly denied once a Deny's condition can be decided
// (denied either way).
bool Refines(iam::Decision before, iam::Decision after) {
  if (!Definite(before) || after == before) return true;
  return before == iam::Decision::kImplicitlyDenied && after == iam::Decision::kExplicitlyDenied;
}

bool InSet(const iam::CompiledPolicy* p, const iam::PolicySet& set) {
  return std::find(set.identity.begin(), set.identity.end(), p) != set.identity.end() ||
         p == set.resource || p == set.boundary || p == set.session;
}

bool SameStatements(const iam::Result& a, const iam::Result& b) {
  if (a.statements.size() != b.statements.size()) return false;
  for (size_t i = 0; i < a.statements.size(); ++i) {
    if (a.statements[i].policy != b.statements[i].policy ||
        a.statements[i].index != b.statements[i].index) {
      return false;
    }
  }
  return true;
}

// Evaluates and checks what every single result must satisfy.
iam::Result Check(const iam::Request& r, const iam::PolicySet& set) {
  iam::Result result = iam::Evaluate(r, set);
  iam::Result again = iam::Evaluate(r, set);
  if (again.decision != result.decision || !SameStatements(result, again)) std::abort();
  for (const iam::StatementRef& ref : result.statements) {
    if (ref.policy == nullptr || !InSet(ref.policy, set) ||
        ref.index >= ref.policy->statements.size()) {
      std::abort();
    }
    auto effect = ref.statement().effect;
    if (result.decision == iam::Decision::kAllowed && effect != iam::CompiledStatement::kAllow) {
      std::abort();
    }
    if (result.decision == iam::Decision::kExplicitlyDenied &&
        effect != iam::CompiledStatement::kDeny) {
      std::abort();
    }
  }
  switch (result.decision) {
    case iam::Decision::kAllowed:
    case iam::Decision::kExplicitlyDenied:
      if (result.statements.empty()) std::abort();
      break;
    case iam::Decision::kImplicitlyDenied:
      if (!result.statements.empty()) std::abort();
      break;
    case iam::Decision::kConditional:
      break;
  }
  return result;
}

// The set under three contexts, each a refinement of the one before.
void CheckContexts(iam::Request r, const iam::PolicySet& set, const iam::Context& keys,
                   const iam::Context& closed, iam::Decision* open_decision) {
  r.context = nullptr;
  iam::Decision open = Check(r, set).decision;
  r.context = &keys;
  iam::Decision some = Check(r, set).decision;
  r.context = &closed;
  iam::Decision all = Check(r, set).decision;
  if (!Refines(open, some) || !Refines(some, all)) std::abort();
  if (open_decision != nullptr) *open_decision = open;
}

// Adds the document's condition keys, and some fixed ones, to `ctx`.
void FillContext(const model::PolicyDocument& doc, uint8_t salt, iam::Context* ctx) {
  ctx->Set("aws:SourceIp", "10.1.2.3");
  ctx->Set("aws:CurrentTime", "2024-06-01T12:00:00Z");
  ctx->Set("aws:SecureTransport", (salt & 1) ? "true" : "false");
  ctx->Set("aws:username", "alice");
  ctx->SetMulti("aws:TagKeys", {"team", "env"});
  size_t added = 0;
  for (const model::Statement& s : doc.statements) {
    for (const model::Condition& c : s.conditions) {
      if (added++ >= 8) return;
      if (IsRequestKey(c.key)) continue;
      std::vector<std::string> values;
      for (const model::String& v : c.values) {
        if (v.known()) values.push_back(v.value);
      }
      if (values.empty()) values.push_back("x");
      switch ((salt + added) % 3) {
        case 0:
          ctx->Set(c.key, values.front());
          break;
        case 1:
          ctx->SetMulti(c.key, values);
          break;
        default:
          ctx->SetUnknown(c.key, (salt & 2) != 0);
          break;
      }
    }
  }
}

// Up to `max` distinct known values, in order.
void Collect(const std::vector<model::String>& from, size_t max, std::vector<std::string>* out) {
  for (const model::String& v : from) {
    if (out->size() >= max) return;
    if (v.known() && std::find(out->begin(), out->end(), v.value) == out->end()) {
      out->push_back(v.value);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  util::SourceFile file("fuzz/policy.json", std::string(reinterpret_cast<const char*>(data), size));
  util::DiagnosticSink diags;
  load::syntax::ParseLimits limits;
  limits.max_nodes = 100'000;
  std::unique_ptr<load::syntax::Document> tree = load::syntax::ParseJson(&file, limits, &diags);
  if (tree == nullptr || tree->root() == nullptr) return 0;
  const load::syntax::Node* root = tree->root();

  // As PolicyFiles::Read (src/cli/iam_command.cc) reads --policy files.
  model::PolicyDocument doc = load::ReadPolicyDocument(root, model::PolicySource::kInline, "fuzz");

  const iam::Catalog& catalog = iam::Catalog::Get();
  std::vector<iam::CompiledPolicy> compiled;
  for (iam::PolicyKind kind :
       {iam::PolicyKind::kIdentity, iam::PolicyKind::kResource, iam::PolicyKind::kTrust,
        iam::PolicyKind::kBoundary, iam::PolicyKind::kSession}) {
    compiled.push_back(iam::Compile(doc, kind));
    if (compiled.back().statements.size() != doc.statements.size()) std::abort();
    std::vector<util::Diagnostic> problems;
    iam::Validate(doc, kind, catalog, &problems);
    for (const util::Diagnostic& d : problems) {
      if (d.loc.file != nullptr && d.loc.file != &file) std::abort();
      if (d.message.empty()) std::abort();
    }
  }
  const iam::CompiledPolicy& identity = compiled[0];
  const iam::CompiledPolicy& resource = compiled[1];
  const iam::CompiledPolicy& trust = compiled[2];
  const iam::CompiledPolicy& boundary = compiled[3];
  const iam::CompiledPolicy& session = compiled[4];

  std::vector<std::string> actions, resources;
  for (const model::Statement& s : doc.statements) Collect(s.actions, 3, &actions);
  for (const model::Statement& s : doc.statements) Collect(s.resources, 3, &resources);
  actions.push_back("s3:GetObject");
  actions.push_back("iam:PassRole");
  resources.push_back("arn:aws:s3:::bucket/key");
  resources.push_back("*");

  uint8_t salt = size > 0 ? data[size - 1] : 0;
  iam::Context keys, closed;
  FillContext(doc, salt, &keys);
  FillContext(doc, salt, &closed);
  closed.Close();

  // The policy sets: the document in every role it can play.
  iam::PolicySet alone;
  alone.identity = {&identity};
  iam::PolicySet denied;
  denied.identity = {&identity, &DenyAll()};
  iam::PolicySet bounded;
  bounded.identity = {&identity};
  bounded.boundary = &boundary;
  bounded.session = (salt & 4) ? &session : nullptr;
  iam::PolicySet resource_side;
  resource_side.identity = {&AllowAll()};
  resource_side.resource = (salt & 8) ? &trust : &resource;
  resource_side.resource_mode = (salt & 16) ? iam::ResourcePolicyMode::kExplicitAllowRequired
                                            : iam::ResourcePolicyMode::kOrdinary;
  iam::PolicySet resource_denied = resource_side;
  resource_denied.identity.push_back(&DenyAll());

  size_t n = 0;
  for (const std::string& action : actions) {
    for (const std::string& res : resources) {
      iam::Request r;
      r.action = action;
      r.resource = res;
      if ((salt >> 5) & 1) r.resource_account = "444455556666";
      bool iam_caller = true;
      switch (n++ % 3) {
        case 0:
          r.principal.arn = kRoleArn;
          r.principal.session_arn = kSessionArn;
          break;
        case 1:
          r.principal.arn = kUserArn;
          break;
        default:
          r.principal.service = "lambda.amazonaws.com";
          iam_caller = false;
          break;
      }
      iam::Decision alone_open, bounded_open;
      CheckContexts(r, alone, keys, closed, &alone_open);
      CheckContexts(r, bounded, keys, closed, &bounded_open);
      CheckContexts(r, resource_side, keys, closed, nullptr);
      if (bounded_open == iam::Decision::kAllowed && iam_caller &&
          alone_open != iam::Decision::kAllowed) {
        std::abort();
      }
      if (iam_caller) {
        for (const iam::PolicySet* set : {&denied, &resource_denied}) {
          for (const iam::Context* ctx :
               {static_cast<const iam::Context*>(nullptr), static_cast<const iam::Context*>(&keys),
                static_cast<const iam::Context*>(&closed)}) {
            r.context = ctx;
            if (Check(r, *set).decision != iam::Decision::kExplicitlyDenied) std::abort();
          }
        }
      }
    }
  }
  return 0;
}
