"""Shared helpers for the gazetteer generators (scripts/gazetteer/*.py).

Reads Debian data only: iso-codes (JSON + gettext catalogues) and libgeonames0 (the
GeoNames cities compiled into the library, read through ctypes) with its gettext catalogue.
"""
import ctypes
import gettext
import json
import os
import unicodedata

HEADER = "#geokg-gazetteer\t1"
TYPES = {"STATE", "PLACE", "ORG", "IGO", "ARMED_GROUP", "GROUP", "PERSON"}
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GAZ_DIR = os.path.join(ROOT, "data", "gazetteer")
HERE = os.path.dirname(os.path.abspath(__file__))

ISO_JSON = "/usr/share/iso-codes/json"
LOCALE_FR = "/usr/share/locale/fr/LC_MESSAGES"


def fold(s):
    """Approximates the extractor's folding (src/common/text.cc): lower case, no diacritics,
    typographic apostrophes as ASCII, ligatures spelled out, runs of spaces collapsed."""
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    s = s.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae").replace("ß", "ss")
    s = s.replace("\u2010", "-").replace("\u2011", "-")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")
    return " ".join(s.lower().split())


def catalog(domain):
    """The French gettext catalogue of a Debian domain as a dict (msgid -> msgstr)."""
    path = os.path.join(LOCALE_FR, domain + ".mo")
    with open(path, "rb") as f:
        return dict(gettext.GNUTranslations(f)._catalog)


def iso_json(name):
    with open(os.path.join(ISO_JSON, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def uniq(seq):
    seen, out = set(), []
    for x in seq:
        x = x.strip()
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def clean_field(values):
    """Joins values for one |-separated column: no tabs or separators inside a value."""
    out = []
    for v in uniq(values):
        if "\t" in v or "|" in v:
            raise ValueError("bad character in %r" % v)
        out.append(v)
    return "|".join(out)


def write_tsv(path, rows, comments):
    """rows: lists of 8 strings. Written sorted by key, header first."""
    rows = sorted(rows, key=lambda r: r[0])
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER + "\n")
        for c in comments:
            f.write("# " + c + "\n" if c else "#\n")
        f.write("# key\ttype\tcountry\tname\taliases\tdemonyms\tmetonyms\troles\n")
        for r in rows:
            assert len(r) == 8, r
            for col in r:
                assert "\t" not in col and "\n" not in col, r
            f.write("\t".join(r) + "\n")


def read_tsv(path):
    """Data lines of a gazetteer file as lists of 8 columns (no validation)."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            line = line.rstrip("\n").rstrip("\r")
            if i == 0 or not line or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


def read_kv(path):
    """A supplement file: lines 'KEY<TAB>FIELD<TAB>VALUE', '#' comments. -> list of triples."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise SystemExit("%s:%d: expected 3 tab-separated columns" % (path, n))
            out.append(tuple(p.strip() for p in parts))
    return out


class GeoNames:
    """The cities compiled into Debian's libgeonames0 (GeoNames cities with their admin-1
    division, country code and population). Each city: dict(id, name, admin1_code,
    admin1, cc, country, tz, pop, lat, lon)."""

    def __init__(self):
        lib = ctypes.CDLL("libgeonames.so.0")
        glib = ctypes.CDLL("libglib-2.0.so.0")
        lib.geonames_get_n_cities.restype = ctypes.c_int
        lib.geonames_get_city.restype = ctypes.c_void_p
        lib.geonames_get_city.argtypes = [ctypes.c_int]
        lib.geonames_city_free.argtypes = [ctypes.c_void_p]
        glib.g_variant_get_child_value.restype = ctypes.c_void_p
        glib.g_variant_get_child_value.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
        glib.g_variant_get_string.restype = ctypes.c_char_p
        glib.g_variant_get_string.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        glib.g_variant_get_uint32.restype = ctypes.c_uint32
        glib.g_variant_get_uint32.argtypes = [ctypes.c_void_p]
        glib.g_variant_get_double.restype = ctypes.c_double
        glib.g_variant_get_double.argtypes = [ctypes.c_void_p]
        glib.g_variant_unref.argtypes = [ctypes.c_void_p]
        glib.g_variant_get_type_string.restype = ctypes.c_char_p
        glib.g_variant_get_type_string.argtypes = [ctypes.c_void_p]
        self.cities = []
        for i in range(lib.geonames_get_n_cities()):
            v = lib.geonames_get_city(i)
            if glib.g_variant_get_type_string(v) != b"(sssssssudd)":
                raise SystemExit("libgeonames: unexpected city record type")
            vals = []
            for k in range(10):
                c = glib.g_variant_get_child_value(v, k)
                if k == 7:
                    vals.append(glib.g_variant_get_uint32(c))
                elif k >= 8:
                    vals.append(glib.g_variant_get_double(c))
                else:
                    vals.append(glib.g_variant_get_string(c, None).decode("utf-8"))
                glib.g_variant_unref(c)
            lib.geonames_city_free(v)
            keys = ["id", "name", "admin1_code", "admin1", "cc", "country", "tz", "pop", "lat", "lon"]
            self.cities.append(dict(zip(keys, vals)))
