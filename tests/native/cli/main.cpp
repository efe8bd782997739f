// The doctest runner of the CLI-layer unit tests (ICU display, ECB feed).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
