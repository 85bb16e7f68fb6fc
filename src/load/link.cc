// Link: cross-resource references that every frontend's model shares.
#include "load/link.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace fnwarden::load {
namespace {

// "arn:aws:lambda:us-east-1:123456789012:function:orders:live" -> "orders";
// anything that is not a function ARN is returned as it is (a plain name).
std::string_view FunctionNameOf(std::string_view text) {
  constexpr std::string_view kMarker = ":function:";
  if (!text.starts_with("arn:")) return text;
  size_t at = text.find(kMarker);
  if (at == std::string_view::npos) return {};
  std::string_view name = text.substr(at + kMarker.size());
  return name.substr(0, name.find(':'));
}

// "arn:aws:iam::123456789012:role/service/orders-role" -> "orders-role".
std::string_view RoleNameOf(std::string_view text) {
  if (!text.starts_with("arn:")) return text;
  size_t at = text.find(":role/");
  if (at == std::string_view::npos) return {};
  return text.substr(text.rfind('/') + 1);
}

// Appends to a role's list of consumers unless it holds the entry already.
// A short list is searched; a longer one is indexed on first use, so a role
// that thousands of functions share is linked in linear time, and the
// thousands of roles that one function each uses cost no index at all.
template <class T>
class UniqueAppender {
 public:
  void Add(const model::Role& role, std::vector<T>* items, const T& item) {
    if (items->size() < kSearched && !seen_.contains(&role)) {
      std::string key = KeyOf(item);
      bool held = std::any_of(items->begin(), items->end(),
                              [&](const T& old) { return KeyOf(old) == key; });
      if (!held) items->push_back(item);
      return;
    }
    auto [it, fresh] = seen_.try_emplace(&role);
    if (fresh) {
      for (const T& old : *items) it->second.insert(KeyOf(old));
    }
    if (it->second.insert(KeyOf(item)).second) items->push_back(item);
  }

 private:
  static constexpr size_t kSearched = 8;
  static std::string KeyOf(const std::string& id) { return id; }
  static std::string KeyOf(const model::RoleUse& use) {
    std::string key(1, static_cast<char>(use.kind));
    key += use.resource_id;
    key += '\0';
    key += use.service;
    return key;
  }
  std::unordered_map<const model::Role*, std::unordered_set<std::string>> seen_;
};

// The stage name written after "/stages/" in a stage ARN, when literal.
std::string_view StageNameIn(std::string_view arn) {
  size_t at = arn.find("/stages/");
  if (at == std::string_view::npos) return {};
  std::string_view name = arn.substr(at + 8);
  name = name.substr(0, name.find('/'));
  if (name.find("${") != std::string_view::npos) return {};
  return name;
}

// Does a WebACLAssociation ResourceArn name this stage of this API?
bool AssociationNames(const model::String& arn, const model::Api& api, const model::Stage& stage) {
  auto has_ref = [&](std::string_view id) {
    return std::find(arn.refs.begin(), arn.refs.end(), id) != arn.refs.end();
  };
  if (stage.id != api.id && has_ref(stage.id)) return true;
  if (!has_ref(api.id)) return false;
  for (const model::Stage& other : api.stages) {
    if (other.id != api.id && has_ref(other.id)) return false;  // names another stage
  }
  std::string_view name = StageNameIn(arn.value);
  return name.empty() || stage.stage_name.Is(std::string(name));
}

}  // namespace

std::string ResolveFunction(const model::Model& model, const model::String& v) {
  for (const std::string& ref : v.refs) {
    if (model.FindFunction(ref) != nullptr) return ref;
  }
  // What the SAM transform generates for a function with AutoPublishAlias:
  // `!Ref Fn.Alias`, `!Ref Fn.Version`, and the logical IDs "FnAliaslive",
  // "FnVersion1a2b3c".
  for (std::string_view ref : v.refs) {
    for (std::string_view suffix : {".Alias", ".Version"}) {
      if (ref.ends_with(suffix)) ref.remove_suffix(suffix.size());
    }
    for (const model::Function& f : model.functions) {
      if (ref == f.id) return f.id;
      if (ref.starts_with(f.id)) {
        std::string_view rest = ref.substr(f.id.size());
        if (rest.size() > 5 && (rest.starts_with("Alias") || rest.starts_with("Version"))) {
          return f.id;
        }
      }
    }
  }
  if (!v.known() || v.value.empty()) return "";
  std::string_view name = FunctionNameOf(v.value);
  if (name.empty()) return "";
  for (const model::Function& f : model.functions) {
    if (f.function_name.Is(std::string(name))) return f.id;
  }
  return "";
}

std::string ResolveRole(const model::Model& model, const model::String& v) {
  for (const std::string& ref : v.refs) {
    if (model.FindRole(ref) != nullptr) return ref;
  }
  if (!v.known() || v.value.empty()) return "";
  std::string_view name = RoleNameOf(v.value);
  if (name.empty()) return "";
  for (const model::Role& r : model.roles) {
    if (r.role_name.Is(std::string(name))) return r.id;
  }
  return "";
}

std::string ResolveAny(const model::Model& model, const model::String& v) {
  for (const std::string& ref : v.refs) {
    if (model.FindResource(ref) != nullptr) return ref;
  }
  return "";
}

void Link(model::Model* model) {
  // References are looked up in the model's index of IDs, which every
  // caller builds first: a template of thousands of functions links in
  // linear time. (A stale index is only slower.)
  auto find_role = [&](std::string_view id) -> model::Role* {
    const model::Role* role = model->FindRole(id);
    return role == nullptr ? nullptr
                           : &model->roles[static_cast<size_t>(role - model->roles.data())];
  };
  UniqueAppender<model::RoleUse> uses;
  UniqueAppender<std::string> role_functions;
  auto used_by = [&](const std::string& role_id, model::RoleUse use) {
    model::Role* role = find_role(role_id);
    if (role != nullptr) uses.Add(*role, &role->used_by, use);
    return role;
  };
  for (model::Function& f : model->functions) {
    if (f.role_id.empty()) f.role_id = ResolveRole(*model, f.role);
    if (f.role_id.empty()) continue;
    model::Role* role =
        used_by(f.role_id, {model::RoleUseKind::kFunction, f.id, "lambda.amazonaws.com"});
    if (role != nullptr) role_functions.Add(*role, &role->functions, f.id);
  }
  for (model::StateMachine& sm : model->state_machines) {
    if (sm.role_id.empty()) sm.role_id = ResolveRole(*model, sm.role);
    if (sm.role_id.empty()) continue;
    used_by(sm.role_id, {model::RoleUseKind::kStateMachine, sm.id, "states.amazonaws.com"});
  }
  for (model::Permission& p : model->permissions) {
    if (p.function_id.empty()) p.function_id = ResolveFunction(*model, p.function);
  }
  for (model::Trigger& t : model->triggers) {
    if (t.source_id.empty()) t.source_id = ResolveAny(*model, t.source);
  }
  for (const model::WebAcl& acl : model->web_acls) {
    for (const model::String& arn : acl.associated_resources) {
      for (model::Api& api : model->apis) {
        for (model::Stage& stage : api.stages) {
          if (AssociationNames(arn, api, stage) &&
              std::find(stage.web_acls.begin(), stage.web_acls.end(), acl.id) ==
                  stage.web_acls.end()) {
            stage.web_acls.push_back(acl.id);
          }
        }
      }
    }
  }
}

}  // namespace fnwarden::load
