"""HTML: one self-contained web page showing the chronology as a Knight Lab TimelineJS timeline.

The page embeds the TimelineJS JSON (:mod:`.timelinejs`) and loads TimelineJS itself from its documented CDN
(:data:`TIMELINE_JS`, :data:`TIMELINE_CSS`, all under :data:`CDN`), with its ``language`` option set to the
export's language, so its own words (buttons, "loading") are Ukrainian or English too. Open it in a browser
or put it on any web server; the reader's browser needs the internet for TimelineJS.
"""

from __future__ import annotations

import html
import json
from collections.abc import Collection

from chronology.db.store import Store

from ...i18n import translator
from .timelinejs import timeline

CDN = "https://cdn.knightlab.com/libs/timeline3/latest"
TIMELINE_CSS = f"{CDN}/css/timeline.css"
TIMELINE_JS = f"{CDN}/js/timeline.js"
SCRIPT_PATH = f"{CDN}/js/"  # where TimelineJS loads its language files from (js/locale/uk.json)

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link title="timeline-styles" rel="stylesheet" href="{css}">
<script src="{js}"></script>
<style>html, body {{ height: 100%; margin: 0; }} #timeline-embed {{ width: 100%; height: 100%; }}</style>
</head>
<body>
<div id="timeline-embed"></div>
<script type="application/json" id="timeline-data">{data}</script>
<script>
var data = JSON.parse(document.getElementById("timeline-data").textContent);
window.timeline = new TL.Timeline("timeline-embed", data, {options});
window.addEventListener("resize", function () {{ window.timeline.updateDisplay(); }});
</script>
</body>
</html>
"""


def script_json(value: object) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` appear raw (they only occur inside JSON
    strings, where ``\\u003c`` … mean the same), so no text can close the element."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def export_html(store: Store, lang: str = "uk", event_ids: Collection[str] | None = None) -> str:
    """The chronology (or only ``event_ids``) as one web page with its TimelineJS timeline, in ``lang``."""
    _ = translator(lang)
    return PAGE.format(
        lang=lang,
        title=html.escape(_("Chronology of US–Russia talks on the war in Ukraine")),
        css=TIMELINE_CSS,
        js=TIMELINE_JS,
        data=script_json(timeline(store, lang, event_ids)),
        options=script_json({"language": lang, "script_path": SCRIPT_PATH, "hash_bookmark": True}),
    )
