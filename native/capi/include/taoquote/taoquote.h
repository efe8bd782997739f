/* taoquote.h — the C ABI of taoquote: load a rulebook, quote a request, read the result. */
/*
 * A C99 interface to the taoquote core for C programs and foreign-function interfaces
 * (Python ctypes, Java FFM/JNA, Go cgo, …). Reference and examples: docs/c-api.md.
 *
 * Conventions that hold for every function below:
 *
 *  - Text in and out is UTF-8 given as pointer + length in bytes. Input buffers need not be
 *    NUL-terminated and are only read during the call. Every returned string is also
 *    NUL-terminated for convenience, but may contain NUL bytes (a JSON key can), so prefer the
 *    length written to `*out_len` (out_len may be NULL when the caller does not need it).
 *  - Nothing aborts and nothing unwinds out: every failure, including a NULL argument, an
 *    allocation failure or a defect, comes back as an error value. No C++ type or exception
 *    crosses this interface.
 *  - Errors carry the stable fields of docs/errors.md: `code` (e.g. "BELOW_MOQ"), `doc`
 *    ("rulebook" or "request"), `path` (an RFC 6901 JSON Pointer into that document, "" for the
 *    whole document) and `message` (one sentence). The C ABI adds one code of its own,
 *    "INVALID_ARGUMENT": a NULL pointer where the contract requires one.
 *  - Ownership: objects returned by `taoquote_rulebook_load` and `taoquote_quote` belong to the
 *    caller, who releases them with the matching `*_free` function. Strings returned by an
 *    accessor belong to the object they came from and stay valid until it is freed.
 *  - Threads: every function may be called from any thread. A rulebook is immutable once
 *    loaded, so one handle may serve `taoquote_quote` on any number of threads at once without
 *    locking; it must only be freed after every such call has returned. A result is immutable
 *    too; its accessors may run concurrently, its free may not.
 *  - Money is never a C double: amounts are decimal strings inside the quote JSON.
 */
#ifndef TAOQUOTE_TAOQUOTE_H
#define TAOQUOTE_TAOQUOTE_H

#include <stddef.h>

/* Marks the exported symbols of the shared library (built with -fvisibility=hidden). */
#if defined(__GNUC__) || defined(__clang__)
#define TAOQUOTE_API __attribute__((visibility("default")))
#else
#define TAOQUOTE_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Handles (opaque)
 */

/* A validated, immutable rulebook (docs/schema.md). Shareable between threads. */
typedef struct taoquote_rulebook taoquote_rulebook;

/* The outcome of one call: a canonical quote, or an error. Immutable. */
typedef struct taoquote_result taoquote_result;

/* ---------------------------------------------------------------------------------------------
 * Version
 */

/* The library version, "MAJOR.MINOR.PATCH" (from the CMake project version), e.g. "0.1.0".
 * Returns a static NUL-terminated string; never NULL; never free it. */
TAOQUOTE_API const char* taoquote_version(void);

/* The library version as MAJOR * 10000 + MINOR * 100 + PATCH, e.g. 100 for 0.1.0. Lets a caller
 * that dlopen()s the shared library check it is recent enough. */
TAOQUOTE_API unsigned long taoquote_version_number(void);

/* ---------------------------------------------------------------------------------------------
 * Rulebooks
 */

/* Parses and validates a rulebook from `json_len` bytes of UTF-8 JSON at `json`.
 *
 * On success returns a new handle (free it with taoquote_rulebook_free) and, when `out_error`
 * is not NULL, sets `*out_error` to NULL.
 * On failure returns NULL and, when `out_error` is not NULL, sets `*out_error` to a new error
 * result (never NULL; free it with taoquote_result_free) whose doc is "rulebook": every code of
 * docs/errors.md that concerns rulebooks (INVALID_JSON, INVALID_FIELD, RULEBOOK_INVALID, …),
 * LIMIT_EXCEEDED when memory runs out, INTERNAL for a defect, or INVALID_ARGUMENT when `json`
 * is NULL while `json_len` > 0. (`json` NULL with `json_len` 0 is the empty text: INVALID_JSON.)
 *
 * Loading costs far more than quoting: load once, then quote many times on the same handle. */
TAOQUOTE_API taoquote_rulebook* taoquote_rulebook_load(const char* json, size_t json_len,
                                                       taoquote_result** out_error);

/* The rulebook's `id`. The string belongs to the handle. NULL `rulebook` gives "" (length 0). */
TAOQUOTE_API const char* taoquote_rulebook_id(const taoquote_rulebook* rulebook, size_t* out_len);

/* The rulebook's digest, "sha256:" + 64 lower-case hex digits of its canonical JSON — the same
 * value every quote carries in `rulebook.digest`, so it identifies the exact rules in force.
 * The string belongs to the handle. NULL `rulebook` gives "" (length 0). */
TAOQUOTE_API const char* taoquote_rulebook_digest(const taoquote_rulebook* rulebook,
                                                  size_t* out_len);

/* Frees the rulebook `*rulebook` and sets `*rulebook` to NULL, so a second call with the same
 * variable is a harmless no-op. `rulebook` NULL or `*rulebook` NULL: nothing happens.
 * Precondition: no taoquote_quote call on this handle is still running (other copies of the
 * pointer dangle afterwards). Results already produced stay valid: they own their bytes. */
TAOQUOTE_API void taoquote_rulebook_free(taoquote_rulebook** rulebook);

/* ---------------------------------------------------------------------------------------------
 * Quotes
 */

/* Quotes the request in `request_len` bytes of UTF-8 JSON at `request` (docs/schema.md) on
 * `rulebook`. Returns a new result, never NULL; free it with taoquote_result_free.
 *
 * On success taoquote_result_ok() is 1 and taoquote_result_json() is the canonical quote of
 * docs/quote.md — byte for byte what every other build (library, CLI, service, WebAssembly)
 * gives for the same inputs, ending in its "sha256:" fingerprint.
 * On failure taoquote_result_ok() is 0 and the error accessors describe it: any code of
 * docs/errors.md (e.g. BELOW_MOQ at "/items/1/quantity", FX_STALE at "/fx/as_of" in the
 * rulebook), LIMIT_EXCEEDED when memory runs out, INTERNAL for a defect, INVALID_ARGUMENT when
 * `rulebook` is NULL (doc "rulebook") or `request` is NULL while `request_len` > 0 (doc
 * "request").
 *
 * Thread safety: any number of threads may call this at once with the same `rulebook`. */
TAOQUOTE_API taoquote_result* taoquote_quote(const taoquote_rulebook* rulebook, const char* request,
                                             size_t request_len);

/* ---------------------------------------------------------------------------------------------
 * Results
 *
 * Accessors never fail: for a NULL `result` they return "" with length 0 (and ok() returns 0).
 */

/* 1 when `result` holds a quote, 0 when it holds an error or is NULL. */
TAOQUOTE_API int taoquote_result_ok(const taoquote_result* result);

/* The JSON body of the result: the canonical quote when ok, else the error body
 * {"error":{"code","doc","path","message","detail"?}} of docs/errors.md — the same bytes the
 * HTTP service answers with, so a service can pass it through unchanged. */
TAOQUOTE_API const char* taoquote_result_json(const taoquote_result* result, size_t* out_len);

/* The stable error code, e.g. "NO_ELIGIBLE_LINE"; "" when the result is ok. */
TAOQUOTE_API const char* taoquote_result_error_code(const taoquote_result* result, size_t* out_len);

/* The document the error concerns: "rulebook" or "request"; "" when the result is ok. */
TAOQUOTE_API const char* taoquote_result_error_doc(const taoquote_result* result, size_t* out_len);

/* The RFC 6901 JSON Pointer into that document ("" = the whole document, and "" when ok). */
TAOQUOTE_API const char* taoquote_result_error_path(const taoquote_result* result, size_t* out_len);

/* One English sentence for people; "" when the result is ok. Not stable: match on the code. */
TAOQUOTE_API const char* taoquote_result_error_message(const taoquote_result* result,
                                                       size_t* out_len);

/* Frees the result `*result` and sets `*result` to NULL, so a second call with the same
 * variable is a harmless no-op. `result` NULL or `*result` NULL: nothing happens. Every string
 * obtained from the result dangles afterwards. */
TAOQUOTE_API void taoquote_result_free(taoquote_result** result);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TAOQUOTE_TAOQUOTE_H */
