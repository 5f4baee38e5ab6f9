"""The programme graph: records in, one merged networkx graph out, and the questions asked of it."""

from hankg.graph.build import build_graph
from hankg.graph.resolve import norm
from hankg.graph.store import OutputStore, StoreSummary, read_records

__all__ = ["OutputStore", "StoreSummary", "build_graph", "norm", "read_records"]
