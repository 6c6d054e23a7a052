"""The examples in the docstrings, run by import name.

pytest's ``--doctest-modules`` would import the source folders a second time under
their folder names (``extract.doc`` beside ``gongbao.extract.doc``), doubling record
classes and spaCy factories; importing through the package keeps one copy.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ("gongbao.extract", "gongbao.graph", "gongbao.ontology")


def _modules() -> list[str]:
    # Each folder is walked through its own package: in an editable install the
    # folders are not inside gongbao/, so gongbao.__path__ does not reach them.
    names = ["gongbao"]
    for package in PACKAGES:
        path = importlib.import_module(package).__path__
        names.append(package)
        names += [info.name for info in pkgutil.walk_packages(path, package + ".")]
    return sorted(names)


MODULES = _modules()


def test_every_folder_is_walked():
    assert "gongbao.extract.doc" in MODULES
    assert "gongbao.graph.views.render" in MODULES
    assert "gongbao.ontology.namespace" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in finder.find(module, name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{name}: {result.failed} docstring example(s) failed"
