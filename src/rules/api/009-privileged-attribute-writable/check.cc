// FNW-API-009: a user pool's custom attribute whose name says it carries
// privilege (is_admin, role, groups, tenant...) can be written by users
// themselves through an app client.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/store_query.h"
#include "rules/rule.h"

namespace fnwarden::rules {
namespace {

// Words of attribute names that applications read as a grant of privilege.
constexpr std::array<std::string_view, 20> kPrivilegeWords = {
    "admin",        "admins",      "administrator", "superuser",  "role",
    "roles",        "group",       "groups",        "tenant",     "tenants",
    "permission",   "permissions", "privilege",     "privileges", "entitlement",
    "entitlements", "scope",       "scopes",        "acl",        "staff",
};
// The same words run together, as in "isadmin" or "tenantid".
constexpr std::array<std::string_view, 8> kPrivilegeCompounds = {
    "isadmin",   "issuperuser", "isstaff",     "userrole",
    "usergroup", "tenantid",    "accesslevel", "usertype",
};

// The words of an attribute name: split at `_`, `-`, `:`, `.`, digits and
// lower-to-upper case changes, lower-cased ("isAdmin" -> is, admin).
std::vector<std::string> Words(std::string_view name) {
  std::vector<std::string> out(1);
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    bool boundary = !std::isalpha(c) || (i > 0 && std::isupper(c) &&
                                         std::islower(static_cast<unsigned char>(name[i - 1])));
    if (boundary && !out.back().empty()) out.emplace_back();
    if (std::isalpha(c)) out.back().push_back(static_cast<char>(std::tolower(c)));
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

bool CarriesPrivilege(std::string_view name) {
  std::vector<std::string> words = Words(name);
  std::string joined;
  for (const std::string& w : words) {
    if (std::find(kPrivilegeWords.begin(), kPrivilegeWords.end(), w) != kPrivilegeWords.end()) {
      return true;
    }
    joined += w;
  }
  return std::find(kPrivilegeCompounds.begin(), kPrivilegeCompounds.end(), joined) !=
         kPrivilegeCompounds.end();
}

// The WriteAttributes entry naming `full_name` ("custom:is_admin"); nullptr
// when the list does not name it.
const model::String* Listed(const model::UserPoolClient& client, const std::string& full_name) {
  for (const model::String& entry : client.write_attributes) {
    if (entry.Is(full_name)) return &entry;
  }
  return nullptr;
}

void CheckClient(Context& ctx, const model::UserPoolClient& client, const model::UserPool& pool) {
  if (!pool.schema_known || (client.has_write_attributes && !client.write_attributes_known)) {
    return;
  }
  for (const model::UserAttribute& a : pool.custom_attributes) {
    if (!CarriesPrivilege(a.name)) continue;
    // Only administrators' credentials write a developer-only attribute.
    if (!a.developer_only.Always([](bool on) { return !on; })) continue;
    // Users write an attribute after sign-up when it is mutable, and when
    // they sign themselves up.
    bool after_sign_up = a.is_mutable.Is(true);
    bool at_sign_up = pool.admin_create_user_only.Always([](bool only) { return !only; });
    if (!after_sign_up && !at_sign_up) continue;
    std::string full = "custom:" + a.name;
    const model::String* entry = nullptr;
    if (client.has_write_attributes) {
      entry = Listed(client, full);
      if (entry == nullptr) continue;  // not writable (an unknown entry is not assumed to be it)
    }
    std::string how = after_sign_up ? "change it at any time with their own access token "
                                      "(UpdateUserAttributes)"
                                    : "set it when they sign up";
    if (after_sign_up && at_sign_up) how += ", or set it when they sign up";
    std::string why = entry != nullptr
                          ? "app client " + client.id + " lists " + full + " in WriteAttributes"
                          : "app client " + client.id +
                                " has no WriteAttributes list, so it gets Cognito's default write "
                                "access, which includes " +
                                full;
    ctx.Report(client, entry != nullptr ? entry->loc : client.loc, "write_attributes." + full,
               why + ", an attribute of user pool " + pool.id +
                   " whose name says it grants privilege: any user can " + how +
                   ", and code or authorizers that trust it in the ID token then treat them "
                   "accordingly",
               entry != nullptr
                   ? "Remove " + full + " from the WriteAttributes of " + client.id +
                         " and set it from a trusted back end with AdminUpdateUserAttributes."
                   : "Give " + client.id +
                         " a WriteAttributes list of only the attributes users may change "
                         "(for example email and name), without " +
                         full +
                         ", and set it from a trusted back end with AdminUpdateUserAttributes.");
  }
}

void Check(Context& ctx) {
  for (const auto& client : ctx.model.user_pool_clients) {
    if (client.user_pool_id.empty()) continue;
    for (const auto& pool : ctx.model.user_pools) {
      if (pool.id == client.user_pool_id) CheckClient(ctx, client, pool);
    }
  }
}

}  // namespace

extern const RuleDef kRuleApi009;
const RuleDef kRuleApi009 = {
    .title = "Users can write a user pool attribute that grants privilege",
    .severity = model::Severity::kHigh,
    .tier = model::Tier::kRisk,
    .practice = model::Practice::kApiAuthentication,
    .check = &Check,
};

}  // namespace fnwarden::rules
