#include "analysis/runtimes.h"

#include <array>
#include <cstdio>

#include "analysis/aws_layers.h"

namespace fnwarden::analysis {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

constexpr year_month_day D(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }
constexpr std::optional<year_month_day> kNone = std::nullopt;

// The "Supported runtimes" and "Deprecated runtimes" tables of
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html as they
// read in October 2026 (deprecation, block function create, block function
// update). Runtimes deprecated before 2023, which the page no longer dates
// in full, keep the dates AWS published when they were deprecated.
constexpr std::string_view kTableDate = "2026-10";
constexpr auto kRuntimes = std::to_array<RuntimeDates>({
    // Node.js
    {"nodejs24.x", D(2028, 4, 30), D(2028, 6, 1), D(2028, 7, 1), "nodejs24.x"},
    {"nodejs22.x", D(2027, 4, 30), D(2027, 6, 1), D(2027, 7, 1), "nodejs24.x"},
    {"nodejs20.x", D(2026, 4, 30), D(2027, 7, 29), D(2027, 8, 31), "nodejs24.x"},
    {"nodejs18.x", D(2025, 9, 1), D(2027, 7, 29), D(2027, 8, 31), "nodejs24.x"},
    {"nodejs16.x", D(2024, 6, 12), D(2027, 7, 29), D(2027, 8, 31), "nodejs24.x"},
    {"nodejs14.x", D(2023, 12, 4), D(2024, 1, 9), D(2027, 8, 31), "nodejs24.x"},
    {"nodejs12.x", D(2023, 3, 31), D(2023, 3, 31), D(2023, 4, 30), "nodejs24.x"},
    {"nodejs10.x", D(2021, 7, 30), D(2021, 7, 30), D(2022, 2, 14), "nodejs24.x"},
    {"nodejs8.10", D(2020, 3, 6), D(2020, 3, 6), D(2020, 3, 6), "nodejs24.x"},
    {"nodejs6.10", D(2019, 8, 12), D(2019, 8, 12), D(2019, 8, 12), "nodejs24.x"},
    {"nodejs4.3-edge", D(2019, 4, 30), D(2019, 4, 30), D(2019, 4, 30), "nodejs24.x"},
    {"nodejs4.3", D(2020, 3, 5), D(2020, 3, 5), D(2020, 3, 5), "nodejs24.x"},
    {"nodejs", D(2016, 10, 31), D(2016, 10, 31), D(2016, 10, 31), "nodejs24.x"},
    // Python
    {"python3.14", D(2029, 6, 30), D(2029, 7, 31), D(2029, 8, 31), "python3.14"},
    {"python3.13", D(2029, 6, 30), D(2029, 7, 31), D(2029, 8, 31), "python3.14"},
    {"python3.12", D(2028, 10, 31), D(2028, 11, 30), D(2029, 1, 10), "python3.14"},
    {"python3.11", D(2027, 6, 30), D(2027, 7, 29), D(2027, 8, 31), "python3.14"},
    {"python3.10", D(2026, 10, 31), D(2027, 7, 29), D(2027, 8, 31), "python3.14"},
    {"python3.9", D(2025, 12, 15), D(2027, 7, 29), D(2027, 8, 31), "python3.14"},
    {"python3.8", D(2024, 10, 14), D(2027, 7, 29), D(2027, 8, 31), "python3.14"},
    {"python3.7", D(2023, 12, 4), D(2024, 1, 9), D(2027, 8, 31), "python3.14"},
    {"python3.6", D(2022, 7, 18), D(2022, 7, 18), D(2022, 8, 29), "python3.14"},
    {"python2.7", D(2021, 7, 15), D(2021, 7, 15), D(2022, 5, 30), "python3.14"},
    // Java
    {"java21", D(2029, 6, 30), D(2029, 7, 31), D(2029, 8, 31), "java21"},
    {"java17", D(2027, 6, 30), D(2027, 7, 29), D(2027, 8, 31), "java21"},
    {"java11", D(2027, 6, 30), D(2027, 7, 29), D(2027, 8, 31), "java21"},
    {"java8.al2", D(2027, 6, 30), D(2027, 7, 29), D(2027, 8, 31), "java21"},
    {"java8", D(2024, 1, 8), D(2024, 2, 8), D(2027, 8, 31), "java21"},
    // .NET (dotnet9 and the 5 and 7 versions are container images only)
    {"dotnet10", D(2028, 11, 14), D(2028, 12, 14), D(2029, 1, 15), "dotnet10"},
    {"dotnet9", D(2026, 11, 10), kNone, kNone, "dotnet10"},
    {"dotnet8", D(2026, 11, 10), D(2027, 7, 29), D(2027, 8, 31), "dotnet10"},
    {"dotnet7", D(2024, 5, 14), kNone, kNone, "dotnet10"},
    {"dotnet6", D(2024, 12, 20), D(2027, 7, 29), D(2027, 8, 31), "dotnet10"},
    {"dotnet5.0", D(2022, 5, 10), kNone, kNone, "dotnet10"},
    {"dotnetcore3.1", D(2023, 4, 3), D(2023, 4, 3), D(2023, 5, 3), "dotnet10"},
    {"dotnetcore2.1", D(2022, 1, 5), D(2022, 1, 5), D(2022, 4, 13), "dotnet10"},
    {"dotnetcore2.0", D(2019, 5, 30), D(2019, 5, 30), D(2019, 5, 30), "dotnet10"},
    {"dotnetcore1.0", D(2019, 6, 27), D(2019, 7, 30), D(2019, 7, 30), "dotnet10"},
    // Ruby
    {"ruby3.4", D(2028, 3, 31), D(2028, 4, 30), D(2028, 5, 31), "ruby3.4"},
    {"ruby3.3", D(2027, 3, 31), D(2027, 7, 29), D(2027, 8, 31), "ruby3.4"},
    {"ruby3.2", D(2026, 3, 31), D(2027, 7, 29), D(2027, 8, 31), "ruby3.4"},
    {"ruby2.7", D(2023, 12, 7), D(2024, 1, 9), kNone, "ruby3.4"},
    {"ruby2.5", D(2021, 7, 30), D(2021, 7, 30), D(2022, 3, 31), "ruby3.4"},
    // OS-only runtimes (Go, Rust, custom runtimes)
    {"provided.al2023", D(2029, 6, 30), D(2029, 7, 31), D(2029, 8, 31), "provided.al2023"},
    {"provided.al2", D(2026, 7, 31), D(2027, 7, 29), D(2027, 8, 31), "provided.al2023"},
    {"provided", D(2024, 1, 8), D(2024, 2, 8), D(2027, 8, 31), "provided.al2023"},
    {"go1.x", D(2024, 1, 8), D(2024, 2, 8), D(2027, 8, 31), "provided.al2023"},
});

}  // namespace

std::string_view RuntimeTableDate() { return kTableDate; }

std::span<const RuntimeDates> RuntimeTable() { return kRuntimes; }

const RuntimeDates* FindRuntime(std::string_view id) {
  for (const RuntimeDates& r : kRuntimes) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

RuntimeStatus StatusOn(const RuntimeDates& runtime, std::chrono::sys_days today) {
  std::chrono::sys_days deprecated{runtime.deprecated};
  if (deprecated <= today) return RuntimeStatus::kDeprecated;
  if (deprecated - today <= kDeprecationNotice) return RuntimeStatus::kDeprecatedSoon;
  return RuntimeStatus::kSupported;
}

std::string FormatDate(std::chrono::year_month_day date) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return out;
}

std::string DataTablesLine() {
  return "data: Lambda runtimes as of " + std::string(kTableDate) +
         " (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), AWS layer accounts as of " +
         std::string(LayerTableDate());
}

}  // namespace fnwarden::analysis
