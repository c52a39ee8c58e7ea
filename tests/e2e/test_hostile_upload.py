"""Uploading bad files on the Import & export page: a plain reason for each, and the draft untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import expect

from session_model import share
from tests.e2e.conftest import StudioPage
from tests.support.corpus import CASES, materialise

UPLOADED = ("invalid_utf8", "utf16_with_bom", "binary_garbage", "five_thousand_digits", "nesting_65", "lone_surrogate",
            "instructions_one_megabyte", "nested_10000_objects")


def test_bad_uploads_are_explained_and_change_nothing(studio: StudioPage, tmp_path: Path):
    page = studio.open(f"?share={share.encode({'voice': 'coral', 'speed': 1.1})}").page
    expect(page.get_by_text("Draft is valid · 2 setting(s) set")).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Import & export").click()
    studio.settle()
    uploader = page.locator("[data-testid='stFileUploaderDropzoneInput']")
    for case in (c for c in CASES if c["name"] in UPLOADED):
        source = materialise(case, tmp_path)
        upload = tmp_path / f"{case['name']}.json"  # the uploader takes .json and .txt files
        if source != upload:
            shutil.copy(source, upload)
        uploader.set_input_files(str(upload))
        studio.settle()
        expected = case.get("import_message", case["message"])
        expect(page.get_by_text(expected.replace("\\\\", "\\")).first).to_be_visible()
        expect(page.get_by_text("Draft is valid · 2 setting(s) set")).to_be_visible()

    # 20 MB: stopped by the uploader itself (server.maxUploadSize), before the studio holds it.
    big = materialise(next(c for c in CASES if c.get("generate") == "twenty_megabytes"), tmp_path)
    uploader.set_input_files(str(big))
    studio.settle()
    page.screenshot(path=str(tmp_path / "upload_20mb.png"))
    expect(page.get_by_text("File must be 3.0MB or smaller.")).to_be_visible()
    expect(page.get_by_text("Draft is valid · 2 setting(s) set")).to_be_visible()
