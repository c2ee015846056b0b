// Collections of the citizen case are RepeatedPtrFields kept sorted by a natural key, so that the
// same set of events always serialises to the same bytes. These helpers are the one place that
// searches, inserts and removes in such a list.
#pragma once

#include <google/protobuf/repeated_ptr_field.h>

#include <functional>
#include <utility>

namespace samsag::bridge {

using google::protobuf::RepeatedPtrField;

// Index of the first element whose key is not less than `key` (binary search).
template <typename T, typename Key, typename KeyOf, typename Less = std::less<>>
int lower_bound_index(const RepeatedPtrField<T>& list, const Key& key, KeyOf key_of,
                      Less less = {}) {
  int low = 0;
  int high = list.size();
  while (low < high) {
    const int mid = low + (high - low) / 2;
    if (less(key_of(list.Get(mid)), key)) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

// The element with `key`, or nullptr.
template <typename T, typename Key, typename KeyOf, typename Less = std::less<>>
T* find_sorted(RepeatedPtrField<T>& list, const Key& key, KeyOf key_of, Less less = {}) {
  const int index = lower_bound_index(list, key, key_of, less);
  if (index == list.size() || less(key, key_of(list.Get(index)))) return nullptr;
  return list.Mutable(index);
}

template <typename T, typename Key, typename KeyOf, typename Less = std::less<>>
const T* find_sorted(const RepeatedPtrField<T>& list, const Key& key, KeyOf key_of,
                     Less less = {}) {
  const int index = lower_bound_index(list, key, key_of, less);
  if (index == list.size() || less(key, key_of(list.Get(index)))) return nullptr;
  return &list.Get(index);
}

// The element with `key`; a new, default element is inserted at its sorted place when there is
// none (the caller then sets its key). `second` says whether it was inserted.
template <typename T, typename Key, typename KeyOf, typename Less = std::less<>>
std::pair<T*, bool> upsert_sorted(RepeatedPtrField<T>& list, const Key& key, KeyOf key_of,
                                  Less less = {}) {
  const int index = lower_bound_index(list, key, key_of, less);
  if (index < list.size() && !less(key, key_of(list.Get(index)))) {
    return {list.Mutable(index), false};
  }
  T* added = list.Add();
  // Bubble the new element from the end down to its place; swaps move pointers, not messages.
  for (int i = list.size() - 1; i > index; --i) list.SwapElements(i, i - 1);
  return {added, true};
}

// Removes every element for which `doomed` is true, keeping the order of the rest; returns how
// many were removed.
template <typename T, typename Predicate>
int erase_if(RepeatedPtrField<T>& list, Predicate doomed) {
  int kept = 0;
  for (int i = 0; i < list.size(); ++i) {
    if (doomed(list.Get(i))) continue;
    if (i != kept) list.SwapElements(i, kept);
    ++kept;
  }
  const int removed = list.size() - kept;
  if (removed > 0) list.DeleteSubrange(kept, removed);
  return removed;
}

}  // namespace samsag::bridge
