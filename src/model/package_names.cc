#include "model/package_names.h"

#include "util/strings.h"

namespace fnwarden::model {

std::string PypiName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool in_separators = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (!in_separators) out.push_back('-');
      in_separators = true;
    } else {
      out.push_back(util::AsciiLower(c));
      in_separators = false;
    }
  }
  return out;
}

}  // namespace fnwarden::model
