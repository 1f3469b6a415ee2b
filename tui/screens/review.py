"""The review screen (issue #12): a drafted article beside its proposed records, decided on by keyboard.

Left, the article with what the drafting engine found highlighted by kind (a legend below says which is
which); right, the proposed records — the source, events, updates of stored events with their disagreements,
quotes, new people. Moving between records scrolls the article to the record's passage. Every decision and
edit lives in a :class:`~chronology.tui.logic.review.ReviewSession`; nothing is written before "save", which
writes the accepted records in one transaction (a refusal shows its problems and writes nothing). The
screen is dismissed with the ids of the events written (None: closed without saving).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from chronology.db.store import Store
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import OptionList, Static

from ..i18n import translator
from ..logic.review import Decision, Kind, ReviewSession, SaveResult, nearby_events, stored_event
from ..logic.review_fields import speaker_names
from ..logic.search import events_matching
from ..present.formatting import format_edtf
from ..present.labels import event_title
from ..present.review_text import MARKS, decision_label, describe, event_label
from ..widgets.article import SPAN_KINDS, ArticleView
from ..widgets.footer import AppFooter
from ..widgets.localize import localize_bindings
from ..widgets.records import RecordList
from .review_modals import ConfirmCloseScreen, EditScreen, PickScreen, ProblemsScreen

NARROW = 72  # below this many columns the panes take turns (Tab)
COMPACT = 100  # below this many columns the footer and the counts take less room
LEGEND = {"date": "date", "place": "place", "duration": "duration", "person": "person", "quote": "quote"}  # msgids


class ReviewScreen(Screen[list[str] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "a,ф",
            "decide('accepted')",
            "Accept",
            id="review.accept",
            tooltip="Accept the record: it is written when you save",
        ),
        Binding(
            "x,ч", "decide('rejected')", "Reject", id="review.reject", tooltip="Reject the record: it is not written"
        ),
        Binding(
            "A,Ф",
            "accept_all",
            "Accept the rest",
            show=False,
            id="review.accept_all",
            tooltip="Accept every record not decided yet",
        ),
        Binding(
            "e,у", "edit", "Edit", id="review.edit", tooltip="Edit the record's fields (date, place, status, speaker…)"
        ),
        Binding(
            "p,з",
            "repoint",
            "Other event",
            show=False,
            id="review.repoint",
            tooltip="Point the quote to another event (of the article or the store)",
        ),
        Binding("s,і", "speaker", "Speaker", show=False, id="review.speaker", tooltip="Give the quote another speaker"),
        Binding(
            "m,ь",
            "merge",
            "Merge",
            id="review.merge",
            tooltip="Merge the proposed event into one already in the store (found by search)",
        ),
        Binding(
            "ctrl+s,w,ц",
            "save",
            "Save",
            key_display="^s",
            id="review.save",
            tooltip="Write the accepted records to the store, in one transaction",
        ),
        Binding(
            "tab,shift+tab",
            "switch_pane",
            "Switch pane",
            key_display="Tab",
            show=False,
            id="review.switch_pane",
            tooltip="Move between the records and the article",
        ),
        Binding(
            "escape,q,й",
            "close",
            "Close",
            key_display="Esc",
            id="review.close",
            tooltip="Close the review (asks first if decisions are not saved)",
        ),
    ]

    def __init__(self, session: ReviewSession, store: Store, lang: str) -> None:
        super().__init__(id="review")
        self.session = session
        self.store = store
        self.lang = lang
        self.saving = False
        self._after_leaving: Callable[[], object] | None = None  # what closing the review leads to (quitting)

    def _(self, message: str) -> str:
        return translator(self.lang)(message)

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        with Horizontal(id="review-panes"):
            yield ArticleView(id="article")
            yield RecordList(id="records")
        yield Static(id="review-legend")
        yield AppFooter(id="review-footer")

    @property
    def article(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def records(self) -> RecordList:
        return self.query_one("#records", RecordList)

    @property
    def index(self) -> int:
        return self.records.highlighted or 0

    def on_mount(self) -> None:
        self.article.set_article(self.session.text, self.session.spans)
        self.set_lang(self.lang)
        first = next((i for i, r in enumerate(self.session.records) if r.kind != Kind.SOURCE), 0)
        self.records.highlighted = first
        self.records.focus()

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        for node in (self, self.records, self.article):
            localize_bindings(node, lang)
        self.records.show(self.session, lang)
        self._update_legend()
        self.refresh_bindings()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#review-panes").set_class(event.size.width < NARROW, "-narrow")
        self.query_one(AppFooter).compact = event.size.width < COMPACT
        self._update_legend()
        self.call_after_refresh(self.records.scroll_to_highlight)

    def _update_legend(self) -> None:
        _ = self._
        legend = Text()
        for kind in SPAN_KINDS[1:] + SPAN_KINDS[:1]:
            legend.append(_(LEGEND[kind]), style=self.article.get_component_rich_style(f"article--{kind}"))
            legend.append(" ")
        counts = self.session.counts()
        legend.append(" │ ", style="dim")
        if self.size.width >= COMPACT:
            parts = [f"{MARKS[d.value]} {decision_label(d.value, self.lang)}: {counts[d]}" for d in Decision]
        else:  # the marks the records carry, without their words
            parts = [f"{MARKS[d.value]} {counts[d]}" for d in Decision]
        legend.append("  ".join(parts))
        self.query_one("#review-legend", Static).update(legend)

    # ------------------------------------------------------------------ moving between records
    @on(OptionList.OptionHighlighted, "#records")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        record = self.session[event.option_index]
        self.article.select(record.spans)
        if record.kind == Kind.SOURCE:
            self.article.scroll_home(animate=False, immediate=True)  # the article itself: from its start
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#records")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_edit()

    def action_switch_pane(self) -> None:
        panes = self.query_one("#review-panes")
        to_article = self.focused is not self.article
        panes.set_class(to_article, "-article")
        (self.article if to_article else self.records).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted or not len(self.session):
            return True
        if self.saving and action in ("save", "decide", "accept_all", "edit", "merge", "repoint", "speaker"):
            return None  # shown, but not while the records are being written
        kind = self.session[self.index].kind
        if action in ("repoint", "speaker"):
            return True if kind == Kind.QUOTE else None
        if action == "merge":
            return True if kind == Kind.EVENT else None
        if action == "decide":
            return True if kind != Kind.SOURCE else None
        return True

    def _changed(self, index: int | None = None) -> None:
        """Redraw after a decision or an edit (one record, or every record: a merge moves quotes)."""
        if index is None:
            self.records.show(self.session, self.lang)
        else:
            self.records.redraw(self.session, index, self.lang)
        self._update_legend()
        self.article.select(self.session[self.index].spans)
        self.refresh_bindings()

    # ------------------------------------------------------------------ decisions and edits
    def action_decide(self, decision: str) -> None:
        index = self.index
        if not self.session.decide(index, Decision(decision)):
            self.app.bell()
            return
        self._changed(index)
        if index + 1 < len(self.session):
            self.records.highlighted = index + 1  # on to the next record

    def action_accept_all(self) -> None:
        count = self.session.accept_all_pending()
        self._changed()
        self.notify(self._("Accepted: {n}").format(n=count), timeout=2)

    def action_edit(self) -> None:
        index = self.index
        heading = describe(self.session, index, self.lang).heading
        title = self._("Edit: {what}").format(what=heading)

        def edited(changed: bool | None) -> None:
            if changed:
                self._changed(None if self.session[index].is_event else index)

        self.app.push_screen(EditScreen(self.session, index, title, self.lang), edited)

    def action_repoint(self) -> None:
        index = self.index
        record = self.session[index]
        if record.kind != Kind.QUOTE:
            self.app.bell()
            return
        date = self.session.event_record(record.data["event_id"])
        near = date.data["date"] if date else self.session.source["published"]

        def choices(query: str) -> list[tuple[str, str]]:
            proposed = [
                (r.id, event_label(r, self.lang)) for r in self.session.events() if r.decision != Decision.REJECTED
            ]
            words = query.casefold().split()
            proposed = [(i, label) for i, label in proposed if all(w in label.casefold() for w in words)]
            return proposed + self._store_events(query, near)

        def picked(event_id: str | None) -> None:
            if event_id:
                self.session.repoint_quote(index, event_id)
                self._changed()

        title = self._("The event this quote belongs to")
        self.app.push_screen(
            PickScreen(title, choices, self.lang, placeholder=self._("Type words to find an event…")), picked
        )

    def action_speaker(self) -> None:
        index = self.index
        if self.session[index].kind != Kind.QUOTE:
            self.app.bell()
            return
        people = [("-", self._("unknown speaker")), *speaker_names(self.session)]

        def choices(query: str) -> list[tuple[str, str]]:
            words = query.casefold().split()
            return [(i, name) for i, name in people if all(w in name.casefold() for w in words)]

        def picked(actor_id: str | None) -> None:
            if actor_id:
                self.session.set_speaker(index, None if actor_id == "-" else actor_id)
                self._changed(index)

        self.app.push_screen(
            PickScreen(self._("Who said it"), choices, self.lang, placeholder=self._("Type a name…")), picked
        )

    def action_merge(self) -> None:
        index = self.index
        record = self.session[index]
        if record.kind != Kind.EVENT:
            self.app.bell()
            return

        def choices(query: str) -> list[tuple[str, str]]:
            return self._store_events(query, record.data["date"])

        def picked(event_id: str | None) -> None:
            if not event_id:
                return
            stored = stored_event(self.store, event_id)
            if stored is None:
                self.app.bell()
                return
            target = self.session.merge(index, stored)
            self._changed()
            self.records.highlighted = self.session.records.index(target)
            self.notify(self._("Merged into «{title}»").format(title=stored["title"]), timeout=3)

        title = self._("Merge into a stored event: {what}").format(what=record.data["title"])
        self.app.push_screen(
            PickScreen(title, choices, self.lang, placeholder=self._("Type words to find an event…")), picked
        )

    def _store_events(self, query: str, near: str) -> list[tuple[str, str]]:
        """Stored events for a pick list: those the query finds, or (nothing typed) those nearest in time.
        Runs in the pick list's worker thread."""
        if query.strip():
            main = getattr(self.app, "main", None)
            search_store = main.readers.get("search") if main is not None else self.store
            try:
                rows = [row for row, _snippet in events_matching(search_store, self.store, query, 40)]
            except Exception:  # a query the search cannot read: nothing found
                rows = []
        else:
            rows = nearby_events(self.store, near)
        return [(r.id, f"{format_edtf(r.date, self.lang)} — {event_title(r, self.lang)}") for r in rows]

    # ------------------------------------------------------------------ saving and closing
    def action_save(self) -> None:
        if self.saving:
            return
        self.saving = True
        self.refresh_bindings()
        self._save()

    @work(thread=True, exclusive=True, group="review-save", exit_on_error=False)
    def _save(self) -> None:
        result = self.session.save(self.store, self.lang)
        self.app.call_from_thread(self._saved, result)

    def _saved(self, result: SaveResult) -> None:
        self.saving = False
        self.refresh_bindings()
        if not result.saved:
            self._after_leaving = None  # nothing was written: stay, whatever was to follow
            self.app.push_screen(ProblemsScreen(result.problems, self.lang))
            return
        self._leave(result.event_ids)

    def action_close(self) -> None:
        if not self.session.dirty:
            self.dismiss(None)
        else:
            self.ask_before_leaving()

    def ask_before_leaving(self, then: Callable[[], object] | None = None) -> None:
        """Decisions not saved: save them, drop them or go on reviewing; ``then`` runs once the review is
        left (saved or dropped) — the app's quit."""
        self._after_leaving = then

        def chosen(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
            elif choice == "discard":
                self._leave(None)

        self.app.push_screen(ConfirmCloseScreen(self.lang), chosen)

    def _leave(self, event_ids: list[str] | None) -> None:
        then, self._after_leaving = self._after_leaving, None
        self.dismiss(event_ids)
        if then is not None:
            then()
