"""``kartoteka serve``: the reading room web app over one archive, on this machine."""

from __future__ import annotations

import socket
import sys

import click

from kartoteka.errors import ConfigError, Location


@click.command()
@click.option("--archive", "archive", required=True, type=click.Path(dir_okay=False),
              help="The archive file (built by `kartoteka ingest`).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--secret", envvar="KARTOTEKA_SECRET", default=None,
              help="Key that signs session cookies (default: a fresh one, so sign-ins end with the server).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests for this host name (repeatable): the name readers type, "
                   "when it is not this machine's loopback or the --host address.")
def serve(archive: str, host: str, port: int, secret: str | None, allow_hosts: tuple[str, ...]) -> None:
    """Serve the reading room: search, documents, entities, timeline, map, network.

    Read-only for everyone; corrections need a user made with `kartoteka user add`. Only requests
    for localhost, the --host address and each --allow-host are answered.
    """
    import uvicorn

    from kartoteka.web import create_app

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"kartoteka: serving on {host}: anyone who can reach it can read the archive", err=True)
    bound = () if host in ("0.0.0.0", "::", "") else (host,)  # a wildcard address names no host
    if not bound and not allow_hosts:
        click.echo("kartoteka: only requests for localhost are answered; name the others with --allow-host",
                   err=True)
    app = create_app(archive, secret=secret, hosts=(*bound, *allow_hosts))
    # a costly search on a worker thread gives the interpreter up every millisecond, not every
    # five: a reader's small request waits for it that much less at each hand-over
    sys.setswitchinterval(0.001)
    try:  # a taken port is said in one line here, not as a server's log
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise ConfigError(f"cannot listen: {exc.strerror or exc}", location=Location(f"{host}:{port}"),
                          expected="a free port (--port N) on an address of this machine") from None
    click.echo(f"kartoteka: reading room on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
