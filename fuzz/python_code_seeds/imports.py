from __future__ import annotations
import importlib
import a.b, c as d
from . import m
from ..pkg.mod import (f as g,
                       h)
from helpers.util import *

plugin = importlib.import_module('plugins.' + NAME)
json = __import__('json')


def outer(x, *args, y=lambda: g(), **kw):
    def inner():
        return h(x)
    class Local(d.Base):
        def run(self):
            self.run(); inner()
    return [inner() for _ in args], {k: v for k, v in kw.items()}
