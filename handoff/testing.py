"""A real agent for tests and benchmarks: Debian's Chromium, driven by Playwright, on loopback.

The browser gets a fake microphone fed from a WAV (the agent's voice) and a fresh profile;
it must be told to keep WebRTC on loopback (``--allow-loopback-in-peer-connection``, no mDNS
names for host candidates), since tests send traffic to 127.0.0.1 only. The browser process
is Playwright's child and is stopped with it.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

__all__ = ["CHROMIUM", "agent_voice", "chromium_page", "sign_in"]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
    "--allow-loopback-in-peer-connection",
    "--disable-features=WebRtcHideLocalIpsWithMdns",
]


def agent_voice(text: str, out: Path, *, silence_after: float = 4.0) -> Path:
    """The agent's microphone: ``text`` spoken by espeak-ng at 48 kHz, then silence (Chromium
    loops the file, so the silence is the gap between repeats)."""
    raw = out.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(raw), text], check=True)
    subprocess.run(
        ["sox", str(raw), "-r", "48000", "-c", "1", "-b", "16", str(out), "pad", "0.3",
         str(silence_after)],
        check=True,
    )  # fmt: skip
    raw.unlink()
    return out


@asynccontextmanager
async def chromium_page(microphone: Path, profile: Path) -> AsyncIterator[Any]:
    """A fresh headless Chromium page whose microphone plays ``microphone``."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=[*FLAGS, f"--use-file-for-fake-audio-capture={microphone}"],
            permissions=["microphone"],
        )
        try:
            page = browser.pages[0] if browser.pages else await browser.new_page()
            yield page
        finally:
            await browser.close()


async def sign_in(page: Any, base_url: str, username: str, password: str) -> None:
    await page.goto(f"{base_url}/console")
    await page.fill("#username", username)
    await page.fill("#password", password)
    await page.click("button[type=submit]")
    await page.wait_for_selector("#desk:not([hidden])")
