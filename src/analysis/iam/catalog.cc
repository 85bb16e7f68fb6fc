#include "analysis/iam/catalog.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <mutex>
#include <tuple>
#include <unordered_map>

#include "analysis/iam/catalog_blob.h"
#include "util/strings.h"

namespace fnwarden::analysis::iam {
namespace {

// Record sizes and field offsets of the blob; keep in step with
// tools/gen_iam_catalog/gen_iam_catalog.js.
constexpr size_t kServiceSize = 16;       // name, title, first_action, action_count
constexpr size_t kActionSize = 16;        // name, u16 service, u8 level, u8 flags, first_ref, refs
constexpr size_t kRefSize = 8;            // resource_type, required
constexpr size_t kResourceTypeSize = 16;  // name, arn, service, reserved
constexpr size_t kKeySize = 8;            // name, u8 type, u8 is_pattern, u16 reserved
constexpr char kMagic[] = "FNWIAMC1";
constexpr size_t kTables = 6;

uint32_t U32(const unsigned char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
uint16_t U16(const unsigned char* p) {
  uint16_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

char Lower(char c) { return util::AsciiLower(c); }

// Compares like JavaScript's comparison of lower-cased ASCII strings.
int CompareLower(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    if (a[i] == b[i]) continue;  // most bytes compared are equal as they are
    char x = Lower(a[i]), y = Lower(b[i]);
    if (x != y) return static_cast<unsigned char>(x) < static_cast<unsigned char>(y) ? -1 : 1;
  }
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

// The position of the first '*' or '?' in `s`; npos when none. (One pass:
// find_first_of searches the set of two for every character.)
size_t FirstWildcard(std::string_view s) {
  auto it = std::find_if(s.begin(), s.end(), [](char c) { return c == '*' || c == '?'; });
  return it == s.end() ? std::string_view::npos : static_cast<size_t>(it - s.begin());
}

bool HasWildcard(std::string_view s) { return FirstWildcard(s) != std::string_view::npos; }

// `name` from its character `skip` on: "GetObject" of "s3:GetObject" with
// `skip` 3.
std::string_view From(std::string_view name, size_t skip) {
  return name.substr(std::min(skip, name.size()));
}

}  // namespace

const char* AccessLevelName(AccessLevel level) {
  switch (level) {
    case AccessLevel::kList: return "List";
    case AccessLevel::kRead: return "Read";
    case AccessLevel::kWrite: return "Write";
    case AccessLevel::kPermissionsManagement: return "Permissions management";
    case AccessLevel::kTagging: return "Tagging";
  }
  return "?";
}

const char* ConditionKeyTypeName(ConditionKeyType type) {
  static constexpr const char* kNames[] = {
      "String", "ArrayOfString", "ARN", "ArrayOfARN", "Bool", "ArrayOfBool", "Numeric",
      "ArrayOfNumeric", "Date", "ArrayOfDate", "IPAddress", "ArrayOfIPAddress", "Binary",
      "ArrayOfBinary"};
  size_t i = static_cast<size_t>(type);
  return i < std::size(kNames) ? kNames[i] : "?";
}

bool IsMultiValued(ConditionKeyType type) { return (static_cast<int>(type) & 1) != 0; }

ConditionKeyType ElementType(ConditionKeyType type) {
  return static_cast<ConditionKeyType>(static_cast<int>(type) & ~1);
}

const Catalog& Catalog::Get() {
  static const Catalog* catalog = new Catalog(EmbeddedCatalogBlob());
  return *catalog;
}

bool Catalog::Fail(const std::string& why) {
  error_ = "the embedded IAM action catalog is malformed: " + why;
  service_count_ = action_count_ = ref_count_ = resource_type_count_ = key_count_ = 0;
  string_size_ = 0;
  return false;
}

namespace {

// ExpandIds' answers, by lower-cased pattern. Policies repeat the same
// patterns, so most calls are hits, from several threads at once: a hit
// takes no lock. The table is a fixed array of chains that grow only at
// their head; an entry never changes once published and lives as long as
// the cache. The acquire load of a chain's head pairs with the release
// store that published it, so a reader sees that entry and the ones after
// it complete. Insertions take a mutex, so that a pattern is inserted once.
class ExpansionCache {
 public:
  ExpansionCache() = default;
  ExpansionCache(const ExpansionCache&) = delete;
  ExpansionCache& operator=(const ExpansionCache&) = delete;
  ~ExpansionCache() {
    for (std::atomic<const Entry*>& head : heads_) {
      for (const Entry* e = head.load(std::memory_order_relaxed); e != nullptr;) {
        const Entry* next = e->next;
        delete e;
        e = next;
      }
    }
  }

  // The answer recorded for `key`; null when none.
  const std::vector<uint32_t>* Find(std::string_view key) const {
    return FindIn(heads_[BucketOf(key)], key);
  }

  // Records `ids` as the answer for `key`, unless another thread did so
  // first, and returns the recorded answer.
  const std::vector<uint32_t>& Insert(std::string_view key, std::vector<uint32_t> ids) {
    std::atomic<const Entry*>& head = heads_[BucketOf(key)];
    std::lock_guard<std::mutex> lock(insert_mutex_);
    if (const std::vector<uint32_t>* found = FindIn(head, key)) return *found;
    const Entry* entry =
        new Entry{std::string(key), std::move(ids), head.load(std::memory_order_relaxed)};
    head.store(entry, std::memory_order_release);
    return entry->ids;
  }

 private:
  struct Entry {
    std::string key;
    std::vector<uint32_t> ids;
    const Entry* next;
  };
  // A scan of hundreds of projects meets a few thousand distinct patterns;
  // more only make the chains longer.
  static constexpr size_t kBuckets = 4096;

  static size_t BucketOf(std::string_view key) {
    return std::hash<std::string_view>{}(key) % kBuckets;
  }
  static const std::vector<uint32_t>* FindIn(const std::atomic<const Entry*>& head,
                                             std::string_view key) {
    for (const Entry* e = head.load(std::memory_order_acquire); e != nullptr; e = e->next) {
      if (e->key == key) return &e->ids;
    }
    return nullptr;
  }

  std::array<std::atomic<const Entry*>, kBuckets> heads_{};
  std::mutex insert_mutex_;
};

}  // namespace

struct Catalog::Caches {
  ExpansionCache ids;
  std::mutex closest_mutex;
  std::unordered_map<std::string, std::string> closest;  // ClosestAction, by name
};

Catalog::~Catalog() = default;

Catalog::Catalog(std::string_view blob) : caches_(std::make_unique<Caches>()) {
  if (blob.empty()) {
    error_ =
        "the IAM action catalog embedded in this binary is empty";
    return;
  }
  Load(blob);
}

bool Catalog::Load(std::string_view blob) {
  base_ = reinterpret_cast<const unsigned char*>(blob.data());
  size_ = blob.size();
  if (size_ < 8 + kTables * 8 || std::memcmp(base_, kMagic, 8) != 0) return Fail("bad header");
  const size_t record_sizes[kTables] = {kServiceSize, kActionSize,        kRefSize,
                                        kResourceTypeSize, kKeySize, 1};
  uint32_t counts[kTables];
  const unsigned char* tables[kTables];
  for (size_t i = 0; i < kTables; ++i) {
    counts[i] = U32(base_ + 8 + i * 8);
    uint32_t offset = U32(base_ + 12 + i * 8);
    if (offset % 16 != 0 || offset > size_ || (size_ - offset) / record_sizes[i] < counts[i]) {
      return Fail("table " + std::to_string(i) + " out of bounds");
    }
    tables[i] = base_ + offset;
  }
  service_count_ = counts[0];
  action_count_ = counts[1];
  ref_count_ = counts[2];
  resource_type_count_ = counts[3];
  key_count_ = counts[4];
  string_size_ = counts[5];
  services_ = tables[0];
  actions_ = tables[1];
  refs_ = tables[2];
  resource_types_ = tables[3];
  keys_ = tables[4];
  strings_ = tables[5];

  // Check every reference once, so that look-ups need no bounds checks.
  auto string_ok = [this](uint32_t offset) {
    return offset <= string_size_ && string_size_ - offset >= 2 &&
           string_size_ - offset - 2 >= U16(strings_ + offset);
  };
  for (uint32_t i = 0; i < service_count_; ++i) {
    const unsigned char* s = services_ + i * kServiceSize;
    if (!string_ok(U32(s)) || !string_ok(U32(s + 4)) || U32(s + 8) > action_count_ ||
        action_count_ - U32(s + 8) < U32(s + 12)) {
      return Fail("service " + std::to_string(i));
    }
  }
  for (uint32_t i = 0; i < action_count_; ++i) {
    const unsigned char* a = actions_ + i * kActionSize;
    if (!string_ok(U32(a)) || U16(a + 4) >= service_count_ || a[6] > 4 ||
        U32(a + 8) > ref_count_ || ref_count_ - U32(a + 8) < U32(a + 12)) {
      return Fail("action " + std::to_string(i));
    }
  }
  for (uint32_t i = 0; i < ref_count_; ++i) {
    if (U32(refs_ + i * kRefSize) >= resource_type_count_) return Fail("ref " + std::to_string(i));
  }
  for (uint32_t i = 0; i < resource_type_count_; ++i) {
    const unsigned char* r = resource_types_ + i * kResourceTypeSize;
    if (!string_ok(U32(r)) || !string_ok(U32(r + 4)) || U32(r + 8) >= service_count_) {
      return Fail("resource type " + std::to_string(i));
    }
  }
  for (uint32_t i = 0; i < key_count_; ++i) {
    const unsigned char* k = keys_ + i * kKeySize;
    if (!string_ok(U32(k)) || k[4] > static_cast<int>(ConditionKeyType::kArrayOfBinary)) {
      return Fail("condition key " + std::to_string(i));
    }
  }
  return true;
}

std::string_view Catalog::Str(uint32_t offset) const {
  return std::string_view(reinterpret_cast<const char*>(strings_ + offset + 2),
                          U16(strings_ + offset));
}

ActionInfo Catalog::action(uint32_t id) const {
  const unsigned char* a = actions_ + static_cast<size_t>(id) * kActionSize;
  ActionInfo out;
  out.id = id;
  out.name = Str(U32(a));
  out.service = out.name.substr(0, out.name.find(':'));
  out.level = static_cast<AccessLevel>(a[6]);
  out.wildcard_only = (a[7] & 1) != 0;
  return out;
}

std::string_view Catalog::ActionName(uint32_t id) const {
  return Str(U32(actions_ + static_cast<size_t>(id) * kActionSize));
}

std::optional<uint32_t> Catalog::FindService(std::string_view service) const {
  uint32_t lo = 0, hi = service_count_;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = CompareLower(Str(U32(services_ + mid * kServiceSize)), service);
    if (c == 0) return mid;
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return std::nullopt;
}

std::pair<uint32_t, uint32_t> Catalog::ServiceActions(uint32_t service) const {
  const unsigned char* s = services_ + service * kServiceSize;
  return {U32(s + 8), U32(s + 8) + U32(s + 12)};
}

std::pair<uint32_t, uint32_t> Catalog::PrefixRange(uint32_t begin, uint32_t end, size_t skip,
                                                   std::string_view prefix) const {
  uint32_t lo = begin, hi = end;
  while (lo < hi) {  // first name >= prefix
    uint32_t mid = lo + (hi - lo) / 2;
    if (CompareLower(From(ActionName(mid), skip), prefix) < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  // The names from `lo` on that start with `prefix` come first (they sort
  // before the rest): binary search for the end too, as "s3:" spans
  // hundreds of actions.
  uint32_t first = lo;
  hi = end;
  while (lo < hi) {  // first name that does not start with prefix
    uint32_t mid = lo + (hi - lo) / 2;
    if (CompareLower(From(ActionName(mid), skip).substr(0, prefix.size()), prefix) == 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return {first, lo};
}

std::optional<ActionInfo> Catalog::FindAction(std::string_view name) const {
  // Every catalog name is "service:action", and a service name has no ':'.
  size_t colon = name.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::optional<uint32_t> service = FindService(name.substr(0, colon));
  if (!service) return std::nullopt;
  // The service's actions, sorted by lower-cased name, share "service:":
  // compare what follows it.
  auto [lo, hi] = ServiceActions(*service);
  std::string_view verb = name.substr(colon + 1);
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = CompareLower(From(ActionName(mid), colon + 1), verb);
    if (c == 0) return action(mid);
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return std::nullopt;
}

bool Catalog::HasService(std::string_view service) const {
  return FindService(service).has_value();
}

std::string_view Catalog::ServiceTitle(std::string_view service) const {
  std::optional<uint32_t> found = FindService(service);
  if (!found) return {};
  return Str(U32(services_ + *found * kServiceSize + 4));
}

std::vector<ActionInfo> Catalog::Expand(std::string_view pattern) const {
  const std::vector<uint32_t>& ids = ExpandIds(pattern);
  std::vector<ActionInfo> out;
  out.reserve(ids.size());
  for (uint32_t id : ids) out.push_back(action(id));
  return out;
}

const std::vector<uint32_t>& Catalog::ExpandIds(std::string_view pattern) const {
  char buffer[256];
  std::string long_key;
  std::string_view key;
  if (pattern.size() <= sizeof buffer) {
    for (size_t i = 0; i < pattern.size(); ++i) buffer[i] = Lower(pattern[i]);
    key = std::string_view(buffer, pattern.size());
  } else {
    long_key = util::ToLower(pattern);
    key = long_key;
  }
  if (const std::vector<uint32_t>* ids = caches_->ids.Find(key)) return *ids;
  return caches_->ids.Insert(key, Match(key));
}

std::vector<uint32_t> Catalog::Match(std::string_view pattern) const {
  std::vector<uint32_t> out;
  size_t wild = FirstWildcard(pattern);
  // A service spelled out before any wildcard ("s3:Get*", "logs:PutLogEvents")
  // narrows the search to its actions, compared from after the colon; any
  // other pattern ("*", "s3*:Get*") is searched among all names.
  uint32_t begin = 0, end = action_count_;
  size_t skip = 0;
  size_t colon = pattern.find(':');
  if (colon < wild) {
    std::optional<uint32_t> service = FindService(pattern.substr(0, colon));
    if (!service) return out;
    std::tie(begin, end) = ServiceActions(*service);
    skip = colon + 1;
  }
  // Only the part before the first wildcard narrows the search further.
  auto [first, last] = PrefixRange(begin, end, skip, pattern.substr(0, wild).substr(skip));
  if (wild != std::string_view::npos && wild + 1 == pattern.size() && pattern[wild] == '*') {
    // "s3:Get*", "*": every name with the prefix matches.
    out.resize(last - first);
    for (uint32_t i = first; i < last; ++i) out[i - first] = i;
    return out;
  }
  bool exact = wild == std::string_view::npos;
  std::string_view rest = pattern.substr(skip);
  for (uint32_t i = first; i < last; ++i) {
    std::string_view name = From(ActionName(i), skip);
    if (exact ? name.size() == rest.size() : util::WildcardMatch(rest, name, true)) {
      out.push_back(i);
    }
  }
  return out;
}

std::string Catalog::ClosestAction(std::string_view name) const {
  // The same typo tends to recur across a repository's templates.
  std::string key(name);
  {
    std::lock_guard<std::mutex> lock(caches_->closest_mutex);
    auto it = caches_->closest.find(key);
    if (it != caches_->closest.end()) return it->second;
  }
  std::string best = ClosestActionUncached(name);
  std::lock_guard<std::mutex> lock(caches_->closest_mutex);
  return caches_->closest.emplace(std::move(key), std::move(best)).first->second;
}

std::string Catalog::ClosestActionUncached(std::string_view name) const {
  size_t colon = name.find(':');
  if (colon == std::string_view::npos) return "";
  std::vector<std::string_view> candidates;
  if (std::optional<uint32_t> service = FindService(name.substr(0, colon))) {
    auto [first, last] = ServiceActions(*service);
    candidates.reserve(last - first);
    for (uint32_t i = first; i < last; ++i) candidates.push_back(ActionName(i));
  }
  return util::ClosestMatchOf(name, candidates);
}

std::vector<ResourceTypeInfo> Catalog::ResourceTypes(uint32_t action_id) const {
  std::vector<ResourceTypeInfo> out;
  if (action_id >= action_count_) return out;
  const unsigned char* a = actions_ + static_cast<size_t>(action_id) * kActionSize;
  uint32_t first = U32(a + 8), count = U32(a + 12);
  for (uint32_t i = first; i < first + count; ++i) {
    const unsigned char* ref = refs_ + i * kRefSize;
    const unsigned char* r = resource_types_ + U32(ref) * kResourceTypeSize;
    out.push_back({Str(U32(r)), Str(U32(r + 4)), U32(ref + 4) != 0});
  }
  return out;
}

std::string_view Catalog::ResourceTypeKey(uint32_t action_id) const {
  if (action_id >= action_count_) return {};
  const unsigned char* a = actions_ + static_cast<size_t>(action_id) * kActionSize;
  return {reinterpret_cast<const char*>(refs_ + U32(a + 8) * kRefSize), U32(a + 12) * kRefSize};
}

std::optional<ConditionKeyInfo> Catalog::FindConditionKey(std::string_view key) const {
  uint32_t lo = 0, hi = key_count_;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    const unsigned char* k = keys_ + mid * kKeySize;
    int c = CompareLower(Str(U32(k)), key);
    if (c == 0) return ConditionKeyInfo{Str(U32(k)), static_cast<ConditionKeyType>(k[4])};
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  // Patterns: few (one per documented variable key), so a scan is enough.
  for (uint32_t i = 0; i < key_count_; ++i) {
    const unsigned char* k = keys_ + i * kKeySize;
    if (k[5] == 0) continue;
    std::string_view pattern = Str(U32(k));
    if (HasWildcard(pattern) && util::WildcardMatch(pattern, key, true)) {
      return ConditionKeyInfo{pattern, static_cast<ConditionKeyType>(k[4])};
    }
  }
  // A few tag keys are written in the source data with a literal placeholder
  // instead of a pattern ("secretsmanager:ResourceTag/tag-key",
  // "sagemaker:ResourceTag/"): "secretsmanager:ResourceTag/App" is one of them.
  size_t slash = key.find('/');
  if (slash == std::string_view::npos || slash + 1 == key.size() ||
      key.substr(slash + 1) == "tag-key") {
    return std::nullopt;  // (also ends the look-ups below)
  }
  std::string stem(key.substr(0, slash + 1));
  for (std::string_view placeholder : {"tag-key", ""}) {
    if (auto found = FindConditionKey(stem + std::string(placeholder))) return found;
  }
  return std::nullopt;
}

}  // namespace fnwarden::analysis::iam
