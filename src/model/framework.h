// The frameworks fnwarden reads an application from.
#ifndef FNWARDEN_MODEL_FRAMEWORK_H_
#define FNWARDEN_MODEL_FRAMEWORK_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace fnwarden::model {

// SAM and CDK output are read through CloudFormation, but findings in them
// speak to what their authors wrote.
enum class Framework : uint8_t { kCloudFormation, kSam, kCdk, kServerless, kTerraform };
inline constexpr size_t kFrameworkCount = 5;

// "CloudFormation", "SAM", "CDK", "Serverless", "Terraform": the names the
// `### ` headings of a rule's fix use.
const char* FrameworkName(Framework f);
std::optional<Framework> ParseFrameworkName(std::string_view name);

}  // namespace fnwarden::model

#endif  // FNWARDEN_MODEL_FRAMEWORK_H_
