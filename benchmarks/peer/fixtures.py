"""Reads the fixtures robust4j writes (benchmarks/compare/Fixtures.java): DIR/manifest.json
{"format": 1, "entries": {NAME: {"file", "shape", "dtype"}}} and one raw little-endian, C-order
file per entry, float32 or int32, no header."""
import json
import os

import numpy as np
import torch

from models import SmallCNN

FORMAT = 1
DTYPES = {"float32": "<f4", "int32": "<i4"}


class FixtureError(Exception):
    """Missing or malformed fixtures (the suite exits with status 2)."""


class Fixtures:
    def __init__(self, directory):
        if directory is None:
            raise FixtureError("this row reads the shared fixtures: give --fixtures DIR")
        self.dir = directory
        path = os.path.join(directory, "manifest.json")
        try:
            with open(path) as f:
                manifest = json.load(f)
        except (OSError, ValueError) as e:
            raise FixtureError("cannot read %s: %s" % (path, e))
        if manifest.get("format") != FORMAT:
            raise FixtureError("%s: format %r, expected %d" % (path, manifest.get("format"), FORMAT))
        self.entries = manifest.get("entries", {})

    def array(self, name):
        e = self.entries.get(name)
        if e is None:
            raise FixtureError("%s: no fixture named '%s'" % (self.dir, name))
        if e.get("dtype") not in DTYPES:
            raise FixtureError("%s: unsupported dtype %r" % (name, e.get("dtype")))
        path = os.path.join(self.dir, e["file"])
        try:
            a = np.fromfile(path, dtype=DTYPES[e["dtype"]])
        except OSError as err:
            raise FixtureError("cannot read %s: %s" % (path, err))
        shape = [int(d) for d in e["shape"]]
        if a.size != int(np.prod(shape)):
            raise FixtureError("%s: %d values, expected %d for shape %s" % (path, a.size, np.prod(shape), shape))
        return a.reshape(shape)

    def tensor(self, name):
        """A float32 entry as a float32 tensor, an int32 entry as int64 (class labels)."""
        a = self.array(name)
        t = torch.from_numpy(a.astype(a.dtype.newbyteorder("=")))
        return t.long() if a.dtype.kind == "i" else t

    def small_cnn(self):
        """The trained small CNN ('cnn.<parameter>' entries) in eval mode, parameters frozen."""
        model = SmallCNN()
        state = {}
        for name, p in model.state_dict().items():
            t = self.tensor("cnn." + name)
            if tuple(t.shape) != tuple(p.shape):
                raise FixtureError("cnn.%s: stored shape %s, the model has %s" % (name, list(t.shape), list(p.shape)))
            state[name] = t
        model.load_state_dict(state)
        model.eval()
        for p in model.parameters():
            p.requires_grad_(False)
        return model
