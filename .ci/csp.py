#!/usr/bin/env python3
"""Trunk's post-build hook: gives the built page its Content-Security-Policy.

The page runs only its own files: the module script Trunk writes inline to start the wasm (allowed
by its SHA-256, computed here from the built page, so the policy needs no nonce and works on any
static host), the wasm-bindgen JavaScript and the WebAssembly it loads ('self' and
'wasm-unsafe-eval'), the YAML reader's worker ('self'), and the lessons' words it fetches
('self'). No other origin is named, so the page can send nothing anywhere else.

Styles: Yew and the charts' SVG set style attributes, which a policy can allow only with
'unsafe-inline' for styles; scripts are never allowed inline.

Usage (Trunk runs it with TRUNK_STAGING_DIR set): python3 .ci/csp.py [DIR]
"""

import base64
import hashlib
import os
import re
import sys

MARKER = "<!-- Content-Security-Policy: written by .ci/csp.py -->"


def policy(script_hashes):
    scripts = " ".join(f"'sha256-{h}'" for h in script_hashes)
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'wasm-unsafe-eval' {scripts}".rstrip(),
            "worker-src 'self'",
            "connect-src 'self'",
            "img-src 'self' data: blob:",
            "style-src 'self' 'unsafe-inline'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TRUNK_STAGING_DIR")
    if not directory:
        sys.exit("csp.py: say which folder holds the built index.html (TRUNK_STAGING_DIR or an argument)")
    path = os.path.join(directory, "index.html")
    with open(path, encoding="utf-8") as f:
        html = f.read()
    if MARKER in html:
        return
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    hashes = [base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") for s in inline]
    meta = f'{MARKER}\n    <meta http-equiv="Content-Security-Policy" content="{policy(hashes)}" />'
    # Right after the charset (which must come first), before anything the policy governs.
    html, n = re.subn(r"(<meta charset=[^>]*>)", lambda m: f"{m.group(1)}\n    {meta}", html, count=1)
    if n != 1:
        html, n = re.subn(r"(<head[^>]*>)", lambda m: f"{m.group(1)}\n    {meta}", html, count=1)
    if n != 1:
        sys.exit(f"csp.py: {path} has no <head>")
    with open(path, "w", encoding="utf-8") as f:
        f.write(html)


if __name__ == "__main__":
    main()
