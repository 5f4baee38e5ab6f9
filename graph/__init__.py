"""The programme graph: records in, one merged networkx graph out, and the questions asked of it.

>>> from hankg.graph import OutputStore, build_graph, KnowledgeGraph
"""

from .build import article_node, build_graph
from .export import FORMATS, export, node_link, to_csv, to_graphml, to_json
from .query import (
    ArticleInfo,
    EntityInfo,
    Event,
    FactView,
    KnowledgeGraph,
    Model,
    NoPath,
    Organization,
    Person,
    Role,
    SizeClaim,
    Source,
    Step,
    UnknownEntity,
    format_params,
)
from .report import render_report, write_report
from .resolve import norm, resolve
from .store import OutputStore, StoreError, StoreSummary, read_article, read_records, write_records
from .stored import StoredAnswer

__all__ = [
    "FORMATS", "ArticleInfo", "EntityInfo", "Event", "FactView", "KnowledgeGraph", "Model",
    "NoPath", "Organization", "OutputStore", "Person", "Role", "SizeClaim", "Source", "Step",
    "StoreError", "StoreSummary", "StoredAnswer", "UnknownEntity", "article_node", "build_graph", "export",
    "format_params",
    "node_link", "norm", "read_article", "read_records", "render_report", "resolve", "to_csv", "to_graphml",
    "to_json", "write_records", "write_report",
]
