// The request context of an IAM request: condition keys and their values.
//
// Keys are case-insensitive (stored lower-cased); values are kept as written,
// as text, whatever their type ("true", "10", "2024-01-01T00:00:00Z",
// "10.0.0.1"); each condition operator reads them as its type.
//
// A key is in one of three states: present (with one value, or with a list of
// values for a multi-valued key, possibly empty), present with an unknown
// value, or absent. Keys that were never set are unknown while the context is
// open (the default: static analysis rarely knows aws:SourceIp) and absent
// once Close() is called (a fully described request, like a simulator's).
#ifndef FNWARDEN_ANALYSIS_IAM_CONTEXT_H_
#define FNWARDEN_ANALYSIS_IAM_CONTEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace fnwarden::analysis::iam {

struct ContextEntry {
  std::string key;                  // lower-cased
  std::vector<std::string> values;  // one value unless multi
  bool multi = false;
  bool known = true;                // false: present, value unknown
};

class Context {
 public:
  Context& Set(std::string_view key, std::string_view value);
  Context& SetMulti(std::string_view key, std::vector<std::string> values);
  Context& SetUnknown(std::string_view key, bool multi = false);
  // Keys not set are absent from the request from now on.
  Context& Close();

  bool closed() const { return closed_; }
  const ContextEntry* Find(std::string_view lower_key) const;
  const std::vector<ContextEntry>& entries() const { return entries_; }

 private:
  ContextEntry& Slot(std::string_view key);
  std::vector<ContextEntry> entries_;
  bool closed_ = false;
};

enum class KeyState : uint8_t {
  kAbsent,        // not in the request
  kUnknown,       // not known whether it is in the request (open context)
  kValueUnknown,  // in the request, value unknown
  kPresent,       // in the request with the values below
};

// The values of one key for one request, as views.
struct KeyValues {
  KeyState state = KeyState::kAbsent;
  bool multi = false;
  const std::vector<std::string>* list = nullptr;  // when set: the values
  std::string_view one;                            // otherwise: the single value
  size_t size() const { return list != nullptr ? list->size() : 1; }
  std::string_view at(size_t i) const { return list != nullptr ? std::string_view((*list)[i]) : one; }
};

// Where condition keys and policy variables get their values.
class KeySource {
 public:
  virtual ~KeySource() = default;
  virtual KeyValues Get(std::string_view lower_key) const = 0;
};

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_CONTEXT_H_
