"""The FFI path: Python's ctypes drives libtaoquote.so; every golden vector must match.

Usage: python3 test_ctypes.py PATH/TO/libtaoquote.so [unittest options]
"""
import ctypes
import json
import pathlib
import sys
import threading
import unittest

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "vectors"
LIBRARY = None  # set from argv in __main__


class Taoquote:
    """A minimal binding, as a Python, Java or Go service would write one."""

    def __init__(self, path):
        lib = ctypes.CDLL(str(path))
        size_p = ctypes.POINTER(ctypes.c_size_t)
        handle_p = ctypes.POINTER(ctypes.c_void_p)
        lib.taoquote_version.restype = ctypes.c_char_p
        lib.taoquote_version.argtypes = []
        lib.taoquote_version_number.restype = ctypes.c_ulong
        lib.taoquote_version_number.argtypes = []
        lib.taoquote_rulebook_load.restype = ctypes.c_void_p
        lib.taoquote_rulebook_load.argtypes = [ctypes.c_char_p, ctypes.c_size_t, handle_p]
        lib.taoquote_rulebook_free.restype = None
        lib.taoquote_rulebook_free.argtypes = [handle_p]
        lib.taoquote_quote.restype = ctypes.c_void_p
        lib.taoquote_quote.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
        lib.taoquote_result_ok.restype = ctypes.c_int
        lib.taoquote_result_ok.argtypes = [ctypes.c_void_p]
        lib.taoquote_result_free.restype = None
        lib.taoquote_result_free.argtypes = [handle_p]
        for name in ("rulebook_id", "rulebook_digest", "result_json", "result_error_code",
                     "result_error_doc", "result_error_path", "result_error_message"):
            fn = getattr(lib, "taoquote_" + name)
            fn.restype = ctypes.c_void_p  # not c_char_p: the length is authoritative
            fn.argtypes = [ctypes.c_void_p, size_p]
        self.lib = lib

    def text(self, name, handle):
        """A string accessor's bytes, copied out of the library before the handle is freed."""
        n = ctypes.c_size_t()
        ptr = getattr(self.lib, "taoquote_" + name)(handle, ctypes.byref(n))
        return ctypes.string_at(ptr, n.value)

    def load(self, data):
        """(handle, None) on success, else (None, error dict)."""
        error = ctypes.c_void_p()
        handle = self.lib.taoquote_rulebook_load(data, len(data), ctypes.byref(error))
        if handle:
            return handle, None
        try:
            return None, self.error(error)
        finally:
            self.lib.taoquote_result_free(ctypes.byref(error))

    def error(self, result):
        return {field: self.text("result_error_" + field, result).decode()
                for field in ("code", "doc", "path", "message")}

    def quote(self, rulebook, request):
        """(ok, body bytes, error dict or None) for a request given as bytes."""
        result = ctypes.c_void_p(self.lib.taoquote_quote(rulebook, request, len(request)))
        try:
            ok = self.lib.taoquote_result_ok(result) == 1
            return ok, self.text("result_json", result), None if ok else self.error(result)
        finally:
            self.lib.taoquote_result_free(ctypes.byref(result))
            assert result.value is None  # the free cleared our variable

    def free_rulebook(self, handle):
        h = ctypes.c_void_p(handle)
        self.lib.taoquote_rulebook_free(ctypes.byref(h))


def read_case(name):
    case = json.loads((VECTORS / "cases" / name).read_text(encoding="utf-8"))
    expected = (VECTORS / "expected" / name).read_bytes().rstrip(b"\r\n")
    return case["rulebook"], json.dumps(case["request"]).encode(), expected


class CtypesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tq = Taoquote(LIBRARY)
        cls.rulebooks = {}
        for path in sorted((VECTORS / "rulebooks").glob("*.json")):
            handle, error = cls.tq.load(path.read_bytes())
            assert handle, error
            cls.rulebooks[path.stem] = handle

    @classmethod
    def tearDownClass(cls):
        for handle in cls.rulebooks.values():
            cls.tq.free_rulebook(handle)

    def test_version(self):
        version = self.tq.lib.taoquote_version().decode()
        major, minor, patch = (int(part) for part in version.split("."))
        self.assertEqual(self.tq.lib.taoquote_version_number(),
                         major * 10000 + minor * 100 + patch)

    def test_every_golden_vector_byte_for_byte(self):
        names = sorted(p.name for p in (VECTORS / "cases").glob("*.json"))
        self.assertGreaterEqual(len(names), 100)
        for name in names:
            with self.subTest(case=name):
                rulebook, request, expected = read_case(name)
                ok, body, error = self.tq.quote(self.rulebooks[rulebook], request)
                self.assertEqual(body, expected)
                want = json.loads(expected)
                self.assertEqual(ok, "error" not in want)
                if not ok:  # the separate fields agree with the error body
                    self.assertEqual(error, {k: want["error"][k]
                                             for k in ("code", "doc", "path", "message")})

    def test_error_code_and_pointer(self):
        rulebook, request, _ = read_case("035-below-moq.json")
        ok, body, error = self.tq.quote(self.rulebooks[rulebook], request)
        self.assertFalse(ok)
        self.assertEqual((error["code"], error["doc"], error["path"]),
                         ("BELOW_MOQ", "request", "/items/1/quantity"))
        self.assertTrue(body.startswith(b'{"error":{"code":"BELOW_MOQ"'))

    def test_rulebook_error(self):
        handle, error = self.tq.load(b'{"schema":"taoquote.rulebook/9"}')
        self.assertIsNone(handle)
        self.assertEqual((error["code"], error["doc"], error["path"]),
                         ("UNSUPPORTED_SCHEMA", "rulebook", "/schema"))

    def test_null_rulebook_is_an_error_not_a_crash(self):
        ok, _, error = self.tq.quote(None, b"{}")
        self.assertFalse(ok)
        self.assertEqual((error["code"], error["doc"]), ("INVALID_ARGUMENT", "rulebook"))

    def test_rulebook_identity(self):
        handle = self.rulebooks["fixture-a"]
        self.assertEqual(self.tq.text("rulebook_id", handle), b"fixture-a")
        _, _, expected = read_case("001-basic-de.json")
        digest = json.loads(expected)["rulebook"]["digest"].encode()
        self.assertEqual(self.tq.text("rulebook_digest", handle), digest)

    def test_threads_share_one_handle(self):
        # ctypes releases the GIL during the call, so these quotes really run in parallel.
        rulebook, request, expected = read_case("001-basic-de.json")
        results = []

        def work():
            results.extend(self.tq.quote(self.rulebooks[rulebook], request)[1] for _ in range(5))

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(results, [expected] * 20)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_ctypes.py LIBRARY [unittest options]")
    LIBRARY = sys.argv.pop(1)
    unittest.main()
