// The stable JSON names of the core's enumerations, shared by every writer and binding.
#pragma once

#include "taoquote/request.hpp"
#include "taoquote/rulebook.hpp"

#include <string_view>

namespace taoquote {

/// "1688", "taobao" or "pinduoduo".
std::string_view platform_name(Platform p) noexcept;
/// "courier", "postal" or "freight".
std::string_view mode_name(LineMode m) noexcept;
/// "fob", "cif" or "price_rate".
std::string_view basis_name(Valuation::Basis b) noexcept;
/// "goods" or "customs_value".
std::string_view basis_name(Threshold::Basis b) noexcept;

} // namespace taoquote
