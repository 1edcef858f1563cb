"""Check that a template reads only attributes its context's types have, rows included.

Jinja reads ``row.latest`` from a dataclass or a dict alike and prints nothing (or stops the
build) when the name is wrong. This follows the context's field types through the template
instead: a variable has its field's type, a ``for`` loop's name the type of the sequence's items,
``a.b`` the type of field ``b`` of ``a``'s class. Reading a name that the class has neither as a
field nor as a property or method is reported, and so is dict-only syntax (``row["latest"]``) on
a class. Where the type is not known (a filter's result, a macro's argument) nothing is checked.
"""

from __future__ import annotations

import types
import typing
from dataclasses import fields, is_dataclass

from jinja2 import nodes

from generator.pages.render import environment
from tests.template_reference import field_types

Scope = dict[str, object]


def unwrapped(hint: object) -> object:
    """Return ``X`` for ``X | None``, and any other type as it is."""
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        rest = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return rest[0] if len(rest) == 1 else None
    return hint


def item_type(hint: object) -> object:
    """Return the type of the items a loop over a value of this type gives, or None."""
    hint = unwrapped(hint)
    args = typing.get_args(hint)
    return args[0] if typing.get_origin(hint) in (tuple, list) and args else None


def _attribute(owner: object, name: str, problems: list[str]) -> object:
    """Return the type of ``owner.name``, reporting a name a dataclass does not have."""
    cls = unwrapped(owner)
    if not (isinstance(cls, type) and is_dataclass(cls)):
        return None
    if name in {item.name for item in fields(cls)}:
        try:
            return field_types(cls)[name]
        except NameError:  # an annotation only a type checker resolves
            return None
    if not hasattr(cls, name):
        problems.append(f"{cls.__name__} has no {name!r}")
    return None


def _type_of(node: nodes.Node, scope: Scope, problems: list[str]) -> object:
    """Return the type of an expression (None when unknown), checking what it reads."""
    if isinstance(node, nodes.Name):
        return scope.get(node.name)
    if isinstance(node, nodes.Getattr):
        return _attribute(_type_of(node.node, scope, problems), node.attr, problems)
    if isinstance(node, nodes.Getitem):
        owner = unwrapped(_type_of(node.node, scope, problems))
        if isinstance(owner, type) and is_dataclass(owner) and isinstance(node.arg, nodes.Const):
            problems.append(f"{owner.__name__}[{node.arg.value!r}] reads a class as a dict")
        _check(node.arg, scope, problems)
        return item_type(owner) if isinstance(node.arg, nodes.Const) else None
    _check_children(node, scope, problems)
    return None


def _check_children(node: nodes.Node, scope: Scope, problems: list[str]) -> None:
    for child in node.iter_child_nodes():
        _check(child, scope, problems)


def _check(node: nodes.Node, scope: Scope, problems: list[str]) -> None:
    if isinstance(node, nodes.For):
        items = item_type(_type_of(node.iter, scope, problems))
        target = node.target
        # A loop over pairs ({% for a, b in ... %}) gives each name a type we do not know.
        names = [target] if isinstance(target, nodes.Name) else list(target.find_all(nodes.Name))
        inner = {**scope, **{name.name: items if name is target else None for name in names}}
        for child in [*node.body, *node.else_, *([node.test] if node.test else [])]:
            _check(child, inner, problems)
    elif isinstance(node, nodes.Macro):
        own = {**scope, **{arg.name: None for arg in node.args}}
        for child in node.body:
            _check(child, own, problems)
    elif isinstance(node, nodes.Expr):
        _type_of(node, scope, problems)
    else:
        _check_children(node, scope, problems)


def unknown_reads(source: str, context: type) -> list[str]:
    """Return what a template's source reads that its context's types do not have."""
    problems: list[str] = []
    _check(environment().parse(source), dict(field_types(context)), problems)
    return problems


def template_source(template: str) -> str:
    """Return the source of one of the page templates."""
    env = environment()
    return env.loader.get_source(env, template)[0]  # type: ignore[union-attr]
