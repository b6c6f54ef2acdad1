"""The size of an ONNX model's structure, counted on its protobuf bytes before ``onnx`` parses them.

Parsing builds one Python object per node, input name and attribute: 2 million Identity
nodes in a 200 MB file took 17 s and 1.9 GB before any check could run. This walks the
wire format (``ModelProto`` → graphs → nodes → attributes → subgraphs) and stops at the
first limit passed; tensors and strings are skipped by their length, never read.
"""

from __future__ import annotations

from mlpviz.engine.errors import SnapshotError
from mlpviz.i18n import msg

from .limits import MAX_ONNX_ELEMENTS, MAX_ONNX_NODES

# field numbers of onnx.proto: where the messages that hold nodes and graphs are
_MODEL_GRAPH, _MODEL_TRAINING, _MODEL_FUNCTIONS = 7, 20, 25
_GRAPH_NODE = 1
_TRAINING_GRAPHS = (1, 2)  # TrainingInfoProto.initialization, .algorithm
_FUNCTION_NODE = 7
_NODE_ATTRIBUTE = 5
_ATTRIBUTE_GRAPHS = (6, 11)  # AttributeProto.g, .graphs (the bodies of If, Loop, Scan)


def check_onnx_size(path, data: bytes) -> None:
    """Raise SnapshotError if the model in ``data`` has more nodes or entries than mlpviz reads."""
    _Counter(path, data).model()


class _Counter:
    def __init__(self, path, data: bytes) -> None:
        self.path, self.data = path, memoryview(data)
        self.nodes = self.elements = 0

    def fields(self, start: int, end: int):
        """``(field number, value start, value end)`` of the length-delimited fields in ``data[start:end]``."""
        at = start
        while at < end:
            key, at = self.varint(at, end)
            self.elements += 1
            if self.elements > MAX_ONNX_ELEMENTS:
                raise SnapshotError(msg("{path}: the ONNX model holds over {max_onnx_elements:,} entries, over the limit; a chain of dense layers needs a few hundred", path=self.path, max_onnx_elements=MAX_ONNX_ELEMENTS))
            kind = key & 7
            if kind == 0:
                _, at = self.varint(at, end)
            elif kind == 1:
                at += 8
            elif kind == 5:
                at += 4
            elif kind == 2:
                length, at = self.varint(at, end)
                if at + length > end:
                    self.damaged()
                yield key >> 3, at, at + length
                at += length
            else:  # groups (3, 4) are not used by ONNX
                self.damaged()
        if at != end:
            self.damaged()

    def varint(self, at: int, end: int) -> tuple[int, int]:
        value = shift = 0
        data = self.data
        while True:
            if at >= end or shift > 63:
                self.damaged()
            byte = data[at]
            at += 1
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value, at
            shift += 7

    def damaged(self):
        raise SnapshotError(msg("{path}: not an ONNX model (damaged protobuf data)", path=self.path))

    def model(self) -> None:
        for field, start, end in self.fields(0, len(self.data)):
            if field == _MODEL_GRAPH:
                self.graph(start, end)
            elif field == _MODEL_TRAINING:
                for inner, s, e in self.fields(start, end):
                    if inner in _TRAINING_GRAPHS:
                        self.graph(s, e)
            elif field == _MODEL_FUNCTIONS:
                for inner, s, e in self.fields(start, end):
                    if inner == _FUNCTION_NODE:
                        self.node(s, e)

    def graph(self, start: int, end: int) -> None:
        for field, s, e in self.fields(start, end):
            if field == _GRAPH_NODE:
                self.node(s, e)

    def node(self, start: int, end: int) -> None:
        self.nodes += 1
        if self.nodes > MAX_ONNX_NODES:
            raise SnapshotError(msg("{path}: the ONNX graph holds over {max_onnx_nodes:,} nodes, over the limit; a chain of dense layers needs about three a layer", path=self.path, max_onnx_nodes=MAX_ONNX_NODES))
        for field, s, e in self.fields(start, end):
            if field == _NODE_ATTRIBUTE:
                for inner, s2, e2 in self.fields(s, e):
                    if inner in _ATTRIBUTE_GRAPHS:
                        self.graph(s2, e2)
