"""`orgwork serve`: the web page over a folder's instances and scenario files."""

from __future__ import annotations

import errno
from pathlib import Path

import click

from solver.errors import InputError

DEFAULT_PORT = 8417


@click.command("serve")
@click.argument("folder", required=False, default=".", type=click.Path(path_type=Path, file_okay=False))
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True, help="Port on 127.0.0.1 (0: any free port).")
def serve_command(folder: Path, port: int) -> None:
    """Serve a page on 127.0.0.1 to solve, drag, re-plan, compare and export the instances and
    scenario files of FOLDER (default: the current folder); Ctrl-C stops it.

    Example: orgwork serve instances --port 8417
    """
    from web.app import create_app, make_server

    if not folder.is_dir():
        raise click.ClickException(f"{folder}: is not a folder; give the folder that holds the instance files")
    try:
        server = make_server(create_app(folder), port)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise click.ClickException(f"port {port} is in use on 127.0.0.1; choose another with --port (0: any free port)") from None
        raise click.ClickException(f"cannot listen on 127.0.0.1:{port} ({error.strerror})") from None
    except InputError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"orgwork serves {folder.resolve()} at http://127.0.0.1:{server.server_port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)
    finally:
        server.server_close()
