"""The Pages branch: the git work shared by publish, correct and withdraw.

Every command works in a temporary repository that fetches the branch from the remote
(``prepare_workspace``), changes it with mike's Python API or git, and pushes it back (``push``),
so the project's own repository is never changed and nothing reaches the remote until the
whole change is made.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

from generator.analysis.disclosure import protect
from generator.input.check import load_site
from generator.model.site import Site
from generator.problems import DataError, Problem

LATEST = "latest"
#: Used for the deploy commits when git has no user configured (as on a CI runner).
COMMITTER = ("perfsite publish", "perfsite@localhost")


def problem(message: str, fix: str, code: str = "publish") -> DataError:
    """Return a publishing problem to raise: what happened, what to do, and its code."""
    return DataError([Problem("publish", None, "", message, fix, code)])


#: A user name and password (or token) in a remote's address, never to be echoed.
_CREDENTIALS = re.compile(r"(?<=://)[^/@\s]+@")


def git_reason(stderr: str) -> str:
    """Return git's own reason for a failure in one line, without any credentials.

    git ends a refused push with hints; the reason is its ``!`` line (``! [rejected] ...
    (fetch first)``), or else its first ``fatal:`` or ``error:`` line (later ones repeat it
    in general terms).
    """
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    chosen = ([line for line in lines if line.startswith("!")]
              or [line for line in lines if line.startswith(("fatal:", "error:"))]
              or lines[-1:] or ["no reason given"])
    return _CREDENTIALS.sub("", chosen[0])


def git(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run git in the current folder; a failure (when ``check``) is a publishing problem."""
    result = subprocess.run(["git", *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise problem(f"git {args[0]} failed: {git_reason(result.stderr)}",
                      "Check that the remote exists and that you may push to it.")
    return result


def prepare_workspace(remote: str, branch: str) -> None:
    """Make the current folder a git repository holding ``branch`` as the remote has it."""
    git("init", "--quiet")
    for key, value in zip(("user.name", "user.email"), COMMITTER, strict=True):
        if git("config", key, check=False).returncode != 0:
            git("config", key, value)
    heads = git("ls-remote", "--heads", remote, branch).stdout
    if heads.strip():
        git("fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/heads/{branch}")


def deployed_versions(branch: str) -> list[str]:
    """Return the release ids deployed in ``branch`` of the current repository."""
    from mike import commands

    return [str(info.version) for info in commands.list_versions(branch)]


def read_deployed_data(branch: str, version: str, into: Path) -> list[Path]:
    """Unpack the package downloads of a deployed release into ``into``; return the folders."""
    listing = git("ls-tree", "--name-only", f"{branch}:{version}/downloads", check=False)
    names = sorted(n for n in listing.stdout.split() if n.endswith(".zip"))
    for name in names:
        data = subprocess.run(["git", "show", f"{branch}:{version}/downloads/{name}"],
                              capture_output=True, check=True).stdout
        zipfile.ZipFile(io.BytesIO(data)).extractall(into)
    return sorted(p for p in into.iterdir() if (p / "datapackage.json").is_file())


#: An indicator page, or a redirect in its place, in a release's folder: ``<area>/<id>/``.
_INDICATOR_ADDRESS = re.compile(r"^([a-z0-9-]+/[a-z0-9-]+/)index\.html$")


def published_addresses(branch: str, version: str) -> frozenset[str]:
    """Return the two-level page addresses (``<area>/<id>/``) a deployed release holds.

    The next release makes a redirect at each one whose indicator has moved to another service
    area, so that links to the old address keep working (``pages/kinds/redirects.py``).
    """
    listing = git("ls-tree", "-r", "--name-only", f"{branch}:{version}", check=False).stdout
    return frozenset(match.group(1) for line in listing.splitlines()
                     if (match := _INDICATOR_ADDRESS.match(line)))


def load_previous(folders: list[Path], where: str, threshold: int) -> Site:
    """Load the previous release's data, disclosure-controlled like the current release.

    Published downloads are already protected, but ``--previous`` may name any folder, and the
    what-changed page must never show an old value the current rules would hide.
    """
    try:
        return protect(load_site(folders), threshold)
    except DataError as error:
        first = error.problems[0].message
        raise problem(f"the data published in {where} could not be read back "
                      f"({len(error.problems)} problem(s), first: {first})",
                      "Pass --previous with a folder of that release's unzipped downloads.",
                      ) from None


def package_folders(folder: Path) -> list[Path]:
    """Return the data package folders in ``folder`` (or ``folder`` itself if it is one)."""
    if (folder / "datapackage.json").is_file():
        return [folder]
    return sorted(p for p in folder.iterdir() if (p / "datapackage.json").is_file())


def full_reason(stderr: str) -> str:
    """Return everything git said about a failure, in one line, without any credentials.

    Kept whole for a refused push: a hook's own message (``remote: ...``) and git's ``!`` line
    together say why, and git's hints say what to do; only the line naming the remote is left out.
    """
    lines = [line.strip() for line in stderr.splitlines()
             if line.strip() and not line.startswith("To ")]
    return _CREDENTIALS.sub("", " ".join(lines) or "no reason given")


def push(remote: str, branch: str) -> None:
    """Push ``branch`` of the current repository to ``remote``; report git's whole reason if not."""
    result = git("push", "--quiet", remote, f"refs/heads/{branch}:refs/heads/{branch}",
                  check=False)
    if result.returncode == 0:
        return
    reason = full_reason(result.stderr)
    if "fetch first" in reason or "non-fast-forward" in reason:
        fix = ("The branch changed on the remote while this ran (someone else published?): "
               "run the command again; it starts from the branch as the remote has it then.")
    elif "hook declined" in reason:
        fix = ("A hook on the remote refused the push: its message (the 'remote:' lines) says "
               "why. Ask whoever manages the repository.")
    else:
        fix = "Check that the remote exists and that you may push to it."
    raise problem(f"git refused the push, so nothing was published: {reason}", fix,
                   "push-rejected")


def set_root(branch: str, not_found: bytes | None) -> None:
    """Point the branch's root at ``latest`` and serve a release's not-found page there.

    GitHub Pages only uses the ``404.html`` at the root of a site; a release's page works
    from anywhere because MkDocs writes its links from ``site_url``.
    """
    from mike import commands, git_utils

    try:
        commands.set_default(LATEST, branch=branch, message=f"Set the default release to {LATEST}")
    except git_utils.GitEmptyCommit:
        pass  # the root already redirects to latest
    if not_found is not None:
        try:
            with git_utils.Commit(branch, "Serve the latest release's not-found page") as commit:
                commit.add_file(git_utils.FileInfo("404.html", not_found))
        except git_utils.GitEmptyCommit:
            pass
