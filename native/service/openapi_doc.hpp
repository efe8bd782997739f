// The OpenAPI description of the service (native/service/openapi.json), embedded at build
// time so the binary serves it from anywhere it is installed.
#pragma once

#include <string_view>

namespace taoquote::service {

/// The bytes of native/service/openapi.json as it was when the service was configured, or
/// "" when the file did not exist (GET /openapi.json then answers 404).
std::string_view openapi_document() noexcept;

} // namespace taoquote::service
