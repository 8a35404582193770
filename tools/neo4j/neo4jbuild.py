"""The pieces the local Neo4j runs from: Neo4j's jars (Maven) and the compiled launcher.

Both live in the ignored ``.neo4j/`` folder and are made again only when what they come from
changes: ``lib/`` when the pinned version or pom.xml changes, ``classes/`` when
GkgNeo4j.java or the jars change (a stamp file in each folder records which).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

TOOL = Path(__file__).resolve().parent
POM = TOOL / "pom.xml"
SOURCE = TOOL / "src" / "gkgtools" / "GkgNeo4j.java"
MAIN_CLASS = "gkgtools.GkgNeo4j"
STAMP = ".gkg-stamp"


class Neo4jCtlError(Exception):
    """A step failed; the message says which and what to do."""


def home(root: Path) -> Path:
    """The ignored folder of the local Neo4j."""
    return Path(root) / ".neo4j"


def pinned_version() -> str:
    """The org.neo4j:neo4j version pinned in tools/neo4j/pom.xml."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    for dep in ET.parse(POM).iterfind(".//m:dependencies/m:dependency", ns):
        if dep.findtext("m:artifactId", namespaces=ns) == "neo4j":
            return (dep.findtext("m:version", namespaces=ns) or "").strip()
    raise Neo4jCtlError(f"{POM}: no org.neo4j:neo4j dependency")


def program(name: str) -> str:
    """The path of java, javac or mvn (JAVA_HOME first for the JDK's), or a clear error."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and name != "mvn" and (Path(java_home) / "bin" / name).exists():
        return str(Path(java_home) / "bin" / name)
    found = shutil.which(name)
    if not found:
        package = "maven" if name == "mvn" else "openjdk-17-jdk-headless"
        raise Neo4jCtlError(f"{name} not found on PATH: install it (Debian package {package})")
    return found


def _run(cmd: list[str], what: str) -> None:
    done = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise Neo4jCtlError(f"{what} failed (exit {done.returncode}):\n{tail}")


def _fresh(folder: Path, stamp: str) -> bool:
    mark = folder / STAMP
    return mark.is_file() and mark.read_text().strip() == stamp


def _build(folder: Path, stamp: str, cmd: list[str], what: str) -> None:
    """Run cmd to fill folder.tmp, then put it in place of folder (never half-made)."""
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    _run([part.replace("{out}", str(tmp)) for part in cmd], what)
    (tmp / STAMP).write_text(stamp + "\n")
    if folder.exists():
        shutil.rmtree(folder)
    tmp.rename(folder)


def ensure_jars(root: Path) -> Path:
    """Gather the pinned Neo4j's jars into .neo4j/lib with Maven, unless already there."""
    lib, version = home(root) / "lib", pinned_version()
    stamp = hashlib.sha256(version.encode() + b"\0" + POM.read_bytes()).hexdigest()
    if not _fresh(lib, stamp):
        mvn = [program("mvn"), "-q", "-B", "-f", str(POM), "dependency:copy-dependencies"]
        opts = ["-DincludeScope=runtime", "-DoutputDirectory={out}"]
        _build(lib, stamp, mvn + opts, f"Fetching Neo4j {version} with Maven")
    return lib


def ensure_classes(root: Path, lib: Path) -> Path:
    """Compile the launcher into .neo4j/classes when its source or the jars changed."""
    classes = home(root) / "classes"
    parts = SOURCE.read_bytes() + b"\0" + (lib / STAMP).read_bytes()
    stamp = hashlib.sha256(parts).hexdigest()
    if not _fresh(classes, stamp):
        javac = [program("javac"), "--release", "17", "-d", "{out}", "-cp", f"{lib}/*"]
        _build(classes, stamp, [*javac, str(SOURCE)], "Compiling GkgNeo4j.java")
    return classes
