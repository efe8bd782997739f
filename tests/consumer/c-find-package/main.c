/* Consumer test program in C99: quotes a request through the C ABI and prints the quote JSON. */
/* Usage: app RULEBOOK.json REQUEST.json */
#include <taoquote/taoquote.h>

#include <stdio.h>
#include <stdlib.h>

static char* slurp(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  char* data = NULL;
  long size;
  if (f && fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
      (data = malloc((size_t)size + 1)) != NULL) {
    *len = fread(data, 1, (size_t)size, f);
  }
  if (f) fclose(f);
  return data;
}

int main(int argc, char** argv) {
  size_t rulebook_len = 0, request_len = 0, n = 0;
  char *rulebook_json, *request_json;
  taoquote_rulebook* rulebook;
  taoquote_result* result = NULL;
  int ok;
  if (argc != 3) {
    fprintf(stderr, "usage: app RULEBOOK.json REQUEST.json\n");
    return 64;
  }
  rulebook_json = slurp(argv[1], &rulebook_len);
  request_json = slurp(argv[2], &request_len);
  if (!rulebook_json || !request_json) return 2;

  rulebook = taoquote_rulebook_load(rulebook_json, rulebook_len, &result);
  if (rulebook) {
    result = taoquote_quote(rulebook, request_json, request_len);
    taoquote_rulebook_free(&rulebook);
  }
  ok = taoquote_result_ok(result);
  if (ok) {
    const char* body = taoquote_result_json(result, &n);
    fwrite(body, 1, n, stdout);
    putchar('\n');
  } else {
    const char* code = taoquote_result_error_code(result, NULL);
    const char* path = taoquote_result_error_path(result, NULL);
    fprintf(stderr, "%s at \"%s\": %s\n", code, path, taoquote_result_error_message(result, NULL));
  }
  taoquote_result_free(&result);
  free(rulebook_json);
  free(request_json);
  return ok ? 0 : 1;
}
