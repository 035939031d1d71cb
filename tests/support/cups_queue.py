"""A private CUPS server with a CUPS-PDF queue, for the real-print test: its own configuration,
spool and log in a temporary folder, listening only on a local socket there (no network port).
The cups-pdf backend writes the printed PDF where ``cups-pdf-<queue>.conf`` says."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

QUEUE = "ivigdesk-test"
PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd")
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_CONF = Path(f"/etc/cups/cups-pdf-{QUEUE}.conf")


def missing() -> str | None:
    """Why a CUPS-PDF queue cannot be made here, or None."""
    for tool in ("cupsd", "lpadmin", "lpstat"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            return f"{tool} is not installed (apt packages cups, printer-driver-cups-pdf)"
    if not PPD.exists() or not BACKEND.exists():
        return "printer-driver-cups-pdf is not installed"
    if os.geteuid() != 0:
        return "the cups-pdf backend runs only for root here"
    return None


@dataclass
class Server:
    root: Path
    socket: Path
    out: Path
    process: subprocess.Popen[bytes]

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "CUPS_SERVER": str(self.socket)}

    def jobs_done(self, timeout: float = 90) -> list[str]:
        """Wait until the queue is empty; the completed jobs' lines."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pending = subprocess.run(["lpstat", "-o", QUEUE], capture_output=True, text=True, env=self.env).stdout
            if not pending.strip() and list(self.out.glob("*.pdf")):
                break
            time.sleep(0.5)
        done = subprocess.run(["lpstat", "-W", "completed", "-o", QUEUE], capture_output=True, text=True, env=self.env)
        return done.stdout.splitlines()

    def shut_down(self) -> None:
        """Stop ``cupsd`` (it writes its job records as it stops); the folder stays."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def job_records(self) -> list[bytes]:
        """What CUPS keeps of each job (its control files), read once it has stopped."""
        self.shut_down()
        return [path.read_bytes() for path in (self.root / "spool").glob("c*")]

    def stop(self) -> None:
        self.shut_down()
        CUPS_PDF_CONF.unlink(missing_ok=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def log(self) -> str:
        path = self.root / "log" / "error_log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else "(no error log)"


def start() -> Server:
    """Start ``cupsd`` with everything in a new temporary folder and add the CUPS-PDF queue (the
    folder is open to the ``lp`` user that CUPS runs its filters as; removed by :meth:`Server.stop`)."""
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="ivigdesk-cups-"))
    root.chmod(0o755)
    for name in ("spool", "spool/tmp", "cache", "state", "log", "out", "ppd"):
        (root / name).mkdir(parents=True, exist_ok=True)
    os.chmod(root / "out", 0o777)
    socket = root / "cups.sock"
    (root / "cupsd.conf").write_text(
        f"Listen {socket}\nLogLevel info\nBrowsing No\nPreserveJobHistory Yes\nPreserveJobFiles No\n"
        "WebInterface No\nDefaultAuthType None\n<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
    )
    (root / "cups-files.conf").write_text(
        f"ServerRoot {root}\nRequestRoot {root / 'spool'}\nTempDir {root / 'spool/tmp'}\nCacheDir {root / 'cache'}\n"
        f"StateDir {root / 'state'}\nAccessLog {root / 'log/access_log'}\nErrorLog {root / 'log/error_log'}\n"
        f"PageLog {root / 'log/page_log'}\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\n"
        f"Printcap {root / 'printcap'}\nSystemGroup root\nUser lp\nGroup lp\nFileDevice No\n"
    )
    CUPS_PDF_CONF.write_text(f"Out {root / 'out'}\nAnonDirName {root / 'out'}\nUserUMask 0077\nLabel 0\n")
    cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
    with open(root / "log" / "cupsd-output", "wb") as output:
        process = subprocess.Popen(
            [cupsd, "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
            stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = Server(root, socket, root / "out", process)
    deadline = time.monotonic() + 30
    while not socket.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            said = (root / "log" / "cupsd-output").read_text(errors="replace")
            server.stop()
            raise RuntimeError(f"cupsd did not start: {said}")
        time.sleep(0.2)
    subprocess.run(
        ["lpadmin", "-p", QUEUE, "-E", "-v", f"cups-pdf:/{QUEUE}", "-P", str(PPD)], check=True, env=server.env,
        capture_output=True,
    )  # fmt: skip
    subprocess.run(["cupsenable", QUEUE], env=server.env, capture_output=True)
    subprocess.run(["cupsaccept", QUEUE], env=server.env, capture_output=True)
    return server
