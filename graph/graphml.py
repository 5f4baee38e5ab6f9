"""GraphML written piece by piece, byte for byte what `networkx.write_graphml_xml` writes.

networkx's pure-Python writer builds the whole document as an ElementTree before it writes
a byte: memory and time grow with the graph, and every run rewrites everything. The store
keeps each node's and edge's XML fragment instead (`fragment`), re-renders only what
changed, and `write_document` streams the fragments in sorted order between a header and a
footer. The output is the same bytes as `write_graphml_xml(build_graph(records))` (tested),
so a file is the same whichever way it was written.

What networkx does, and this copies: one `<key>` per (name, type, scope), numbered `d0, d1,
…` in the order first met (graph, then nodes, then edges, attributes in dict order) and
listed in reverse; `str(value)` as the text; ElementTree's escaping; two-space indentation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

Attrs = dict[str, Any]
KeyMap = dict[tuple[str, str, str], str]  # (name, xml type, scope) -> "d3"

XML_TYPE = {bool: "boolean", int: "long", float: "double", str: "string"}
HEADER = ("<?xml version='1.0' encoding='utf-8'?>\n"
          '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
          'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
          'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')


def xml_type(value: Any) -> str:
    """GraphML's name for the value's type (bool before int: True is an int in Python)."""
    t = type(value)
    if t not in XML_TYPE:
        raise TypeError(f"GraphML does not support type {t} as data values.")
    return XML_TYPE[t]


def signature(attrs: Attrs) -> str:
    """The attribute names and types in order: all the key table needs to know of an element."""
    return "\t".join(f"{k}={xml_type(v)}" for k, v in attrs.items())


def key_map(node_sigs: Iterable[str], edge_sigs: Iterable[str]) -> KeyMap:
    """Key ids from the distinct signatures, each scope's in the order the elements are written."""
    keys: KeyMap = {}
    for scope, sigs in (("node", node_sigs), ("edge", edge_sigs)):
        for sig in sigs:
            for item in sig.split("\t") if sig else ():
                name, typ = item.rsplit("=", 1)
                keys.setdefault((name, typ, scope), f"d{len(keys)}")
    return keys


def _text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(s: str) -> str:
    s = _text(s).replace('"', "&quot;")
    return s.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def fragment(scope: str, attrs: Attrs, keys: KeyMap, node: str = "", source: str = "",
             target: str = "", key: str = "") -> str:
    """One `<node>` or `<edge>` element, indented as inside `<graph>`, newline included."""
    if scope == "node":
        head = f'    <node id="{_attr(node)}"'
    else:
        head = f'    <edge source="{_attr(source)}" target="{_attr(target)}" id="{_attr(key)}"'
    if not attrs:
        return head + " />\n"
    body = "".join(_data(keys[(k, xml_type(v), scope)], str(v)) for k, v in attrs.items())
    return f"{head}>\n{body}    </{scope}>\n"


def _data(kid: str, text: str) -> str:
    """ElementTree writes an element with empty text as `<data key="d0" />`."""
    return f'      <data key="{kid}">{_text(text)}</data>\n' if text else f'      <data key="{kid}" />\n'


def _key_lines(keys: KeyMap) -> Iterator[str]:
    for (name, typ, scope), kid in reversed(list(keys.items())):
        yield f'\n  <key id="{kid}" for="{scope}" attr.name="{_attr(name)}" attr.type="{typ}" />'


def write_document(fh: BinaryIO, keys: KeyMap, fragments: Iterable[str]) -> None:
    """Header, keys, the fragments (nodes then edges, sorted) and the footer, streamed to `fh`."""
    fh.write(HEADER.encode("utf-8"))
    for line in _key_lines(keys):
        fh.write(line.encode("utf-8"))
    first, chunk = True, []
    for frag in fragments:
        if first:
            fh.write(b'\n  <graph edgedefault="directed">\n')
            first = False
        chunk.append(frag)
        if len(chunk) >= 1000:
            fh.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    fh.write("".join(chunk).encode("utf-8"))
    if first:
        fh.write(b'\n  <graph edgedefault="directed" />\n</graphml>\n')
    else:
        fh.write(b"  </graph>\n</graphml>\n")
