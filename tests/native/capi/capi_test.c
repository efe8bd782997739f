/* capi_test.c — the C ABI from plain C99: golden quotes, every error field, NULLs, frees. */
/* Usage: taoquote_capi_test VECTORS_DIR VERSION */
#include "taoquote/taoquote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);                     \
      ++failures;                                                                                  \
    }                                                                                              \
  } while (0)

/* A whole file, NUL-terminated; exits on I/O errors (the test cannot go on without it). */
static char* slurp(const char* dir, const char* name, size_t* len) {
  char path[4096];
  FILE* f;
  char* data;
  long size;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  f = fopen(path, "rb");
  if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
    fprintf(stderr, "cannot read %s\n", path);
    exit(2);
  }
  data = malloc((size_t)size + 1);
  if (!data || fread(data, 1, (size_t)size, f) != (size_t)size) exit(2);
  fclose(f);
  data[size] = '\0';
  *len = (size_t)size;
  while (*len > 0 && (data[*len - 1] == '\n' || data[*len - 1] == '\r'))
    data[--*len] = '\0';
  return data;
}

/* Skips one JSON value starting at p (whitespace already skipped); returns its end. */
static const char* skip_value(const char* p, const char* end) {
  int depth = 0;
  for (; p < end; ++p) {
    if (*p == '"') {
      for (++p; p < end && *p != '"'; ++p)
        if (*p == '\\') ++p;
      if (depth == 0) return p + 1;
    } else if (*p == '{' || *p == '[') {
      ++depth;
    } else if (*p == '}' || *p == ']') {
      if (depth == 0) return p; /* a scalar ended by its enclosing object */
      if (--depth == 0) return p + 1;
    } else if (depth == 0 && (*p == ',' || *p == ' ' || *p == '\n')) {
      return p; /* end of a scalar */
    }
  }
  return p;
}

/* The text of the top-level member `key` of a JSON object (the vector case's "request"). */
static int member(const char* json, size_t len, const char* key, const char** out,
                  size_t* out_len) {
  const char* p = json;
  const char* end = json + len;
  const size_t key_len = strlen(key);
  while (p < end && *p != '{')
    ++p;
  for (++p; p < end;) {
    const char* name;
    while (p < end && *p != '"')
      ++p;
    if (p >= end) return 0;
    name = p + 1;
    p = skip_value(p, end);
    while (p < end && (*p == ' ' || *p == '\n' || *p == ':'))
      ++p;
    *out = p;
    p = skip_value(p, end);
    *out_len = (size_t)(p - *out);
    if ((size_t)(p - name) > key_len && memcmp(name, key, key_len) == 0 && name[key_len] == '"')
      return 1;
  }
  return 0;
}

/* Whether got[0, got_len) is `want`. Call as (s = accessor(x, &n), equals(s, n, want)): the comma
 * makes the accessor write n before it is read. */
static int equals(const char* got, size_t got_len, const char* want) {
  return got != NULL && got_len == strlen(want) && memcmp(got, want, got_len) == 0;
}

/* Checks every error field of `r`, and that its body is the same error. */
static void check_error(const taoquote_result* r, const char* code, const char* doc,
                        const char* path) {
  size_t n = 0;
  const char* s;
  CHECK(taoquote_result_ok(r) == 0);
  s = taoquote_result_error_code(r, &n);
  CHECK(equals(s, n, code));
  s = taoquote_result_error_doc(r, &n);
  CHECK(equals(s, n, doc));
  s = taoquote_result_error_path(r, &n);
  CHECK(equals(s, n, path));
  s = taoquote_result_error_message(r, &n);
  CHECK(s != NULL && n > 0 && s[n] == '\0' && strlen(s) == n);
  s = taoquote_result_json(r, &n);
  CHECK(s != NULL && n > 20 && strncmp(s, "{\"error\":{\"code\":\"", 18) == 0);
  CHECK(strstr(s, code) != NULL);
}

/* Quotes a golden vector case and compares the body with its expected file, byte for byte. */
static taoquote_result* quote_case(const char* dir, const taoquote_rulebook* rb, const char* name) {
  char path[512];
  size_t case_len, expected_len, request_len = 0, n = 0;
  const char* request = NULL;
  char *text, *expected;
  taoquote_result* r;
  const char* body;
  snprintf(path, sizeof path, "cases/%s", name);
  text = slurp(dir, path, &case_len);
  snprintf(path, sizeof path, "expected/%s", name);
  expected = slurp(dir, path, &expected_len);
  CHECK(member(text, case_len, "request", &request, &request_len));
  r = taoquote_quote(rb, request, request_len);
  CHECK(r != NULL);
  body = taoquote_result_json(r, &n);
  CHECK(n == expected_len && memcmp(body, expected, n) == 0 && body[n] == '\0');
  if (n != expected_len || memcmp(body, expected, n) != 0)
    fprintf(stderr, "%s: got %.*s\n", name, (int)n, body);
  free(text);
  free(expected);
  return r;
}

static void test_version(const char* version) {
  const char* v = taoquote_version();
  unsigned long major = 0, minor = 0, patch = 0;
  CHECK(v != NULL && strcmp(v, version) == 0);
  CHECK(sscanf(version, "%lu.%lu.%lu", &major, &minor, &patch) == 3);
  CHECK(taoquote_version_number() == major * 10000UL + minor * 100UL + patch);
}

static void test_quotes(const char* dir) {
  size_t len = 0, n = 0;
  char* json = slurp(dir, "rulebooks/fixture-a.json", &len);
  taoquote_result* error = (taoquote_result*)&error; /* must be overwritten with NULL */
  taoquote_rulebook* rb = taoquote_rulebook_load(json, len, &error);
  taoquote_result* r;
  const char* s;
  free(json); /* the handle does not borrow the input */
  CHECK(rb != NULL);
  CHECK(error == NULL);
  CHECK((s = taoquote_rulebook_id(rb, &n), equals(s, n, "fixture-a")));
  s = taoquote_rulebook_digest(rb, &n);
  CHECK(n == 71 && strncmp(s, "sha256:", 7) == 0);

  /* Success: the golden bytes, and every error accessor empty. */
  r = quote_case(dir, rb, "001-basic-de.json");
  CHECK(taoquote_result_ok(r) == 1);
  CHECK(strstr(taoquote_result_json(r, NULL), s) != NULL); /* carries the rulebook digest */
  CHECK((s = taoquote_result_error_code(r, &n), equals(s, n, "")));
  CHECK((s = taoquote_result_error_doc(r, &n), equals(s, n, "")));
  CHECK((s = taoquote_result_error_path(r, &n), equals(s, n, "")));
  CHECK((s = taoquote_result_error_message(r, &n), equals(s, n, "")));
  taoquote_result_free(&r);
  CHECK(r == NULL);

  /* Errors from the pipeline: golden bodies and each field. */
  r = quote_case(dir, rb, "035-below-moq.json");
  check_error(r, "BELOW_MOQ", "request", "/items/1/quantity");
  taoquote_result_free(&r);
  r = quote_case(dir, rb, "021-no-eligible-line.json");
  check_error(r, "NO_ELIGIBLE_LINE", "request", "");
  CHECK(strstr(taoquote_result_json(r, NULL), "\"detail\":[") != NULL);
  taoquote_result_free(&r);

  /* Request parse errors; an embedded NUL is just invalid JSON. */
  r = taoquote_quote(rb, "{\0}", 3);
  check_error(r, "INVALID_JSON", "request", "");
  taoquote_result_free(&r);
  r = taoquote_quote(rb, NULL, 0); /* the empty text */
  check_error(r, "INVALID_JSON", "request", "");
  taoquote_result_free(&r);
  r = taoquote_quote(rb, "{\"schema\":\"taoquote.request/9\"}", 31);
  check_error(r, "UNSUPPORTED_SCHEMA", "request", "/schema");

  /* A result outlives its rulebook. */
  taoquote_rulebook_free(&rb);
  CHECK(rb == NULL);
  CHECK((s = taoquote_result_error_path(r, &n), equals(s, n, "/schema")));
  taoquote_result_free(&r);
}

static void test_rulebook_errors(void) {
  taoquote_result* error = NULL;
  taoquote_rulebook* rb = taoquote_rulebook_load("{", 1, &error);
  CHECK(rb == NULL);
  check_error(error, "INVALID_JSON", "rulebook", "");
  taoquote_result_free(&error);
  rb = taoquote_rulebook_load("{\"schema\":\"taoquote.rulebook/9\"}", 32, &error);
  CHECK(rb == NULL);
  check_error(error, "UNSUPPORTED_SCHEMA", "rulebook", "/schema");
  taoquote_result_free(&error);
  rb = taoquote_rulebook_load("[]", 2, NULL); /* no error wanted: nothing leaks */
  CHECK(rb == NULL);
}

static void test_null_arguments(const char* dir) {
  size_t n = 99, len = 0;
  const char* s;
  taoquote_result* error = NULL;
  taoquote_result* r;
  taoquote_rulebook* rb = taoquote_rulebook_load(NULL, 5, &error);
  char* json;
  CHECK(rb == NULL);
  check_error(error, "INVALID_ARGUMENT", "rulebook", "");
  taoquote_result_free(&error);
  rb = taoquote_rulebook_load(NULL, 0, &error);
  CHECK(rb == NULL);
  check_error(error, "INVALID_JSON", "rulebook", "");
  taoquote_result_free(&error);

  r = taoquote_quote(NULL, "{}", 2);
  check_error(r, "INVALID_ARGUMENT", "rulebook", "");
  taoquote_result_free(&r);
  json = slurp(dir, "rulebooks/fixture-b.json", &len);
  rb = taoquote_rulebook_load(json, len, NULL); /* out_error may be NULL on success too */
  free(json);
  CHECK(rb != NULL);
  r = taoquote_quote(rb, NULL, 7);
  check_error(r, "INVALID_ARGUMENT", "request", "");
  taoquote_result_free(&r);
  taoquote_rulebook_free(&rb);

  /* Accessors of NULL handles answer "" and length 0; out_len may be NULL. */
  CHECK(taoquote_result_ok(NULL) == 0);
  CHECK((s = taoquote_result_json(NULL, &n), equals(s, n, "")));
  CHECK((s = taoquote_result_error_code(NULL, &n), equals(s, n, "")));
  CHECK((s = taoquote_result_error_doc(NULL, &n), equals(s, n, "")));
  CHECK((s = taoquote_result_error_path(NULL, &n), equals(s, n, "")));
  CHECK((s = taoquote_result_error_message(NULL, &n), equals(s, n, "")));
  CHECK((s = taoquote_rulebook_id(NULL, &n), equals(s, n, "")));
  CHECK((s = taoquote_rulebook_digest(NULL, &n), equals(s, n, "")));
  CHECK(strcmp(taoquote_result_json(NULL, NULL), "") == 0);
}

static void test_frees(void) {
  taoquote_result* r = taoquote_quote(NULL, NULL, 0);
  taoquote_rulebook* rb = NULL;
  CHECK(r != NULL);
  taoquote_result_free(&r);
  CHECK(r == NULL);
  taoquote_result_free(&r); /* documented: a second free through the same variable is a no-op */
  taoquote_result_free(NULL);
  taoquote_rulebook_free(&rb);
  taoquote_rulebook_free(NULL);
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s VECTORS_DIR VERSION\n", argv[0]);
    return 64;
  }
  test_version(argv[2]);
  test_quotes(argv[1]);
  test_rulebook_errors();
  test_null_arguments(argv[1]);
  test_frees();
  if (failures)
    fprintf(stderr, "%d check(s) failed\n", failures);
  else
    printf("capi_test: all checks passed\n");
  return failures ? 1 : 0;
}
