"""The checksum manifest that shows a knowledge base is the approved one
(``ivigdesk.knowledge.manifest``), in ``sha256sum`` format. SHA-256("abc") is the FIPS 180-2
test vector ba7816bf…15ad."""

from __future__ import annotations

import hashlib

import pytest

from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.knowledge.manifest import (
    MANIFEST,
    check_digests,
    check_manifest,
    manifest_text,
    read_manifest,
    write_manifest,
)

ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_the_manifest_is_sha256sums_format_sorted_by_name():
    assert hashlib.sha256(b"abc").hexdigest() == ABC
    text = manifest_text({"rules.yaml": b"abc", "indications.yaml": b""})
    empty = hashlib.sha256(b"").hexdigest()
    assert text == f"{empty}  indications.yaml\n{ABC}  rules.yaml\n"


def test_a_written_manifest_reads_back(tmp_path):
    (tmp_path / "rules.yaml").write_bytes(b"abc")
    assert write_manifest(tmp_path, ["rules.yaml"]) == tmp_path / MANIFEST
    assert read_manifest(tmp_path) == {"rules.yaml": ABC}
    assert check_manifest(tmp_path, {"rules.yaml": b"abc"}) == {"rules.yaml": ABC}


def test_binary_mode_stars_comments_blank_lines_and_upper_case_are_read(tmp_path):
    (tmp_path / MANIFEST).write_text(f"# approved 2026-11-26\n\n{ABC.upper()} *rules.yaml\n", encoding="utf-8")
    assert read_manifest(tmp_path) == {"rules.yaml": ABC}


@pytest.mark.parametrize(
    ("text", "words", "line"),
    [
        (f"{ABC[:-1]}  rules.yaml\n", "expected '<64 hex digits>  <file name>'", 1),
        (f"{ABC}  ../rules.yaml\n", "expected '<64 hex digits>  <file name>'", 1),
        (f"{ABC}  rules.yaml\n{ABC}  rules.yaml\n", "rules.yaml is listed twice", 2),
    ],
)
def test_a_malformed_manifest_is_refused_at_its_line(tmp_path, text, words, line):
    (tmp_path / MANIFEST).write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=words) as refused:
        read_manifest(tmp_path)
    assert refused.value.line == line and refused.value.file == MANIFEST


def test_no_manifest_and_not_text_are_refused(tmp_path):
    with pytest.raises(KnowledgeBaseError, match="there is no checksum manifest"):
        read_manifest(tmp_path)
    (tmp_path / MANIFEST).write_bytes(b"\xff\xfe")
    with pytest.raises(KnowledgeBaseError, match=r"not UTF-8 text \(byte 0\)"):
        read_manifest(tmp_path)


def test_a_changed_or_unlisted_file_is_refused_by_name():
    with pytest.raises(KnowledgeBaseError, match="does not match its checksum") as refused:
        check_digests({"rules.yaml": ABC}, {"rules.yaml": b"abd"})
    assert refused.value.file == "rules.yaml"
    with pytest.raises(KnowledgeBaseError, match=r"not listed in MANIFEST\.sha256"):
        check_digests({"rules.yaml": ABC}, {"other.yaml": b"abc"})
    check_digests({"rules.yaml": ABC, "unused.yaml": ABC}, {"rules.yaml": b"abc"})  # extra entries are fine
