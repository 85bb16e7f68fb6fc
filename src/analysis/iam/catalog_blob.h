// The catalog blob embedded at build time (see cmake/iam_catalog.cmake).
// Internal to analysis/iam: use Catalog::Get().
#ifndef FNWARDEN_ANALYSIS_IAM_CATALOG_BLOB_H_
#define FNWARDEN_ANALYSIS_IAM_CATALOG_BLOB_H_

#include <string_view>

namespace fnwarden::analysis::iam {

// The embedded blob, or an empty view when the build did not generate one
// (cmake/iam_catalog.cmake not included).
std::string_view EmbeddedCatalogBlob();

}  // namespace fnwarden::analysis::iam

#endif  // FNWARDEN_ANALYSIS_IAM_CATALOG_BLOB_H_
