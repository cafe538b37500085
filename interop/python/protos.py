"""Compiles the interop .proto files into real generated Python modules and imports them.

Debian's python3-grpcio ships no code generator, but Debian has protoc (protobuf-compiler, 3.21.12, the same
protobuf release as python3-protobuf's runtime) and grpc's own Python plugin (protobuf-compiler-grpc, built from
the same grpc 1.51.1 as python3-grpcio). Generating at start-up keeps generated code out of the repository and in
step with the .proto files.
"""

import atexit
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
import types

_HERE = os.path.dirname(os.path.abspath(__file__))
_PROTO_DIRS = [
    os.path.normpath(os.path.join(_HERE, "..", "shared", "src", "main", "protobuf")),  # orders.proto
    os.path.normpath(os.path.join(_HERE, "..", "proto")),  # health.proto
]
_MODULES = ["orders_pb2", "orders_pb2_grpc", "health_pb2", "health_pb2_grpc"]


def load():
    """Returns a namespace with orders_pb2, orders_pb2_grpc, health_pb2 and health_pb2_grpc."""
    protoc = shutil.which("protoc")
    plugin = shutil.which("grpc_python_plugin")
    if not protoc or not plugin:
        sys.exit("protoc or grpc_python_plugin not found: apt-get install -y protobuf-compiler protobuf-compiler-grpc")
    out = tempfile.mkdtemp(prefix="interop-py-")
    atexit.register(shutil.rmtree, out, True)
    command = [protoc, "--plugin=protoc-gen-grpc_python=" + plugin, "--python_out=" + out, "--grpc_python_out=" + out]
    command += ["--proto_path=" + d for d in _PROTO_DIRS]
    command += ["orders.proto", "health.proto"]
    subprocess.run(command, check=True)
    sys.path.insert(0, out)
    return types.SimpleNamespace(**{name: importlib.import_module(name) for name in _MODULES})
