#include "analysis/iam/named.h"

#include <algorithm>

#include "util/strings.h"

namespace fnwarden::analysis::iam {
namespace {

// Whether an Action entry's text covers `action`: `*` and `?` are
// wildcards, case does not matter. Most entries name another service: a
// first character that differs settles it without the matcher.
bool ActionMatches(std::string_view pattern, std::string_view action) {
  if (!pattern.empty() && pattern[0] != '*' && pattern[0] != '?' &&
      (action.empty() || util::AsciiLower(pattern[0]) != util::AsciiLower(action[0]))) {
    return false;
  }
  return util::WildcardMatch(pattern, action, /*ignore_case=*/true);
}

bool MayCover(const model::Statement& s, std::span<const std::string_view> actions) {
  if (s.not_action || !s.known) return true;
  for (const model::String& a : s.actions) {
    if (!a.known()) return true;
    for (std::string_view action : actions) {
      if (ActionMatches(a.value, action)) return true;
    }
  }
  return false;
}

}  // namespace

NamedResources::NamedResources(std::vector<std::pair<std::string, std::string>> arns,
                               const Resolver* resolver)
    : by_id_(std::move(arns)), resolver_(resolver) {
  for (size_t i = 0; i < by_id_.size(); ++i) {
    if (!by_id_[i].second.empty()) by_arn_.emplace_back(by_id_[i].second, i);
    by_name_.emplace_back(by_id_[i].first, i);
  }
  std::sort(by_arn_.begin(), by_arn_.end());
  std::sort(by_name_.begin(), by_name_.end());
}

std::vector<std::string> NamedResources::Candidates(
    const PrincipalPermissions& p, std::span<const std::string_view> actions) const {
  // Few per principal: indices, sorted and deduplicated at the end.
  std::vector<size_t> chosen;
  auto first_with_prefix = [](const Index& index, std::string_view prefix) {
    return std::lower_bound(index.begin(), index.end(), prefix,
                            [](const auto& e, std::string_view v) { return e.first < v; });
  };
  for (const model::PolicyDocument* doc : p.policies()) {
    for (const model::Statement& s : doc->statements) {
      if (s.effect.Is(model::Effect::kDeny) || !MayCover(s, actions)) continue;
      for (const model::String& r : s.resources) {
        for (const std::string& ref : r.refs) {
          auto it = first_with_prefix(by_name_, ref);
          if (it != by_name_.end() && it->first == ref) chosen.push_back(it->second);
        }
        model::String resolved;
        const model::String* v = &r;
        if (!r.known() && resolver_ != nullptr) {
          resolved = resolver_->Resolve(r);
          v = &resolved;
        }
        if (!v->known()) continue;
        std::string_view prefix = v->value;
        prefix = prefix.substr(0, prefix.find_first_of("*?"));
        for (auto it = first_with_prefix(by_arn_, prefix);
             it != by_arn_.end() && it->first.starts_with(prefix); ++it) {
          chosen.push_back(it->second);
        }
      }
    }
  }
  std::sort(chosen.begin(), chosen.end());
  chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
  std::vector<std::string> out;
  for (size_t i : chosen) out.push_back(by_id_[i].first);
  return out;
}

}  // namespace fnwarden::analysis::iam
