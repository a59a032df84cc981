"""The OpenAPI 3.1 description of the open data (openapi.yaml beside this module), as served at
``/api/v1/openapi.json`` and read by the API page at ``/api``."""
from __future__ import annotations

import copy
from functools import cache
from pathlib import Path

import yaml
from flask import url_for

SOURCE = Path(__file__).with_name("openapi.yaml")
METHODS = ("get", "head", "post", "put", "patch", "delete")


@cache
def _loaded() -> dict:
    return yaml.safe_load(SOURCE.read_text(encoding="utf-8"))


def description() -> dict:
    """The description, with this site's address as its server."""
    served = copy.deepcopy(_loaded())
    served["servers"] = [{"url": url_for("consultations.front_page", _external=True).rstrip("/")}]
    return served


def operations(described: dict) -> list[dict]:
    """Each operation in the order of the description, with its path and method, and its parameters
    with the shared ones looked up."""
    found = []
    for path, item in described["paths"].items():
        for method in METHODS:
            if method in item:
                operation = item[method]
                found.append({
                    **operation,
                    "path": path,
                    "method": method.upper(),
                    "parameters": [resolve(described, parameter) for parameter in operation.get("parameters", [])],
                    "responses": {status: resolve(described, answer)
                                  for status, answer in operation["responses"].items()},
                })
    return found


def resolve(described: dict, node: dict) -> dict:
    """``node``, or what its ``$ref`` (``#/components/…``) points to."""
    reference = node.get("$ref") if isinstance(node, dict) else None
    if reference is None:
        return node
    target = described
    for part in reference.removeprefix("#/").split("/"):
        target = target[part]
    return resolve(described, target)
