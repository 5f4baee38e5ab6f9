"""programme_status: 선정/통과/진출/탈락/지원 next to an organisation, one status per listing."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from hankg.extract.relations.base import PROGRAMME, STATUS_CONTEXT, STATUS_WORDS, Context, _eid, _is_gov_or_outlet
from hankg.schema import Fact


class Status(Context):
    def status(self, doc: Doc, ents: list[Span]) -> list[Fact]:
        out = []
        dates = list(doc.spans.get("dates", []))
        sents = self.sents
        for k, sent in enumerate(sents):
            ctx = " ".join(self.text[x.start_char : x.end_char] for x in sents[max(0, k - 6) : k + 1])
            if not STATUS_CONTEXT.search(ctx) and not PROGRAMME.search(ctx):
                continue
            hits = [
                (m.start() + sent.start_char, status)
                for status, pat in STATUS_WORDS
                for m in pat.finditer(self.text[sent.start_char : sent.end_char])
            ]
            if not hits:
                continue
            orgs = [
                e
                for e in ents
                if e.label_ == "ORG" and sent.start_char <= e.start_char < sent.end_char and not _is_gov_or_outlet(e)
            ]
            for group in self._groups(orgs):
                g0, g1 = group[0].start_char, group[-1].end_char
                best = min(hits, key=lambda h: (g0 - h[0]) if h[0] < g0 else (h[0] - g1) + 1)
                dist = (g0 - best[0]) if best[0] < g0 else best[0] - g1
                if dist > 80:
                    continue
                date = self._date_near(dates, sent, best[0])
                for e in group:
                    out.append(
                        self.fact(
                            _eid(e),
                            "programme_status",
                            min(e.start_char, best[0]),
                            max(e.end_char, best[0] + 2),
                            "rule:status-word",
                            role=best[1],
                            date=date,
                        )
                    )
        return out

    def _groups(self, orgs: list[Span]) -> Iterable[list[Span]]:
        """Enumerations (`A와 B, C`, `▲A ▲B`) share one status."""
        text = self.text
        group: list[Span] = []
        for e in orgs:
            if group and re.fullmatch(r"(와|과|및|,|·|ㆍ|\s|▲|△|이나|나|랑)*", text[group[-1].end_char : e.start_char]):
                group.append(e)
                continue
            if group:
                yield group
            group = [e]
        if group:
            yield group

    @staticmethod
    def _date_near(dates: list[Span], sent: Span, pos: int) -> str | None:
        inside = [d for d in dates if sent.start_char <= d.start_char < sent.end_char and any(d._.value or [])]
        if not inside:
            return None
        return next(v for v in min(inside, key=lambda d: abs(d.start_char - pos))._.value if v)
