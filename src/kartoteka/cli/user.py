"""``kartoteka user``: the reading room's sign-in users (needed only for corrections)."""

from __future__ import annotations

import click

from kartoteka.store.users import Users

ARCHIVE = click.option("--archive", "archive", required=True, type=click.Path(dir_okay=False),
                       help="The archive file whose reading room the user signs in to.")


@click.group()
def user() -> None:
    """Manage reading-room users: reading needs none, corrections need one."""


@user.command("add")
@click.argument("name")
@ARCHIVE
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="The password (asked for when not given; 8 or more characters).")
@click.option("--display", default=None,
              help="The name others see beside NAME's corrections (default: a random 'user-…'; "
                   "the login NAME is never shown).")
def add(name: str, archive: str, password: str, display: str | None) -> None:
    """Create user NAME (or set a new password, which signs NAME out everywhere). Passwords are kept
    as scrypt hashes."""
    Users(archive).add(name, password, display)
    click.echo(f"user {name} can sign in to {archive}", err=True)


@user.command("display")
@click.argument("name")
@click.argument("display")
@ARCHIVE
def display(name: str, display: str, archive: str) -> None:
    """Set the name others see beside NAME's corrections."""
    Users(archive).set_display(name, display)
    click.echo(f"user {name} is shown as {display!r}", err=True)


@user.command("token")
@click.argument("name")
@ARCHIVE
def token(name: str, archive: str) -> None:
    """Print a new API token for NAME (replacing the old one): `Authorization: Bearer TOKEN`."""
    click.echo(Users(archive).new_token(name))


@user.command("list")
@ARCHIVE
def list_(archive: str) -> None:
    """The users of an archive's reading room."""
    for name in Users(archive).names():
        click.echo(name)


@user.command("remove")
@click.argument("name")
@ARCHIVE
def remove(name: str, archive: str) -> None:
    """Remove user NAME (their sessions and API token end at once)."""
    if not Users(archive).remove(name):
        raise click.ClickException(f"no user {name}")
    click.echo(f"user {name} removed", err=True)
