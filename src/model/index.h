// Look-ups of a model's resources by logical ID in constant time.
//
// Model::Find* scan a list, which is right for one look-up and quadratic when
// every function of a 20,000-function template looks up its role, its queue
// and its log group. Code that looks up many IDs builds an index once, when
// the lists it covers are complete, and asks it instead:
//
//   model::IdIndex<const model::Function> functions(m.functions);
//   const model::Function* f = functions.Find(permission.function_id);
//
//   model::IdIndex<const model::Resource> all = model::IndexAllResources(m);
//   const model::Resource* r = all.Find(finding.resource);
//
// A loader that modifies what it finds indexes a list it may change:
// `model::IdIndex<model::Role> roles(model->roles)` finds `model::Role*`.
//
// An index points at the resources and at their `id` strings: adding to or
// erasing from an indexed list (which may move its elements) or changing an
// indexed resource's id leaves it dangling; changing any other field is
// fine. As with Model::Find*, the first resource with a given ID wins.
// Concurrent Finds are safe; building is not.
#ifndef FNWARDEN_MODEL_INDEX_H_
#define FNWARDEN_MODEL_INDEX_H_

#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/model.h"

namespace fnwarden::model {

// T is a resource type, const for an index that only reads.
template <class T>
class IdIndex {
 public:
  IdIndex() = default;
  // `items` holds T or a type derived from T; const when T is.
  template <class U>
  explicit IdIndex(std::vector<U>& items) {
    Add(items);
  }
  template <class U>
  explicit IdIndex(const std::vector<U>& items) {
    Add(items);
  }

  // Indexes the elements of `items` after those added before: an ID already
  // indexed keeps its resource.
  template <class U>
  void Add(std::vector<U>& items) {
    AddRange(items);
  }
  template <class U>
  void Add(const std::vector<U>& items) {
    AddRange(items);
  }

  // The resource with logical ID `id`; nullptr when none is indexed.
  T* Find(std::string_view id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
  }

  size_t size() const { return by_id_.size(); }

 private:
  template <class List>
  void AddRange(List& items) {
    by_id_.reserve(by_id_.size() + items.size());
    for (auto& item : items) by_id_.emplace(std::string_view(item.id), &item);
  }

  std::unordered_map<std::string_view, T*> by_id_;
};

// Every resource of `m` by ID, lists in ForEachResourceList order, so that
// Find gives what Model::FindResource gives.
inline IdIndex<const Resource> IndexAllResources(const Model& m) {
  IdIndex<const Resource> index;
  ForEachResourceList(m, [&](const auto& list) { index.Add(list); });
  return index;
}

}  // namespace fnwarden::model

#endif  // FNWARDEN_MODEL_INDEX_H_
