"""The payload kinds: every way a careless or hostile cell has tried to break a page.

Each kind is a list of payload templates. ``{origin}`` in a template becomes ``kind:field`` when
it is planted, so a script that runs sets ``window.__pwned`` to the name of the kind and the field
it came from, and a request that leaves the site names them in its address.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Every remote address a payload uses points at this host; the browser check refuses any request
#: that is not for the local server, and the static check any loading element that points away.
REMOTE = "https://hostile-corpus.example.org"
RUN = "window.__pwned='{origin}'"

# True since check refuses text that starts like a spreadsheet formula (issue 15, part A): the
# formula kind is then checked at check (text-formula) instead of in the built site.
FORMULA_REFUSED_AT_CHECK = True


@dataclass(frozen=True)
class Kind:
    """One kind of payload: its templates, and the problem code check refuses it with (if any)."""

    name: str
    templates: tuple[str, ...]
    refused_as: str = ""  # the problem code, when check refuses this kind
    at_start: bool = False  # planted at the start of the cell (formulas only work there)

    def payloads(self, origin: str) -> tuple[str, ...]:
        """Return the templates with ``{origin}`` filled in (``str.format`` would eat ``{{ }}``)."""
        return tuple(t.replace("{origin}", origin) for t in self.templates)

    def payload(self, origin: str) -> str:
        """Return every payload of the kind in one text, as the systematic corpus plants it."""
        return " ".join(self.payloads(origin))


_S = RUN
KINDS: tuple[Kind, ...] = (
    Kind("yaml-escapes", (
        '\\x3cimg src=x onerror="' + _S + '"\\x3e',
        '\\u003cscript\\u003e' + _S + '\\u003c/script\\u003e',
        '"\\x3csvg onload=' + _S + '\\x3e"',
        "\\N \\_ \\L \\P \\e \\0 \\U0001F600",
    )),
    Kind("quotes", (
        "it's \"quoted\" and ''twice'' and `ticked`",
        'unbalanced " here',
        "unbalanced ' here",
        "unbalanced ` here",
        "x\" onmouseover=\"" + _S + "\" y=\"",
        "x' onfocus='" + _S + "' autofocus '",
    )),
    Kind("backslashes", (
        "CiN\\CP", "C:\\temp\\", "a\\\\b", "\\\"", "\\'", "\\n not a newline", "trailing\\",
    )),
    Kind("newlines", (
        "line\nbreak", "dos\r\nbreak", "mac\rbreak", "line\u2028separator",
        "paragraph\u2029separator",
        "front\n---\ntitle: pwned\npage_type: pwned\n---\nmatter",
        "blank\n\n<script>" + _S + "</script>\n\nlines",
        "indented\n\n    <img src=x onerror=\"" + _S + "\">\n",
    )),
    Kind("html", (
        "<script>" + _S + "</script>",
        '<img src=x onerror="' + _S + '">',
        '<svg onload="' + _S + '">',
        '<iframe src="javascript:' + _S + '"></iframe>',
        '<iframe srcdoc="<script>parent.' + _S + '</script>"></iframe>',
        '<a href="javascript:' + _S + '">a</a>',
        '"><img src=x onerror="' + _S + '">',
        "'><svg onload=\"" + _S + "\">",
        "</script><script>" + _S + "</script>",
        "</textarea></title></style><img src=x onerror=\"" + _S + "\">",
        '<details open ontoggle="' + _S + '">',
        '<math><mtext><table><mglyph><style><img src=x onerror="' + _S + '">',
        '<img src="' + REMOTE + '/{origin}/img.png">',
        '<link rel="stylesheet" href="' + REMOTE + '/{origin}/style.css">',
        "<style>@import url(" + REMOTE + "/{origin}/import.css);</style>",
        '<span style="background:url(' + REMOTE + '/{origin}/bg.png)">bg</span>',
        '<base href="' + REMOTE + '/{origin}/">',
        '<meta http-equiv="refresh" content="0;url=javascript:' + _S + '">',
        '<object data="javascript:' + _S + '"></object>',
        '<embed src="' + REMOTE + '/{origin}/embed.swf">',
        '<video><source onerror="' + _S + '"></video>',
        '<form action="javascript:' + _S + '"><button>go</button></form>',
        "<!-- unclosed comment",
        "<![CDATA[ x ]]>",
    )),
    Kind("markdown", (
        "[link](javascript:" + _S + ")",
        "[case](JaVaScRiPt:" + _S + ")",
        "[angle](<javascript:" + _S + ">)",
        "[entity](javascript&colon;" + _S + ")",
        "[data](data:text/html,<script>" + _S + "</script>)",
        "![remote](" + REMOTE + "/{origin}/md.png)",
        '![titled](' + REMOTE + '/{origin}/titled.png "t")',
        "![svg](data:image/svg+xml,<svg onload=" + _S + ">)",
        "[ref link][r1] ![ref image][r2]\n\n[r1]: javascript:" + _S + "\n[r2]: "
        + REMOTE + "/{origin}/ref.png\n",
        "<javascript:" + _S + ">",
        "| a | b |\n|---|---|\n| <img src=x onerror=\"" + _S + "\"> | d |",
        "# heading {#x onclick=\"" + _S + "\"}",
        "```html\n<script>" + _S + "</script>\n```",
        "text{: onclick=\"" + _S + "\" }",
        "*[HTML]: <img src=x onerror=\"" + _S + "\">\nHTML",
        "<div markdown=\"1\">\n<script>" + _S + "</script>\n</div>",
        "footnote[^1]\n\n[^1]: <img src=x onerror=\"" + _S + "\">",
        "**bold** _em_ `code` ~~strike~~ ==mark== ^^ins^^",
    )),
    Kind("template", (
        "{{ 7*7 }}", "{{ '{origin}'|upper }}", "{% if true %}TPL-IF{% endif %}", "{# comment #}",
        "{% raw %}", "{% endraw %}", "{{ config }}", "{{ page.title }}",
        "{% include 'main.html' %}", "{{ cycler.__init__.__globals__ }}",
        "{{ macros_info() }}", "{% macro m() %}M{% endmacro %}", "${{ x }}", "<%= 7*7 %>",
        "{%", "{{", "}}",
    )),
    Kind("unicode", (
        "right\u202eto-left", "zero\u200bwidth\u200c\u200d\ufeffjoiners", "combining e\u0301",
        "wide \uff1cscript\uff1e", "emoji \U0001f600", "x" * 3000,
    )),
    Kind("control", ("bell\x07escape\x1b[31mred", "nul\x00here", "del\x7fc1\x85"),
         refused_as="text-control"),
    Kind("formula", (
        '=HYPERLINK("' + REMOTE + '/{origin}/formula","click")', "+1+1", "-2+3", "@SUM(A1)",
        "\t=1", "\r=1",
    ), refused_as="text-formula" if FORMULA_REFUSED_AT_CHECK else "", at_start=True),
)
BY_NAME = {kind.name: kind for kind in KINDS}


def built_kinds() -> tuple[Kind, ...]:
    """Return the kinds check accepts, which must build into a safe site."""
    return tuple(kind for kind in KINDS if not kind.refused_as)


def refused_kinds() -> tuple[Kind, ...]:
    """Return the kinds check must refuse, each with its problem code."""
    return tuple(kind for kind in KINDS if kind.refused_as)
