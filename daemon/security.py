"""Who may talk to the daemon: loopback by default, CURVE keys for anything else.

A daemon bound beyond loopback without CURVE would hand the GPU (and `shutdown`) to the whole
network, so that is refused. With CURVE, the server has a key pair and only clients whose
public keys sit in an authorised-keys folder get in (zmq.auth, ZAP).
"""

import ipaddress
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Tuple

import zmq

from footprint_writer.errors import Ds2fpError


@dataclass(frozen=True)
class CurveConfig:
    """Server side: its secret key file and the folder of authorised client public keys."""

    server_secret_file: Path
    authorized_dir: Path


def endpoint_is_local(endpoint: str) -> bool:
    """True for loopback TCP, ipc:// and inproc:// endpoints."""
    scheme, _, rest = endpoint.partition("://")
    if scheme in ("ipc", "inproc"):
        return True
    if scheme != "tcp":
        return False
    host = rest.rsplit(":", 1)[0].strip("[]")
    if host in ("*", ""):
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        try:
            return ipaddress.ip_address(socket.gethostbyname(host)).is_loopback
        except OSError:
            return False


def peer_is_local(address: Optional[str]) -> bool:
    """The ROUTER frame's Peer-Address (None for inproc/ipc, which are local)."""
    if not address:
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


def check_curve_dir(folder: Path) -> None:
    """The folder `ds2fp keys` made, or an error that says so (before anything starts)."""
    secret = Path(folder) / "server.key_secret"
    if not secret.is_file():
        raise Ds2fpError(f"{secret} does not exist",
                         hint=f"create the keys with `ds2fp keys {folder}`")
    if not (Path(folder) / "authorized").is_dir():
        raise Ds2fpError(f"{Path(folder) / 'authorized'} does not exist",
                         hint="put the public keys of the clients allowed in there")


def check_bind(endpoint: str, curve: Optional[CurveConfig]) -> None:
    if not endpoint_is_local(endpoint) and curve is None:
        raise Ds2fpError(
            f"refusing to listen on {endpoint} without encryption",
            hint="bind tcp://127.0.0.1:PORT, or create keys with `ds2fp keys DIR` and pass "
                 "--curve-dir DIR so only authorised clients can connect")


def start_curve(context: zmq.Context, sock: zmq.Socket, curve: CurveConfig):
    """Make `sock` a CURVE server allowing only authorised client keys; returns the ZAP thread."""
    from zmq.auth import load_certificate
    from zmq.auth.thread import ThreadAuthenticator

    public, secret = load_certificate(str(curve.server_secret_file))
    if not secret:
        raise Ds2fpError(f"{curve.server_secret_file} holds no secret key",
                         hint="pass the server.key_secret file made by `ds2fp keys`")
    auth = ThreadAuthenticator(context)
    auth.start()
    auth.configure_curve(domain="*", location=str(curve.authorized_dir))
    sock.curve_secretkey = secret
    sock.curve_publickey = public
    sock.curve_server = True
    return auth


def make_keys(folder: Path) -> Tuple[Path, Path]:
    """Create server and client key pairs in `folder`; returns the two secret-key files.

    Layout: server.key(_secret), client.key(_secret), and authorized/ with client.key so the
    server accepts that client (copy more client public keys there to add clients).
    """
    from zmq.auth import create_certificates

    folder.mkdir(parents=True, exist_ok=True)
    for name in ("server", "client"):
        if (folder / f"{name}.key_secret").exists():
            raise Ds2fpError(f"{folder / (name + '.key_secret')} exists; not overwriting keys")
    _, server_secret = create_certificates(str(folder), "server")
    client_public, client_secret = create_certificates(str(folder), "client")
    authorized = folder / "authorized"
    authorized.mkdir(exist_ok=True)
    (authorized / "client.key").write_bytes(Path(client_public).read_bytes())
    return Path(server_secret), Path(client_secret)
