// Embeds the catalog that cmake/iam_catalog.cmake generates at build time.
// The asm block lives in this translation unit, together with the function
// that reads it, so that linking the static library always pulls the data in
// with its user.

#include "analysis/iam/catalog_blob.h"

#include "iam/catalog_blob.inc"

extern "C" {
extern const char fnwarden_iam_catalog_begin[];
extern const char fnwarden_iam_catalog_end[];
}

namespace fnwarden::analysis::iam {

std::string_view EmbeddedCatalogBlob() {
  return std::string_view(fnwarden_iam_catalog_begin,
                          static_cast<size_t>(fnwarden_iam_catalog_end - fnwarden_iam_catalog_begin));
}

}  // namespace fnwarden::analysis::iam
