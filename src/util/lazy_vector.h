// LazyVector<T>: a std::vector that costs one pointer while it is empty.
//
// The model holds hundreds of thousands of Value<T>s for a large template,
// and each carries four lists (trail, references, pieces, alternatives) that
// are empty for nearly every value. As std::vectors they cost 96 bytes a
// value; as LazyVectors 32, and the vector is allocated on the first write.
//
// It reads like the std::vector it wraps: iteration, size(), operator[],
// push_back, insert, erase. It converts to `const std::vector<T>&` for code
// that takes one, and is built from a std::vector or a braced list.
#ifndef FNWARDEN_UTIL_LAZY_VECTOR_H_
#define FNWARDEN_UTIL_LAZY_VECTOR_H_

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <utility>
#include <vector>

namespace fnwarden::util {

template <class T>
class LazyVector {
 public:
  using Vector = std::vector<T>;
  using value_type = T;
  using size_type = size_t;
  using iterator = typename Vector::iterator;
  using const_iterator = typename Vector::const_iterator;
  using reference = typename Vector::reference;
  using const_reference = typename Vector::const_reference;

  LazyVector() = default;
  LazyVector(std::initializer_list<T> items) { Assign(Vector(items)); }
  // Implicit, so that a std::vector can be assigned or passed where a
  // LazyVector is expected.
  LazyVector(Vector items) { Assign(std::move(items)); }  // NOLINT(google-explicit-constructor)
  LazyVector(const LazyVector& other) { *this = other; }
  LazyVector(LazyVector&&) noexcept = default;
  LazyVector& operator=(const LazyVector& other) {
    if (this != &other) {
      if (other.empty()) {
        items_.reset();
      } else if (items_) {
        *items_ = *other.items_;
      } else {
        items_ = std::make_unique<Vector>(*other.items_);
      }
    }
    return *this;
  }
  LazyVector& operator=(LazyVector&&) noexcept = default;

  // The list as a std::vector (a shared empty one while nothing is held).
  const Vector& vec() const { return items_ ? *items_ : EmptyVector(); }
  operator const Vector&() const { return vec(); }  // NOLINT(google-explicit-constructor)
  // The list, allocated if needed, for code that needs the vector itself.
  Vector& mut() {
    if (!items_) items_ = std::make_unique<Vector>();
    return *items_;
  }

  bool empty() const { return !items_ || items_->empty(); }
  size_t size() const { return items_ ? items_->size() : 0; }

  const_iterator begin() const { return vec().begin(); }
  const_iterator end() const { return vec().end(); }
  const_iterator cbegin() const { return begin(); }
  const_iterator cend() const { return end(); }
  // While empty these are the shared empty vector's: equal, never written
  // through, and insert() and erase() below never use them on it.
  iterator begin() { return items_ ? items_->begin() : EmptyMutable().begin(); }
  iterator end() { return items_ ? items_->end() : EmptyMutable().end(); }

  const_reference operator[](size_t i) const { return (*items_)[i]; }
  reference operator[](size_t i) { return (*items_)[i]; }
  const_reference front() const { return items_->front(); }
  reference front() { return items_->front(); }
  const_reference back() const { return items_->back(); }
  reference back() { return items_->back(); }

  void push_back(const T& item) { mut().push_back(item); }
  void push_back(T&& item) { mut().push_back(std::move(item)); }
  template <class... Args>
  reference emplace_back(Args&&... args) {
    return mut().emplace_back(std::forward<Args>(args)...);
  }
  template <class It>
  iterator insert(const_iterator at, It first, It last) {
    if (!items_) {
      if (first == last) return end();
      items_ = std::make_unique<Vector>(first, last);
      return items_->begin();
    }
    return items_->insert(at, first, last);
  }
  iterator insert(const_iterator at, T item) {
    if (!items_) {
      mut().push_back(std::move(item));
      return items_->begin();
    }
    return items_->insert(at, std::move(item));
  }
  iterator erase(const_iterator first, const_iterator last) {
    if (!items_) return end();
    return items_->erase(first, last);
  }
  iterator erase(const_iterator at) { return items_->erase(at); }
  void reserve(size_t n) {
    if (n > 0) mut().reserve(n);
  }
  void clear() { items_.reset(); }

  friend bool operator==(const LazyVector& a, const LazyVector& b) { return a.vec() == b.vec(); }
  friend bool operator==(const LazyVector& a, const Vector& b) { return a.vec() == b; }

 private:
  void Assign(Vector items) {
    if (items.empty()) {
      items_.reset();
    } else {
      items_ = std::make_unique<Vector>(std::move(items));
    }
  }
  static const Vector& EmptyVector() {
    static const Vector empty;
    return empty;
  }
  static Vector& EmptyMutable() {
    static Vector empty;
    return empty;
  }

  std::unique_ptr<Vector> items_;
};

}  // namespace fnwarden::util

#endif  // FNWARDEN_UTIL_LAZY_VECTOR_H_
