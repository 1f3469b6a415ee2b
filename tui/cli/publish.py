"""``chronology export --format sqlite -o public.db``: a read-only copy of the store to publish with Datasette
or to read from read-only media, with its Datasette metadata beside it (``public.metadata.json``).

The copy is one file in rollback-journal mode (no ``-wal`` or ``-shm`` beside it), VACUUMed, read-only, and a
whole chronology store (``chronology --db public.db`` browses and searches it). Both files are replaced in one
step each, and never over the store.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import N_
from .context import CliError, Context, check_output, write_atomically


def metadata_path(path: Path) -> Path:
    """``public.db`` → ``public.metadata.json`` beside it."""
    return path.with_name(f"{path.stem}.metadata.json")


def export_sqlite(args: argparse.Namespace, ctx: Context) -> int:
    from ..present.exports.datasette import dumps_metadata  # the labels load Babel: not at start-up

    _ = ctx._
    if not args.output:
        raise CliError(N_("the sqlite format writes a file: give -o FILE (e.g. -o public.db)"), code=2)
    path = Path(args.output)
    store_path = ctx.db_path
    meta = metadata_path(path)
    check_output(path, store_path)
    check_output(meta, store_path)
    with ctx.open_store() as store:
        store.write_copy(path)
    write_atomically(meta, dumps_metadata(path.stem, ctx.lang).encode("utf-8"), store_path=store_path)
    ctx.print(
        _("Wrote {path} (read-only, one file) and its Datasette metadata {metadata}.").format(path=path, metadata=meta)
    )
    ctx.print(_("Browse it: datasette {path} -m {metadata}").format(path=path, metadata=meta))
    return 0
